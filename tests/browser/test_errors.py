"""When something breaks, visitors get a friendly message; the real error goes to the server log."""

from __future__ import annotations

import tomllib

import pytest

from tests.browser.conftest import start_server, stop_server, wait_until_ready
from tests.conftest import PROJECT_DIR

pytestmark = pytest.mark.browser


def test_error_details_are_hidden_from_visitors_in_the_settings():
    config = tomllib.loads((PROJECT_DIR / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"


def test_with_no_data_loadable_pages_say_so_and_the_log_has_the_real_error(browser, tmp_path):
    empty = tmp_path / "no-extracts"
    empty.mkdir()
    log = tmp_path / "server.log"
    server = start_server(tmp_path / "missing.duckdb", empty, log)
    try:
        page = browser.new_page()
        page.goto(f"{server.url}/board")
        page.get_by_text("the data could not be loaded").wait_for(timeout=60_000)
        content = page.content()
        assert "Traceback" not in content and "ExtractError" not in content and "no extract files" not in content
        page.close()
    finally:
        stop_server(server)
    logged = log.read_text()
    assert "The extracts could not be loaded" in logged and "no extract files found" in logged


def test_no_request_leaves_the_servers_own_origin(browser, shipped_server):
    # Visitors' addresses go to no third party (the page icon used to come from Google's font server).
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("", "best-education-for-all?locality=purbeck", "about"):
        page.goto(f"{shipped_server.url}/{path}")
        wait_until_ready(page)
    page.close()
    assert requested, "no requests were recorded, so none were checked"
    elsewhere = [u for u in requested if not u.startswith((shipped_server.url, "data:", "blob:"))]
    assert not elsewhere, elsewhere[:5]
