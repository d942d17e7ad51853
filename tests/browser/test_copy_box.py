"""The Copy buttons under 'Share this view' and 'Copy summary' (ui/copy_box.py), in Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_expander, wait_until_ready

pytestmark = pytest.mark.browser

DEEP_LINK = "best-education-for-all?locality=purbeck&indicator=persistent-absence"


@pytest.fixture()
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    yield context
    context.close()


def clipboard(page) -> str:
    return page.evaluate("() => navigator.clipboard.readText()")


def test_copy_link_by_click_and_copy_summary_by_keyboard(context, shipped_server):
    page = context.new_page()
    page.goto(f"{shipped_server.url}/{DEEP_LINK}")
    wait_until_ready(page)
    open_expander(page, "Share this view")
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("status").filter(has_text="Copied.")).to_have_count(1)
    link = page.get_by_label("Link to this view").input_value()
    assert "locality=purbeck" in link and "indicator=persistent-absence" in link
    assert clipboard(page) == link

    open_expander(page, "Copy summary")
    page.get_by_role("button", name="Copy summary").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Copied.")).to_have_count(2)
    summary = page.get_by_label("Summary for an email").input_value()
    assert "Purbeck" in summary and link in summary
    assert clipboard(page) == summary


def test_where_the_browser_will_not_copy_the_text_is_selected_and_the_reader_told_how(browser, shipped_server):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(f"{shipped_server.url}/{DEEP_LINK}")
    wait_until_ready(page)
    open_expander(page, "Share this view")
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("status").filter(has_text="press Ctrl+C")).to_have_count(1)
    box = page.get_by_label("Link to this view")
    selected = box.evaluate("e => document.activeElement === e && e.value.slice(e.selectionStart, e.selectionEnd)")
    assert selected == box.input_value()
    page.close()
