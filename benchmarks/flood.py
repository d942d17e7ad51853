"""One client flooding a server with page runs, and what everyone else sees meanwhile.

Used by tests/test_flood.py (the tiny dataset, as a test) and by `make capacity` (the shipped
data, as a measurement): the flood is FLOOD_MESSAGES page-run requests over one session, far
faster than anyone clicks; the health check is timed throughout; another reader then asks for
a page.
"""

from __future__ import annotations

import asyncio
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import websockets
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.util import calc_hash

from benchmarks.protocol import page_run, rerun_message

FLOOD_MESSAGES = 1000
LAST_PAGE = "about"  # what the flooding client asks for last: the page its session must end on


@dataclass(frozen=True)
class Flood:
    runs: int  # page runs the server started for the flooding session
    ended_on_last_page: bool  # the last page asked for was the one run last
    worst_health_seconds: float  # the slowest health check answer during the flood
    another_reader_seconds: float  # a page for another reader, asked for as the flood ends


def health_seconds(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as response:
        assert response.status == 200
    return time.perf_counter() - started


async def _flood(url: str, seconds: float) -> tuple[int, str]:
    """Send FLOOD_MESSAGES page runs over one session within `seconds`, then one for LAST_PAGE.

    Returns how many runs the server started and the page of the last one finished."""
    stream = url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(stream, subprotocols=["streamlit"], origin=url, max_size=None) as socket:
        views = [("overview", "chesil"), ("good-care-provision", "east"), ("local-family-help", "west")]
        for number in range(FLOOD_MESSAGES):
            path, locality = views[number % len(views)]
            await socket.send(rerun_message(path, locality))
            await asyncio.sleep(seconds / FLOOD_MESSAGES)
        await socket.send(rerun_message(LAST_PAGE, "purbeck"))
        runs, page = 0, ""
        while True:  # until the server has run the last page asked for (or 60 s of silence fails)
            message = ForwardMsg.FromString(await asyncio.wait_for(socket.recv(), timeout=60))
            if message.HasField("new_session"):
                runs += 1
                page = message.new_session.page_script_hash
            finished = (
                message.HasField("script_finished") and message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
            )
            if finished and page == calc_hash(LAST_PAGE):
                return runs, page


async def _one_page(url: str) -> float:
    stream = url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(stream, subprotocols=["streamlit"], origin=url, max_size=None) as socket:
        return await asyncio.wait_for(page_run(socket, "best-education-for-all", "north"), timeout=60)


def flood(url: str, seconds: float) -> Flood:
    """Flood the server at `url` for `seconds`, timing the health check throughout and another reader after.

    Each coroutine runs in a thread of its own: the browser tests' Playwright keeps an event loop
    running in the calling thread for the whole test session."""
    with ThreadPoolExecutor(2) as pool:
        flooding = pool.submit(asyncio.run, _flood(url, seconds))
        health = []
        while not flooding.done():
            health.append(health_seconds(url))
            time.sleep(0.2)
        runs, last = flooding.result()
        after = pool.submit(asyncio.run, _one_page(url)).result()
    return Flood(runs, last == calc_hash(LAST_PAGE), max(health), after)
