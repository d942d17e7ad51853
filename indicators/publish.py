"""From checked observations to what may be shown: limits, suppression, assessments.

Runs once per warehouse build, in this order: confidence limits are worked out from
the counts, then small numbers are withheld (which also withholds their limits),
then each indicator and area is assessed from the withheld figures only, so no
assessment can reveal a hidden number.
"""

from __future__ import annotations

import math

import pandas as pd

from indicators.areas import Areas
from indicators.assess import Point, assess
from indicators.catalogue import Catalogue, Indicator
from indicators.stats import rate_ci, wilson_ci
from indicators.suppression import apply_disclosure_control


def _limits_for(row: pd.Series, indicator: Indicator) -> tuple[float | None, float | None]:
    numerator, denominator = row["numerator"], row["denominator"]
    if numerator is None or (isinstance(numerator, float) and math.isnan(numerator)):
        return None, None
    if indicator.unit == "percentage":
        lower, upper = wilson_ci(numerator, denominator)
        return (None, None) if lower is None else (lower * 100, upper * 100)  # type: ignore[operator]
    if indicator.unit == "rate":
        return rate_ci(numerator, denominator, indicator.multiplier)
    if indicator.unit == "count":
        return rate_ci(numerator, 1, 1)
    return None, None


def add_confidence_limits(frame: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Fill 95% limits from the counts where the extract did not supply them."""
    frame = frame.copy()
    for index, row in frame.iterrows():
        supplied = pd.notna(row["lower_ci"]) and pd.notna(row["upper_ci"])
        if supplied:
            continue
        lower, upper = _limits_for(row, catalogue.indicators[row["indicator_id"]])
        frame.at[index, "lower_ci"] = lower
        frame.at[index, "upper_ci"] = upper
    return frame


def publishable(observations: pd.DataFrame, catalogue: Catalogue, areas: Areas) -> pd.DataFrame:
    """Checked observations with limits added and small numbers withheld."""
    numeric = observations.copy()
    for column in ("numerator", "denominator", "value", "lower_ci", "upper_ci"):
        numeric[column] = pd.to_numeric(numeric[column]).astype("float64")
    return apply_disclosure_control(add_confidence_limits(numeric, catalogue), catalogue, areas)


def _points(rows: pd.DataFrame) -> list[Point]:
    def clean(x: object) -> float | None:
        return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)  # type: ignore[arg-type]

    return [
        Point(
            r.period,
            clean(r.value),
            clean(r.numerator),
            clean(r.denominator),
            clean(r.lower_ci),
            clean(r.upper_ci),
            bool(r.suppressed),
        )
        for r in rows.sort_values("period_end_date").itertuples()
    ]


def comparator_for(area_id: str, areas: Areas) -> str | None:
    """Localities are compared with Dorset; Dorset and other councils with England."""
    area = areas[area_id]
    if area.is_locality:
        return "dorset"
    if area.type in {"local-authority", "statistical-neighbour", "region"}:
        return "england"
    return None


def assessments(published: pd.DataFrame, catalogue: Catalogue, areas: Areas) -> pd.DataFrame:
    """One assessment per indicator and area, from the published (withheld) figures."""
    rows = []
    for indicator_id, for_indicator in published.groupby("indicator_id", sort=False):
        indicator = catalogue.indicators[indicator_id]
        by_area = {a: _points(g) for a, g in for_indicator.groupby("area_id", sort=False)}
        for area_id, points in by_area.items():
            comparator_id = comparator_for(area_id, areas)
            if comparator_id and comparator_id not in indicator.comparators and comparator_id != "dorset":
                comparator_id = None
            result = assess(
                indicator,
                area_id,
                areas[area_id].name,
                points,
                comparator_id,
                areas[comparator_id].name if comparator_id else None,
                by_area.get(comparator_id) if comparator_id else None,
            )
            rows.append(result.as_row())
    return pd.DataFrame(rows)
