"""A person opening the dashboard on a fresh server sees it working."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot, wait_until_ready

pytestmark = pytest.mark.browser


def test_a_fresh_server_builds_the_warehouse_and_shows_the_overview(browser, fresh_server):
    page = browser.new_page()
    page.goto(fresh_server.url)
    wait_until_ready(page)
    assert page.get_by_role("heading", name="How is All of Dorset doing?").is_visible()
    assert page.get_by_text("Illustrative figures on this page").first.is_visible()
    screenshot(page, "first-run")
    assert "Traceback" not in page.content()
    page.close()
