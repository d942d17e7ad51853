"""Locality profile: one locality across all seven priorities, side by side with another."""

from __future__ import annotations

import streamlit as st

from indicators.exports import to_safe_csv
from indicators.tables import SUMMARY_COLUMNS, status_counts
from ui import data
from ui.access import can_see_restricted
from ui.layout import (
    context_panel,
    copy_link,
    file_name,
    locality_picker,
    pack_button,
    page_header,
    summary_key,
    table,
    url_choice,
)
from ui.state import area_label, locality_choices, read_view

PROFILE_COLUMNS = ["Priority", *SUMMARY_COLUMNS]


def render() -> None:
    view = read_view()
    locality = locality_picker(view)
    page_header(
        f"Locality profile: {area_label(locality)}",
        "Every indicator of the plan for one area, and a side-by-side comparison with another.",
        view,
    )
    context_panel(locality, area_label(locality))
    pack_button(locality, area_label(locality))
    summary = data.summary(data.version(), locality, can_see_restricted())
    counts = status_counts(summary)
    st.markdown(
        f"Since the plan started, **{counts['better']}** indicators are better, **{counts['worse']}** worse, "
        f"**{counts['no-significant-change']}** are about the same and **{counts['other']}** cannot be compared yet."
    )
    table(summary[PROFILE_COLUMNS], f"Every indicator for {area_label(locality)}")
    summary_key()
    st.download_button(
        "Download this profile (CSV)",
        to_safe_csv(summary[PROFILE_COLUMNS]),
        file_name=file_name("profile", locality),
        mime="text/csv",
        icon=":material/download:",
    )

    st.header("Compare two areas side by side")
    others = [c for c in locality_choices() if c != locality]
    default = view.compare_with if view.compare_with in others else others[0]
    other = url_choice(st.selectbox, "Compare with", others, "compare", default, "compare_with", format_func=area_label)
    theirs = data.summary(data.version(), other, can_see_restricted()).set_index("indicator_id")
    side = summary.set_index("indicator_id")[["Priority", "Indicator", "Latest", "Since the plan started"]].rename(
        columns={
            "Latest": f"{area_label(locality)}: latest",
            "Since the plan started": f"{area_label(locality)}: since baseline",
        }
    )
    side[f"{area_label(other)}: latest"] = theirs["Latest"]
    side[f"{area_label(other)}: since baseline"] = theirs["Since the plan started"]
    table(
        side.reset_index(drop=True),
        f"{area_label(locality)} and {area_label(other)} side by side",
        row_header="Indicator",
    )
    copy_link("locality-profile", locality=locality, compare=other)
