"""Board view: every indicator in every locality, status since the baseline and recent trend."""

from __future__ import annotations

import streamlit as st

from indicators.areas import default_areas
from indicators.assess import TREND_POINTS
from indicators.exports import to_safe_csv
from ui import data
from ui.access import can_see_restricted, visible_catalogue
from ui.layout import copy_link, file_name, page_header, table
from ui.state import read_view

MEASURES = {"vs_baseline": "Since the plan started", "trend": f"Recent trend (last {TREND_POINTS} comparable periods)"}


def render() -> None:
    catalogue, areas = visible_catalogue(), default_areas()
    view = read_view()
    page_header(
        "Board view: all localities and priorities",
        "Every indicator in every locality at a glance. ▲ better and ▼ worse are changes bigger than chance; "
        "● means no significant change; △ ▽ higher or lower where neither is better; – not compared.",
        view,
    )
    area_ids = [a.id for a in areas.localities] + ["dorset"]
    version = data.version()
    measure = st.radio("Show", list(MEASURES), format_func=MEASURES.get, horizontal=True, key="board_measure")
    priorities = [p.title for p in catalogue.priorities]
    chosen = st.multiselect("Priorities", priorities, default=priorities, key="board_priorities")
    matrix = data.board_matrix(version, tuple(area_ids), measure, can_see_restricted())
    matrix = matrix[matrix["Priority"].isin(chosen)]
    for title in chosen:
        st.subheader(title)
        rows = matrix[matrix["Priority"] == title].drop(columns=["Priority"])
        table(
            rows,
            hide_index=True,
            height=35 * (len(rows) + 1) + 3,
            column_config={"Indicator": st.column_config.TextColumn(width="medium")},
        )
    st.download_button(
        "Download this table (CSV)",
        to_safe_csv(matrix),
        file_name=file_name("board", measure),
        mime="text/csv",
        icon=":material/download:",
    )

    st.subheader("Detail with trend lines")
    st.caption(
        "One row per indicator and area for one priority: the latest figure and a small line of every period shown "
        "(withheld figures left out). Sort by clicking a column heading."
    )
    detail_priority = st.selectbox("Priority for the detail", priorities, key="board_detail_priority")
    detail = data.board_detail(version, tuple(area_ids), can_see_restricted())
    table(
        detail[detail["Priority"] == detail_priority].drop(columns=["Priority"]),
        hide_index=True,
        column_config={"Trend line": st.column_config.LineChartColumn("Trend line", width="small")},
    )
    copy_link("board")
