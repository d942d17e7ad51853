"""One template for all seven priority pages: each indicator's trend, localities and comparators."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators.areas import default_areas
from indicators.catalogue import Indicator
from indicators.charts import comparison_figure, comparison_summary, status_text, trend_figure, trend_summary
from indicators.exports import chart_table
from indicators.tables import SUMMARY_COLUMNS, area_summary
from ui import data
from ui.access import visible_catalogue
from ui.layout import (
    chart_block,
    copy_link,
    file_name,
    indicator_facts,
    last_updated,
    locality_picker,
    page_header,
    url_choice,
)
from ui.state import ALL_DORSET, area_label, read_view

COMPARATOR_NAMES = {"dorset": "Dorset", "england": "England", "south-west": "South West"}


def render(priority_id: str) -> None:
    catalogue, areas = visible_catalogue(), default_areas()
    priority = catalogue.priority(priority_id)
    indicators = catalogue.indicators_for(priority_id)
    view = read_view(indicators)
    locality = locality_picker(view)
    page_header(priority.title, f"{priority.summary} Showing **{area_label(locality)}**.", view, priority_id)

    assessed = data.assessments(data.version())
    summary = area_summary(assessed, catalogue, areas, locality, priority_id)
    st.dataframe(summary[SUMMARY_COLUMNS], hide_index=True, height=35 * (len(summary) + 1) + 3)

    ids = [i.id for i in indicators]
    chosen = url_choice(
        st.selectbox,
        "Indicator",
        ids,
        "indicator",
        view.indicator or ids[0],
        f"indicator-{priority_id}",
        format_func=lambda i: catalogue.indicators[i].title,
    )
    indicator = catalogue.indicators[chosen]
    comparator = _comparator_picker(indicator, locality, view.comparator)

    st.subheader(indicator.title, anchor="indicator")
    _assessment(assessed, indicator, locality)
    trend, localities, councils, about = st.tabs(
        ["Trend over time", "All localities", "Dorset and similar councils", "About this indicator"]
    )
    with trend:
        _trend(indicator, locality, comparator)
    with localities:
        _localities(indicator, locality)
    with councils:
        _councils(indicator)
    with about:
        indicator_facts(indicator, data.latest_period(data.version(), indicator.id, "locality"), last_updated())
    copy_link(priority_id, locality=locality, indicator=chosen, comparator=comparator)


def _comparator_picker(indicator: Indicator, locality: str, wanted: str) -> str:
    options = [
        c
        for c in ("dorset", "england", "south-west")
        if (c != locality) and (c == "dorset" or c in indicator.comparators)
    ]
    if not options:
        return wanted
    current = wanted if wanted in options else options[0]
    return url_choice(
        st.radio,
        "Compare with",
        options,
        "comparator",
        current,
        "comparator",
        format_func=COMPARATOR_NAMES.get,
        horizontal=True,
    )


def _assessment(assessed: pd.DataFrame, indicator: Indicator, locality: str) -> None:
    rows = assessed[(assessed["indicator_id"] == indicator.id) & (assessed["area_id"] == locality)]
    if rows.empty:
        st.info(f"There are no figures for {area_label(locality)} yet.")
        return
    a = rows.iloc[0]
    lines = [f"**{status_text(a['vs_baseline'])} since the plan started.** {a['baseline_sentence']}"]
    for key in ("comparator_sentence", "trend_sentence", "target_sentence"):
        if a[key]:
            lines.append(a[key])
    st.markdown("\n\n".join(lines))


def _trend(indicator: Indicator, locality: str, comparator: str) -> None:
    if indicator.unit == "count":
        lines = [locality]  # counts for areas of different sizes do not belong on one scale
    else:
        lines = list(
            dict.fromkeys([locality, comparator, *(["england"] if "england" in indicator.comparators else [])])
        )
    series = data.series(data.version(), indicator.id, tuple(lines))
    if series.empty:
        st.info("No figures yet.")
        return
    chart_block(
        trend_figure(series, indicator, lines),
        trend_summary(series, indicator, lines),
        chart_table(series, indicator),
        file_name(indicator.id, "trend", locality),
        key=f"trend-{indicator.id}",
    )


def _localities(indicator: Indicator, locality: str) -> None:
    period = data.latest_period(data.version(), indicator.id, "locality")
    if period is None:
        st.info("No locality figures yet.")
        return
    snapshot = data.period_snapshot(data.version(), indicator.id, period)
    shown = snapshot[snapshot["area_type"] == "locality"]
    reference = snapshot[snapshot["area_id"] == ALL_DORSET]
    chart_block(
        comparison_figure(
            shown,
            indicator,
            reference.iloc[0] if len(reference) else None,
            f"All localities, {period}",
            highlight=locality,
        ),
        comparison_summary(shown, indicator, period),
        chart_table(pd.concat([shown, reference]), indicator),
        file_name(indicator.id, "localities", period),
        key=f"localities-{indicator.id}",
    )


def _councils(indicator: Indicator) -> None:
    if "statistical-neighbours" not in indicator.comparators:
        st.info(
            "No figures for other councils are published for this indicator, so only Dorset's own figures are shown."
        )
        return
    period = data.latest_period(data.version(), indicator.id, "local-authority")
    if period is None:
        st.info("No published figures for Dorset yet.")
        return
    snapshot = data.period_snapshot(data.version(), indicator.id, period)
    councils = snapshot[snapshot["area_type"].isin(["local-authority", "statistical-neighbour", "region"])]
    reference = snapshot[snapshot["area_id"] == "england"]
    st.caption(
        "Similar councils are the Department for Education's statistical neighbours for Dorset (May 2025 model)."
    )
    chart_block(
        comparison_figure(
            councils,
            indicator,
            reference.iloc[0] if len(reference) else None,
            f"Dorset and similar councils, {period}",
            highlight=ALL_DORSET,
        ),
        comparison_summary(councils, indicator, period),
        chart_table(pd.concat([councils, reference]), indicator),
        file_name(indicator.id, "councils", period),
        key=f"councils-{indicator.id}",
    )
