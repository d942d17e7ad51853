"""The capacity benchmark's floor: a bare Streamlit app of ten pages, each a cached table and three
cached Plotly line charts, as little per run as Streamlit allows with the same kind of content."""

import os

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

SENDS_IN_BATCHES = "BARE_SENDS_IN_BATCHES"
if os.environ.get(SENDS_IN_BATCHES):  # `make capacity` also measures the bare app given the dashboard's sends
    from ui.sending import send_pages_in_batches

    send_pages_in_batches()
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


st.navigation([st.Page(page_function(p), title=p, url_path=p) for p in PAGES]).run()
