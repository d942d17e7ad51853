"""Browser tests: the real server on a free port, driven by the system Chromium."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from benchmarks.harness import CHROMIUM, CHROMIUM_ARGS, Server, start_server, stop_server
from tests.conftest import PROJECT_DIR, TINY_DIR

ARTIFACTS = PROJECT_DIR / "tests" / "artifacts"
SHIPPED_EXTRACTS = PROJECT_DIR / "data" / "extracts"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture()
def fresh_server(tmp_path: Path) -> Iterator[Server]:
    """A server started for this test alone, on the tiny fixture, with no warehouse yet."""
    server = start_server(tmp_path / "warehouse.duckdb", TINY_DIR, tmp_path / "server.log")
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture(scope="session")
def shipped_server(shipped_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server on the shipped data for the read-only browser tests."""
    folder = tmp_path_factory.mktemp("shipped-server")
    server = start_server(fresh_copy(shipped_warehouse, folder), SHIPPED_EXTRACTS, folder / "server.log")
    try:
        yield server
    finally:
        stop_server(server)


def fresh_copy(warehouse: Path, folder: Path) -> Path:
    copy = folder / "warehouse.duckdb"
    shutil.copy2(warehouse, copy)
    return copy


def wait_until_ready(page: Page, timeout: float = 60_000) -> None:
    """Wait for the heading, then until Streamlit has stopped running the script for a moment.

    The running indicator only appears a little after a run starts, so one look is not
    enough: it must stay away for half a second.
    """
    page.locator("h1").first.wait_for(timeout=timeout)
    deadline = time.monotonic() + timeout / 1000
    quiet_since = None
    while time.monotonic() < deadline:
        running = page.locator("[data-testid=stStatusWidget]").count() > 0
        if running:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since > 0.5:
            return
        page.wait_for_timeout(100)
    raise TimeoutError("the page kept running")


def open_expander(page: Page, title: str) -> None:
    """Open the expander titled `title` and wait until it has finished opening. Streamlit animates its
    height for a few hundred milliseconds; a click inside while it grows could land beside a button
    (seen on 7 December: one run in three clicked the Copy button's parent instead)."""
    page.locator("summary").filter(has_text=title).click()
    page.wait_for_function(
        "() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.target?.tagName !== 'DETAILS')"
    )


def wait_for_page_style(page: Page, timeout: float = 15_000) -> None:
    """Wait until the dashboard's own style (focus rings, hidden heading anchors) is applied: on a loaded
    machine it can arrive a moment after the page's heading, and a keyboard check made before it measures
    Streamlit's defaults instead."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('style')].some(s => s.textContent.includes('stHeaderActionElements'))",
        timeout=timeout,
    )


def wait_for_menu(page: Page, timeout: float = 15_000) -> None:
    """Wait until the sidebar's menu links are drawn: the browser can draw a page's heading and finish its
    run a moment before the sidebar (seen in one load of four here), and a keyboard walk started then
    passes the empty sidebar and never meets the menu."""
    page.wait_for_function("() => document.querySelectorAll('[data-testid=stSidebar] a').length > 0", timeout=timeout)


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
