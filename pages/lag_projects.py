"""LAG funded projects: what each Local Alliance Group paid for, and which figures it hopes to move."""

from __future__ import annotations

import streamlit as st

from indicators.tables import projects_by_priority, projects_table
from ui import data
from ui.access import visible_catalogue
from ui.layout import copy_link, locality_picker, page_header, table
from ui.state import area_label, read_view

URL_PATH = "lag-projects"


def render() -> None:
    catalogue = visible_catalogue()
    view = read_view()
    locality = locality_picker(view)
    name = area_label(locality)
    page_header(
        f"Funded projects: {name}",
        "What Local Alliance Groups have funded, from their published minutes: organisations, purposes, amounts "
        "and decisions. Which plan priority and indicators each project hopes to move is **our judgement**, shown "
        "beside the record and not part of it; the trend charts of those indicators shade the funded period.",
        view,
        shows_figures=False,
    )
    projects = data.projects(data.version(), None if locality == "dorset" else locality)
    if projects.empty:
        st.info(f"No funding decisions for {name} have been loaded yet.")
        copy_link(URL_PATH, locality=locality)
        return
    agreed, declined = projects[projects["decision"] == "agreed"], projects[projects["decision"] == "declined"]
    first, second, third = st.columns(3)
    first.metric("Agreed", f"£{agreed['amount_gbp'].sum():,.0f}", help="The total of the bids agreed.")
    second.metric("Projects agreed", len(agreed))
    third.metric("Bids declined", len(declined))
    st.subheader("Agreed funding by plan priority")
    table(projects_by_priority(projects, catalogue), f"Agreed funding by plan priority: {name}")
    st.subheader("Every decision")
    table(projects_table(projects, catalogue), f"Every funding decision: {name}")
    sources = "; ".join(sorted(set(projects["source"])))
    st.caption(f"Source: {sources}. Individuals named in the minutes are left out.")
    copy_link(URL_PATH, locality=locality)
