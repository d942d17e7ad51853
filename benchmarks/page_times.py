"""Server-side run time of each page, warm, against a bare page drawing as many Plotly charts.

    python -m benchmarks.page_times --warehouse W --extracts E [--runs 20]

Prints JSON: for each page (and a locality switch) the run times in seconds, the
number of charts it drew, and the bare page's times for that many charts. Run in its
own process so the catalogue and areas chosen by environment variables take effect.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.app_support import PAGE_KEYS, open_page

BARE_PAGE = """
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

rng = np.random.default_rng(1)
frame = pd.DataFrame({"period": [f"{y}/{(y + 1) % 100:02d}" for y in range(2015, 2025)]})
for chart in range({charts}):
    figure = go.Figure()
    for line in range(3):
        figure.add_trace(go.Scatter(x=frame["period"], y=rng.uniform(10, 30, len(frame)), error_y=dict(array=rng.uniform(1, 2, len(frame)))))
    st.plotly_chart(figure, key=f"chart-{chart}")
"""


def timed(app: AppTest, runs: int, step=None) -> list[float]:
    times = []
    for number in range(runs):
        if step is not None:
            step(app, number)
        started = time.perf_counter()
        app.run()
        times.append(time.perf_counter() - started)
        assert not app.exception, app.exception
    return times


def bare_times(charts: int, runs: int) -> list[float]:
    app = AppTest.from_string(BARE_PAGE.replace("{charts}", str(charts)), default_timeout=60)
    app.run()  # warm
    return timed(app, runs)


def switch_locality(app: AppTest, number: int) -> None:
    choices = [c for c in app.sidebar.selectbox(key="locality_picker").options if c != "All of Dorset"]
    app.sidebar.selectbox(key="locality_picker").set_value(choices[number % len(choices)])


def measure(warehouse: Path, extracts: Path, runs: int, locality: str) -> dict[str, dict[str, object]]:
    results: dict[str, dict[str, object]] = {}
    bare_cache: dict[int, list[float]] = {}
    for key in [*PAGE_KEYS, "switch"]:
        page = "overview" if key == "switch" else key
        app = open_page(warehouse, page, {"locality": locality}, extracts=extracts)  # the first, cold run
        app.run()  # warm
        charts = len(app.get("plotly_chart"))
        ours = timed(app, runs, switch_locality if key == "switch" else None)
        if charts not in bare_cache:
            bare_cache[charts] = bare_times(max(charts, 1), runs)
        results[key] = {"ours": ours, "charts": charts, "bare": bare_cache[charts]}
    return results


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--warehouse", type=Path, required=True)
    parser.add_argument("--extracts", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--locality", default="purbeck")
    args = parser.parse_args()
    print(json.dumps(measure(args.warehouse, args.extracts, args.runs, args.locality)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
