"""Load test: many people reading at once, switching pages and localities.

    python -m benchmarks.load_test [--sessions 10] [--seconds 60]

Starts the dashboard on loopback with the shipped data, opens `--sessions` headless
Chromium contexts at once, and for `--seconds` has each one open pages by link and
switch locality with the sidebar menu, as a reader would. Prints the number of
errors (must be 0), page render times (p50, p95) from navigation or switch to the
page being drawn and idle, and the server's peak memory. Bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from pathlib import Path

from playwright.async_api import Page, async_playwright

from benchmarks.harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    IDLE_SCRIPT,
    ONE_ADDRESS_FOR_ALL,
    PROBLEM_TEXTS,
    PROJECT_DIR,
    start_server,
    stop_server,
)

PATHS = [
    "",
    "best-start-in-life",
    "young-and-thriving",
    "good-care-provision",
    "best-education-for-all",
    "best-place-to-live",
    "local-family-help",
    "safe-at-home-and-in-the-community",
    "locality-profile",
    "board",
]
LOCALITIES = ["chesil", "dorchester", "east", "north", "purbeck", "west"]
NAMES = {
    "chesil": "Chesil",
    "dorchester": "Dorchester",
    "east": "East",
    "north": "North",
    "purbeck": "Purbeck",
    "west": "West",
}


async def wait_drawn(page: Page) -> None:
    await page.wait_for_function(IDLE_SCRIPT, timeout=60_000)
    await page.wait_for_timeout(300)  # the running indicator appears a moment after a run starts
    await page.wait_for_function(IDLE_SCRIPT, timeout=60_000)


async def problem_on(page: Page) -> str | None:
    text = await page.locator("[data-testid=stMain]").inner_text()
    return next((p for p in PROBLEM_TEXTS if p in text), None)


async def reader(
    number: int, browser, base: str, until: float, timings: list[float], errors: list[str], switches: list[int]
) -> None:
    rng = random.Random(number)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    # Ten browsers share two cores with the server: give clicks as long as page loads.
    context.set_default_timeout(60_000)
    page = await context.new_page()
    try:
        while time.monotonic() < until:
            path, locality = rng.choice(PATHS), rng.choice(LOCALITIES)
            started = time.monotonic()
            try:
                await page.goto(f"{base}/{path}?locality={locality}")
                await wait_drawn(page)
                timings.append((time.monotonic() - started) - 0.3)
                if problem := await problem_on(page):
                    errors.append(f"session {number}: {problem} on /{path}")
                if path != "board" and time.monotonic() < until:
                    other = rng.choice([x for x in LOCALITIES if x != locality])
                    started = time.monotonic()
                    await page.locator("section[data-testid=stSidebar] [data-testid=stSelectbox] input").first.click()
                    await page.get_by_role("option", name=NAMES[other], exact=True).click()
                    await page.wait_for_url(f"**locality={other}**", timeout=60_000)
                    await wait_drawn(page)
                    timings.append((time.monotonic() - started) - 0.3)
                    switches.append(1)
                    if problem := await problem_on(page):
                        errors.append(f"session {number}: {problem} after switching to {other}")
            except Exception as error:  # a load test reports every failure rather than stopping
                errors.append(f"session {number}: {type(error).__name__}: {str(error).splitlines()[0]}")
    finally:
        await context.close()


async def run(sessions: int, seconds: float) -> int:
    from indicators.warehouse import build

    with tempfile.TemporaryDirectory() as folder:
        warehouse = Path(folder) / "warehouse.duckdb"
        build([PROJECT_DIR / "data" / "extracts"], warehouse)
        server = start_server(
            warehouse, PROJECT_DIR / "data" / "extracts", Path(folder) / "server.log", extra_env=ONE_ADDRESS_FOR_ALL
        )
        timings: list[float] = []
        errors: list[str] = []
        switches: list[int] = []
        try:
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                until = time.monotonic() + seconds
                await asyncio.gather(
                    *(reader(n, browser, server.url, until, timings, errors, switches) for n in range(sessions))
                )
                await browser.close()
            peak = server.peak_memory_mb()
        finally:
            stop_server(server)
    ordered = sorted(timings)
    p95 = ordered[int(0.95 * (len(ordered) - 1))] if ordered else float("nan")
    print(
        f"sessions: {sessions}, duration: {seconds:.0f} s, page views: {len(timings)} (of which locality switches: {len(switches)})"
    )
    print(f"errors: {len(errors)}")
    for error in errors[:20]:
        print(f"  {error}")
    print(
        f"page render p50: {statistics.median(ordered):.2f} s, p95: {p95:.2f} s, max: {ordered[-1]:.2f} s"
        if ordered
        else "no pages rendered"
    )
    print(f"server peak memory: {peak:.0f} MB")
    return 1 if errors else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=10, choices=range(1, 51), metavar="1-50")
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    return asyncio.run(run(args.sessions, min(args.seconds, 600)))


if __name__ == "__main__":
    raise SystemExit(main())
