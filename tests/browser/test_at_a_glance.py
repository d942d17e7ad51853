"""Answers at a glance (issue 22): the Board's first screen, its height, and keyboard focus."""

from __future__ import annotations

from tests.browser.conftest import screenshot, wait_until_ready

LAPTOP = {"width": 1366, "height": 768}


def _bottom(page, locator) -> float:
    box = locator.bounding_box()
    assert box is not None
    return box["y"] + box["height"]


def test_the_boards_first_laptop_screen_holds_the_counts_and_what_needs_attention(browser, shipped_server):
    page = browser.new_page(viewport=LAPTOP)
    page.goto(f"{shipped_server.url}/board")
    wait_until_ready(page)
    counts = page.locator("table.dash-table", has=page.locator("caption", has_text="Verdicts by area")).first
    attention = page.get_by_role("heading", name="Needs attention")
    screenshot(page, "board-1366x768")
    assert _bottom(page, counts) <= LAPTOP["height"], "the counts run off the first screen"
    assert _bottom(page, attention) <= LAPTOP["height"], "Needs attention is below the first screen"
    height = page.evaluate("() => document.querySelector('[data-testid=stMainBlockContainer]').scrollHeight")
    screenshot(page, "board-1366x768")
    assert height <= 6000, height
    page.close()


def test_the_board_on_a_phone_starts_with_the_counts_per_area(browser, shipped_server):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{shipped_server.url}/board")
    wait_until_ready(page)
    heading = page.get_by_role("heading", name="How many are worse, by area")
    box = heading.bounding_box()
    screenshot(page, "board-390x844")
    assert box is not None and box["y"] < 844
    page.close()


def test_menu_links_show_a_focus_ring(browser, shipped_server):
    # A context of its own: Streamlit remembers a collapsed sidebar in the browser's storage, which
    # another test's page may have left collapsed.
    page = browser.new_context(viewport=LAPTOP).new_page()
    page.goto(f"{shipped_server.url}/")
    wait_until_ready(page)
    page.locator("h1").first.click()  # a click in the page, then the keyboard, as a reader would
    in_menu = "() => document.activeElement.closest('[data-testid=stSidebar] a') !== null"
    for _ in range(40):  # Shift+Tab back from the title to the menu, which comes before it
        page.keyboard.press("Shift+Tab")
        if page.evaluate(in_menu):
            break
    assert page.evaluate(in_menu), "Tab never reached a menu link"
    page.wait_for_function("() => getComputedStyle(document.activeElement).boxShadow.includes('rgb(255, 221, 0)')",
                           timeout=5_000)  # fmt: skip
    page.context.close()


def test_heading_anchor_links_are_not_tab_stops(browser, shipped_server):
    page = browser.new_context(viewport=LAPTOP).new_page()
    page.goto(f"{shipped_server.url}/best-education-for-all?locality=chesil")
    wait_until_ready(page)
    focusable_anchors = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid=stHeaderActionElements] a')]
                 .filter(a => a.offsetParent !== null).length"""
    )
    assert focusable_anchors == 0
    page.close()
