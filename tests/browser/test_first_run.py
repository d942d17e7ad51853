"""A person opening the dashboard on a fresh server sees it working."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_a_fresh_server_builds_the_warehouse_and_shows_the_dashboard(browser, fresh_server):
    page = browser.new_page()
    page.goto(fresh_server.url)
    page.get_by_role("heading", name="Dorset locality outcome indicators").wait_for(timeout=60_000)
    assert page.get_by_text("Illustrative data").first.is_visible()
    screenshot(page, "first-run")
    assert "Traceback" not in page.content()
    page.close()
