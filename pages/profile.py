"""Locality profile: one locality across all seven priorities, side by side with another."""

from __future__ import annotations

import streamlit as st

from ui import data, views
from ui.access import can_see_restricted
from ui.layout import (
    context_panel,
    copy_link,
    file_name,
    locality_picker,
    pack_button,
    page_header,
    summary_key,
    url_choice,
)
from ui.markup import table
from ui.state import area_label, locality_choices, read_view


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
    restricted = can_see_restricted()
    rows, csv = views.profile_table(data.version(), locality, restricted)
    counts = views.verdict_counts(data.version(), locality, restricted)
    st.markdown(
        f"Since the plan started, **{counts['better']}** indicators are better, **{counts['worse']}** worse, "
        f"**{counts['no-significant-change']}** are about the same and **{counts['other']}** cannot be compared yet."
    )
    table(rows, f"Every indicator for {area_label(locality)}")
    summary_key()
    st.download_button(
        "Download this profile (CSV)",
        csv,
        file_name=file_name("profile", locality),
        mime="text/csv",
        icon=":material/download:",
    )

    st.header("Compare two areas side by side")
    others = [c for c in locality_choices() if c != locality]
    default = view.compare_with if view.compare_with in others else others[0]
    other = url_choice(st.selectbox, "Compare with", others, "compare", default, "compare_with", format_func=area_label)
    table(
        views.side_by_side(data.version(), locality, other, restricted),
        f"{area_label(locality)} and {area_label(other)} side by side",
        row_header="Indicator",
    )
    copy_link("locality-profile", locality=locality, compare=other)
