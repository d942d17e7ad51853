"""Issue 15: two replicas behind nginx, with the configuration shipped in deploy/.

Shows that a reader's session stays on its replica, that new readers spread over both,
that a newly published warehouse reaches both, and that stopping one replica costs its
readers no more than a reconnect to the other. Needs Debian's nginx (`make install-test`
installs it); the replicas speak to this test through nginx only.
"""

from __future__ import annotations

import asyncio
import http.cookiejar
import re
import shutil
import subprocess
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from benchmarks.capacity import page_text
from benchmarks.harness import free_port, start_server, stop_server
from indicators.warehouse import build
from tests.conftest import PROJECT_DIR, TINY_DIR

DEPLOY = PROJECT_DIR / "deploy"
SHIPPED = PROJECT_DIR / "data" / "extracts"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def nginx_config(folder: Path, port: int, replicas: list[str]) -> Path:
    """deploy/nginx.conf as shipped, with the replicas' and the proxy's addresses put in."""
    site = (DEPLOY / "nginx.conf").read_text()
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    for number, address in enumerate(replicas, start=1):
        site = site.replace(f"replica{number}:8501", address)
    assert "replica1:8501" not in site and "replica2:8501" not in site
    (folder / "dashboard.conf").write_text(site)
    main = folder / "nginx-main.conf"
    main.write_text(
        f"""worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{}}
http {{
    log_format upstream '$request $status $upstream_addr';
    access_log {folder}/access.log upstream;
    client_body_temp_path {folder}/body; proxy_temp_path {folder}/proxy; fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi; scgi_temp_path {folder}/scgi;
    include {folder}/dashboard.conf;
}}
"""
    )
    return main


def run_page(url: str, path: str, locality: str, headers: dict[str, str] | None = None) -> str:
    """A page run's text over the websocket, in a thread of its own: the browser tests' Playwright
    keeps an event loop running in this one for the whole session."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(page_text(url, path, locality, headers))).result()


def get(opener, url: str) -> tuple[int, str, str]:
    with opener.open(url, timeout=30) as response:
        return response.status, response.headers.get("X-Dashboard-Replica", ""), response.read().decode()


def fresh_reader():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


@pytest.fixture()
def replicas(tmp_path):
    folders = [tmp_path / "replica1", tmp_path / "replica2"]
    shipped = tmp_path / "shipped.duckdb"
    build([SHIPPED], shipped)
    servers = []
    for folder in folders:
        folder.mkdir()
        shutil.copy2(shipped, folder / "warehouse-first.duckdb")
        (folder / "current.duckdb").symlink_to("warehouse-first.duckdb")
        servers.append(
            start_server(folder / "current.duckdb", SHIPPED, folder / "server.log", extra_env={"DASHBOARD_SERVE_ONLY": "1"})
        )
    port = free_port()
    config = nginx_config(tmp_path, port, [s.url.removeprefix("http://") for s in servers])
    proxy = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(config), "-e", str(tmp_path / "error.log"), "-g", "daemon off;"])
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            get(fresh_reader(), f"{url}/_stcore/health")
            break
        except OSError:
            time.sleep(0.1)
    try:
        yield url, servers, folders, tmp_path
    finally:
        proxy.terminate()
        proxy.wait(timeout=10)
        for server in servers:
            stop_server(server)


def test_a_readers_requests_all_go_to_one_replica_and_new_readers_spread_over_both(replicas):
    url, servers, _, _ = replicas
    reader = fresh_reader()
    answered = {get(reader, f"{url}{path}")[1] for path in ["/", "/_stcore/health", "/board?measure=trend", "/"] * 3}
    assert len(answered) == 1  # one browser, one replica: its Streamlit session lives there
    spread = {get(fresh_reader(), f"{url}/")[1] for _ in range(30)}
    assert spread == {s.url.removeprefix("http://") for s in servers}


def test_a_newly_published_warehouse_reaches_both_replicas(replicas):
    url, servers, folders, tmp_path = replicas
    before = run_page(url, "about", "dorset")
    assert "published_lait.csv" in before and "tiny_extract.csv" not in before
    new = tmp_path / "new.duckdb"
    build([TINY_DIR], new)
    for folder in folders:  # deploy/publish-warehouse.sh, as the data team would run it
        subprocess.run(["sh", str(DEPLOY / "publish-warehouse.sh"), str(new), str(folder)], check=True, capture_output=True)
        assert re.fullmatch(r"warehouse-\d{8}T\d{6}Z\.duckdb", (folder / "current.duckdb").readlink().name)
    for server in servers:  # each replica, asked directly and through the proxy, serves the new one
        assert "tiny_extract.csv" in run_page(server.url, "about", "dorset")
    assert "tiny_extract.csv" in run_page(url, "about", "dorset")


def test_stopping_a_replica_costs_its_readers_only_a_reconnect_to_the_other(replicas):
    url, servers, _, tmp_path = replicas
    reader = fresh_reader()
    _, first, _ = get(reader, f"{url}/")
    cookie = next(c for c in reader.handlers if isinstance(c, urllib.request.HTTPCookieProcessor)).cookiejar
    route = {c.name: c.value for c in cookie}["dashboard_route"]
    shown = run_page(url, "overview", "east", {"Cookie": f"dashboard_route={route}"})
    assert "How is East doing?" in shown
    stop_server(next(s for s in servers if s.url.endswith(first)))
    status, tried, _ = get(reader, f"{url}/")  # the same reader, the same cookie
    second = tried.split(", ")[-1]  # nginx lists every replica it tried: the stopped one, then the other
    assert status == 200 and second != first
    again = run_page(url, "overview", "east", {"Cookie": f"dashboard_route={route}"})
    assert "How is East doing?" in again  # the view is in the URL: the reconnected page is the same
    streams = [line for line in (tmp_path / "access.log").read_text().splitlines() if "/_stcore/stream" in line]
    assert streams[-1].endswith(second)  # the websocket itself now goes to the other replica
