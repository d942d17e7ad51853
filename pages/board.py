"""Board view: where to act. Every indicator in every area as a heat-table, counts per area,
what needs attention, and trend lines on one scale per indicator."""

from __future__ import annotations

import streamlit as st

from indicators.board import BOARD_MEASURES
from indicators.catalogue import Catalogue
from indicators.view import parse_board
from ui import board, data
from ui.access import can_see_restricted, visible_catalogue
from ui.layout import copy_link, file_name, page_header, url_choice
from ui.markup import html
from ui.state import query_params, read_view, write_view

SORTS = {"plan": "The plan's order", "worse": "Most 'worse' verdicts first"}


def render() -> None:
    catalogue = visible_catalogue()
    view = read_view()
    page_header(
        "Board view: where to act",
        "",
        view,
        compact=True,
    )
    # The answers come first on the screen; the controls that shape them sit in a panel below, so the
    # answers are drawn into this container once the controls have been read.
    answers = st.container()
    version, areas, restricted = data.version(), board.area_ids(), can_see_restricted()
    with st.expander("Change what is shown: measure, order and priorities", icon=":material/tune:"):
        measure, sort, chosen = _controls(catalogue)
    if not chosen:
        answers.info("Choose at least one priority in *Change what is shown* to see its indicators.")
        copy_link("board", measure=measure, sort=sort, priorities="")
        return
    # Side by side on a laptop, so both answers are on the first screen; one above the other on a phone.
    left, right = answers.columns([2, 1], gap="medium")
    with left:
        st.subheader("How many are worse, by area", anchor="counts")
        html(board.counts_markup(version, areas, measure, restricted, chosen))
    with right:
        _needs_attention(version, areas, restricted, chosen)
    st.caption(
        "Each cell gives the verdict in words with a symbol (▲ better, ▼ worse, ● about the same, △ ▽ higher "
        "or lower where neither is better, – not compared); the colour only repeats it. Click an indicator for its chart."
    )
    # Each priority folds to its summary line (opened on the screen, always whole on paper), so the
    # whole Board is a screen or two; with one priority chosen it is open.
    for priority in catalogue.priorities:
        if priority.id in chosen:
            with st.expander(
                board.priority_summary(version, areas, measure, restricted, priority.id),
                expanded=len(chosen) == 1,
                key=f"heat-{priority.id}",
            ):
                html(board.heat_table_markup(version, areas, measure, restricted, priority.id, sort))
    st.download_button(
        "Download these verdicts (CSV)",
        board.verdicts_csv(version, areas, measure, restricted, chosen),
        file_name=file_name("board", measure),
        mime="text/csv",
        icon=":material/download:",
    )
    with st.expander("Trend lines: every area of each indicator on one scale", icon=":material/show_chart:"):
        _trend_lines(catalogue, version, areas, restricted, chosen)
    copy_link("board", measure=measure, sort=sort, priorities=",".join(chosen))


def _controls(catalogue: Catalogue) -> tuple[str, str, tuple[str, ...]]:
    asked = parse_board(query_params(), catalogue, BOARD_MEASURES, SORTS)
    measure = url_choice(
        st.radio,
        "Show",
        list(BOARD_MEASURES),
        "measure",
        asked.measure,
        "board_measure",
        format_func=lambda m: BOARD_MEASURES[m][1],
        horizontal=True,
    )
    sort = url_choice(
        st.radio,
        "Order of indicators",
        list(SORTS),
        "sort",
        asked.sort,
        "board_sort",
        format_func=SORTS.get,
        horizontal=True,
    )
    return measure, sort, tuple(_priority_filter(catalogue, asked.priorities))


def _needs_attention(version: data.Version, areas: tuple[str, ...], restricted: bool, chosen: tuple[str, ...]) -> None:
    st.subheader("Needs attention", anchor="needs-attention")
    attention = board.needs_attention_markup(version, areas, restricted, chosen)
    if attention is None:
        st.markdown(
            "Nothing is both worse (than when the plan started, or than its comparator) and getting worse over the "
            "last comparable periods."
        )
    else:
        st.caption(
            "Worse than when the plan started, or worse than its comparator, and getting worse over the recent periods."
        )
        html(attention)


def _priority_filter(catalogue: Catalogue, asked: tuple[str, ...]) -> list[str]:
    """The priorities shown, kept in the link as `priorities=id,id` (all when absent)."""
    ids = [p.id for p in catalogue.priorities]
    titles = {p.id: p.title for p in catalogue.priorities}
    st.session_state["board_priorities"] = list(asked)

    def remember() -> None:
        write_view(priorities=",".join(st.session_state["board_priorities"]))

    chosen = st.multiselect("Priorities", ids, key="board_priorities", format_func=titles.get, on_change=remember)
    write_view(priorities=None if chosen == ids else ",".join(chosen))
    return chosen


def _trend_lines(
    catalogue: Catalogue, version: data.Version, areas: tuple[str, ...], restricted: bool, chosen: tuple[str, ...]
) -> None:
    titles = {p.id: p.title for p in catalogue.priorities if p.id in chosen}
    asked = parse_board(query_params(), catalogue, BOARD_MEASURES, SORTS).detail
    detail_id = url_choice(
        st.selectbox,
        "Priority for the trend lines",
        list(titles),
        "detail",
        asked if asked in titles else next(iter(titles)),
        "board_detail_priority",
        format_func=titles.get,
    )
    st.caption(
        "One row per indicator and area: the latest figure and a line of every period shown (withheld figures left "
        "out). Every area of one indicator is drawn on the same scale, so their lines can be compared."
    )
    html(board.trend_lines_markup(version, areas, restricted, detail_id))
