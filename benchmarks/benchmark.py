"""The benchmark: every aim is a ratio, both sides measured in the same run.

    python -m benchmarks.benchmark [--localities 9] [--scale]

1. Warehouse build from the shipped extracts vs DuckDB reading the same files with no
   checks (`read_csv`). Aim: at most 2x.
2. Server-side run time of every page for every locality (12 pages x 9 = 108 distinct
   views, each opened from another page: a page switch) and of the locality menu
   changed on every page (96 distinct switches), cold (first visit of the view) and
   warm (second), each against a bare page of the same size (as many charts and tables)
   cached the same way (benchmarks/page_times.py). Aim: page switch and locality switch
   at most 1.5x, median over the views, cold and warm.
3. A fresh server to the first chart visible in headless Chromium, for a deep link,
   vs the same for a bare one-chart page (the median ratio of five pairs). Aim: at most 1.25x.
4. With --scale: the pages on a synthetic dataset about 100 times larger (made in a
   scratch folder, never committed), cold, against their 1x cold times.
5. Peak memory of the server process.

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


def page_times(warehouse: Path, extracts: Path, localities: int, env: dict[str, str]) -> list[dict]:
    views = []
    for kind in ("page", "switch"):  # each in a fresh process: cold means cold
        command = [
            sys.executable,
            "-m",
            "benchmarks.page_times",
            "--warehouse",
            str(warehouse),
            "--extracts",
            str(extracts),
            "--localities",
            str(localities),
            "--kind",
            kind,
        ]
        done = subprocess.run(
            command, cwd=PROJECT_DIR, env=os.environ | env, capture_output=True, text=True, timeout=7200, check=True
        )
        views += json.loads(done.stdout.strip().splitlines()[-1])
    return views


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


FIRST_CLICK_PAIRS = 5


def first_click_pair(warehouse: Path, folder: Path) -> tuple[float, float]:
    """One fresh-server first click of ours and one of the bare app, back to back, so a noisy minute
    on a shared machine falls on both sides of the ratio."""
    ours = first_chart_seconds("dashboard.py", DEEP_LINK, warehouse, SHIPPED, folder)
    return ours, first_chart_seconds(str(BARE_APP), "", warehouse, SHIPPED, folder)


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


def ratios(views: list[dict], kind: str, page: str | None = None) -> dict[str, float]:
    """Median of our times over the median of the bare page's, cold and warm, for one kind of view."""
    chosen = [v for v in views if v["kind"] == kind and (page is None or v["page"] == page)]
    out = {"views": float(len(chosen))}
    for when in ("cold", "warm"):
        ours = statistics.median(v[f"ours_{when}"] for v in chosen)
        bare = statistics.median(v[f"bare_{when}"] for v in chosen)
        out |= {f"ours_{when}": ours, f"bare_{when}": bare, when: ours / bare}
    return out


AIMS: list[tuple[str, float, float]] = []  # (what, measured ratio, aim): the closing table


def aim(what: str, measured: float, limit: float) -> str:
    AIMS.append((what, measured, limit))
    return f"{measured:.2f}x (aim <= {limit:g}x: {'met' if measured <= limit else 'NOT met'})"


def print_views(views: list[dict]) -> None:
    from tests.app_support import PAGE_KEYS

    print(
        f"   {'page':<36}{'charts':>7}{'tables':>7}{'cold':>8}{'bare':>7}{'ratio':>7}{'warm':>8}{'bare':>7}{'ratio':>7}"
    )
    for page in PAGE_KEYS:
        r = ratios(views, "page", page)
        first = next(v for v in views if v["kind"] == "page" and v["page"] == page)
        print(
            f"   {page:<36}{first['charts']:>7}{first['tables']:>7}{r['ours_cold']:>8.3f}{r['bare_cold']:>7.3f}"
            f"{r['cold']:>6.1f}x{r['ours_warm']:>8.3f}{r['bare_warm']:>7.3f}{r['warm']:>6.1f}x"
        )
    for kind, words in (("page", "page switch, every view"), ("switch", "locality switch, every view")):
        r = ratios(views, kind)
        print(
            f"   {words:<36}{int(r['views']):>7} views  cold {aim(f'{words}, cold', r['cold'], 1.5)}; "
            f"warm {aim(f'{words}, warm', r['warm'], 1.5)}"
        )
        # Issue 23's aim for the same figure: within 2x of the bare page (issue 19's 1.5x stays above).
        aim(f"{words}, warm (issue 23)", r["warm"], 2.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--localities", type=int, default=9, help="how many of the nine areas to visit")
    parser.add_argument("--scale", action="store_true", help="also the 100x synthetic dataset (slow)")
    args = parser.parse_args()
    from indicators.warehouse import build

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        print("1. Warehouse build vs DuckDB read_csv of the same files (median of 3)")
        times = build_vs_raw(folder)
        print(
            f"   ours {times['ours']:.3f} s, raw read {times['raw']:.3f} s: "
            f"{aim('warehouse build vs raw read', times['ours'] / times['raw'], 2)}"
        )

        warehouse = folder / "shipped.duckdb"
        build([SHIPPED], warehouse)
        print("\n2. Server-side runs of distinct views, cold and warm, vs a bare page of the same size cached alike")
        views = page_times(warehouse, SHIPPED, args.localities, {})
        print_views(views)

        print(
            f"\n3. Fresh server to first chart visible, deep link vs bare one-chart page ({FIRST_CLICK_PAIRS} pairs, "
            "each ours then bare; the median of the pairs' ratios)"
        )
        pairs = [first_click_pair(warehouse, folder) for _ in range(FIRST_CLICK_PAIRS)]
        ours, bare = statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)
        ratio = statistics.median(p[0] / p[1] for p in pairs)
        print(
            f"   ours {ours:.2f} s, bare {bare:.2f} s (medians): {aim('first click: cold deep link to first chart', ratio, 1.25)}"
        )

        memory_1x = peak_memory(warehouse, SHIPPED, folder)
        print(f"\n5. Server peak memory at 1x: {memory_1x:.0f} MB")
        if args.scale:
            print("\n4. The same views on a synthetic dataset about 100x the shipped one (cold, against 1x cold)")
            catalogue, areas, extracts, rows = scale.make(folder / "scale")
            env = {"INDICATORS_CATALOGUE_DIR": str(catalogue), "INDICATORS_AREAS_FILE": str(areas)}
            scale_warehouse = folder / "scale.duckdb"
            subprocess.run(
                [sys.executable, "-m", "indicators", "load", str(extracts), "--warehouse", str(scale_warehouse)],
                cwd=PROJECT_DIR,
                env=os.environ | env,
                check=True,
                capture_output=True,
                timeout=3600,
            )
            big = ratios(page_times(scale_warehouse, extracts, 1, env), "page")
            small = ratios([v for v in views if v["locality"] == "dorset"], "page")
            print(
                f"   {rows:,} rows; median cold page run {big['ours_cold']:.3f} s at 100x vs {small['ours_cold']:.3f} s at 1x: "
                f"{aim('100x data vs 1x, cold page', big['ours_cold'] / small['ours_cold'], 2)}"
            )

    print("\nAims, each a ratio measured in this run")
    print(f"   {'what':<52}{'measured':>10}{'aim':>8}  met")
    for what, measured, limit in AIMS:
        print(f"   {what:<52}{measured:>9.2f}x{limit:>7g}x  {'yes' if measured <= limit else 'NO'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
