"""Board view: where to act. Every indicator in every area as a heat-table, counts per area,
what needs attention, and trend lines on one scale per indicator."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators.areas import default_areas
from indicators.exports import to_safe_csv
from indicators.tables import BOARD_MEASURES, board_counts, worse_first
from ui import data
from ui.access import can_see_restricted, visible_catalogue
from ui.html import VERDICT_CLASSES, sparkline_svg
from ui.layout import copy_link, file_name, page_header, table, url_choice
from ui.state import chart_link, read_view, write_view

SORTS = {"plan": "The plan's order", "worse": "Most 'worse' verdicts first"}


def render() -> None:
    catalogue, areas = visible_catalogue(), default_areas()
    view = read_view()
    page_header(
        "Board view: where to act",
        "Every indicator in every area. Each cell gives the verdict in words with a symbol (▲ better, ▼ worse, "
        "● no significant change, △ ▽ higher or lower where neither is better, – not compared); the colour only "
        "repeats it. Click an indicator for its chart.",
        view,
    )
    area_ids = [a.id for a in areas.localities] + [a.id for a in areas.of_type("sub-locality")] + ["dorset", "england"]
    version = data.version()
    measure = url_choice(
        st.radio, "Show", list(BOARD_MEASURES), "measure", _param("measure", BOARD_MEASURES, "baseline"),
        "board_measure", format_func=lambda m: BOARD_MEASURES[m][1], horizontal=True,
    )  # fmt: skip
    sort = url_choice(
        st.radio, "Order of indicators", list(SORTS), "sort", _param("sort", SORTS, "plan"), "board_sort",
        format_func=SORTS.get, horizontal=True,
    )  # fmt: skip
    chosen = _priority_filter(catalogue)
    cells = data.board_cells(version, tuple(area_ids), measure, can_see_restricted())
    cells = cells[cells["priority_id"].isin(chosen)]
    if cells.empty:
        st.info("Choose at least one priority above to see its indicators.")
        copy_link("board", measure=measure, sort=sort, priorities="")
        return

    st.header("How many are worse, by area", anchor="counts")
    table(board_counts(cells), f"Verdicts by area: {BOARD_MEASURES[measure][1].lower()}", numeric=["▼ Worse"])
    _needs_attention(catalogue, areas, area_ids, chosen)
    for priority in catalogue.priorities:
        if priority.id in chosen:
            _heat_table(cells[cells["priority_id"] == priority.id], priority.title, priority.id, sort, measure)
    st.download_button(
        "Download these verdicts (CSV)",
        to_safe_csv(_wide(cells)),
        file_name=file_name("board", measure),
        mime="text/csv",
        icon=":material/download:",
    )
    _trend_lines(catalogue, area_ids, chosen)
    copy_link("board", measure=measure, sort=sort, priorities=",".join(chosen))


def _wide(cells: pd.DataFrame) -> pd.DataFrame:
    """Indicators down, areas across, for the download."""
    wide = cells.pivot_table(
        index=["Priority", "Indicator"], columns="Area", values="text", aggfunc="first", sort=False
    )
    return wide[list(dict.fromkeys(cells["Area"]))].reset_index()


def _param(name: str, choices: dict[str, object], default: str) -> str:
    """A Board setting from the link, checked against the known choices."""
    raw = str(st.query_params.get(name, default)).strip().lower()
    return raw if raw in choices else default


def _priority_filter(catalogue) -> list[str]:
    """The priorities shown, kept in the link as `priorities=id,id` (all when absent)."""
    ids = [p.id for p in catalogue.priorities]
    titles = {p.id: p.title for p in catalogue.priorities}
    raw = st.query_params.get("priorities")
    current = ids if raw is None else [p for p in str(raw).split(",") if p in titles]
    st.session_state["board_priorities"] = current

    def remember() -> None:
        write_view(priorities=",".join(st.session_state["board_priorities"]))

    chosen = st.multiselect("Priorities", ids, key="board_priorities", format_func=titles.get, on_change=remember)
    write_view(priorities=None if chosen == ids else ",".join(chosen))
    return chosen


def _heat_table(cells: pd.DataFrame, title: str, priority_id: str, sort: str, measure: str) -> None:
    st.subheader(title, anchor=f"board-{priority_id}")
    order = worse_first(cells) if sort == "worse" else list(dict.fromkeys(cells["indicator_id"]))
    texts = cells.pivot(index="indicator_id", columns="Area", values="text").loc[order]
    statuses = cells.pivot(index="indicator_id", columns="Area", values="status").loc[order]
    area_names = list(dict.fromkeys(cells["Area"]))
    names = cells.drop_duplicates("indicator_id").set_index("indicator_id")["Indicator"]
    frame = pd.DataFrame({"Indicator": names.loc[order].tolist()} | {a: texts[a].tolist() for a in area_names})
    table(
        frame,
        f"{title}: {BOARD_MEASURES[measure][1].lower()}, by area",
        links={"Indicator": [chart_link(priority_id, "dorset", i) for i in order]},
        cell_classes={a: [VERDICT_CLASSES.get(s, "v-none") for s in statuses[a]] for a in area_names},
        compact=True,
    )


def _needs_attention(catalogue, areas, area_ids: list[str], chosen: list[str]) -> None:
    st.header("Needs attention", anchor="needs-attention")
    rows = data.needs_attention(data.version(), tuple(area_ids), can_see_restricted())
    rows = rows[rows["priority_id"].isin(chosen)]
    if rows.empty:
        st.markdown(
            "Nothing is both worse (than when the plan started, or than its comparator) and getting worse over the "
            "last comparable periods."
        )
        return
    st.caption(
        "Worse than when the plan started, or worse than its comparator, and getting worse over the recent periods."
    )
    table(
        rows[["Indicator", "Area", "Why"]],
        "Needs attention: worse and getting worse",
        links={
            "Indicator": [
                chart_link(p, a, i)
                for p, a, i in zip(rows["priority_id"], rows["area_id"], rows["indicator_id"], strict=True)
            ]
        },
    )


def _trend_lines(catalogue, area_ids: list[str], chosen: list[str]) -> None:
    st.header("Trend lines", anchor="trend-lines")
    titles = {p.id: p.title for p in catalogue.priorities if p.id in chosen}
    detail_id = url_choice(
        st.selectbox, "Priority for the trend lines", list(titles), "detail", _param("detail", titles, next(iter(titles))),
        "board_detail_priority", format_func=titles.get,
    )  # fmt: skip
    detail = data.board_detail(data.version(), tuple(area_ids), can_see_restricted())
    detail = detail[detail["Priority"] == titles[detail_id]].reset_index(drop=True)
    st.caption(
        "One row per indicator and area: the latest figure and a line of every period shown (withheld figures left "
        "out). Every area of one indicator is drawn on the same scale, so their lines can be compared."
    )
    lines = []
    for indicator, group in detail.groupby("Indicator", sort=False):
        every = [v for values in group["Trend line"] for v in values]
        low, high = (min(every), max(every)) if every else (0.0, 1.0)
        for row in group.itertuples():
            values = list(group.at[row.Index, "Trend line"])
            label = f"{indicator}, {row.Area}: " + (
                f"{len(values)} periods, from {values[0]:.3g} to {values[-1]:.3g}" if values else "no figures shown"
            )
            lines.append((row.Index, sparkline_svg(values, low, high, label)))
    detail["Trend line"] = pd.Series(dict(lines))
    table(
        detail.drop(columns=["Priority"]),
        f"Trend lines: {titles[detail_id]}",
        markup=["Trend line"],
    )
