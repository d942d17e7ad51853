"""Where a page run's server time goes under load, and how many bytes each page sends.

    python -m benchmarks.profile_pages [--readers 25] [--seconds 20] [--think 1.0]

Starts the dashboard on the shipped data, warms it, then samples the server with py-spy
(100 samples a second, every thread, idle waits left out) while `--readers` websocket
readers (benchmarks/capacity.py's) click through every page for every area. Each sample's
stack is put in the first group, from the innermost frame out, whose code it is in:
Plotly (building, validating and serialising figures), protobuf (Streamlit's messages),
DuckDB, pandas, the dashboard's own code (pages/, ui/, indicators/), the websocket and
Tornado (sending), or the rest of Streamlit's runtime. Separately it records the bytes
of every message each page run sends, by page type.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.capacity import SHIPPED, bytes_per_page, dashboard_pages, mean_kb, run_level, visit_every_view
from benchmarks.harness import ONE_ADDRESS_FOR_ALL, start_server, stop_server

# (group, markers in a frame's file path as py-spy gives it), tried from the innermost frame outwards.
GROUPS = [
    ("Plotly: figure build, validation, JSON", ("(plotly/", "(_plotly_utils/")),
    ("protobuf: Streamlit's messages", ("(google/protobuf/",)),
    ("DuckDB queries", ("(duckdb",)),
    ("pandas and numpy", ("(pandas/", "(numpy/", "(pyarrow/")),
    ("json (standard library)", ("(json/",)),
    ("websocket and Tornado: sending", ("(tornado/", "(websockets/", "(asyncio/")),
    ("dashboard's own code", ("(pages/", "(ui/", "(indicators/", "(dashboard.py")),
    ("Streamlit runtime", ("(streamlit/",)),
]


def group_of(stack: str) -> str:
    frames = stack.split(";")
    for frame in reversed(frames):
        for name, markers in GROUPS:
            if any(m in frame for m in markers):
                return name
    return "other (interpreter, standard library)"


def profile_table(raw: Path) -> list[tuple[str, float]]:
    """Each group's share of the samples taken, largest first."""
    counts: collections.Counter[str] = collections.Counter()
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            counts[group_of(stack)] += int(count)
    total = sum(counts.values()) or 1
    return [(name, 100 * n / total) for name, n in counts.most_common()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--readers", type=int, default=25)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--think", type=float, default=1.0)
    args = parser.parse_args()
    spy = shutil.which("py-spy") or shutil.which("py-spy", path=str(Path(sys.executable).parent))  # the venv's
    if spy is None:
        print("py-spy is not installed: pip install py-spy (it samples the server from outside).")
        return 2
    from indicators.warehouse import build

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        warehouse = folder / "warehouse.duckdb"
        build([SHIPPED], warehouse)
        server = start_server(warehouse, SHIPPED, folder / "server.log", extra_env=ONE_ADDRESS_FOR_ALL)
        try:
            asyncio.run(visit_every_view(server.url, list(dashboard_pages())))  # as in make capacity
            sizes = asyncio.run(bytes_per_page(server.url, dashboard_pages()))
            raw = Path(tempfile.gettempdir()) / "dashboard-profile.txt"  # kept, to read the stacks
            sampler = subprocess.Popen(
                [
                    spy,
                    "record",
                    "--pid",
                    str(server.process.pid),
                    "--rate",
                    "100",
                    "--format",
                    "raw",
                    "--output",
                    str(raw),
                    "--duration",
                    str(int(args.seconds)),
                    "--nonblocking",
                    "--gil",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(1)
            level = asyncio.run(run_level([server], args.readers, args.seconds - 1, args.think))
            sampler.wait(timeout=60)
            table = profile_table(raw)
        finally:
            stop_server(server)
    print(
        f"Server time under load: {args.readers} readers, {args.think:g} s reading, {args.seconds:g} s; "
        f"{len(level.times)} pages, p50 {level.p50:.2f} s, p95 {level.p95:.2f} s"
    )
    print(f"{'where the time goes':<44}{'share':>8}")
    for name, share in table:
        print(f"{name:<44}{share:>7.1f}%")
    print(f"\n{'page':<44}{'KB per run (median)':>20}{'largest':>10}")
    for kind, values in sizes.items():
        ordered = sorted(values)
        print(f"{kind:<44}{ordered[len(ordered) // 2] / 1024:>20.0f}{ordered[-1] / 1024:>10.0f}")
    print(f"{'every page view, mean':<44}{mean_kb(sizes):>20.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
