"""Summary tables built from assessments: the overview, the profile and the Board view."""

from __future__ import annotations

from datetime import date

import pandas as pd

from indicators.areas import Areas
from indicators.assess import TREND_POINTS
from indicators.catalogue import Catalogue, Indicator
from indicators.charts import status_text
from indicators.formatting import MISSING_MARK, SUPPRESSED_MARK, format_change, format_value, is_missing, status_mark
from indicators.periods import next_period
from indicators.releases import published_on, release_of
from indicators.verdicts import NO_FIGURES, NOT_COMPARED

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
                    + (" (direction only)" if a["vs_baseline"] in UNTESTED_JUDGEMENTS and not a["vs_baseline_tested"] else ""),
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
                        "priority_id": priority.id,
                        "Priority": priority.title,
                        "indicator_id": indicator.id,
                        "Indicator": indicator.title,
                        "area_id": area_id,
                        "Area": areas[area_id].name,
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
    return counts if counts.get(none_yet, pd.Series(dtype=int)).any() else counts.drop(columns=none_yet, errors="ignore")


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


def illustrative_notice(flags: pd.DataFrame, catalogue: Catalogue, indicator_ids: list[str]) -> str | None:
    """What on a page of these indicators is illustrative, said exactly; None when nothing is.

    `flags`: indicator_id, area_id, illustrative (WarehouseReader.illustrative_series).
    """
    shown = flags[flags["indicator_id"].isin(indicator_ids) & flags["illustrative"]]
    if shown.empty:
        return None
    localities = shown[~shown["area_id"].isin(["dorset", "south-west", "england"])]
    dorset = [catalogue.indicators[i].title for i in indicator_ids if i in set(shown.loc[shown["area_id"] == "dorset", "indicator_id"])]
    parts = []
    if not localities.empty:
        mine = flags[flags["indicator_id"].isin(indicator_ids) & ~flags["area_id"].isin(["dorset", "south-west", "england"])]
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


ILLUSTRATIVE_SOURCE = "made up for demonstration by the dashboard's own script (indicators/demo_data.py); not real figures"


def source_lines(indicator: Indicator, area_name: str, rows: pd.DataFrame) -> str:
    """Where the figures shown for an area come from, by their status: never a real publisher for a made-up one."""
    statuses = set(rows["data_status"]) if len(rows) else set()
    lines = []
    if "published" in statuses:
        lines.append(f"**Source:** {indicator.source}.")
    if "local" in statuses:
        lines.append(f"**Source of {area_name}'s local figures:** {'; '.join(sorted(set(rows.loc[rows['data_status'] == 'local', 'source'])))}.")
    if "illustrative" in statuses:
        lines.append(f"**Source of {area_name}'s illustrative figures:** {ILLUSTRATIVE_SOURCE}.")
        if "published" not in statuses:
            lines.append(f"Real figures would come from: {indicator.source}; none are loaded yet.")
    return " ".join(lines) or "**Source:** no figures are loaded yet."


def projects_by_priority(projects: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Agreed funding by plan priority (the priority is a declared judgement, not the minute)."""
    agreed = projects[projects["decision"] == "agreed"]
    titles = {p.id: p.title for p in catalogue.priorities}
    grouped = agreed.groupby(agreed["priority"].map(titles).fillna("Not linked to a priority"), sort=True)
    return pd.DataFrame(
        {
            "Plan priority (our judgement)": list(grouped.groups),
            "Projects agreed": [len(g) for _, g in grouped],
            "Amount agreed": [f"£{g['amount_gbp'].sum():,.0f}" for _, g in grouped],
        }
    )


def projects_table(projects: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Every decision, as minuted, with the declared links beside it (organisations only, never people)."""
    titles = {p.id: p.title for p in catalogue.priorities}

    def period(row: pd.Series) -> str:
        if pd.isna(row["funded_from"]):
            return "not minuted"
        note = f" ({row['period_note']})" if isinstance(row["period_note"], str) and row["period_note"] else ""
        return f"{pd.Timestamp(row['funded_from']):%b %Y} to {pd.Timestamp(row['funded_to']):%b %Y}{note}"

    return pd.DataFrame(
        {
            "Decided": [f"{pd.Timestamp(d):%d %b %Y}" for d in projects["decided_on"]],
            "Organisation": projects["provider"],
            "Purpose": projects["purpose"],
            "Amount": [f"£{a:,.0f}" for a in projects["amount_gbp"]],
            "Decision": [
                d.capitalize() + (f": {n}" if isinstance(n, str) and n else "")
                for d, n in zip(projects["decision"], projects["decision_note"], strict=True)
            ],
            "Reach": projects["reach"].fillna(""),
            "Priority as minuted": projects["priority_as_minuted"].fillna(""),
            "Plan priority (our judgement)": projects["priority"].map(titles).fillna(""),
            "Indicators it aims at (our judgement)": [
                "; ".join(catalogue.indicators[i].title for i in ids.split(",") if i) if isinstance(ids, str) else ""
                for ids in projects["indicators"]
            ],
            "Funded period": [period(r) for _, r in projects.iterrows()],
        }
    )


def email_summary(indicator: Indicator, area_name: str, a: pd.Series, link: str, comparisons: list[str] | None = None) -> str:
    """A few plain sentences for an email: figure, period, verdict since the baseline, whether it is real,
    the comparison the reader chose (and the other, where Dorset and England point different ways), the link."""
    if a is None or a["latest_period"] is None:
        first = f"{indicator.title}, {area_name}: no figures are loaded yet."
    elif a["latest_suppressed"]:
        first = f"{indicator.title}, {area_name}, {a['latest_period']}: withheld because the number of children is small."
    else:
        value = format_value(a["latest_value"], indicator)
        status = {"illustrative": " (an illustrative figure, not real)", "estimated": " (estimated from published figures)",
                  "local": " (from local records, not published)"}  # fmt: skip
        first = f"{indicator.title}, {area_name}: {value} in {a['latest_period']}{status.get(a['latest_status'], '')}."
    verdict = status_text(a["vs_baseline"]).split(" ", 1)[1] if a is not None else "Not compared"
    second = f" Since the plan started: {verdict.lower()}." if a is not None and a["vs_baseline"] != "not-compared" else ""
    compared = "".join(f" {c}" for c in comparisons or [])
    return f"{first}{second}{compared}\n{link}"


WHATS_NEW_COLUMNS = ["Indicator", "What is new", "Published", "First loaded"]


def whats_new(figures: pd.DataFrame, changes: pd.DataFrame, catalogue: Catalogue, since: date) -> pd.DataFrame:
    """Per indicator: figures *published* since a date (releases.published_on: a source's timetable, the
    day local records were loaded), and verdicts that changed since then. When a load first brought a
    figure is a note for the data team (a warehouse built today has loaded everything today), not news.

    `figures`: an area's figures (WarehouseReader.new_since with an early date: every one)."""
    rows = []
    for indicator_id, group in figures.groupby("indicator_id", sort=False):
        if indicator_id not in catalogue.indicators:
            continue  # restricted
        indicator = catalogue.indicators[indicator_id]
        out = [published_on(indicator, str(r.period), _day(r.period_end_date), str(r.data_status), _day(r.first_seen))
               for r in group.itertuples()]  # fmt: skip
        fresh = group[[d is not None and d >= since.replace(day=1) for d in out]]
        if fresh.empty:
            continue
        last = fresh.iloc[-1]
        latest = SUPPRESSED_MARK if last["suppressed"] else format_value(last["value"], indicator) + status_mark(last["data_status"])
        when = max(d for d in out if d is not None and d >= since.replace(day=1))
        rows.append({"Indicator": indicator.title, "What is new": f"{len(fresh)} figure(s), latest {latest} in {last['period']}",
                     "Published": f"{when:%B %Y}", "First loaded": str(fresh["first_seen"].max())})  # fmt: skip
    names = {"vs_baseline": "since the plan started", "trend": "recent trend"}
    for change in changes.itertuples():
        if change.indicator_id not in catalogue.indicators:
            continue
        rows.append({"Indicator": catalogue.indicators[change.indicator_id].title,
                     "What is new": f"{names.get(change.verdict, change.verdict)}: {status_text(change.was)} → {status_text(change.now)}",
                     "Published": "–", "First loaded": change.changed_on})  # fmt: skip
    return pd.DataFrame(rows, columns=WHATS_NEW_COLUMNS)


def _day(value: object) -> date:
    """A date from what DuckDB hands back: a date, a timestamp or its text."""
    return date.fromisoformat(str(value)[:10])


def expected_before(catalogue: Catalogue, latest: dict[str, str | None], today: date, meeting: date) -> pd.DataFrame:
    """Indicators whose next figure is usually published by the meeting date (or is due already)."""
    rows = []
    for indicator in catalogue.indicators.values():
        release = release_of(indicator, latest.get(indicator.id))
        if release is None or release.next_expected > meeting:
            continue
        when = "due now" if release.next_expected <= today else f"{release.next_expected:%B %Y}"
        rows.append({"Indicator": indicator.title, "Next figure usually published": when, "It will cover": next_period(indicator.frequency, latest[indicator.id]) or ""})
    return pd.DataFrame(rows, columns=["Indicator", "Next figure usually published", "It will cover"])
