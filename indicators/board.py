"""The Board's tables: verdicts by indicator and area, counts of worse and better, and what needs attention."""

from __future__ import annotations

import pandas as pd

from indicators.areas import Areas
from indicators.assess import TREND_POINTS
from indicators.catalogue import Catalogue
from indicators.formatting import SUPPRESSED_MARK, format_value, status_mark
from indicators.tables import cell_names, trend_text
from indicators.verdicts import NO_FIGURES, NOT_COMPARED, status_text


def board_table(
    assessed: pd.DataFrame,
    catalogue: Catalogue,
    areas: Areas,
    area_ids: list[str],
    sparklines: dict[tuple[str, str], list[float]],
) -> pd.DataFrame:
    """Indicators by localities: status since the baseline, recent trend and a sparkline."""
    indexed = assessed.set_index(["indicator_id", "area_id"])
    rows = []
    for priority in catalogue.priorities:
        for indicator in catalogue.indicators_for(priority.id):
            for area_id in area_ids:
                if (indicator.id, area_id) not in indexed.index:
                    continue
                a = indexed.loc[(indicator.id, area_id)]
                rows.append(
                    {
                        "Priority": priority.title,
                        "Indicator": indicator.title,
                        "Area": areas[area_id].name,
                        "Latest": SUPPRESSED_MARK
                        if a["latest_suppressed"]
                        else format_value(a["latest_value"], indicator) + status_mark(a["latest_status"]),
                        "Period": a["latest_period"],
                        "Since the plan started": status_text(a["vs_baseline"]),
                        "Recent trend": trend_text(a),
                        "Compared with Dorset or England": status_text(a["vs_comparator"]),
                        "Trend line": sparklines.get((indicator.id, area_id), []),
                    }
                )
    return pd.DataFrame(rows)


# What a Board cell can show: the assessment column and its heading.
BOARD_MEASURES = {
    "baseline": ("vs_baseline", "Since the plan started"),
    "trend": ("trend", f"Recent trend (last {TREND_POINTS} comparable periods)"),
    "comparator": ("vs_comparator", "Compared with Dorset (localities) or England (Dorset)"),
}
WORSE = {"worse", "getting-worse"}
BETTER = {"better", "getting-better"}


def board_cells(
    assessed: pd.DataFrame, catalogue: Catalogue, areas: Areas, area_ids: list[str], measure: str
) -> pd.DataFrame:
    """One row per indicator and area: the verdict on `measure` (a BOARD_MEASURES key), in words with its mark."""
    column = BOARD_MEASURES[measure][0]
    indexed = assessed.set_index(["indicator_id", "area_id"])
    rows = []
    for priority in catalogue.priorities:
        for indicator in catalogue.indicators_for(priority.id):
            for area_id in area_ids:
                key = (indicator.id, area_id)
                found = key in indexed.index
                status = indexed.at[key, column] if found else NO_FIGURES
                # The mark says what a verdict rests on; 'Not compared' rests on nothing.
                mark = status_mark(indexed.at[key, "latest_status"]) if found and status not in NOT_COMPARED else ""
                rows.append(
                    {
                        **cell_names(priority, indicator, areas[area_id]),
                        "status": status,
                        "text": status_text(status) + mark,
                    }
                )
    return pd.DataFrame(rows)


def board_counts(cells: pd.DataFrame) -> pd.DataFrame:
    """Per area, how many indicators are worse and better (the Board's first question: where to act)."""
    rows = []
    for (_, area), group in cells.groupby(["area_id", "Area"], sort=False):
        rows.append(
            {
                "Area": area,
                "▼ Worse": int(group["status"].isin(WORSE).sum()),
                "▲ Better": int(group["status"].isin(BETTER).sum()),
                "Other": int((~group["status"].isin(WORSE | BETTER | NOT_COMPARED)).sum()),
                "– Not compared": int(group["status"].isin(NOT_COMPARED - {NO_FIGURES}).sum()),
                "– No figures yet": int((group["status"] == NO_FIGURES).sum()),
            }
        )
    counts = pd.DataFrame(rows)
    # Said only where it happens (made-up figures switched off, or an indicator not yet supplied).
    none_yet = "– No figures yet"
    return (
        counts if counts.get(none_yet, pd.Series(dtype=int)).any() else counts.drop(columns=none_yet, errors="ignore")
    )


def worse_first(cells: pd.DataFrame) -> list[str]:
    """Indicator ids, those with most 'worse' verdicts across the areas first (the plan's order breaks ties)."""
    order = list(dict.fromkeys(cells["indicator_id"]))
    worse = cells[cells["status"].isin(WORSE)].groupby("indicator_id").size()
    return sorted(order, key=lambda i: (-int(worse.get(i, 0)), order.index(i)))


def needs_attention(assessed: pd.DataFrame, catalogue: Catalogue, areas: Areas, area_ids: list[str]) -> pd.DataFrame:
    """Where a figure is worse (than at the baseline, or than its comparator) and still getting worse."""
    rows = []
    chosen = assessed[assessed["area_id"].isin(area_ids) & (assessed["trend"] == "getting-worse")]
    for a in chosen.itertuples():
        if a.indicator_id not in catalogue.indicators:
            continue  # a restricted indicator this reader cannot see
        indicator = catalogue.indicators[a.indicator_id]
        reasons = []
        if a.vs_baseline == "worse":
            reasons.append("worse than when the plan started")
        if a.vs_comparator == "worse" and isinstance(a.comparator_id, str):
            reasons.append(f"worse than {areas[a.comparator_id].name}")
        if not reasons:
            continue
        why = " and ".join(reasons)
        rows.append(
            {
                "priority_id": indicator.priority,
                "indicator_id": indicator.id,
                "area_id": a.area_id,
                "Area": areas[a.area_id].name,
                "Indicator": indicator.title,
                "Why": f"{why[0].upper()}{why[1:]}, and getting worse ({a.trend_from} to {a.trend_to})"
                + status_mark(a.latest_status),
            }
        )
    order = list(catalogue.indicators)  # the plan's order, then the areas' order
    rows.sort(key=lambda r: (order.index(r["indicator_id"]), area_ids.index(r["area_id"])))
    return pd.DataFrame(rows, columns=["priority_id", "indicator_id", "area_id", "Area", "Indicator", "Why"])
