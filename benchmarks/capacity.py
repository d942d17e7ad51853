"""How many readers one server process holds, measured without browsers.

    python -m benchmarks.capacity [--levels 1,5,10,25,50] [--seconds 30] [--think 1.0]

Each reader is one Streamlit session speaking Streamlit's own websocket protocol, as the
browser does: it opens `/_stcore/stream`, asks for a page run (a `rerun_script` message
with the page and the locality in its query string) and counts the time until the
server says the run has finished (`script_finished`), having received every element of
the page. It then waits `--think` seconds, as a person reading would, and moves on to
another page and locality (a shuffled round of every page for every locality, so the
views are many and different, not one view cached).

For each number of concurrent readers it prints p50 and p95 page time, pages served and
the server's resident memory, then the largest number held with p95 at most 2 s.
Browsers are left out on purpose: ten Chromiums on two cores measure Chromium, not the
server. What a browser adds on top (drawing the charts) is measured by the benchmark.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.util import calc_hash

from benchmarks.harness import ONE_ADDRESS_FOR_ALL, PROJECT_DIR, Server, start_server, stop_server
from ui.navigation import url_paths

SHIPPED = PROJECT_DIR / "data" / "extracts"
LOCALITIES = ["dorset", "chesil", "dorchester", "east", "north", "purbeck", "west", "weymouth", "portland"]
P95_AIM = 2.0


@dataclass
class Level:
    readers: int
    times: list[float] = field(default_factory=list)
    errors: int = 0
    memory_mb: float = 0.0

    @property
    def p50(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def p95(self) -> float:
        ordered = sorted(self.times)
        return ordered[round(0.95 * (len(ordered) - 1))] if ordered else float("nan")


def views(seed: int) -> itertools.cycle:
    """Every page for every locality, in a shuffled order of the reader's own."""
    every = [(path, locality) for path in url_paths().values() for locality in LOCALITIES]
    random.Random(seed).shuffle(every)
    return itertools.cycle(every)


def rerun_message(path: str, locality: str) -> bytes:
    message = BackMsg()
    message.rerun_script.query_string = f"locality={locality}"
    message.rerun_script.page_script_hash = calc_hash(path)
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


async def page_run(socket, path: str, locality: str) -> float:
    """Seconds from asking for a page to the server's 'finished' (every element received)."""
    started = time.perf_counter()
    await socket.send(rerun_message(path, locality))
    while True:
        message = ForwardMsg.FromString(await socket.recv())
        if message.HasField("script_finished"):
            if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue
            return time.perf_counter() - started


async def reader(server: Server, number: int, until: float, think: float, level: Level) -> None:
    url = server.url.replace("http://", "ws://") + "/_stcore/stream"
    order = views(number)
    async with websockets.connect(
        url, subprotocols=["streamlit"], origin=server.url, max_size=None, open_timeout=60
    ) as socket:
        await asyncio.sleep(random.Random(number).uniform(0, think))  # readers do not all start at once
        while time.perf_counter() < until:
            path, locality = next(order)
            try:
                level.times.append(await asyncio.wait_for(page_run(socket, path, locality), timeout=120))
            except (TimeoutError, websockets.ConnectionClosed):
                level.errors += 1
                return
            await asyncio.sleep(think)


def resident_mb(server: Server) -> float:
    for line in Path(f"/proc/{server.process.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def run_level(server: Server, readers: int, seconds: float, think: float) -> Level:
    level = Level(readers)
    until = time.perf_counter() + seconds
    tasks = [asyncio.create_task(reader(server, n, until, think, level)) for n in range(readers)]
    while not all(t.done() for t in tasks):
        level.memory_mb = max(level.memory_mb, resident_mb(server))
        await asyncio.sleep(0.5)
    for task in tasks:
        if task.exception() is not None:
            level.errors += 1
    return level


def held(levels: list[Level]) -> int:
    """The most readers with p95 within the aim (and no errors), 0 if none."""
    ok = [lv.readers for lv in levels if lv.times and lv.p95 <= P95_AIM and not lv.errors]
    return max(ok, default=0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--levels", default="1,5,10,25,50")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long each level runs")
    parser.add_argument("--think", type=float, default=1.0, help="seconds a reader waits between pages")
    args = parser.parse_args()
    from indicators.warehouse import build

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        warehouse = folder / "warehouse.duckdb"
        build([SHIPPED], warehouse)
        server = start_server(warehouse, SHIPPED, folder / "server.log", extra_env=ONE_ADDRESS_FOR_ALL)
        try:
            asyncio.run(run_level(server, 1, 10, 0.0))  # warm the caches a first visitor fills
            levels = []
            print(f"{'readers':>8}{'pages':>8}{'p50 s':>8}{'p95 s':>8}{'errors':>8}{'memory MB':>11}")
            for readers in (int(n) for n in args.levels.split(",")):
                level = asyncio.run(run_level(server, readers, args.seconds, args.think))
                levels.append(level)
                print(
                    f"{readers:>8}{len(level.times):>8}{level.p50:>8.2f}{level.p95:>8.2f}{level.errors:>8}"
                    f"{level.memory_mb:>11.0f}"
                )
        finally:
            stop_server(server)
    print(f"\nOne server process holds {held(levels)} concurrent readers with p95 page time <= {P95_AIM:.0f} s "
          f"(each reading for {args.think:g} s between pages).")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
