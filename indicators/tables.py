"""Summary tables built from assessments for the overview and the profile, with the words and source lines
that go with them (the Board's tables: indicators/board.py; what is new: indicators/whats_new.py)."""

from __future__ import annotations

import pandas as pd

from indicators.areas import Area, Areas
from indicators.catalogue import Catalogue, Indicator, Priority
from indicators.formatting import MISSING_MARK, SUPPRESSED_MARK, format_change, format_value, is_missing, status_mark
from indicators.verdicts import NO_FIGURES, NOT_COMPARED, status_text

# Verdicts that can be given without a significance test, and then say so.
UNTESTED_JUDGEMENTS = {"better", "worse", "higher", "lower"}
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


def cell_names(priority: Priority, indicator: Indicator, area: Area) -> dict[str, str]:
    """The columns that name one cell of an indicator-by-area grid (the Board's, the readiness table's)."""
    return {
        "priority_id": priority.id,
        "Priority": priority.title,
        "indicator_id": indicator.id,
        "Indicator": indicator.title,
        "area_id": area.id,
        "Area": area.name,
    }


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
                        "Since the plan started": status_text(NO_FIGURES),
                        "status": NO_FIGURES,
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
                    else f"{format_value(a['baseline_value'], indicator)}{status_mark(a['baseline_status'])} "
                    f"in {a['baseline_period']}",
                    "Change": format_change(a["change"], indicator),
                    "Since the plan started": status_text(a["vs_baseline"])
                    + (
                        " (direction only)"
                        if a["vs_baseline"] in UNTESTED_JUDGEMENTS and not a["vs_baseline_tested"]
                        else ""
                    ),
                    "Compared with": _comparison(a, comparator),
                    "Recent trend": trend_text(a),
                    "status": a["vs_baseline"],
                    "illustrative": "illustrative" in (a["latest_status"], a["baseline_status"]),
                    "sentence": a["baseline_sentence"],
                }
            )
    return pd.DataFrame(
        rows, columns=["Priority", "indicator_id", *SUMMARY_COLUMNS, "status", "sentence", "illustrative"]
    )


def trend_text(a: pd.Series) -> str:
    """'▲ Getting better, 2020/21 to 2024/25': the verdict and the periods it rests on."""
    text = status_text(a["trend"])
    return f"{text}, {a['trend_from']} to {a['trend_to']}" if isinstance(a["trend_from"], str) else text


def _latest(a: pd.Series, indicator: Indicator) -> str:
    if a["latest_period"] is None:
        return MISSING_MARK
    if a["latest_suppressed"]:
        return f"{SUPPRESSED_MARK} in {a['latest_period']}"
    return f"{format_value(a['latest_value'], indicator)}{status_mark(a['latest_status'])} in {a['latest_period']}"


def _comparison(a: pd.Series, comparator: str) -> str:
    status = a["vs_comparator"]
    if status in NOT_COMPARED:
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
    statuses = summary.get("status", pd.Series(dtype=str)).fillna(NO_FIGURES)
    return {
        "better": int((statuses == "better").sum()),
        "worse": int((statuses == "worse").sum()),
        "no-significant-change": int(statuses.isin(["no-significant-change", "similar"]).sum()),
        "other": int((~statuses.isin(["better", "worse", "no-significant-change", "similar"])).sum()),
    }


def illustrative_notice(flags: pd.DataFrame, catalogue: Catalogue, indicator_ids: list[str]) -> str | None:
    """What on a page of these indicators is illustrative, said exactly; None when nothing is.

    `flags`: indicator_id, area_id, illustrative (WarehouseReader.illustrative_series).
    """
    shown = flags[flags["indicator_id"].isin(indicator_ids) & flags["illustrative"]]
    if shown.empty:
        return None
    localities = shown[~shown["area_id"].isin(["dorset", "south-west", "england"])]
    dorset = [
        catalogue.indicators[i].title
        for i in indicator_ids
        if i in set(shown.loc[shown["area_id"] == "dorset", "indicator_id"])
    ]
    parts = []
    if not localities.empty:
        mine = flags[
            flags["indicator_id"].isin(indicator_ids) & ~flags["area_id"].isin(["dorset", "south-west", "england"])
        ]
        some_real = "all_illustrative" in mine and not mine["all_illustrative"].all()
        which = "most locality figures are" if some_real else "the locality figures are"
        parts.append(f"{which} made up for demonstration (calibrated to Dorset's real figures)")
    if dorset:
        count = "this indicator" if len(dorset) == 1 else f"{len(dorset)} of these indicators"
        parts.append(f"so are Dorset's own figures for {count}: {'; '.join(dorset)}")
    rest = "Dorset's other figures, and" if dorset else "Dorset's,"
    said = ", and ".join(parts)
    return (
        f"**Illustrative figures on this page.** {said[0].upper() + said[1:]}. Each one is marked "
        f"'(illustrative)' where it appears; real figures are unmarked, or marked '(estimated)' where they needed "
        f"an assumption. {rest} the South West, England and similar-council figures are published statistics. "
        "Do not quote illustrative figures."
    )


ILLUSTRATIVE_SOURCE = (
    "made up for demonstration by the dashboard's own script (indicators/demo_data.py); not real figures"
)


def source_lines(indicator: Indicator, area_name: str, rows: pd.DataFrame) -> str:
    """Where the figures shown for an area come from, by their status: never a real publisher for a made-up one."""
    statuses = set(rows["data_status"]) if len(rows) else set()
    lines = []
    if "published" in statuses:
        lines.append(f"**Source:** {indicator.source}.")
    if "local" in statuses:
        lines.append(
            f"**Source of {area_name}'s local figures:** {'; '.join(sorted(set(rows.loc[rows['data_status'] == 'local', 'source'])))}."
        )
    if "illustrative" in statuses:
        lines.append(f"**Source of {area_name}'s illustrative figures:** {ILLUSTRATIVE_SOURCE}.")
        if "published" not in statuses:
            lines.append(f"Real figures would come from: {indicator.source}; none are loaded yet.")
    return " ".join(lines) or "**Source:** no figures are loaded yet."


def email_summary(
    indicator: Indicator, area_name: str, a: pd.Series, link: str, comparisons: list[str] | None = None
) -> str:
    """A few plain sentences for an email: figure, period, verdict since the baseline, whether it is real,
    the comparison the reader chose (and the other, where Dorset and England point different ways), the link."""
    if a is None or a["latest_period"] is None:
        first = f"{indicator.title}, {area_name}: no figures are loaded yet."
    elif a["latest_suppressed"]:
        first = (
            f"{indicator.title}, {area_name}, {a['latest_period']}: withheld because the number of children is small."
        )
    else:
        value = format_value(a["latest_value"], indicator)
        status = {
            "illustrative": " (an illustrative figure, not real)",
            "estimated": " (estimated from published figures)",
            "local": " (from local records, not published)",
        }
        first = f"{indicator.title}, {area_name}: {value} in {a['latest_period']}{status.get(a['latest_status'], '')}."
    verdict = status_text(a["vs_baseline"]).split(" ", 1)[1] if a is not None else "Not compared"
    second = (
        f" Since the plan started: {verdict.lower()}." if a is not None and a["vs_baseline"] != "not-compared" else ""
    )
    compared = "".join(f" {c}" for c in comparisons or [])
    return f"{first}{second}{compared}\n{link}"
