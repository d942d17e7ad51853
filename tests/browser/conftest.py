"""Browser tests: the real server on a free port, driven by the system Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import PROJECT_DIR, TINY_DIR

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = PROJECT_DIR / "tests" / "artifacts"
SHIPPED_EXTRACTS = PROJECT_DIR / "data" / "extracts"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path


def start_server(warehouse: Path, extracts: Path, log: Path) -> Server:
    """Start `streamlit run dashboard.py` and wait until it answers its health check."""
    port = free_port()
    env = os.environ | {"DASHBOARD_WAREHOUSE": str(warehouse), "DASHBOARD_EXTRACTS": str(extracts)}
    handle = open(log, "wb")  # noqa: SIM115 - closed with the process in stop_server
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
        ],
        cwd=PROJECT_DIR,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the dashboard exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return Server(url, process, log)
        except OSError:
            time.sleep(0.3)
    stop_server(Server(url, process, log))
    raise RuntimeError(f"the dashboard did not start in 60s:\n{log.read_text()}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


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
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the read-only browser tests."""
    folder = tmp_path_factory.mktemp("server")
    server = start_server(folder / "warehouse.duckdb", TINY_DIR, folder / "server.log")
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture(scope="session")
def shipped_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped extracts built once; servers get a copy so each starts without building."""
    from indicators.warehouse import build

    path = tmp_path_factory.mktemp("shipped") / "warehouse.duckdb"
    build([SHIPPED_EXTRACTS], path)
    return path


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


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
