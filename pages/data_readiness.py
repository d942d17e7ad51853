"""Data readiness: which figures are real, which are made up or missing, and what to ask for to make them real."""

from __future__ import annotations

from datetime import date

import streamlit as st

from ui import data, views
from ui.access import can_see_restricted, visible_catalogue
from ui.layout import copy_link, locality_picker, page_header
from ui.markup import table
from ui.state import area_label, read_view

URL_PATH = "data-readiness"


def render() -> None:
    catalogue = visible_catalogue()
    view = read_view()
    locality = locality_picker(view)
    page_header(
        "Data readiness",
        "For the data team and anyone asking *is this figure real?*: the status of every indicator's latest figure "
        "in every area (**published** official statistics, **estimated** from published figures, **local records** "
        "of the council and its partners, **illustrative**: made up for demonstration, or **none loaded**), and, for "
        "each indicator not yet real in every locality, what to ask for and where it usually lives.",
        view,
        shows_figures=False,
    )
    today, restricted = date.today().isoformat(), can_see_restricted()
    requests = data.readiness_requests(data.version(), today, restricted)
    real = len(catalogue.indicators) - len(requests)
    st.markdown(
        f"**{real} of {len(catalogue.indicators)} indicators** have a real latest figure for all six localities; "
        f"**{len(requests)}** still need data (below, with what to ask for)."
    )
    st.subheader("Statuses by area")
    table(
        data.readiness_counts(data.version(), today, restricted, "Area"),
        "How many indicators' latest figures have each status, by area",
    )
    st.subheader("Statuses by priority")
    table(
        data.readiness_counts(data.version(), today, restricted, "Priority"),
        "How many latest figures (each indicator in each area) have each status, by priority",
    )
    _area_detail(today, restricted, locality)
    _requests(today, restricted)
    copy_link(URL_PATH, locality=locality)


def _area_detail(today: str, restricted: bool, locality: str) -> None:
    name = area_label(locality)
    st.subheader(f"Every indicator in {name}")
    rows, csv = views.readiness_detail(data.version(), today, restricted, locality)
    table(rows, f"Each indicator's latest figure in {name}: status, period, first loaded, next expected")
    st.download_button(
        f"Download the statuses for {name} (CSV)",
        csv,
        file_name=f"data-readiness-{locality}.csv",
        mime="text/csv",
        icon=":material/download:",
    )


def _requests(today: str, restricted: bool) -> None:
    st.subheader("What is needed to make each figure real", anchor="data-requests")
    requests, csv = views.readiness_requests(data.version(), today, restricted)
    if requests.empty:
        st.success("Every indicator has a real latest figure for all six localities.")
        return
    st.markdown(
        "A data request for each indicator: what to count, out of what, for which period, where the figures "
        "usually live, and the rows to give. `python -m indicators template ...` writes a ready-to-fill file "
        "in the loader's format, marked as local records; README's *Making it real* says the order to work in. "
        "Print this page, or download the requests, to send them on."
    )
    table(requests, "Data requests for every indicator whose locality figures are not yet all real")
    st.download_button(
        "Download the data requests (CSV)",
        csv,
        file_name="data-requests.csv",
        mime="text/csv",
        icon=":material/download:",
    )
