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
   level stated in `ILLUSTRATIVE_ONLY` below, and Dorset's illustrative row is the sum
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
import hashlib
import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from indicators.areas import default_areas
from indicators.catalogue import Catalogue, Indicator, default_catalogue
from indicators.extracts import ALL_COLUMNS, read_and_check
from indicators.geography import REFERENCE_DATA, lsoa_localities
from indicators.periods import FREQUENCIES, year_label

PROJECT_DIR = Path(__file__).resolve().parent.parent
EXTRACTS_DIR = PROJECT_DIR / "data" / "extracts"
OUTPUT = EXTRACTS_DIR / "illustrative_localities.csv"
SEED = 20230401  # the plan's start; any fixed number keeps the output reproducible
FIRST_YEAR, LAST_YEAR = 2019, 2025  # 2019/20 to 2025/26
SUB_AREAS_FROM = min(a.valid_from for a in default_areas().of_type("sub-locality") if a.valid_from)
DATA_CUT_OFF = date(2026, 8, 31)  # a fixed date, not today, so the output never changes by itself
LOCALITIES = ("chesil", "dorchester", "east", "north", "purbeck", "west")
SOURCE = "ILLUSTRATIVE figures made up by indicators/demo_data.py for demonstration; not real data"


@dataclass(frozen=True)
class Shape:
    """How an indicator's figures are shaped across localities.

    denominator: Dorset's denominator a year (children, pupils, births, ...), used where
    the published figure has none. gradient: how strongly deprivation raises (+) or
    lowers (-) the rate. need_weighted: split the denominator towards deprived places.
    """

    denominator: float = 1.0
    gradient: float = 0.0
    need_weighted: bool = False


# Dorset-wide sizes are illustrative round numbers of the right order for Dorset
# (about 67,000 children aged 0-17, 3,700 a school year, 450 children in care).
SHAPES: dict[str, Shape] = {
    "good-level-of-development": Shape(3700, -0.25),
    "funded-early-education-age-2": Shape(600, -0.1, need_weighted=True),
    "funded-early-education-age-3-4": Shape(6000, -0.02),
    "early-years-good-or-outstanding": Shape(5800, -0.03),
    "smoking-at-time-of-delivery": Shape(3300, 0.9),
    "breastfeeding-at-6-to-8-weeks": Shape(3300, -0.3),
    "low-birth-weight": Shape(3100, 0.5),
    "reception-overweight-or-obese": Shape(3600, 0.35),
    "year-6-overweight-or-obese": Shape(4100, 0.35),
    "under-18-conceptions": Shape(5600, 0.9),
    "first-time-entrants-youth-justice": Shape(31000, 0.8),
    "under-18-alcohol-admissions": Shape(201000, 0.5),
    "mental-health-admissions": Shape(67000, 0.4),
    "neet-or-not-known-16-17": Shape(7800, 0.8),
    "participation-16-17": Shape(7800, -0.05),
    "children-in-care-rate": Shape(67000, 0.9),
    "children-in-care-count": Shape(1, 0.9),
    "children-in-care-placed-over-20-miles": Shape(430, 0.0, need_weighted=True),
    "children-in-care-placed-outside-dorset": Shape(450, 0.0, need_weighted=True),
    "children-in-care-in-foster-care": Shape(450, -0.05, need_weighted=True),
    "children-in-independent-specialist-placements": Shape(450, 0.1, need_weighted=True),
    "placement-stability-three-or-more-moves": Shape(450, 0.2, need_weighted=True),
    "care-leavers-in-education-employment-training": Shape(205, -0.15, need_weighted=True),
    "care-leavers-staying-put": Shape(205, -0.1, need_weighted=True),
    "care-leavers-in-suitable-accommodation": Shape(205, -0.03, need_weighted=True),
    "overall-absence": Shape(17_100_000, 0.3),
    "persistent-absence": Shape(45000, 0.45),
    "suspensions": Shape(45000, 0.6),
    "permanent-exclusions": Shape(45000, 0.6),
    "schools-good-or-outstanding": Shape(158, -0.05),
    "key-stage-2-reading-writing-maths": Shape(3900, -0.2),
    "gcse-english-and-maths": Shape(3800, -0.2),
    "attainment-8": Shape(3800, -0.12),
    "level-3-by-19": Shape(3600, -0.25),
    "ehc-plans-within-20-weeks": Shape(620, 0.0),
    "elective-home-education": Shape(1, 0.2),
    "children-in-relative-low-income": Shape(57000, 1.0),
    "holiday-activities-and-food-take-up": Shape(10500, 0.1, need_weighted=True),
    "children-feel-safe-where-they-live": Shape(5000, -0.05),
    "road-casualties-killed-or-seriously-injured": Shape(171000, 0.2),
    "early-help-requests": Shape(1, 0.7),
    "early-help-assessments": Shape(1, 0.7),
    "family-hub-contacts": Shape(67000, 0.5),
    "referrals-to-childrens-social-care": Shape(67000, 0.8),
    "re-referrals-to-childrens-social-care": Shape(2350, 0.1, need_weighted=True),
    "children-in-need-rate": Shape(67000, 0.8),
    "child-protection-plans-rate": Shape(67000, 0.9),
    "repeat-child-protection-plans": Shape(330, 0.1, need_weighted=True),
    "children-in-care-missing": Shape(600, 0.2, need_weighted=True),
    "children-at-risk-of-extra-familial-harm": Shape(1, 0.8),
    "hospital-admissions-injuries-0-14": Shape(54000, 0.4),
}

# Dorset's illustrative level for indicators with no published series: (first, last)
# values over 2019/20 to 2025/26, joined by a straight line; calibrated where the
# partnership has published a figure (see the caveats in the catalogue).
ILLUSTRATIVE_ONLY: dict[str, tuple[float, float]] = {
    "smoking-at-time-of-delivery": (10.4, 7.6),
    "children-in-care-placed-outside-dorset": (41.0, 39.0),
    "children-in-independent-specialist-placements": (13.0, 11.0),
    "elective-home-education": (980, 1620),
    "holiday-activities-and-food-take-up": (24.0, 33.0),
    "children-feel-safe-where-they-live": (77.0, 80.5),
    "early-help-assessments": (215, 260),
    "family-hub-contacts": (820, 1090),
    "children-at-risk-of-extra-familial-harm": (88, 131),
}
# Early help requests a month: the partnership's published figures are kept exactly.
EARLY_HELP_ANCHORS = {"2019-04": 400, "2020-03": 392, "2020-04": 317, "2020-09": 455, "2021-03": 364, "2026-03": 418}
SCHOOL_HOLIDAY_DIP = {8: 0.78, 12: 0.85, 4: 0.93}  # fewer requests in August, December and at Easter
FIRST_PERIODS = {"holiday-activities-and-food-take-up": "2021/22", "family-hub-contacts": "2023/24"}


# --- places ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Places:
    """Children aged 0-15 and child income deprivation, by locality and Chesil sub-area."""

    population: dict[str, float]
    deprivation: dict[str, float]  # share of children in income-deprived families

    def relative_deprivation(self, area: str) -> float:
        dorset = sum(self.deprivation[a] * self.population[a] for a in LOCALITIES) / sum(
            self.population[a] for a in LOCALITIES
        )
        return self.deprivation[area] / dorset


def load_places(reference: Path = REFERENCE_DATA) -> Places:
    lookup = lsoa_localities(reference)
    census = pd.read_csv(reference / "population" / "census2021_lsoa21_usual_residents_by_age6__dorset.csv")
    children = census[census["age_group"] == "Aged 15 years and under"].set_index("lsoa21_code")["usual_residents"]
    imd = pd.read_csv(reference / "deprivation" / "imd2025_lsoa21__dorset.csv").set_index("lsoa21_code")
    deprived_children = imd["income_deprivation_affecting_children_index_idaci_numerator"]
    population: dict[str, float] = {}
    deprived: dict[str, float] = {}
    counted: dict[str, float] = {}  # children in small areas whose deprivation count is published
    for lsoa, (locality, sub_area) in lookup.items():
        for area in filter(None, (locality, sub_area)):
            population[area] = population.get(area, 0.0) + float(children[lsoa])
            if not math.isnan(deprived_children[lsoa]):
                deprived[area] = deprived.get(area, 0.0) + float(deprived_children[lsoa])
                counted[area] = counted.get(area, 0.0) + float(children[lsoa])
    return Places(population, {a: deprived[a] / counted[a] for a in population})


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


# --- the numbers -----------------------------------------------------------------------


def _rng(*parts: str) -> np.random.Generator:
    digest = hashlib.sha256("|".join((str(SEED), *parts)).encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "big"))


def split_whole(total: int, weights: dict[str, float]) -> dict[str, int]:
    """Whole numbers in proportion to `weights` that add up to `total` exactly (largest remainder)."""
    scale = sum(weights.values())
    exact = {k: total * w / scale for k, w in weights.items()}
    floors = {k: math.floor(v) for k, v in exact.items()}
    short = total - sum(floors.values())
    for key in sorted(exact, key=lambda k: (floors[k] - exact[k], k))[:short]:
        floors[key] += 1
    return floors


@dataclass(frozen=True)
class Target:
    """What the localities must add up to in one period."""

    period: str
    value: float | None
    numerator: float | None
    denominator: float | None
    published: bool


SHARE_LIMITS = (0.55, 1.8)  # a locality's weight against the average: keeps shares within 0.5-2x
OVER_100_ALLOWANCE = 3.0  # points above Dorset's figure a locality may reach where over 100% is allowed


def _tilts(indicator: Indicator, period: str, places: Places) -> dict[str, float]:
    """Each locality's figure relative to Dorset's: deprivation, a fixed level, a slow wave, a wobble."""
    shape = SHAPES[indicator.id]
    years = (FREQUENCIES[indicator.frequency].midpoint(period) - date(2019, 9, 1)).days / 365.25
    wobble = _rng(indicator.id, "wobble", period)
    tilts = {}
    for area in LOCALITIES:
        place = _rng(indicator.id, "level", area)
        level, phase = place.normal(0, 0.04), place.uniform(0, 2 * math.pi)
        wave = 0.04 * math.sin(2 * math.pi * years / 6 + phase)
        tilts[area] = places.relative_deprivation(area) ** shape.gradient * math.exp(level + wave + wobble.normal(0, 0.02))
    mean = sum(tilts[a] * places.population[a] for a in LOCALITIES) / sum(places.population[a] for a in LOCALITIES)
    low, high = SHARE_LIMITS
    return {a: min(max(t / mean, low), high) for a, t in tilts.items()}


def locality_figures(
    indicator: Indicator,
    target: Target,
    places: Places,
    shares: dict[str, float] | None = None,
    denominators: dict[str, int] | None = None,
) -> dict[str, dict[str, float]]:
    """Numerator and denominator (or value) for each locality in one period.

    `shares`: where the figure must follow another's split (early help assessments follow
    requests), its weights, in place of population and deprivation. `denominators`: where
    the denominator is another indicator's figure (children in care living with foster
    carers, out of the children in care), those figures.
    """
    shape = SHAPES[indicator.id]
    need = {
        a: places.population[a] * (places.relative_deprivation(a) if shape.need_weighted else 1.0) for a in LOCALITIES
    }
    tilt = _tilts(indicator, target.period, places)
    if indicator.unit == "count":
        total = round(target.numerator if target.numerator is not None else target.value)  # type: ignore[arg-type]
        counts = split_whole(total, shares or {a: need[a] * tilt[a] for a in LOCALITIES})
        return {a: {"numerator": counts[a]} for a in LOCALITIES}
    if denominators is None:
        denominator_total = round(target.denominator or shape.denominator)
        denominators = split_whole(denominator_total, need)
    denominator_total = sum(denominators.values())
    if indicator.unit == "score":
        raw = {a: target.value * tilt[a] for a in LOCALITIES}  # type: ignore[operator]
        mean = sum(raw[a] * denominators[a] for a in LOCALITIES) / denominator_total
        return {
            a: {"value": round(raw[a] * target.value / mean, 2), "denominator": denominators[a]} for a in LOCALITIES
        }  # type: ignore[operator]
    total = round(
        target.numerator if target.numerator is not None else target.value * denominator_total / indicator.multiplier  # type: ignore[operator]
    )
    numerators = split_whole(total, {a: denominators[a] * tilt[a] for a in LOCALITIES})
    if indicator.unit == "percentage":
        numerators = _cap_at_denominators(numerators, denominators, _highest_percentage(indicator, target))
    return {a: {"numerator": numerators[a], "denominator": denominators[a]} for a in LOCALITIES}


def _highest_percentage(indicator: Indicator, target: Target) -> float:
    """100%, or where the catalogue allows more (and says why), a little above Dorset's own figure."""
    if not indicator.value_can_exceed_100 or target.value is None:
        return 100.0
    return max(100.0, target.value + OVER_100_ALLOWANCE)


def _cap_at_denominators(
    numerators: dict[str, int], denominators: dict[str, int], highest: float = 100.0
) -> dict[str, int]:
    """Keep each percentage at or below `highest`, moving any excess to areas with room (the total stays)."""
    limit = {a: math.floor(denominators[a] * highest / 100) for a in numerators}
    capped = {a: min(n, limit[a]) for a, n in numerators.items()}
    excess = sum(numerators.values()) - sum(capped.values())
    for area in sorted(capped, key=lambda a: capped[a] - limit[a]):
        room = limit[area] - capped[area]
        moved = min(room, excess)
        capped[area] += moved
        excess -= moved
    return capped


def split_chesil(
    figures: dict[str, float],
    places: Places,
    indicator: Indicator,
    period: str,
    weights: dict[str, float] | None = None,
) -> dict[str, dict[str, float]]:
    """Weymouth and Portland's shares of Chesil's figures, by their children (or by `weights`).

    Indicators counting the same children (same_count_as) get the same split.
    """
    key = indicator.same_count_as or indicator.id
    weights = weights or {
        a: places.population[a] * _rng(key, "sub", period, a).uniform(0.9, 1.1) for a in ("weymouth", "portland")
    }
    result: dict[str, dict[str, float]] = {"weymouth": {}, "portland": {}}
    for field, amount in figures.items():
        if field == "value":
            for area in result:
                result[area]["value"] = amount
            continue
        parts = split_whole(round(amount), weights)
        for area in result:
            result[area][field] = parts[area]
    if indicator.unit == "percentage" and "numerator" in figures:
        capped = _cap_at_denominators(
            {a: int(result[a]["numerator"]) for a in result}, {a: int(result[a]["denominator"]) for a in result}
        )
        for area in result:
            result[area]["numerator"] = capped[area]
    return result


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
    figures = locality_figures(indicator, target, places, shares, {a: shared[a] for a in LOCALITIES} if shared else None)
    same = made.get((indicator.same_count_as, target.period)) if indicator.same_count_as else None
    if same:  # the same children: the rate's numerators are the count's
        for area in LOCALITIES:
            figures[area]["numerator"] = same[area]["numerator"]
    if led:  # assessments follow requests and never exceed them
        capped = _cap_at_denominators(
            {a: int(figures[a]["numerator"]) for a in LOCALITIES}, {a: int(led[a]["numerator"]) for a in LOCALITIES}
        )
        figures = {a: {"numerator": capped[a]} for a in LOCALITIES}
    if FREQUENCIES[indicator.frequency].default_end(target.period) >= SUB_AREAS_FROM:
        weights = {a: led[a]["numerator"] for a in ("weymouth", "portland")} if led else None
        figures |= split_chesil(figures["chesil"], places, indicator, target.period, weights)
        if shared:  # the sub-areas' denominators are the other indicator's too
            parts = {a: shared[a] for a in ("weymouth", "portland")}
            capped = _cap_at_denominators({a: int(figures[a]["numerator"]) for a in parts}, parts)
            for area in parts:
                figures[area] |= {"numerator": capped[area], "denominator": parts[area]}
        if same:
            for area in ("weymouth", "portland"):
                figures[area]["numerator"] = same[area]["numerator"]
        if led:
            capped = _cap_at_denominators(
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
