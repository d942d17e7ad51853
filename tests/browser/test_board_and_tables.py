"""Issue 13 in a real browser: the Board's heat-table, tables a screen reader can read, the
open tab in the link, charts without toolbar tab stops, and a map clickable anywhere."""

from __future__ import annotations

import re

import pytest

from indicators.verdicts import status_text, verdict
from tests.browser.conftest import screenshot, wait_until_ready

pytestmark = pytest.mark.browser


def _rgb(colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)))


# The map's colour for each verdict (indicators/verdicts.py), as the browser computes it.
FILLS = {status_text(s): _rgb(verdict(s).colour) for s in ("better", "worse", "no-significant-change")}


def _cell_fill(page, starts: str) -> str:
    cell = page.locator("table.heat td").filter(has_text=re.compile("^" + re.escape(starts))).first
    return cell.evaluate("e => getComputedStyle(e).backgroundColor")


def test_the_boards_cells_are_coloured_by_verdict_with_words_counts_and_what_needs_attention(browser, shipped_server):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{shipped_server.url}/board")
    wait_until_ready(page)
    for words, fill in FILLS.items():  # the fill repeats the words in the cell; it never stands alone
        assert _cell_fill(page, words) == fill, words
    counts = page.locator("table.dash-table", has=page.locator("caption", has_text="Verdicts by area")).first
    assert counts.locator("th[scope=col]").all_inner_texts()[:3] == ["Area", "▼ Worse", "▲ Better"]
    assert counts.locator("tbody th[scope=row]").all_inner_texts()[:6] == [
        "Chesil",
        "Dorchester",
        "East",
        "North",
        "Purbeck",
        "West",
    ]
    attention = page.locator("table.dash-table", has=page.locator("caption", has_text="Needs attention")).first
    first_link = attention.locator("a").first
    assert "getting worse" in attention.locator("td").nth(1).inner_text()
    screenshot(page, "board-1366")
    href = first_link.get_attribute("href")
    first_link.click()  # to the chart, for that area and indicator
    page.wait_for_url(re.compile(r"indicator="), timeout=30_000)
    wait_until_ready(page)
    assert "locality=" in page.url and href.split("?")[1].split("#")[0] in page.url
    page.close()


def test_the_board_on_a_phone_shows_one_card_per_indicator_with_the_area_named_in_each_cell(browser, shipped_server):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{shipped_server.url}/board?priorities=best-start-in-life")
    wait_until_ready(page)
    cell = page.locator("table.heat td").first
    label = cell.evaluate("e => getComputedStyle(e, '::before').content")
    assert label == '"Chesil: "'  # the column heading travels with the cell
    overflow = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollWidth - window.innerWidth")
    screenshot(page, "board-phone")
    assert overflow <= 1
    page.close()


def test_the_overviews_recent_trend_column_is_on_screen_at_1366_pixels(browser, shipped_server):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{shipped_server.url}/?locality=chesil")
    wait_until_ready(page)
    heading = page.locator("table.dash-table th[scope=col]", has_text="Recent trend").first
    # Without sideways scrolling: the heading's right edge inside the table's visible box, and that box
    # inside the window (vertical position does not matter; nothing is scrolled sideways to check).
    right, visible_right, scrolled = heading.evaluate(
        """e => { const w = e.closest('.dash-table-wrap'), b = w.getBoundingClientRect();
        return [e.getBoundingClientRect().right, b.left + w.clientWidth, w.scrollLeft]; }"""
    )
    assert scrolled == 0 and right <= visible_right + 0.5 and visible_right <= 1366
    page.close()


def test_a_screen_reader_finds_the_tables_cells(browser, shipped_server):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{shipped_server.url}/best-education-for-all?locality=chesil")
    wait_until_ready(page)
    tree = page.locator("table.dash-table").first.aria_snapshot()
    assert 'table "Best education for all: Chesil"' in tree  # the caption names the table
    assert 'columnheader "Recent trend"' in tree
    assert re.search(r'rowheader "Pupils eligible for free school meals"', tree)
    assert re.search(r'cell "[\d.]+% \(estimated\) in 2024/25"', tree)  # a figure with its status, read as a cell
    page.close()


def test_the_open_tab_is_in_the_link_and_a_link_reopens_it(browser, shipped_server):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{shipped_server.url}/best-education-for-all?locality=purbeck&indicator=persistent-absence")
    wait_until_ready(page)
    page.get_by_role("tab", name="Dorset and similar councils").click()
    page.wait_for_url(re.compile(r"tab=Dorset"), timeout=30_000)
    wait_until_ready(page)
    link = page.url
    other = browser.new_page(viewport={"width": 1366, "height": 900})
    other.goto(link)
    wait_until_ready(other)
    assert other.get_by_role("tab", name="Dorset and similar councils").get_attribute("aria-selected") == "true"
    assert "locality=purbeck" in other.url and "indicator=persistent-absence" in other.url
    other.close()
    page.close()


def test_charts_add_no_toolbar_buttons_to_tab_through(browser, shipped_server):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{shipped_server.url}/best-education-for-all?locality=purbeck&indicator=persistent-absence")
    wait_until_ready(page)
    page.locator(".js-plotly-plot").first.wait_for()
    labels = []
    for _ in range(60):
        page.keyboard.press("Tab")
        labels.append(
            page.evaluate(
                "() => document.activeElement.getAttribute('data-title') || document.activeElement.getAttribute('aria-label') || ''"
            )
        )
    page.close()
    assert not [label for label in labels if label in {"Zoom", "Pan", "Zoom in", "Zoom out", "Autoscale", "Reset axes"}]


def test_clicking_anywhere_on_a_locality_chooses_it(browser, shipped_server):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{shipped_server.url}/?locality=dorset")
    wait_until_ready(page)
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    # A point of North's click grid a third of the way through it: inside North, away from its label.
    x, y = chart.evaluate(
        """gd => { const t = gd._fullData.find(d => d.name === 'click to choose' && d.customdata[0] === 'north');
        const i = Math.floor(t.x.length / 3); const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
        const r = gd.getBoundingClientRect();
        return [r.left + xa._offset + xa.l2p(t.x[i]), r.top + ya._offset + ya.l2p(t.y[i])]; }"""
    )
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(r"locality=north"), timeout=30_000)
    wait_until_ready(page)
    assert page.locator("h1").first.inner_text() == "How is North doing?"
    page.close()
