"""Streamlit's websocket protocol, spoken as a browser speaks it, for the readers of the capacity
benchmark, the flood and the replica tests: ask for a page run, read what it sends, keep what a browser
keeps of large messages."""

from __future__ import annotations

import asyncio
import time

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.util import calc_hash


class ClientCache:
    """What a browser keeps of large messages (Streamlit's frontend message cache): each cacheable
    message's hash, told to the server with the next rerun so it sends a reference instead, and
    forgotten after `max_age` runs without it. The server tells the browser the age in its first
    message (global.maxCachedMessageAge: 2 by default, the dashboard's in .streamlit/config.toml)."""

    def __init__(self) -> None:
        self.last_used: dict[str, int] = {}
        self.runs = 0
        self.max_age = 2

    def saw(self, message: ForwardMsg) -> None:
        if message.HasField("new_session"):
            self.max_age = message.new_session.config.max_cached_message_age
        if message.metadata.cacheable and message.hash:
            self.last_used[message.hash] = self.runs
        elif message.HasField("ref_hash"):
            self.last_used[message.ref_hash] = self.runs

    def finished_run(self) -> None:
        self.runs += 1
        self.last_used = {h: run for h, run in self.last_used.items() if self.runs - run <= self.max_age}


def rerun_message(path: str, locality: str, cache: ClientCache | None = None) -> bytes:
    message = BackMsg()
    message.rerun_script.query_string = f"locality={locality}"
    message.rerun_script.page_script_hash = calc_hash(path)
    if cache is not None:
        message.rerun_script.cached_message_hashes.extend(cache.last_used)
    return message.SerializeToString()


async def page_text(base_url: str, path: str, locality: str, headers: dict[str, str] | None = None) -> str:
    """Everything one run of a page sends, as text: what a browser would draw, without one."""
    url = base_url.replace("http://", "ws://") + "/_stcore/stream"
    parts = []
    async with websockets.connect(
        url, subprotocols=["streamlit"], origin=base_url, max_size=None, additional_headers=headers or {}
    ) as socket:
        await socket.send(rerun_message(path, locality))
        while True:
            message = ForwardMsg.FromString(await asyncio.wait_for(socket.recv(), timeout=120))
            if message.HasField("delta"):
                parts.append(str(message.delta))
            if message.HasField("script_finished") and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return "\n".join(parts)


async def page_run(socket, path: str, locality: str, cache: ClientCache | None = None) -> float:
    """Seconds from asking for a page to the server's 'finished' (every element received)."""
    started = time.perf_counter()
    await socket.send(rerun_message(path, locality, cache))
    while True:
        message = ForwardMsg.FromString(await socket.recv())
        if cache is not None:
            cache.saw(message)
        if message.HasField("script_finished"):
            if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue
            if cache is not None:
                cache.finished_run()
            return time.perf_counter() - started
