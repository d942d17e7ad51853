"""The Board's tables, built once per warehouse version and setting (pages/board.py lays them out).

A Board page run would otherwise pivot every verdict and draw every trend line again on
each click; the markup depends only on the version and the settings in the link.
"""

from __future__ import annotations

import pandas as pd

from indicators.areas import default_areas
from indicators.board import BOARD_MEASURES, board_counts, worse_first
from indicators.exports import to_safe_csv
from indicators.verdicts import verdict
from ui import data
from ui.access import catalogue_for
from ui.html import html_table, sparkline_svg
from ui.memo import shared
from ui.state import chart_link


def _cells(
    version: data.Version, area_ids: tuple[str, ...], measure: str, restricted: bool, priorities: tuple[str, ...]
) -> pd.DataFrame:
    cells = data.board_cells(version, area_ids, measure, restricted)
    return cells[cells["priority_id"].isin(priorities)]


@shared(max_entries=256)
def counts_markup(
    version: data.Version, area_ids: tuple[str, ...], measure: str, restricted: bool, priorities: tuple[str, ...]
) -> str:
    counts = board_counts(_cells(version, area_ids, measure, restricted, priorities))
    return html_table(counts, f"Verdicts by area: {BOARD_MEASURES[measure][1].lower()}", numeric=["▼ Worse"])


@shared(max_entries=256)
def priority_summary(
    version: data.Version, area_ids: tuple[str, ...], measure: str, restricted: bool, priority_id: str
) -> str:
    """A priority's line on the Board when its table is folded: 'Best start in life: ▼ 12 worse, ▲ 9 better'."""
    cells = _cells(version, area_ids, measure, restricted, (priority_id,))
    counts = board_counts(cells)
    title = catalogue_for(restricted).priority(priority_id).title
    worse, better = int(counts["▼ Worse"].sum()), int(counts["▲ Better"].sum())
    return f"{title}: ▼ {worse} worse, ▲ {better} better ({cells['indicator_id'].nunique()} indicators, {len(area_ids)} areas)"


@shared(max_entries=256)
def heat_table_markup(
    version: data.Version, area_ids: tuple[str, ...], measure: str, restricted: bool, priority_id: str, sort: str
) -> str:
    """Indicators down, areas across: each cell the verdict in words, filled by its colour."""
    cells = _cells(version, area_ids, measure, restricted, (priority_id,))
    title = catalogue_for(restricted).priority(priority_id).title
    order = worse_first(cells) if sort == "worse" else list(dict.fromkeys(cells["indicator_id"]))
    texts = cells.pivot(index="indicator_id", columns="Area", values="text").loc[order]
    statuses = cells.pivot(index="indicator_id", columns="Area", values="status").loc[order]
    area_names = list(dict.fromkeys(cells["Area"]))
    names = cells.drop_duplicates("indicator_id").set_index("indicator_id")["Indicator"]
    frame = pd.DataFrame({"Indicator": names.loc[order].tolist()} | {a: texts[a].tolist() for a in area_names})
    return html_table(
        frame,
        f"{title}: {BOARD_MEASURES[measure][1].lower()}, by area",
        links={"Indicator": [chart_link(priority_id, "dorset", i) for i in order]},
        cell_classes={a: [verdict(s).css_class for s in statuses[a]] for a in area_names},
        compact=True,
    )


@shared(max_entries=64)
def verdicts_csv(
    version: data.Version, area_ids: tuple[str, ...], measure: str, restricted: bool, priorities: tuple[str, ...]
) -> bytes:
    """Indicators down, areas across, for the download."""
    cells = _cells(version, area_ids, measure, restricted, priorities)
    wide = cells.pivot_table(
        index=["Priority", "Indicator"], columns="Area", values="text", aggfunc="first", sort=False
    )
    return to_safe_csv(wide[list(dict.fromkeys(cells["Area"]))].reset_index())


@shared(max_entries=64)
def needs_attention_markup(
    version: data.Version, area_ids: tuple[str, ...], restricted: bool, priorities: tuple[str, ...]
) -> str | None:
    rows = data.needs_attention(version, area_ids, restricted)
    rows = rows[rows["priority_id"].isin(priorities)]
    if rows.empty:
        return None
    links = [
        chart_link(p, a, i) for p, a, i in zip(rows["priority_id"], rows["area_id"], rows["indicator_id"], strict=True)
    ]
    return html_table(
        rows[["Indicator", "Area", "Why"]], "Needs attention: worse and getting worse", links={"Indicator": links}
    )


@shared(max_entries=64)
def trend_lines_markup(version: data.Version, area_ids: tuple[str, ...], restricted: bool, priority_id: str) -> str:
    """One row per indicator and area with its line, every area of one indicator on one scale."""
    title = catalogue_for(restricted).priority(priority_id).title
    detail = data.board_detail(version, area_ids, restricted)
    detail = detail[detail["Priority"] == title].reset_index(drop=True)
    lines = {}
    for indicator, group in detail.groupby("Indicator", sort=False):
        every = [v for values in group["Trend line"] for v in values]
        low, high = (min(every), max(every)) if every else (0.0, 1.0)
        for index, area, values in zip(group.index, group["Area"], group["Trend line"], strict=True):
            values = list(values)
            label = f"{indicator}, {area}: " + (
                f"{len(values)} periods, from {values[0]:.3g} to {values[-1]:.3g}" if values else "no figures shown"
            )
            lines[index] = sparkline_svg(values, low, high, label)
    detail["Trend line"] = pd.Series(lines)
    return html_table(detail.drop(columns=["Priority"]), f"Trend lines: {title}", markup=["Trend line"])


def area_ids() -> tuple[str, ...]:
    """The Board's columns: the six localities, Chesil's sub-areas, Dorset and England."""
    areas = default_areas()
    return (*[a.id for a in areas.localities], *[a.id for a in areas.of_type("sub-locality")], "dorset", "england")
