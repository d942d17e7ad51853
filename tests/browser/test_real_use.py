"""With DASHBOARD_ILLUSTRATIVE=hide, a visitor finds no made-up figure on any page for any area (issue 21)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from benchmarks.harness import Server, start_server, stop_server
from indicators.areas import default_areas
from indicators.warehouse import build
from tests.browser.conftest import SHIPPED_EXTRACTS, screenshot, wait_until_ready
from ui.navigation import url_paths

AREAS = [a.id for a in default_areas().by_id.values() if a.type in ("locality", "sub-locality")] + ["dorset"]


@pytest.fixture(scope="module")
def hidden_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("hidden-server")
    build([SHIPPED_EXTRACTS], folder / "warehouse.duckdb", illustrative=False)
    server = start_server(
        folder / "warehouse.duckdb",
        SHIPPED_EXTRACTS,
        folder / "server.log",
        extra_env={"DASHBOARD_ILLUSTRATIVE": "hide"},
    )
    try:
        yield server
    finally:
        stop_server(server)


def test_every_page_for_every_area_has_no_illustrative_figure(browser, hidden_server):
    assert len(AREAS) == 9
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    for path in url_paths().values():
        for area in AREAS:
            page.goto(f"{hidden_server.url}/{path}?locality={area}")
            wait_until_ready(page)
            text = page.locator("[data-testid=stMain]").inner_text()
            assert "(illustrative)" not in text, (path, area)
            assert "Do not quote" not in text and "Something went wrong" not in text, (path, area)
    page.close()


def test_a_visitor_goes_from_a_missing_figure_to_what_is_needed(browser, hidden_server):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{hidden_server.url}/local-family-help?locality=chesil&indicator=early-help-requests")
    wait_until_ready(page)
    note = page.get_by_text("No figures for Chesil are loaded yet for this indicator")
    assert note.is_visible()
    screenshot(page, "hidden-chesil-local-family-help")
    page.get_by_role("link", name="Data readiness").first.click()
    wait_until_ready(page)
    assert page.url.split("?")[0].endswith("/data-readiness") and "locality=chesil" in page.url
    assert page.get_by_role("heading", name="What is needed to make each figure real").is_visible()
    assert page.get_by_text("The early help case management system").first.is_visible()
    screenshot(page, "hidden-data-readiness")
    page.go_back()
    wait_until_ready(page)
    assert "/local-family-help" in page.url
    page.close()
