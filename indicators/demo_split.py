"""How the illustrative dataset shares a Dorset figure between localities (indicators/demo_data.py says
why): by children and deprivation (Census 2021, IDACI 2025), with bounded seeded tilts, in whole numbers
that add up exactly, and Chesil's figures shared between Weymouth and Portland."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from indicators.catalogue import Indicator
from indicators.demo_shapes import LOCALITIES, SEED, SHAPES
from indicators.geography import REFERENCE_DATA, lsoa_children, lsoa_income_deprived_children, lsoa_localities
from indicators.periods import FREQUENCIES


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
    children, deprived_children = lsoa_children(reference), lsoa_income_deprived_children(reference)
    population: dict[str, float] = {}
    deprived: dict[str, float] = {}
    counted: dict[str, float] = {}  # children in small areas whose deprivation count is published
    for lsoa, (locality, sub_area) in lookup.items():
        for area in filter(None, (locality, sub_area)):
            population[area] = population.get(area, 0.0) + children[lsoa]
            if lsoa in deprived_children:
                deprived[area] = deprived.get(area, 0.0) + deprived_children[lsoa]
                counted[area] = counted.get(area, 0.0) + children[lsoa]
    return Places(population, {a: deprived[a] / counted[a] for a in population})


def seeded_rng(*parts: str) -> np.random.Generator:
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
    wobble = seeded_rng(indicator.id, "wobble", period)
    tilts = {}
    for area in LOCALITIES:
        place = seeded_rng(indicator.id, "level", area)
        level, phase = place.normal(0, 0.04), place.uniform(0, 2 * math.pi)
        wave = 0.04 * math.sin(2 * math.pi * years / 6 + phase)
        tilts[area] = places.relative_deprivation(area) ** shape.gradient * math.exp(
            level + wave + wobble.normal(0, 0.02)
        )
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
        numerators = cap_at_denominators(numerators, denominators, _highest_percentage(indicator, target))
    return {a: {"numerator": numerators[a], "denominator": denominators[a]} for a in LOCALITIES}


def _highest_percentage(indicator: Indicator, target: Target) -> float:
    """100%, or where the catalogue allows more (and says why), a little above Dorset's own figure."""
    if not indicator.value_can_exceed_100 or target.value is None:
        return 100.0
    return max(100.0, target.value + OVER_100_ALLOWANCE)


def cap_at_denominators(
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
        a: places.population[a] * seeded_rng(key, "sub", period, a).uniform(0.9, 1.1) for a in ("weymouth", "portland")
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
        capped = cap_at_denominators(
            {a: int(result[a]["numerator"]) for a in result}, {a: int(result[a]["denominator"]) for a in result}
        )
        for area in result:
            result[area]["numerator"] = capped[area]
    return result
