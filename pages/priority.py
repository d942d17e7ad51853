"""One template for all seven priority pages: each indicator's trend, localities and comparators."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators.catalogue import Indicator
from indicators.charts import status_text
from indicators.tables import SUMMARY_COLUMNS, email_summary
from ui import data, figures
from ui.access import can_see_restricted, visible_catalogue
from ui.layout import (
    chart_block,
    copy_link,
    indicator_facts,
    locality_picker,
    no_figures_note,
    page_header,
    summary_key,
    table,
    url_choice,
)
from ui.state import area_label, chart_link, read_view

COMPARATOR_NAMES = {"dorset": "Dorset", "england": "England", "south-west": "South West"}


TABS = ["Trend over time", "All localities", "Dorset and similar councils", "About this indicator"]

def render(priority_id: str) -> None:
    catalogue = visible_catalogue()
    priority = catalogue.priority(priority_id)
    indicators = catalogue.indicators_for(priority_id)
    view = read_view(indicators)
    locality = locality_picker(view)
    page_header(priority.title, f"{priority.summary} Showing **{area_label(locality)}**.", view, priority_id)

    assessed = data.assessments(data.version())
    summary = data.summary(data.version(), locality, can_see_restricted(), priority_id)
    table(
        summary[SUMMARY_COLUMNS],
        f"{priority.title}: {area_label(locality)}",
        links={"Indicator": [chart_link(priority_id, locality, i) for i in summary["indicator_id"]]},
    )
    summary_key()

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
    _assessment(assessed, indicator, locality, comparator)
    # The open tab lives in the link (`tab=`), so a shared link reopens on the same tab.
    trend, localities, councils, about = st.tabs(TABS, key="tab", bind="query-params")
    with trend:
        _trend(indicator, locality, comparator)
    with localities:
        _localities(indicator, locality)
    with councils:
        _councils(indicator)
    with about:
        rows = data.series(data.version(), indicator.id, (locality,))
        indicator_facts(indicator, area_label(locality), rows)
    rows = assessed[(assessed["indicator_id"] == indicator.id) & (assessed["area_id"] == locality)]
    a = rows.iloc[0] if len(rows) else None
    copy_link(
        priority_id,
        lambda link: email_summary(
            indicator, area_label(locality), a, link, figures.summary_comparisons(data.version(), indicator.id, locality, comparator)
        ),
        locality=locality,
        indicator=chosen,
        comparator=comparator,
        tab=st.session_state.get("tab") if st.session_state.get("tab") != TABS[0] else None,
    )


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


def _assessment(assessed: pd.DataFrame, indicator: Indicator, locality: str, comparator: str) -> None:
    rows = assessed[(assessed["indicator_id"] == indicator.id) & (assessed["area_id"] == locality)]
    if rows.empty:
        no_figures_note(indicator, locality)
        return
    a = rows.iloc[0]
    lines = [f"**Since the plan started: {status_text(a['vs_baseline'])}.** {a['baseline_sentence']}"]
    # The comparison sentence follows the comparator chosen on the page, not only the usual one.
    chosen = figures.comparison_sentence(data.version(), indicator.id, locality, comparator)
    for sentence in (chosen or a["comparator_sentence"], a["trend_sentence"], a["target_sentence"]):
        if sentence:
            lines.append(sentence)
    st.markdown("\n\n".join(lines))


def _trend(indicator: Indicator, locality: str, comparator: str) -> None:
    parts = figures.trend(data.version(), indicator.id, figures.trend_lines(indicator.id, locality, comparator))
    if parts is None:
        st.info("No figures yet.")
        return
    chart_block(parts, key=f"trend-{indicator.id}")


def _localities(indicator: Indicator, locality: str) -> None:
    parts = figures.localities(data.version(), indicator.id, locality)
    if parts is None:
        st.info("No locality figures are loaded yet for this indicator: see Data readiness for what is needed.")
        return
    chart_block(parts, key=f"localities-{indicator.id}")


def _councils(indicator: Indicator) -> None:
    if "statistical-neighbours" not in indicator.comparators:
        st.info(
            "No figures for other councils are published for this indicator, so only Dorset's own figures are shown."
        )
        return
    parts = figures.councils(data.version(), indicator.id)
    if parts is None:
        st.info("No published figures for Dorset yet.")
        return
    st.caption(
        "Similar councils are the Department for Education's statistical neighbours for Dorset (May 2025 model)."
    )
    chart_block(parts, key=f"councils-{indicator.id}")
