"""Starting the real dashboard server and driving it with the system Chromium.

Shared by the browser tests, the load test and the benchmark, so each starts and
measures the server the same way. Loopback only.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("DASHBOARD_CHROMIUM", "/usr/bin/chromium")  # Debian's; elsewhere set the path
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Every simulated reader comes from this one machine's address; lift the per-address limits
# (ui/throttle.py) that would otherwise count them as one crowd.
ONE_ADDRESS_FOR_ALL = {"DASHBOARD_RUNS_PER_ADDRESS": "100000", "DASHBOARD_SESSIONS_PER_ADDRESS": "100000"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def peak_memory_mb(self) -> float:
        """The server process's peak resident memory so far (Linux VmHWM)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")


def start_server(
    warehouse: Path,
    extracts: Path,
    log: Path,
    script: str = "dashboard.py",
    timeout: float = 60,
    extra_env: dict[str, str] | None = None,
) -> Server:
    """Start `streamlit run <script>` on a free loopback port and wait for its health check."""
    port = free_port()
    env = os.environ | {"DASHBOARD_WAREHOUSE": str(warehouse), "DASHBOARD_EXTRACTS": str(extracts)} | (extra_env or {})
    handle = open(log, "wb")  # noqa: SIM115 - the server process owns it until it ends
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=PROJECT_DIR,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the dashboard exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return Server(url, process, log)
        except OSError:
            time.sleep(0.2)
    stop_server(Server(url, process, log))
    raise RuntimeError(f"the dashboard did not start in {timeout:.0f}s:\n{log.read_text()}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


# Run in the page: true once Streamlit has drawn a heading and is not running the script.
IDLE_SCRIPT = "() => !!document.querySelector('h1') && !document.querySelector('[data-testid=stStatusWidget]')"
PROBLEM_TEXTS = ("Page not found", "something went wrong", "Traceback")
