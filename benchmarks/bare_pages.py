"""The capacity benchmark's floor: a bare Streamlit app of ten pages, each a cached table and three
cached Plotly line charts, as little per run as Streamlit allows with the same kind of content."""

import os
from contextlib import nullcontext

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

# `make capacity` also measures the bare app served as the dashboard is served: a page's messages sent
# in batches (ui/sending.py) and page runs taking turns (ui/turns.py).
SERVED_AS_DASHBOARD = "BARE_SERVED_AS_DASHBOARD"
if os.environ.get(SERVED_AS_DASHBOARD):
    from ui.sending import send_pages_in_batches
    from ui.turns import page_run_turn

    send_pages_in_batches()
else:
    page_run_turn = nullcontext
PAGES = [f"bare-{n}" for n in range(10)]
PERIODS = [f"{y}/{(y + 1) % 100:02d}" for y in range(2015, 2025)]


@st.cache_resource
def content(page: str) -> tuple[pd.DataFrame, list[go.Figure]]:
    rng = np.random.default_rng(PAGES.index(page))
    table = pd.DataFrame({"Area": [f"Area {i}" for i in range(10)], "Value": rng.uniform(10, 30, 10).round(1)})
    charts = [
        go.Figure([go.Scatter(x=PERIODS, y=rng.uniform(10, 30, len(PERIODS))) for _ in range(3)]) for _ in range(3)
    ]
    return table, charts


def page_function(page: str):
    def render() -> None:
        st.title(page)
        table, charts = content(page)
        st.table(table)
        for figure in charts:
            st.plotly_chart(figure)

    render.__name__ = page.replace("-", "_")
    return render


with page_run_turn():
    st.navigation([st.Page(page_function(p), title=p, url_path=p) for p in PAGES]).run()
