"""One template for all seven priority pages: each indicator's trend, localities and comparators."""

from __future__ import annotations

import streamlit as st

from indicators.catalogue import Indicator
from indicators.tables import email_summary
from indicators.verdicts import status_text
from indicators.view import comparator_options
from ui import data, figures, views
from ui.access import can_see_restricted, visible_catalogue
from ui.layout import (
    chart_block,
    copy_link,
    glossary_link,
    indicator_facts,
    locality_picker,
    no_figures_note,
    page_header,
    skip_to_chart,
    summary_key,
    url_choice,
)
from ui.markup import table
from ui.state import area_label, read_view

COMPARATOR_NAMES = {"dorset": "Dorset", "england": "England", "south-west": "South West"}


TABS = ["Trend over time", "All localities", "Dorset and similar councils", "About this indicator"]


def render(priority_id: str) -> None:
    catalogue = visible_catalogue()
    priority = catalogue.priority(priority_id)
    indicators = catalogue.indicators_for(priority_id)
    view = read_view(indicators)
    locality = locality_picker(view)
    page_header(priority.title, f"{priority.summary} Showing **{area_label(locality)}**.", view, priority_id)
    ids = [i.id for i in indicators]
    shown = view.indicator or ids[0]
    skip_link = st.empty()  # filled once the open tab's chart is known to be drawn

    rows, chart_links = views.priority_table(data.version(), locality, can_see_restricted(), priority_id)
    table(rows, f"{priority.title}: {area_label(locality)}", links={"Indicator": chart_links})
    summary_key()

    chosen = url_choice(
        st.selectbox,
        "Indicator",
        ids,
        "indicator",
        shown,
        f"indicator-{priority_id}",
        format_func=lambda i: catalogue.indicators[i].title,
    )
    indicator = catalogue.indicators[chosen]
    comparator = _comparator_picker(indicator, locality, view.comparator)

    st.subheader(indicator.title, anchor="indicator")
    _assessment(indicator, locality, comparator)
    # The open tab lives in the link (`tab=`), so a shared link reopens on the same tab. Bound to the link,
    # the tabs run lazily: only the open tab's content is made and sent (a third of the charts' work).
    trend, localities, councils, about = st.tabs(TABS, key="tab", bind="query-params")
    open_chart = None
    if trend.open:
        with trend:
            open_chart = _trend(indicator, locality, comparator)
    if localities.open:
        with localities:
            open_chart = _localities(indicator, locality)
    if councils.open:
        with councils:
            open_chart = _councils(indicator)
    if open_chart:
        with skip_link:
            skip_to_chart(open_chart, indicator.title)
    if about.open:
        with about:
            rows = data.series(data.version(), indicator.id, (locality,))
            indicator_facts(indicator, area_label(locality), rows)
    a = data.assessment(data.version(), indicator.id, locality)
    copy_link(
        priority_id,
        lambda link: email_summary(
            indicator,
            area_label(locality),
            a,
            link,
            figures.summary_comparisons(data.version(), indicator.id, locality, comparator),
        ),
        locality=locality,
        indicator=chosen,
        comparator=comparator,
        tab=st.session_state.get("tab") if st.session_state.get("tab") != TABS[0] else None,
    )


def _comparator_picker(indicator: Indicator, locality: str, wanted: str) -> str:
    options = comparator_options(indicator, locality)
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


def _assessment(indicator: Indicator, locality: str, comparator: str) -> None:
    a = data.assessment(data.version(), indicator.id, locality)
    if a is None:
        no_figures_note(indicator, locality)
        return
    lines = [f"**Since the plan started: {status_text(a['vs_baseline'])}.** {a['baseline_sentence']}"]
    # The comparison sentence follows the comparator chosen on the page, not only the usual one.
    chosen = figures.comparison_sentence(data.version(), indicator.id, locality, comparator)
    for sentence in (chosen or a["comparator_sentence"], a["trend_sentence"], a["target_sentence"]):
        if sentence:
            lines.append(sentence)
    st.markdown("\n\n".join(lines))
    how_sure = [
        note
        for note in (
            a["baseline_certainty"],
            figures.comparison_certainty(data.version(), indicator.id, locality, comparator),
            a["trend_certainty"],
        )
        if note
    ]
    if how_sure:
        with st.expander("How sure are we?", icon=":material/help:"):
            st.markdown("\n\n".join(how_sure))
            glossary_link()


# Each tab's content returns the key of the chart it drew (None: no chart), for the "Skip to the chart" link.


def _trend(indicator: Indicator, locality: str, comparator: str) -> str | None:
    parts = figures.trend(data.version(), indicator.id, figures.trend_lines(indicator.id, locality, comparator))
    if parts is None:
        st.info("No figures yet.")
        return None
    return _chart(parts, f"trend-{indicator.id}")


def _localities(indicator: Indicator, locality: str) -> str | None:
    parts = figures.localities(data.version(), indicator.id, locality)
    if parts is None:
        st.info("No locality figures are loaded yet for this indicator: see Data readiness for what is needed.")
        return None
    return _chart(parts, f"localities-{indicator.id}")


def _councils(indicator: Indicator) -> str | None:
    if "statistical-neighbours" not in indicator.comparators:
        st.info(
            "No figures for other councils are published for this indicator, so only Dorset's own figures are shown."
        )
        return None
    parts = figures.councils(data.version(), indicator.id)
    if parts is None:
        st.info("No published figures for Dorset yet.")
        return None
    st.caption(
        "Similar councils are the Department for Education's statistical neighbours for Dorset (May 2025 model)."
    )
    return _chart(parts, f"councils-{indicator.id}")


def _chart(parts: figures.ChartParts, key: str) -> str:
    chart_block(parts, key=key)
    return key
