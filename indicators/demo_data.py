"""The illustrative locality dataset: made-up figures, honestly labelled, calibrated to real ones.

No locality-level figures are published, so this script invents them, deterministically
(the same inputs always give the same file), for every indicator and every locality at
the indicator's own frequency from 2019/20 to 2025/26. Every row it writes has
`data_status = illustrative`.

How the figures are made:

1. **Dorset's figure** for each period is the real published one where it exists (the
   extracts made by `python -m indicators import`), and the locality rows are made
   only for published periods, so that they add up to it: counts sum to the real
   count, and percentages and rates come from numerators and denominators whose sums
   give the real Dorset value (to within rounding of one child). Where no real series
   exists, Dorset's figure follows the partnership's published figures (early help
   requests 317 in April 2020, 455 in September 2020, 364 in March 2021; care
   leavers... ; about 40% of children in care living outside Dorset) or a plausible
   level stated in `illustrative_only` in indicators/demo_data.toml, and Dorset's illustrative row is the sum
   of the localities.
2. **Denominators** (children, pupils, births...) are split between localities by
   their share of children aged 0-15 at Census 2021 (small areas mapped to localities
   through `indicators/geography.py`); for children in care and similar groups the
   split is weighted towards more deprived places.
3. **The split of what is counted** follows real differences between places: each
   locality's rate is Dorset's, scaled by its child income deprivation (IDACI,
   English Indices of Deprivation 2025) relative to Dorset's, raised to a gradient
   declared per indicator (positive where deprivation makes the figure higher, such
   as absence; negative where lower, such as school readiness). A seeded per-locality
   level, a slow wave over the years and a small yearly wobble make the series look like
   real data; all three are bounded, so nothing compounds: a locality's share of a Dorset
   count stays within 0.5 to 2 times its share of children, and no percentage passes
   100% (or, where the catalogue allows more, Dorset's own figure plus a little).
   Figures that count the same children agree: a locality's children in care are the
   same number in the count and in the rate, and early help assessments follow, and
   never exceed, the same locality's requests.
4. **Real locality figures come first.** Where the shipped unit-level extracts
   (`units_*.csv`, real school and small-area figures added up on load) give an
   indicator's locality figures up to the plan's baseline or later, nothing is made up
   after the last real period: the latest figure a locality sees is then real, and its
   verdicts compare real figures only. (For the same period the real figure replaces the
   made-up one on load; older real series, such as 2018/19 absence, are followed by
   made-up figures, marked as such, because nothing real is newer.)
5. **Weymouth and Portland**, sub-areas of Chesil from October 2023, share Chesil's
   figures by their populations. Small areas and small groups give small counts, so
   the dashboard's suppression of small numbers is exercised.

Run `python -m indicators demo` to rewrite `data/extracts/illustrative_localities.csv`.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pandas as pd

from indicators.areas import default_areas
from indicators.catalogue import Catalogue, Indicator, default_catalogue
from indicators.demo_shapes import (
    EARLY_HELP_ANCHORS,
    FIRST_PERIODS,
    ILLUSTRATIVE_ONLY,
    LOCALITIES,
    SCHOOL_HOLIDAY_DIP,
)
from indicators.demo_split import Places, Target, cap_at_denominators, load_places, locality_figures, split_chesil
from indicators.extracts import ALL_COLUMNS, read_and_check
from indicators.geography import REFERENCE_DATA
from indicators.periods import FREQUENCIES, year_label

PROJECT_DIR = Path(__file__).resolve().parent.parent
EXTRACTS_DIR = PROJECT_DIR / "data" / "extracts"
OUTPUT = EXTRACTS_DIR / "illustrative_localities.csv"
FIRST_YEAR, LAST_YEAR = 2019, 2025  # 2019/20 to 2025/26
SUB_AREAS_FROM = min(a.valid_from for a in default_areas().of_type("sub-locality") if a.valid_from)
DATA_CUT_OFF = date(2026, 8, 31)  # a fixed date, not today, so the output never changes by itself
SOURCE = "ILLUSTRATIVE figures made up by indicators/demo_data.py for demonstration; not real data"

# --- places ----------------------------------------------------------------------------


# --- periods ---------------------------------------------------------------------------


def periods_for(indicator: Indicator) -> list[str]:
    """Every period label from 2019/20 to 2025/26 at the indicator's frequency."""
    frequency = indicator.frequency
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    if frequency in {"academic-year", "financial-year"}:
        labels = [year_label(y) for y in years]
    elif frequency == "calendar-year":
        labels = [str(y) for y in years]
    elif frequency == "three-financial-years":
        labels = [f"{year_label(y - 2)} to {year_label(y)}" for y in years]
    elif frequency == "three-calendar-years":
        labels = [f"{y - 1} to {y + 1}" for y in years]
    elif frequency == "monthly":
        labels = [f"{y + (m < 4)}-{m:02d}" for y in years for m in (*range(4, 13), *range(1, 4))]
    else:
        raise ValueError(f"{indicator.id}: snapshots need published dates")
    first = FIRST_PERIODS.get(indicator.id)
    if first:
        labels = labels[labels.index(first) :]
    return [label for label in labels if FREQUENCIES[frequency].default_end(label) <= DATA_CUT_OFF]


# --- Dorset's series ------------------------------------------------------------------


def published_dorset(extracts_dir: Path, catalogue: Catalogue) -> pd.DataFrame:
    """The real Dorset rows in the published extracts."""
    files = sorted(p for p in extracts_dir.glob("published_*.csv"))
    rows = read_and_check(files, catalogue, default_areas()) if files else pd.DataFrame(columns=["area_id"])
    return rows[rows["area_id"] == "dorset"]


def illustrative_targets(indicator: Indicator) -> list[Target]:
    periods = periods_for(indicator)
    if indicator.id == "early-help-requests":
        return [Target(p, None, _early_help_requests(p), None, False) for p in periods]
    first, last = ILLUSTRATIVE_ONLY[indicator.id]
    targets = []
    for step, period in enumerate(periods):
        level = first + (last - first) * step / max(len(periods) - 1, 1)
        if indicator.frequency == "monthly":
            level *= SCHOOL_HOLIDAY_DIP.get(int(period[5:]), 1.0)
        targets.append(Target(period, level, None, None, False))
    return targets


def _early_help_requests(month: str) -> int:
    """Dorset's requests in a month: the published figures exactly, seasonal in between."""
    if month in EARLY_HELP_ANCHORS:
        return EARLY_HELP_ANCHORS[month]
    anchors = sorted(EARLY_HELP_ANCHORS.items())
    index = next(i for i, (m, _) in enumerate(anchors) if m > month)
    (m0, v0), (m1, v1) = anchors[index - 1], anchors[index]

    def months(label: str) -> int:
        return int(label[:4]) * 12 + int(label[5:])

    level = v0 + (v1 - v0) * (months(month) - months(m0)) / (months(m1) - months(m0))
    return round(level * SCHOOL_HOLIDAY_DIP.get(int(month[5:]), 1.0))


def published_targets(indicator: Indicator, dorset: pd.DataFrame) -> list[Target]:
    rows = dorset[dorset["indicator_id"] == indicator.id].sort_values("period_end_date")
    in_range = None if indicator.frequency == "snapshot" else set(periods_for(indicator))
    targets = []
    for row in rows.itertuples():
        if in_range is not None and row.period not in in_range:
            continue
        numerator = None if pd.isna(row.numerator) else float(row.numerator)
        denominator = None if pd.isna(row.denominator) else float(row.denominator)
        targets.append(Target(row.period, float(row.value), numerator, denominator, True))
    return targets


# --- writing ---------------------------------------------------------------------------


def _note(target: Target) -> str:
    if target.published:
        return "Illustrative locality split of Dorset's published figure."
    return "Illustrative: no published figure exists."


FOLLOWS = {"early-help-assessments": "early-help-requests"}  # split like, and never above, the other


def _in_order(catalogue: Catalogue) -> list[Indicator]:
    """Indicators whose figures others reuse (a count before its rate, requests before assessments) first."""
    first = {link.second for link in catalogue.links()} | set(FOLLOWS.values())
    return sorted(catalogue.indicators.values(), key=lambda i: i.id not in first)


def _shared_denominators(
    indicator: Indicator, period: str, made: dict[tuple[str, str], dict[str, dict[str, float]]]
) -> dict[str, int] | None:
    """The denominators another indicator fixes (its count, or its own denominators), by area, if it has them."""
    if indicator.denominator_is_count_of:
        other, field = made.get((indicator.denominator_is_count_of, period)), "numerator"
    elif indicator.same_denominator_as:
        other, field = made.get((indicator.same_denominator_as, period)), "denominator"
    else:
        return None
    return {area: int(numbers[field]) for area, numbers in other.items()} if other else None


def _figures_for(
    indicator: Indicator, target: Target, places: Places, made: dict[tuple[str, str], dict[str, dict[str, float]]]
) -> dict[str, dict[str, float]]:
    """One period's figures for every locality and Chesil's sub-areas, agreeing with related indicators."""
    leader = FOLLOWS.get(indicator.id)
    led = made.get((leader, target.period)) if leader else None
    shares = {a: led[a]["numerator"] for a in LOCALITIES} if led else None
    shared = _shared_denominators(indicator, target.period, made)
    figures = locality_figures(
        indicator, target, places, shares, {a: shared[a] for a in LOCALITIES} if shared else None
    )
    same = made.get((indicator.same_count_as, target.period)) if indicator.same_count_as else None
    if same:  # the same children: the rate's numerators are the count's
        for area in LOCALITIES:
            figures[area]["numerator"] = same[area]["numerator"]
    if led:  # assessments follow requests and never exceed them
        capped = cap_at_denominators(
            {a: int(figures[a]["numerator"]) for a in LOCALITIES}, {a: int(led[a]["numerator"]) for a in LOCALITIES}
        )
        figures = {a: {"numerator": capped[a]} for a in LOCALITIES}
    if FREQUENCIES[indicator.frequency].default_end(target.period) >= SUB_AREAS_FROM:
        weights = {a: led[a]["numerator"] for a in ("weymouth", "portland")} if led else None
        figures |= split_chesil(figures["chesil"], places, indicator, target.period, weights)
        if shared:  # the sub-areas' denominators are the other indicator's too
            parts = {a: shared[a] for a in ("weymouth", "portland")}
            capped = cap_at_denominators({a: int(figures[a]["numerator"]) for a in parts}, parts)
            for area in parts:
                figures[area] |= {"numerator": capped[area], "denominator": parts[area]}
        if same:
            for area in ("weymouth", "portland"):
                figures[area]["numerator"] = same[area]["numerator"]
        if led:
            capped = cap_at_denominators(
                {a: int(figures[a]["numerator"]) for a in ("weymouth", "portland")},
                {a: int(led[a]["numerator"]) for a in ("weymouth", "portland")},
            )
            for area in ("weymouth", "portland"):
                figures[area]["numerator"] = capped[area]
    return figures


def real_locality_periods(extracts_dir: Path) -> dict[str, set[str]]:
    """Indicator -> the periods the shipped unit-level extracts give real locality figures for."""
    periods: dict[str, set[str]] = {}
    for path in sorted(extracts_dir.glob("units_*.csv")):
        table = pd.read_csv(path, dtype=str, usecols=["indicator_id", "period"], keep_default_na=False)
        for indicator_id, period in table.drop_duplicates().itertuples(index=False):
            periods.setdefault(indicator_id, set()).add(period)
    return periods


def made_up_until(indicator: Indicator, real_periods: set[str]) -> date | None:
    """The last period end a made-up figure may have: the last real one's, where the real series reaches
    the baseline (else None: nothing real is recent enough to stand as the latest figure)."""
    frequency = FREQUENCIES[indicator.frequency]
    ends = [frequency.default_end(p) for p in real_periods]
    if not ends or max(ends) < frequency.default_end(indicator.baseline_period):
        return None
    return max(ends)


def generate(
    catalogue: Catalogue | None = None, extracts_dir: Path = EXTRACTS_DIR, reference: Path = REFERENCE_DATA
) -> pd.DataFrame:
    """Every illustrative row, in the extract format."""
    catalogue = catalogue or default_catalogue()
    places = load_places(reference)
    dorset = published_dorset(extracts_dir, catalogue)
    real = real_locality_periods(extracts_dir)
    made: dict[tuple[str, str], dict[str, dict[str, float]]] = {}
    rows: list[dict[str, object]] = []
    for indicator in _in_order(catalogue):
        targets = (
            published_targets(indicator, dorset) if indicator.published_series else illustrative_targets(indicator)
        )
        until = made_up_until(indicator, real.get(indicator.id, set()))
        for target in targets:
            figures = _figures_for(indicator, target, places, made)
            made[(indicator.id, target.period)] = figures  # still made: related indicators may need them
            if until is not None and FREQUENCIES[indicator.frequency].default_end(target.period) > until:
                continue  # a real series is current: no made-up figure after it
            if not target.published:
                figures = figures | {"dorset": _dorset_total(figures, indicator)}
            for area, numbers in figures.items():
                rows.append(
                    {
                        "indicator_id": indicator.id,
                        "area": area,
                        "period": target.period,
                        "data_status": "illustrative",
                        "source": SOURCE,
                        "note": _note(target),
                    }
                    | numbers
                )
    frame = pd.DataFrame(rows, columns=list(ALL_COLUMNS))
    for column in ("numerator", "denominator"):
        frame[column] = frame[column].astype("Int64")
    order = {i: k for k, i in enumerate(catalogue.indicators)}  # the file keeps the catalogue's order
    return frame.sort_values("indicator_id", key=lambda c: c.map(order), kind="stable").reset_index(drop=True)


def _dorset_total(figures: dict[str, dict[str, float]], indicator: Indicator) -> dict[str, float]:
    six = [figures[a] for a in LOCALITIES]
    total = {field: sum(f[field] for f in six) for field in six[0] if field != "value"}
    if indicator.unit == "score":
        total["value"] = round(sum(f["value"] * f["denominator"] for f in six) / total["denominator"], 2)
    return total


def write(frame: pd.DataFrame, path: Path = OUTPUT) -> None:
    frame.to_csv(path, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
