"""Summary tables built from assessments: the overview, the profile and the Board view."""

from __future__ import annotations

import pandas as pd

from indicators.areas import Areas
from indicators.catalogue import Catalogue, Indicator
from indicators.charts import status_text
from indicators.formatting import MISSING_MARK, SUPPRESSED_MARK, format_change, format_value, is_missing

# The columns a person reads, in order (the others are for the page's own use).
SUMMARY_COLUMNS = [
    "Indicator",
    "Since the plan started",
    "Latest",
    "Baseline",
    "Change",
    "Compared with",
    "Recent trend",
]


def area_summary(
    assessed: pd.DataFrame, catalogue: Catalogue, areas: Areas, area_id: str, priority_id: str | None = None
) -> pd.DataFrame:
    """One row per indicator for one area: latest, baseline, change and what they mean."""
    by_indicator = assessed[assessed["area_id"] == area_id].set_index("indicator_id")
    rows = []
    for priority in catalogue.priorities:
        if priority_id and priority.id != priority_id:
            continue
        for indicator in catalogue.indicators_for(priority.id):
            if indicator.id not in by_indicator.index:
                rows.append(
                    {
                        "Priority": priority.title,
                        "Indicator": indicator.title,
                        "indicator_id": indicator.id,
                        "Latest": MISSING_MARK,
                    }
                )
                continue
            a = by_indicator.loc[indicator.id]
            comparator = areas[a["comparator_id"]].name if isinstance(a["comparator_id"], str) else "comparator"
            rows.append(
                {
                    "Priority": priority.title,
                    "Indicator": indicator.title,
                    "indicator_id": indicator.id,
                    "Latest": _latest(a, indicator),
                    "Baseline": MISSING_MARK
                    if is_missing(a["baseline_value"])
                    else f"{format_value(a['baseline_value'], indicator)} in {a['baseline_period']}",
                    "Change": format_change(a["change"], indicator),
                    "Since the plan started": status_text(a["vs_baseline"])
                    + ("" if a["vs_baseline_tested"] or a["vs_baseline"] == "not-compared" else " (not tested)"),
                    "Compared with": _comparison(a, comparator),
                    "Recent trend": status_text(a["trend"]),
                    "status": a["vs_baseline"],
                    "sentence": a["baseline_sentence"],
                }
            )
    return pd.DataFrame(rows, columns=["Priority", "indicator_id", *SUMMARY_COLUMNS, "status", "sentence"])


def _latest(a: pd.Series, indicator: Indicator) -> str:
    if a["latest_period"] is None:
        return MISSING_MARK
    value = SUPPRESSED_MARK if a["latest_suppressed"] else format_value(a["latest_value"], indicator)
    return f"{value} in {a['latest_period']}"


def _comparison(a: pd.Series, comparator: str) -> str:
    status = a["vs_comparator"]
    if status == "not-compared":
        return status_text(status)
    words = {
        "similar": "Similar to",
        "better": "Better than",
        "worse": "Worse than",
        "higher": "Higher than",
        "lower": "Lower than",
    }
    symbol = status_text(status).split(" ")[0]
    return f"{symbol} {words.get(status, status)} {comparator}"


def status_counts(summary: pd.DataFrame) -> dict[str, int]:
    """How many indicators are better, worse, unchanged or not compared since the baseline."""
    statuses = summary.get("status", pd.Series(dtype=str)).fillna("not-compared")
    return {
        "better": int((statuses == "better").sum()),
        "worse": int((statuses == "worse").sum()),
        "no-significant-change": int(statuses.isin(["no-significant-change", "similar"]).sum()),
        "other": int((~statuses.isin(["better", "worse", "no-significant-change", "similar"])).sum()),
    }


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
                        else format_value(a["latest_value"], indicator),
                        "Period": a["latest_period"],
                        "Since the plan started": status_text(a["vs_baseline"]),
                        "Recent trend": status_text(a["trend"]),
                        "Compared with Dorset or England": status_text(a["vs_comparator"]),
                        "Trend line": sparklines.get((indicator.id, area_id), []),
                    }
                )
    return pd.DataFrame(rows)


def board_matrix(
    assessed: pd.DataFrame, catalogue: Catalogue, areas: Areas, area_ids: list[str], measure: str
) -> pd.DataFrame:
    """Indicators down, areas across; each cell the status in words (`measure`: 'vs_baseline' or 'trend')."""
    statuses = assessed.set_index(["indicator_id", "area_id"])[measure]
    rows = []
    for priority in catalogue.priorities:
        for indicator in catalogue.indicators_for(priority.id):
            row = {"Priority": priority.title, "Indicator": indicator.title}
            for area_id in area_ids:
                row[areas[area_id].name] = status_text(
                    statuses.get((indicator.id, area_id), "not-compared"), short=True
                )
            rows.append(row)
    return pd.DataFrame(rows)
