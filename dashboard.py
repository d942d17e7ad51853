"""Entry point: `streamlit run dashboard.py`."""

from __future__ import annotations

import streamlit as st

from indicators.catalogue import default_catalogue
from ui.data import reader

st.set_page_config(page_title="Dorset locality outcomes", page_icon="📊", layout="wide")

catalogue = default_catalogue()
warehouse = reader()

st.title("Dorset locality outcome indicators")
if warehouse.has_illustrative_data():
    st.warning("Illustrative data: locality figures shown here are made up for demonstration, not real.", icon="⚠️")

counts = warehouse.table_counts()
for priority in catalogue.priorities:
    st.header(priority.title)
    st.write(priority.summary)
    rows = []
    for indicator in catalogue.indicators_for(priority.id):
        loaded = counts[counts["indicator_id"] == indicator.id]
        rows.append(
            {
                "Indicator": indicator.title,
                "Unit": indicator.unit_label,
                "Baseline": indicator.baseline_period,
                "Rows loaded": int(loaded["rows"].sum()),
            }
        )
    st.dataframe(rows, hide_index=True)
