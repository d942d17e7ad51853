"""An attacker, written apart from the dashboard's own audit: what can be worked out from what is shown?

Given only what the published table shows (as a visitor sees it on pages and in downloads),
it sets up the equations a determined reader would: areas add up exactly (Dorset = its
localities, Chesil = Weymouth + Portland), a shown value ties a numerator to its
denominator (to the value's rounding), a shown denominator of one indicator that is
another's count gives that count, counts are at least 0 and a percentage's numerator is
at most its denominator, a missing or withheld Dorset total is known from elsewhere.
Then for each withheld count it finds the smallest and largest value those allow, by
linear programming (scipy's HiGHS, without whole numbers: a wider, safer answer for the
defender, so a test that fails here fails for real).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import linprog

from indicators.areas import Areas
from indicators.catalogue import Catalogue


@dataclass(frozen=True)
class Found:
    indicator_id: str
    area_id: str
    period: str
    low: float
    high: float


def _decimals_rounding(value: float) -> float:
    for places in range(7):
        if abs(value - round(value, places)) < 1e-9 * max(1.0, abs(value)):
            return 0.5 * 10.0**-places
    return 1e-6 * max(1.0, abs(value))


def ranges(
    published: pd.DataFrame,
    catalogue: Catalogue,
    areas: Areas,
    dorset_known: dict[tuple[str, str], float] | None = None,
) -> list[Found]:
    """The range a reader can narrow each withheld count to, one period and set of linked indicators at a time.

    `dorset_known`: (indicator, period) -> Dorset's true count where a reader knows it from elsewhere.
    """
    dorset_known = dorset_known or {}
    found = []
    for period, rows in published.groupby("period", sort=True):
        found += _period_ranges(rows, catalogue, areas, str(period), dorset_known)
    return found


def _period_ranges(rows, catalogue, areas, period, dorset_known) -> list[Found]:
    names: dict[tuple, int] = {}

    def var(*key) -> int:
        return names.setdefault(key, len(names))

    equal: list[tuple[dict[int, float], float]] = []
    upper: list[tuple[dict[int, float], float]] = []  # sum <= bound
    indicators = set(rows["indicator_id"])
    for r in rows.itertuples():
        indicator = catalogue.indicators[r.indicator_id]
        n, d = var("n", r.indicator_id, r.area_id), var("d", r.indicator_id, r.area_id)
        if indicator.unit == "percentage" and not indicator.value_can_exceed_100:
            upper.append(({n: 1.0, d: -1.0}, 0.0))
        if not pd.isna(r.denominator):
            equal.append(({d: 1.0}, float(r.denominator)))
        if r.suppressed:
            continue
        if not pd.isna(r.numerator):
            equal.append(({n: 1.0}, float(r.numerator)))
        if not pd.isna(r.value):
            value, rounding = float(r.value), _decimals_rounding(float(r.value))
            if indicator.unit == "count":
                upper.append(({n: 1.0}, value + rounding))
                upper.append(({n: -1.0}, -(value - rounding)))
            elif pd.isna(r.numerator) or pd.isna(r.denominator):
                m = 1.0 if indicator.unit == "score" else float(indicator.multiplier)
                upper.append(({n: m, d: -(value + rounding)}, 0.0))
                upper.append(({n: -m, d: value - rounding}, 0.0))
    for indicator_id in indicators:
        for parent in {a.parent for a in areas.by_id.values() if a.parent}:
            children = [c.id for c in areas.children(parent)]
            for part in ("n", "d"):
                coefficients = {var(part, indicator_id, parent): 1.0}
                for child in children:
                    coefficients[var(part, indicator_id, child)] = -1.0
                equal.append((coefficients, 0.0))
        if (indicator_id, period) in dorset_known:
            equal.append(({var("n", indicator_id, "dorset"): 1.0}, dorset_known[(indicator_id, period)]))
    for link in catalogue.links():
        if link.first in indicators and link.second in indicators:
            first = "d" if link.kind != "same count" else "n"
            second = "n" if link.kind in ("same count", "denominator is count") else "d"
            for area in areas.by_id:
                equal.append(({var(first, link.first, area): 1.0, var(second, link.second, area): -1.0}, 0.0))
    a_eq, b_eq = _matrix(equal, len(names))
    a_ub, b_ub = _matrix(upper, len(names))
    found = []
    for r in rows[rows["suppressed"]].itertuples():
        indicator = catalogue.indicators[r.indicator_id]
        target = names[("d" if indicator.unit == "score" else "n", r.indicator_id, r.area_id)]
        ends = []
        for sign in (1.0, -1.0):
            c = np.zeros(len(names))
            c[target] = sign
            result = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
            assert result.status in (0, 3), f"the shown figures contradict the attacker's equations ({result.message})"
            ends.append(sign * result.fun if result.status == 0 else math.inf)
        found.append(Found(r.indicator_id, r.area_id, period, ends[0], ends[1]))
    return found


def _matrix(rows: list[tuple[dict[int, float], float]], size: int) -> tuple[np.ndarray, np.ndarray]:
    matrix = np.zeros((len(rows), size))
    for i, (coefficients, _) in enumerate(rows):
        for j, c in coefficients.items():
            matrix[i, j] += c
    return matrix, np.array([b for _, b in rows], dtype=float)
