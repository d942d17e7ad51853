"""When something breaks, visitors get a friendly message; the real error goes to the server log."""

from __future__ import annotations

import tomllib

import pytest

from tests.browser.conftest import start_server, stop_server
from tests.conftest import PROJECT_DIR

pytestmark = pytest.mark.browser


def test_error_details_are_hidden_from_visitors_in_the_settings():
    config = tomllib.loads((PROJECT_DIR / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"


def test_a_failing_page_shows_a_friendly_message_and_logs_the_real_error(browser, tmp_path):
    empty = tmp_path / "no-extracts"
    empty.mkdir()
    log = tmp_path / "server.log"
    server = start_server(tmp_path / "missing.duckdb", empty, log)
    try:
        page = browser.new_page()
        page.goto(f"{server.url}/board")
        page.get_by_text("Sorry, something went wrong").wait_for(timeout=60_000)
        content = page.content()
        assert "Traceback" not in content and "ExtractError" not in content and "no extract files" not in content
        page.close()
    finally:
        stop_server(server)
    logged = log.read_text()
    assert "Page failed" in logged and "no extract files found" in logged
