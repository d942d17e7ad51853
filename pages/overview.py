"""Overview: how is my locality doing, priority by priority, and a map of all six."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from indicators.areas import Areas, default_areas
from indicators.catalogue import Catalogue
from ui import data, figures, views
from ui.access import can_see_restricted, visible_catalogue
from ui.layout import (
    PLOTLY_CONFIG,
    chart_name,
    context_panel,
    copy_link,
    locality_picker,
    pack_button,
    page_header,
    skip_to_chart,
    summary_key,
    url_choice,
    url_date,
)
from ui.markup import table
from ui.navigation import page
from ui.state import ALL_DORSET, View, area_label, read_view, write_view

URL_PATH = ""


def render() -> None:
    catalogue, areas = visible_catalogue(), default_areas()
    view = read_view(list(catalogue.indicators.values()))
    locality = locality_picker(view)
    name = area_label(locality)
    page_header(
        f"How is {name} doing?",
        "Each of the plan's seven priorities with its indicators: the latest figure, the figure when the plan started "
        "(the baseline) and whether things have got better or worse: ▲ better, ▼ worse, ● about the same.",
        view,
    )
    skip_to_chart("map", "the map of localities")
    assessed = data.assessments(data.version())
    _headline(views.verdict_counts(data.version(), locality, can_see_restricted()))
    summary_key()
    context_panel(locality, name)
    pack_button(locality, name)
    since, meeting = _whats_new(locality)
    map_indicator = _map(catalogue, areas, assessed, view, locality)
    tables = views.overview_tables(data.version(), locality, can_see_restricted())
    for priority in catalogue.priorities:
        rows, chart_links = tables[priority.id]
        st.header(priority.title, anchor=priority.id)
        st.caption(priority.summary)
        table(rows, f"{priority.title}: {name}", links={"Indicator": chart_links})
        st.page_link(
            page(priority.id),
            label=f"Charts and details: {priority.title}",
            query_params={"locality": locality},
            icon=":material/bar_chart:",
        )
    copy_link(
        URL_PATH, locality=locality, since=since.isoformat(), meeting=meeting.isoformat(), indicator=map_indicator
    )


def _whats_new(locality: str) -> tuple[date, date]:
    """New figures and changed verdicts since a date, and what is due before the next meeting."""
    st.subheader("What is new, and what is coming")
    today = date.today()
    since_column, meeting_column = st.columns(2)
    with since_column:
        since = url_date(
            "New since", "since", today - timedelta(days=91), "since", "Usually the date of the last meeting."
        )
    with meeting_column:
        meeting = url_date(
            "Next meeting", "meeting", today + timedelta(days=42), "meeting", "Lists figures due before it."
        )
    version, restricted = data.version(), can_see_restricted()
    new = data.whats_new(version, locality, since.isoformat(), restricted)
    if new.empty:
        st.markdown(
            f"Nothing new has been published for {area_label(locality)} since {since:%d %B %Y}, and no verdict has changed."
        )
    else:
        st.markdown(
            f"**Published since {since:%d %B %Y}** (from each source's usual timetable; the council's own "
            "records from the day they were loaded; *First loaded* is when this dashboard first had each):"
        )
        table(new, f"New figures for {area_label(locality)} since {since:%d %B %Y}")
    due = data.due_before(version, today.isoformat(), meeting.isoformat(), restricted)
    if due.empty:
        st.markdown(f"No new figures are usually published before {meeting:%d %B %Y}.")
    else:
        st.markdown(f"**Usually published by {meeting:%d %B %Y}** (from each source's usual timetable):")
        table(due, f"Figures usually published before {meeting:%d %B %Y}")
    return since, meeting


def _headline(counts: dict[str, int]) -> None:
    better, worse, same, other = st.columns(4)
    better.metric("▲ Better than at the baseline", counts["better"])
    worse.metric("▼ Worse than at the baseline", counts["worse"])
    same.metric("● About the same", counts["no-significant-change"])
    other.metric("– Not compared yet", counts["other"], help="No baseline, too few figures, or figures withheld.")


def _map(catalogue: Catalogue, areas: Areas, assessed: pd.DataFrame, view: View, locality: str) -> str:
    st.subheader("The localities on a map")
    indicator_ids = list(catalogue.indicators)
    chosen = url_choice(
        st.selectbox,
        "Colour the map by",
        indicator_ids,
        "indicator",
        view.indicator or "persistent-absence",
        "map_indicator",
        format_func=lambda i: catalogue.indicators[i].title,
    )
    sub_areas = locality in {a.id for a in areas.of_type("sub-locality")}
    figure, in_words = figures.locality_map_figure(data.version(), chosen, sub_areas)
    names = {a: areas[a].name for a in in_words}
    chart_name("map", str(figure.layout.title.text or "Localities"))
    event = st.plotly_chart(
        figure, key="locality-map", on_select="rerun", selection_mode="points", config=PLOTLY_CONFIG
    )
    clicked = _clicked_locality(event)
    if clicked and clicked != locality:
        write_view(locality=clicked)
        st.rerun()
    st.markdown(
        "**In words:** "
        + "; ".join(f"{names[a]}: {in_words[a]}" for a in sorted(names))
        + ". Click a locality on the map, or choose one here:"
    )
    # Links in this tab and this visit (markdown links open a new tab, a new session).
    for column, area_id in zip(st.columns(len(names)), sorted(names), strict=True):
        with column:
            st.page_link(
                page("overview"), label=names[area_id], query_params={"locality": area_id, "indicator": chosen}
            )
    if locality != ALL_DORSET:
        st.caption(f"Showing {area_label(locality)} below.")
    with st.expander("Which wards make each locality"):
        table(views.ward_table(data.version()), "The 2025 wards in each locality and sub-area")
        st.markdown("Our approximation, following the former districts; the About page says why, and how to change it.")
    return chosen


def _clicked_locality(event: object) -> str | None:
    try:
        points = event.selection.points  # type: ignore[union-attr]
    except AttributeError:
        return None
    for point in points:
        chosen = point.get("customdata") if isinstance(point, dict) else None
        if isinstance(chosen, str):
            return chosen
    return None
