"""One client cannot take the server from everyone else.

A Streamlit session asks for a page run with each `rerun_script` message on its websocket.
A person clicks a few times a second at most; a script can send thousands, and each one
restarts the page's run while every other reader waits for the processor. This ASGI
middleware (on `st.App`, as the link previews are) sits on the websocket:

- **page runs are coalesced**: token buckets let each session `RUNS_PER_SECOND` runs a
  second (bursts of `BURST`) and each address `DASHBOARD_RUNS_PER_ADDRESS` (default 20,
  bursts of twice that, shared by its sessions: an office behind one address clicks far
  less); a run asked for while a bucket is empty waits, and a newer one replaces it (each
  carries the whole state of the page's controls, so the last click counts, none is lost);
- **sessions per address are capped** (`DASHBOARD_SESSIONS_PER_ADDRESS`, default 200): a
  websocket over the cap is closed with 1013 "try again later", which Streamlit's page
  retries. Behind the shipped nginx the address is the last hop in X-Forwarded-For.

Everything else (the health check, the page's files, other readers' sessions) passes
untouched.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import os
import time
from collections import Counter

from streamlit.proto.BackMsg_pb2 import BackMsg

STREAM_PATH = "/_stcore/stream"
log = logging.getLogger("dashboard")
RUNS_PER_SECOND = 4.0
BURST = 8


def sessions_per_address() -> int:
    return int(os.environ.get("DASHBOARD_SESSIONS_PER_ADDRESS", "200"))


def runs_per_address() -> float:
    return float(os.environ.get("DASHBOARD_RUNS_PER_ADDRESS", "20"))


class _Bucket:
    """Tokens at `rate` a second, up to `burst`."""

    def __init__(self, rate: float, burst: float):
        self.rate, self.burst = rate, burst
        self.tokens, self.last = float(burst), time.monotonic()

    def refill(self) -> None:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now

    def wait(self) -> float:
        """Seconds until a token is there."""
        self.refill()
        return max((1 - self.tokens) / self.rate, 0.0)


def client_address(scope: dict) -> str:
    """Who is asking: the peer, or behind a proxy on this network the address it forwarded."""
    peer = (scope.get("client") or ("", 0))[0]
    try:
        proxied = ipaddress.ip_address(peer).is_private or ipaddress.ip_address(peer).is_loopback
    except ValueError:
        proxied = False
    if proxied:
        for name, value in scope.get("headers", []):
            if name == b"x-forwarded-for" and value:
                return value.decode("latin-1").split(",")[-1].strip()
    return peer


def _is_page_run(message: dict) -> bool:
    data = message.get("bytes")
    if message.get("type") != "websocket.receive" or not data:
        return False
    try:
        return BackMsg.FromString(data).WhichOneof("type") == "rerun_script"
    except Exception:  # not a Streamlit message: pass it on for Streamlit to refuse
        return False


class _CoalescedRuns:
    """The session's `receive`, with page runs let through as the buckets allow (the latest waiting one wins)."""

    def __init__(self, receive, buckets: list[_Bucket]):
        self._receive, self._buckets = receive, buckets
        self._waiting: dict | None = None
        self._inbox: asyncio.Queue = asyncio.Queue()
        self._pump: asyncio.Task | None = None
        self.coalesced = 0

    async def _pump_messages(self) -> None:
        while True:
            message = await self._receive()
            await self._inbox.put(message)
            if message["type"] == "websocket.disconnect":
                return

    def _wait(self) -> float:
        return max(bucket.wait() for bucket in self._buckets)

    def _take(self) -> bool:
        if self._wait() > 0:
            return False
        for bucket in self._buckets:
            bucket.tokens -= 1
        return True

    async def __call__(self) -> dict:
        if self._pump is None:
            self._pump = asyncio.ensure_future(self._pump_messages())
        while True:
            if self._waiting is not None and self._take():
                message, self._waiting = self._waiting, None
                return message
            wait = None if self._waiting is None else max(self._wait(), 0.001)
            try:
                message = await asyncio.wait_for(self._inbox.get(), wait)
            except TimeoutError:
                continue
            if not _is_page_run(message):
                return message
            if self._waiting is None and self._take():
                return message
            if self._waiting is not None:
                self.coalesced += 1
            self._waiting = message  # the newest run asked for replaces one still waiting

    def close(self) -> None:
        if self._pump is not None:
            self._pump.cancel()


class ThrottleMiddleware:
    def __init__(self, app):
        self.app = app
        self.sessions: Counter[str] = Counter()
        self.addresses: dict[str, _Bucket] = {}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "websocket" or not scope.get("path", "").endswith(STREAM_PATH):
            return await self.app(scope, receive, send)
        address = client_address(scope)
        if self.sessions[address] >= sessions_per_address():
            log.warning("Refused a session from %s: it has %d open already", address, self.sessions[address])
            await receive()  # websocket.connect
            await send({"type": "websocket.close", "code": 1013})  # try again later
            return None
        self.sessions[address] += 1
        shared = self.addresses.setdefault(address, _Bucket(runs_per_address(), 2 * runs_per_address()))
        runs = _CoalescedRuns(receive, [_Bucket(RUNS_PER_SECOND, BURST), shared])
        try:
            return await self.app(scope, runs, send)
        finally:
            runs.close()
            self.sessions[address] -= 1
            if self.sessions[address] <= 0:
                del self.sessions[address]
                self.addresses.pop(address, None)
