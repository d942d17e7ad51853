"""The benchmark: every aim is a ratio measured side by side in the same run.

    python -m benchmarks.benchmark [--runs 20] [--skip-scale]

1. Warehouse build from the shipped extracts vs DuckDB reading the same files with no
   checks (`read_csv`). Aim: at most 2x.
2. Server-side run time of each page and of a locality switch (median and p95 of
   `--runs`, warm cache) vs a bare Streamlit page drawing as many Plotly charts from
   memory. Aim: at most 2x.
3. Cold server to the first chart visible in headless Chromium for a deep link vs the
   same for a bare one-chart page. Aim: at most 1.5x.
4. The page figures again on a synthetic dataset about 100 times larger (every ward a
   locality, everything monthly; made in a scratch folder, never committed). Aim: page
   times at 100x at most 2x those at 1x.
5. Peak memory of the server process at 1x and 100x.

Absolute times are printed too. Machines here are shared and noisy: compare ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from benchmarks import scale
from benchmarks.harness import CHROMIUM, CHROMIUM_ARGS, PROJECT_DIR, start_server, stop_server

SHIPPED = PROJECT_DIR / "data" / "extracts"
DEEP_LINK = "best-education-for-all?locality=purbeck&indicator=persistent-absence"
BARE_APP = PROJECT_DIR / "benchmarks" / "bare_app.py"


def median_time(action, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[round(0.95 * (len(ordered) - 1))]


def build_vs_raw(folder: Path) -> dict[str, float]:
    from indicators.warehouse import build

    files = sorted(str(p) for p in SHIPPED.glob("*.csv"))

    def raw() -> None:
        with duckdb.connect() as con:
            con.execute("SELECT * FROM read_csv(?, union_by_name = true, all_varchar = true)", [files]).fetchall()

    ours = median_time(lambda: build([SHIPPED], folder / "bench.duckdb"))
    return {"ours": ours, "raw": median_time(raw)}


def page_times(warehouse: Path, extracts: Path, runs: int, env: dict[str, str], locality: str = "purbeck") -> dict:
    command = [
        sys.executable,
        "-m",
        "benchmarks.page_times",
        "--warehouse",
        str(warehouse),
        "--extracts",
        str(extracts),
        "--runs",
        str(runs),
        "--locality",
        locality,
    ]
    done = subprocess.run(
        command, cwd=PROJECT_DIR, env=os.environ | env, capture_output=True, text=True, timeout=3600, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def first_chart_seconds(
    script: str, path: str, warehouse: Path, extracts: Path, folder: Path, env: dict[str, str] | None = None
) -> float:
    """From starting the server process to the first chart drawn in Chromium."""
    from playwright.sync_api import sync_playwright

    copy = folder / f"cold-{time.monotonic_ns()}.duckdb"
    shutil.copy2(warehouse, copy)
    previous = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    started = time.perf_counter()
    server = start_server(copy, extracts, folder / "cold.log", script=script)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{server.url}/{path}")
            page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=120_000)
            elapsed = time.perf_counter() - started
            browser.close()
    finally:
        stop_server(server)
        for key, value in previous.items():
            os.environ.pop(key) if value is None else os.environ.__setitem__(key, value)
    return elapsed


def peak_memory(warehouse: Path, extracts: Path, folder: Path, env: dict[str, str] | None = None) -> float:
    """The server's peak memory after visiting every page once."""
    from playwright.sync_api import sync_playwright

    previous = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    server = start_server(warehouse, extracts, folder / "memory.log")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page()
            for path in ["", "best-education-for-all", "good-care-provision", "locality-profile", "board"]:
                page.goto(f"{server.url}/{path}")
                page.locator("h1").first.wait_for(timeout=120_000)
                page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=120_000)
            browser.close()
        return server.peak_memory_mb()
    finally:
        stop_server(server)
        for key, value in previous.items():
            os.environ.pop(key) if value is None else os.environ.__setitem__(key, value)


def summarise(results: dict) -> dict[str, tuple[float, float, float, int]]:
    """page -> (our median, our p95, bare median, charts)."""
    return {
        key: (statistics.median(r["ours"]), p95(r["ours"]), statistics.median(r["bare"]), r["charts"])
        for key, r in results.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--skip-scale", action="store_true", help="leave out the 100x dataset")
    args = parser.parse_args()
    from indicators.warehouse import build

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        print("1. Warehouse build vs DuckDB read_csv of the same files (median of 3)")
        times = build_vs_raw(folder)
        print(
            f"   ours {times['ours']:.3f} s, raw read {times['raw']:.3f} s, ratio {times['ours'] / times['raw']:.1f}x (aim <= 2x)"
        )

        warehouse = folder / "shipped.duckdb"
        build([SHIPPED], warehouse)
        print(f"\n2. Server-side page runs at 1x, warm, {args.runs} runs each, vs a bare page with as many charts")
        at_1x = summarise(page_times(warehouse, SHIPPED, args.runs, {}))
        print(f"   {'page':<36}{'charts':>7}{'median':>9}{'p95':>9}{'bare':>9}{'ratio':>8}")
        for key, (median, high, bare, charts) in at_1x.items():
            print(f"   {key:<36}{charts:>7}{median:>9.3f}{high:>9.3f}{bare:>9.3f}{median / bare:>7.1f}x")

        print("\n3. Cold server to first chart visible, deep link vs bare one-chart page (median of 3)")
        ours = statistics.median(
            first_chart_seconds("dashboard.py", DEEP_LINK, warehouse, SHIPPED, folder) for _ in range(3)
        )
        bare = statistics.median(first_chart_seconds(str(BARE_APP), "", warehouse, SHIPPED, folder) for _ in range(3))
        print(f"   ours {ours:.2f} s, bare {bare:.2f} s, ratio {ours / bare:.2f}x (aim <= 1.5x)")

        memory_1x = peak_memory(warehouse, SHIPPED, folder)
        if args.skip_scale:
            print(f"\n5. Server peak memory at 1x: {memory_1x:.0f} MB")
            return 0

        print("\n4. The same pages on a synthetic dataset about 100x the shipped one")
        catalogue, areas, extracts, rows = scale.make(folder / "scale")
        env = {"INDICATORS_CATALOGUE_DIR": str(catalogue), "INDICATORS_AREAS_FILE": str(areas)}
        scale_warehouse = folder / "scale.duckdb"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "indicators", "load", str(extracts), "--warehouse", str(scale_warehouse)],
                       cwd=PROJECT_DIR, env=os.environ | env, check=True, capture_output=True, timeout=3600)  # fmt: skip
        shipped_rows = sum(1 for f in SHIPPED.glob("*.csv") for _ in f.open()) - len(list(SHIPPED.glob("*.csv")))
        print(
            f"   {rows:,} rows ({rows / shipped_rows:.0f}x the shipped {shipped_rows:,}); warehouse built in {time.perf_counter() - started:.1f} s"
        )
        at_100x = summarise(page_times(scale_warehouse, extracts, args.runs, env, locality="ward-bridport"))
        print(f"   {'page':<36}{'1x median':>10}{'100x median':>12}{'100x p95':>10}{'100x/1x':>9}")
        for key, (median, high, _bare, _charts) in at_100x.items():
            print(f"   {key:<36}{at_1x[key][0]:>10.3f}{median:>12.3f}{high:>10.3f}{median / at_1x[key][0]:>8.1f}x")
        memory_100x = peak_memory(scale_warehouse, extracts, folder, env)
        print(f"\n5. Server peak memory: 1x {memory_1x:.0f} MB, 100x {memory_100x:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
