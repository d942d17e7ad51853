"""Issue 12, item 1: the chosen locality stays across every page, link, menu, back button and new tab.

Each path below fails if any page it reaches shows another area than the one chosen.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import wait_until_ready

pytestmark = pytest.mark.browser


def area_shown(page: Page) -> str:
    """Which area the page says it shows: in its title or its 'Showing ...' line."""
    wait_until_ready(page)
    title = page.locator("h1").first.inner_text()
    if match := re.fullmatch(r"How is (.+) doing\?", title):
        return match.group(1)
    if match := re.match(r"Locality profile: (.+)", title):
        return match.group(1)
    main = page.locator("[data-testid=stMain]").inner_text()
    match = re.search(r"Showing (.+?)\.\n", main + "\n")
    assert match, f"{title}: the page does not say which area it shows"
    return match.group(1)


def menu_link(page: Page, name: str):
    return page.locator("[data-testid=stSidebar]").get_by_role("link", name=name, exact=True)


@pytest.fixture()
def chesil(browser, shipped_server) -> Page:
    context = browser.new_context(viewport={"width": 1366, "height": 1000})  # one visit: tabs share it
    page = context.new_page()
    page.goto(f"{shipped_server.url}/?locality=chesil")
    assert area_shown(page) == "Chesil"
    yield page
    context.close()


def test_an_in_page_link_keeps_the_locality(chesil):
    chesil.get_by_role("link", name="Charts and details: Best education for all").click()
    assert area_shown(chesil) == "Chesil"


def test_the_menu_keeps_it_page_after_page_and_back(chesil):
    for name in ("Young and thriving", "Best start in life", "Local family help"):
        menu_link(chesil, name).click()
        assert area_shown(chesil) == "Chesil", name
    chesil.go_back()
    assert area_shown(chesil) == "Chesil"
    chesil.go_back()
    assert area_shown(chesil) == "Chesil"


def test_the_menu_moves_within_the_visit_and_a_new_tab_opens_the_full_view(chesil):
    # A menu link is a plain link, made to move within this visit (Streamlit's own navigation, as the
    # back button does): the page is not loaded again, so Streamlit's scripts are not fetched again.
    chesil.evaluate("window.stillThisDocument = true")
    menu_link(chesil, "Good care provision").click()
    assert area_shown(chesil) == "Chesil"
    assert chesil.evaluate("window.stillThisDocument === true"), "the menu link loaded the page again"
    assert chesil.url.endswith("/good-care-provision?locality=chesil")
    with chesil.context.expect_page() as opened:
        menu_link(chesil, "Board view").click(modifiers=["Control"])
    board = opened.value
    assert board.locator("h1").first.inner_text(timeout=60_000)
    assert board.url.endswith("/board?locality=chesil")
    assert area_shown(chesil) == "Chesil" and chesil.url.endswith("/good-care-provision?locality=chesil")


def test_about_and_back_to_the_overview_keeps_it(chesil):
    menu_link(chesil, "About and help").click()
    wait_until_ready(chesil)
    menu_link(chesil, "Overview").click()
    assert area_shown(chesil) == "Chesil"


def test_a_locality_picked_in_the_menu_stays_on_the_next_pages(chesil):
    menu_link(chesil, "Best place to live").click()
    wait_until_ready(chesil)
    chesil.locator("[data-testid=stSidebar]").get_by_role("combobox", name="Locality").click()
    chesil.get_by_role("option", name="Purbeck", exact=True).click()
    assert area_shown(chesil) == "Purbeck"
    for name in ("Good care provision", "Safe at home and in the community", "Locality profile"):
        menu_link(chesil, name).click()
        assert area_shown(chesil) == "Purbeck", name


def test_the_links_under_the_map_choose_a_locality_in_this_tab(chesil):
    pages_before = len(chesil.context.pages)
    chesil.locator("[data-testid=stMain]").get_by_role("link", name="North", exact=True).click()
    assert area_shown(chesil) == "North"
    assert len(chesil.context.pages) == pages_before  # no new tab, no new session
    menu_link(chesil, "Young and thriving").click()
    assert area_shown(chesil) == "North"


def test_a_menu_link_opened_in_a_new_tab_keeps_the_locality(chesil, shipped_server):
    href = menu_link(chesil, "Locality profile").get_attribute("href")
    assert href and "locality=chesil" in href
    tab = chesil.context.new_page()
    tab.goto(href if href.startswith("http") else f"{shipped_server.url}/{href.lstrip('/')}")
    assert area_shown(tab) == "Chesil"
    tab.close()


def test_reloading_keeps_the_locality(chesil):
    menu_link(chesil, "Best education for all").click()
    wait_until_ready(chesil)
    chesil.reload()
    assert area_shown(chesil) == "Chesil"


def test_the_shared_link_opens_the_same_area_in_a_new_tab(chesil):
    menu_link(chesil, "Local family help").click()
    wait_until_ready(chesil)
    chesil.get_by_text("Share this view").click()
    link = chesil.get_by_label("Link to this view").input_value()
    assert "locality=chesil" in link
    tab = chesil.context.new_page()
    tab.goto(link)
    assert area_shown(tab) == "Chesil"
    assert tab.locator("h1").first.inner_text() == "Local family help"
    tab.close()


def test_a_sub_area_stays_chosen_too(browser, shipped_server):
    page = browser.new_page(viewport={"width": 1366, "height": 1000})
    page.goto(f"{shipped_server.url}/young-and-thriving?locality=portland")
    assert area_shown(page) == "Portland (part of Chesil)"
    menu_link(page, "Overview").click()
    assert area_shown(page) == "Portland (part of Chesil)"
    page.close()


def test_the_back_button_returns_to_the_page_before(chesil):
    # Pages used to write every default (dates, indicator, comparator) into the address on arrival:
    # each write was a history entry, so Back led to the same page again, as often as it was pressed.
    menu_link(chesil, "Best place to live").click()
    assert area_shown(chesil) == "Chesil"
    menu_link(chesil, "Overview").click()
    assert area_shown(chesil) == "Chesil"
    chesil.go_back()
    wait_until_ready(chesil)
    assert chesil.locator("h1").first.inner_text() == "Best place to live"
    assert area_shown(chesil) == "Chesil"
    chesil.go_back()
    wait_until_ready(chesil)
    assert chesil.locator("h1").first.inner_text() == "How is Chesil doing?"
