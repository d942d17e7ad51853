"""deploy/nginx.conf as shipped, run in front of local dashboard processes (Debian's nginx).

Used by tests/test_replicas.py and by `make capacity` (two processes behind nginx against one).
"""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from benchmarks.harness import PROJECT_DIR, free_port

DEPLOY = PROJECT_DIR / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@dataclass
class Proxy:
    url: str
    process: subprocess.Popen


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
    log_format upstream '$request_method $request_uri $status $upstream_addr';
    access_log {folder}/access.log upstream;
    client_body_temp_path {folder}/body; proxy_temp_path {folder}/proxy; fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi; scgi_temp_path {folder}/scgi;
    include {folder}/dashboard.conf;
}}
"""
    )
    return main


def start_nginx(folder: Path, replica_urls: list[str]) -> Proxy:
    """nginx on a free port in front of the replicas, answering its health check."""
    port = free_port()
    config = nginx_config(folder, port, [url.removeprefix("http://") for url in replica_urls])
    process = subprocess.Popen(
        [NGINX, "-p", str(folder), "-c", str(config), "-e", str(folder / "error.log"), "-g", "daemon off;"]
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5):
                break
        except OSError:
            time.sleep(0.1)
    return Proxy(url, process)


def stop_nginx(proxy: Proxy) -> None:
    proxy.process.terminate()
    proxy.process.wait(timeout=10)
