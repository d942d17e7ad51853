"""Issue 15: two replicas behind nginx, with the configuration shipped in deploy/.

Shows that a reader's session stays on its replica, that new readers spread over both,
that a newly published warehouse reaches both, and that stopping one replica costs its
readers no more than a reconnect to the other. Needs Debian's nginx (`make install-test`
installs it); the replicas speak to this test through nginx only.
"""

from __future__ import annotations

import asyncio
import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from benchmarks.harness import start_server, stop_server
from benchmarks.nginx import DEPLOY, NGINX, start_nginx, stop_nginx
from benchmarks.protocol import page_text
from indicators.warehouse import build
from indicators.warehouse.serving import write_serving_copy
from tests.conftest import PROJECT_DIR, TINY_DIR

SHIPPED = PROJECT_DIR / "data" / "extracts"
PUBLISH_ENV = {**os.environ, "PYTHON": sys.executable}
pytestmark = [
    pytest.mark.skipif(
        not Path(NGINX).exists(),
        reason=f"nginx is not installed ({NGINX}): `make install-test` installs Debian's nginx-light",
    ),
    pytest.mark.serial,
]


def run_page(url: str, path: str, locality: str, headers: dict[str, str] | None = None) -> str:
    """A page run's text over the websocket, in a thread of its own: the browser tests' Playwright
    keeps an event loop running in this one for the whole session."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(page_text(url, path, locality, headers))).result()


def get(opener, url: str, log: Path, headers: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Status, the replica(s) nginx tried (from its access log: no response names them) and the body."""
    probe = uuid.uuid4().hex
    request = urllib.request.Request(f"{url}{'&' if '?' in url else '?'}probe={probe}", headers=headers or {})
    with opener.open(request, timeout=30) as response:
        status, body = response.status, response.read().decode()
    for _ in range(200):  # nginx writes the line as the request ends
        for line in log.read_text().splitlines() if log.exists() else []:
            if probe in line:
                return status, line.split(" ", 3)[-1].strip(), body
        time.sleep(0.01)
    raise AssertionError(f"request {probe} is not in nginx's access log")


def headers_of(url: str, headers: dict[str, str] | None = None):
    with fresh_reader().open(urllib.request.Request(url, headers=headers or {}), timeout=30) as response:
        return response.headers


def fresh_reader():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


@pytest.fixture()
def replicas(tmp_path, shipped_warehouse):
    folders = [tmp_path / "replica1", tmp_path / "replica2"]
    shipped = tmp_path / "shipped.duckdb"
    write_serving_copy(shipped_warehouse, shipped)
    servers = []
    for folder in folders:
        folder.mkdir()
        shutil.copy2(shipped, folder / "warehouse-first.duckdb")
        (folder / "current.duckdb").symlink_to("warehouse-first.duckdb")
        servers.append(
            start_server(
                folder / "current.duckdb", SHIPPED, folder / "server.log", extra_env={"DASHBOARD_SERVE_ONLY": "1"}
            )
        )
    proxy = start_nginx(tmp_path, [s.url for s in servers])
    url = proxy.url
    try:
        yield url, servers, folders, tmp_path
    finally:
        stop_nginx(proxy)
        for server in servers:
            stop_server(server)


def test_a_readers_requests_all_go_to_one_replica_and_new_readers_spread_over_both(replicas):
    url, servers, _, tmp_path = replicas
    log = tmp_path / "access.log"
    reader = fresh_reader()
    answered = {
        get(reader, f"{url}{path}", log)[1] for path in ["/", "/_stcore/health", "/board?measure=trend", "/"] * 3
    }
    assert len(answered) == 1  # one browser, one replica: its Streamlit session lives there
    spread = {get(fresh_reader(), f"{url}/", log)[1] for _ in range(30)}
    assert spread == {s.url.removeprefix("http://") for s in servers}


def test_nginx_sends_security_headers_and_never_a_replicas_address(replicas):
    url, servers, _, _ = replicas
    headers = headers_of(f"{url}/")
    assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "same-origin"
    everything = "\n".join(f"{k}: {v}" for k, v in headers.items())
    for server in servers:
        assert server.url.removeprefix("http://") not in everything  # no internal address in any header
    assert "nginx/" not in headers.get("Server", "")  # no version
    cookie = headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "Secure" not in cookie  # plain HTTP here: a Secure cookie would never come back
    assert "; Secure" in headers_of(f"{url}/", {"X-Forwarded-Proto": "https"})["Set-Cookie"]  # behind TLS


def test_a_newly_published_warehouse_reaches_both_replicas(replicas):
    url, servers, folders, tmp_path = replicas
    sources = "dorset&tab=Data+sources"  # the About page's tab listing the files loaded
    before = run_page(url, "about", sources)
    assert "published_lait.csv" in before and "tiny_extract.csv" not in before
    full, new = tmp_path / "full.duckdb", tmp_path / "new.duckdb"
    build([TINY_DIR], full)
    write_serving_copy(full, new)  # what replicas are given: no figures before withholding
    for folder in folders:  # deploy/publish-warehouse.sh, as the data team would run it
        subprocess.run(
            ["sh", str(DEPLOY / "publish-warehouse.sh"), str(new), str(folder)],
            check=True,
            capture_output=True,
            env=PUBLISH_ENV,
        )
        assert re.fullmatch(
            r"warehouse-\d{8}T\d{6}Z-\d+-[0-9a-f]{8}\.duckdb", (folder / "current.duckdb").readlink().name
        )
    for server in servers:  # each replica, asked directly and through the proxy, serves the new one
        assert "tiny_extract.csv" in run_page(server.url, "about", sources)
    assert "tiny_extract.csv" in run_page(url, "about", sources)


def test_stopping_a_replica_costs_its_readers_only_a_reconnect_to_the_other(replicas):
    url, servers, _, tmp_path = replicas
    reader = fresh_reader()
    log = tmp_path / "access.log"
    _, first, _ = get(reader, f"{url}/", log)
    cookie = next(c for c in reader.handlers if isinstance(c, urllib.request.HTTPCookieProcessor)).cookiejar
    route = {c.name: c.value for c in cookie}["dashboard_route"]
    shown = run_page(url, "overview", "east", {"Cookie": f"dashboard_route={route}"})
    assert "How is East doing?" in shown
    stop_server(next(s for s in servers if s.url.endswith(first)))
    status, tried, _ = get(reader, f"{url}/", log)  # the same reader, the same cookie
    second = tried.split(", ")[-1]  # nginx lists every replica it tried: the stopped one, then the other
    assert status == 200 and second != first
    again = run_page(url, "overview", "east", {"Cookie": f"dashboard_route={route}"})
    assert "How is East doing?" in again  # the view is in the URL: the reconnected page is the same
    streams = [line for line in (tmp_path / "access.log").read_text().splitlines() if "/_stcore/stream" in line]
    assert streams[-1].endswith(second)  # the websocket itself now goes to the other replica
