"""LAG funded projects: what each Local Alliance Group paid for, and which figures it hopes to move."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators.catalogue import Catalogue
from indicators.project_outcomes import caveats
from ui import data, figures, views
from ui.access import can_see_restricted, visible_catalogue
from ui.layout import copy_link, links, locality_picker, page_header
from ui.markup import table
from ui.state import area_label, chart_link, read_view

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
    shown = None if locality == "dorset" else locality  # Dorset: every LAG's
    projects = data.projects(data.version(), shown)
    if projects.empty:
        _elsewhere(name, catalogue)
        copy_link(URL_PATH, locality=locality)
        return
    agreed, declined = projects[projects["decision"] == "agreed"], projects[projects["decision"] == "declined"]
    first, second, third = st.columns(3)
    first.metric("Agreed", f"£{agreed['amount_gbp'].sum():,.0f}", help="The total of the bids agreed.")
    second.metric("Projects agreed", len(agreed))
    third.metric("Bids declined", len(declined))
    st.subheader("Agreed funding by plan priority")
    by_priority, decisions = views.project_tables(data.version(), shown, can_see_restricted())
    table(by_priority, f"Agreed funding by plan priority: {name}")
    _outcomes(projects, catalogue)
    st.subheader("Every decision")
    table(decisions, f"Every funding decision: {name}")
    sources = "; ".join(sorted(set(projects["source"])))
    st.caption(f"Source: {sources}. Individuals named in the minutes are left out.")
    copy_link(URL_PATH, locality=locality)


def _outcomes(projects: pd.DataFrame, catalogue: Catalogue) -> None:
    """Each agreed project, a link to each chart it aims at, and how those figures moved."""
    aimed = projects[(projects["decision"] == "agreed") & projects["indicators"].fillna("").ne("")]
    if aimed.empty:
        return
    st.subheader("Did the figures they aim at move?")
    movements = []
    for _, project in aimed.iterrows():
        found = figures.project_movements(data.version(), project, catalogue)
        movements += found
        st.markdown(f"**{project['provider']}: {project['purpose']}** (£{project['amount_gbp']:,.0f})")
        links(
            "Charts, with the funded period shaded:",
            [(m.indicator.title, chart_link(m.indicator.priority, project["locality"], m.indicator.id)) for m in found],
        )
        st.markdown("\n\n".join(f"- {m.sentence}" for m in found))
    st.caption(caveats(movements))


def _elsewhere(name: str, catalogue: Catalogue) -> None:
    """No decisions for this locality: what the other LAGs funded, by priority, instead of an empty page."""
    others = data.projects(data.version(), None)
    if others.empty:
        st.info(f"No funding decisions for {name} or any other LAG have been loaded yet.")
        return
    lags = ", ".join(sorted(area_label(a) for a in set(others["locality"])))
    st.info(
        f"No funding decisions for {name} have been loaded yet. Below: what other LAGs ({lags}) funded, by plan "
        "priority, for ideas.",
        icon=":material/info:",
    )
    links("", [("Every decision of every LAG", "./lag-projects?locality=dorset")])
    by_priority, _ = views.project_tables(data.version(), None, can_see_restricted())
    table(by_priority, f"What other LAGs ({lags}) funded, by plan priority")
