"""The benchmark's baseline: a bare Streamlit page drawing one Plotly chart from memory."""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(layout="wide")
st.title("Bare page")
periods = [f"{y}/{(y + 1) % 100:02d}" for y in range(2015, 2025)]
rng = np.random.default_rng(1)
figure = go.Figure([go.Scatter(x=periods, y=rng.uniform(10, 30, len(periods))) for _ in range(3)])
st.plotly_chart(figure)
