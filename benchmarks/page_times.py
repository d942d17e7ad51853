"""Server-side run times of many distinct views, each against a like-for-like bare page.

    python -m benchmarks.page_times --warehouse W --extracts E [--localities 9]

A view is a page for a locality. Every view is run twice in the same session: the first
run is its cold time (nothing for this view is cached yet; the process has served other
views), the second its warm time. The bare page is a plain Streamlit page drawing as many
Plotly charts (three lines each) and as many HTML tables as that view did, caching its
figures per view with st.cache_resource exactly as the dashboard does: cold builds them,
warm reads them from the cache. So both sides are cached the same way, and each view is
compared with a page of the same size.

Prints JSON: a list of {kind, page, locality, charts, tables, ours_cold, ours_warm,
bare_cold, bare_warm}; kind (--kind) is "page" (opening a page: a page switch) or
"switch" (changing the locality with the menu on an open page). Each kind runs in a
process of its own, so one kind's visits do not warm the other's views, and so the
environment chosen by the caller takes effect.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from tests.app_support import PAGE_KEYS, open_page
from ui.navigation import url_paths

LOCALITIES = ["dorset", "chesil", "dorchester", "east", "north", "purbeck", "west", "weymouth", "portland"]

BARE_PAGE = """
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

view, charts, tables = st.query_params["view"], int(st.query_params["charts"]), int(st.query_params["tables"])


@st.cache_resource(max_entries=1024)
def figures(view: str, charts: int) -> list[go.Figure]:
    rng = np.random.default_rng(abs(hash(view)) % 2**32)
    periods = [f"{y}/{(y + 1) % 100:02d}" for y in range(2015, 2025)]
    made = []
    for _ in range(charts):
        figure = go.Figure()
        for _ in range(3):
            figure.add_trace(go.Scatter(x=periods, y=rng.uniform(10, 30, len(periods)),
                                        error_y=dict(array=rng.uniform(1, 2, len(periods)))))
        made.append(figure)
    return made


@st.cache_data(max_entries=1024)
def table_markup(view: str, tables: int) -> list[str]:
    rng = np.random.default_rng(abs(hash(view)) % 2**32)
    frame = pd.DataFrame(rng.uniform(0, 100, (10, 7)), columns=[f"Column {n}" for n in range(7)])
    return [frame.to_html() for _ in range(tables)]


st.title("Bare page")
for number, figure in enumerate(figures(view, charts)):
    st.plotly_chart(figure, key=f"chart-{number}")
for markup in table_markup(view, tables):
    st.html(markup)
"""


def _run(app: AppTest) -> float:
    started = time.perf_counter()
    app.run()
    elapsed = time.perf_counter() - started
    assert not app.exception, app.exception
    return elapsed


def _size(app: AppTest) -> tuple[int, int]:
    """(charts, tables) the run drew."""
    tables = sum(element.proto.body.count("<table") for element in app.get("html"))
    return len(app.get("plotly_chart")), tables


def bare(view: str, charts: int, tables: int) -> tuple[float, float]:
    """(cold, warm) for the bare page; its session has run once already, as ours have."""
    app = AppTest.from_string(BARE_PAGE, default_timeout=120)
    app.query_params.update({"view": f"before-{view}", "charts": "0", "tables": "0"})
    _run(app)
    app.query_params.update({"view": view, "charts": str(charts), "tables": str(tables)})
    return _run(app), _run(app)


def _page_view(warehouse: Path, extracts: Path, page: str, locality: str) -> dict[str, object]:
    app = open_page(warehouse, "about", {}, extracts=extracts)  # a session on another page, as a reader has
    app._page_hash = calc_hash(url_paths()[page])  # then the page switch, as the menu does
    app.query_params["locality"] = locality
    cold = _run(app)
    charts, tables = _size(app)
    warm = _run(app)
    bare_cold, bare_warm = bare(f"page-{page}-{locality}", charts, tables)
    return {
        "kind": "page",
        "page": page,
        "locality": locality,
        "charts": charts,
        "tables": tables,
        "ours_cold": cold,
        "ours_warm": warm,
        "bare_cold": bare_cold,
        "bare_warm": bare_warm,
    }


def _switches(warehouse: Path, extracts: Path, page: str, localities: list[str]) -> list[dict[str, object]]:
    """Changing the locality in the menu, to each locality in turn, then the same again warm."""
    app = open_page(warehouse, page, {"locality": localities[0]}, extracts=extracts)
    if not [s for s in app.sidebar.selectbox if s.key == "locality_picker"]:
        return []  # a page for every area at once (the Board, About): nothing to switch
    picker = app.sidebar.selectbox(key="locality_picker")
    labels = dict(zip(LOCALITIES, picker.options, strict=True))
    rows: dict[str, dict[str, object]] = {}
    for rounds in ("cold", "warm"):
        app.sidebar.selectbox(key="locality_picker").set_value(labels[localities[0]])
        _run(app)  # back to the first area (already shown): not timed
        for locality in localities[1:]:
            app.sidebar.selectbox(key="locality_picker").set_value(labels[locality])
            elapsed = _run(app)
            if rounds == "cold":
                charts, tables = _size(app)
                rows[locality] = {
                    "kind": "switch",
                    "page": page,
                    "locality": locality,
                    "charts": charts,
                    "tables": tables,
                    "ours_cold": elapsed,
                }
            else:
                rows[locality]["ours_warm"] = elapsed
    for row in rows.values():
        row["bare_cold"], row["bare_warm"] = bare(f"switch-{page}-{row['locality']}", row["charts"], row["tables"])  # type: ignore[arg-type]
    return list(rows.values())


def measure(warehouse: Path, extracts: Path, localities: list[str], kind: str) -> list[dict[str, object]]:
    """Page views, or locality switches: each in a process of its own, so neither warms the other's views."""
    open_page(warehouse, "overview", {"locality": "dorset"}, extracts=extracts)  # start-up: the first visitor's run
    results = []
    if kind == "page":
        for locality in localities:
            for page in PAGE_KEYS:
                results.append(_page_view(warehouse, extracts, page, locality))
    elif len(localities) > 1:
        for page in PAGE_KEYS:
            results.extend(_switches(warehouse, extracts, page, localities))
    return results


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--warehouse", type=Path, required=True)
    parser.add_argument("--extracts", type=Path, required=True)
    parser.add_argument("--localities", type=int, default=len(LOCALITIES), help="how many of the nine to visit")
    parser.add_argument("--kind", choices=["page", "switch"], default="page")
    args = parser.parse_args()
    print(json.dumps(measure(args.warehouse, args.extracts, LOCALITIES[: args.localities], args.kind)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
