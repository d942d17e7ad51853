"""WCAG 2.2 AA in a real browser: axe-core on every page, keyboard use, zoom and small screens."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PROJECT_DIR, screenshot, wait_for_menu, wait_until_ready
from ui.navigation import url_paths

pytestmark = pytest.mark.browser

AXE = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = ["" if key == "overview" else path for key, path in url_paths().items()]


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [v for v in result["violations"] if v["impact"] in {"serious", "critical"}]


@pytest.mark.parametrize("path", PAGES, ids=[p or "overview" for p in PAGES])
def test_axe_finds_no_serious_or_critical_problems(browser, shipped_server, path):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(f"{shipped_server.url}/{path}?locality=purbeck")
    wait_until_ready(page)
    problems = axe_violations(page)
    details = [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in problems]
    page.close()
    assert not problems, [d[:3] for d in details]


def focused(page) -> str:
    """A short description of the element that has keyboard focus."""
    return page.evaluate(
        """() => { const e = document.activeElement; if (!e) return '';
        return [e.tagName, e.getAttribute('aria-label') || '', e.getAttribute('href') || '', (e.innerText || '').slice(0, 60)].join(' | '); }"""
    )


def test_the_keyboard_alone_reaches_the_locality_picker_page_links_and_downloads(browser, shipped_server):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(f"{shipped_server.url}/best-education-for-all?locality=purbeck&indicator=persistent-absence")
    wait_until_ready(page)
    wait_for_menu(page)
    seen = []
    for _ in range(200):
        page.keyboard.press("Tab")
        seen.append(focused(page))
    page.close()
    assert any("best-start-in-life?locality=purbeck" in s for s in seen), "a page link in the menu, with the locality"
    assert any(s.startswith("INPUT") and "Locality" in s for s in seen), "the locality picker"
    assert any("Download these figures" in s for s in seen), "a download"


@pytest.mark.parametrize("width", [1280, 768, 390])
@pytest.mark.parametrize("path", ["", "best-education-for-all"], ids=["overview", "priority"])
def test_pages_fit_laptops_tablets_and_phones(browser, shipped_server, path, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{shipped_server.url}/{path}?locality=purbeck&indicator=persistent-absence")
    wait_until_ready(page)
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
    overflow = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollWidth - window.innerWidth")
    screenshot(page, f"{path or 'overview'}-{width}")
    assert overflow <= 1, f"the page is {overflow}px wider than a {width}px screen"
    assert page.locator("h1").first.is_visible()
    page.close()


def test_text_at_200_percent_reflows_without_loss(browser, shipped_server):
    # Zooming a 1280px window to 200% leaves 640 CSS pixels; content must reflow, not be cut off.
    page = browser.new_page(viewport={"width": 640, "height": 900}, device_scale_factor=2)
    page.goto(f"{shipped_server.url}/best-education-for-all?locality=purbeck&indicator=persistent-absence")
    wait_until_ready(page)
    overflow = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollWidth - window.innerWidth")
    assert overflow <= 1
    for text in ["Best education for all", "Illustrative figures on this page", "Since the plan started:"]:
        assert page.get_by_text(text).filter(visible=True).count() > 0, text
    page.close()


def test_printing_a_page_hides_the_sidebar_and_prints_whole_tables(browser, shipped_server):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{shipped_server.url}/best-education-for-all?locality=chesil&indicator=persistent-absence")
    wait_until_ready(page)
    page.emulate_media(media="print")
    # The print style arrives with the page run; on a busy machine it can land a moment after the heading.
    expect(page.locator("[data-testid=stSidebar]")).to_be_hidden(timeout=10_000)
    assert page.locator("[data-testid=stDataFrame]").count() == 0  # no canvas grids, which print cut off
    printed = page.locator("table.dash-table").first
    assert printed.is_visible()
    headers = printed.locator("th").all_inner_texts()
    assert headers[:3] == ["Indicator", "Since the plan started", "Latest"] and "Recent trend" in headers
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    page.close()
