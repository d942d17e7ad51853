"""From checked observations to what may be shown: limits, suppression, assessments.

Runs once per warehouse build, in this order: confidence limits are worked out from
the counts, then small numbers are withheld (which also withholds their limits),
then each indicator and area is assessed from the withheld figures only, so no
assessment can reveal a hidden number.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import numpy as np
import pandas as pd

from indicators import disclosure
from indicators.areas import Areas
from indicators.assess import Point, assess
from indicators.catalogue import Catalogue
from indicators.disclosure import apply_disclosure_control
from indicators.events import Events, default_events
from indicators.formatting import is_missing
from indicators.periods import FREQUENCIES
from indicators.stats import rate_limits, wilson_limits


def add_confidence_limits(frame: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Fill 95% limits from the counts where the extract did not supply them (not for estimated figures)."""
    frame = frame.copy()
    units = frame["indicator_id"].map(lambda i: catalogue.indicators[i].unit)
    multipliers = frame["indicator_id"].map(lambda i: catalogue.indicators[i].multiplier).astype("float64")
    numerator, denominator = frame["numerator"].to_numpy(), frame["denominator"].to_numpy()
    wilson_lower, wilson_upper = wilson_limits(numerator, denominator)
    rate_lower, rate_upper = rate_limits(numerator, denominator, multipliers.to_numpy())
    count_lower, count_upper = rate_limits(numerator, 1.0)
    lower = np.select(
        [units == "percentage", units == "rate", units == "count"],
        [wilson_lower * 100, rate_lower, count_lower],
        np.nan,
    )
    upper = np.select(
        [units == "percentage", units == "rate", units == "count"],
        [wilson_upper * 100, rate_upper, count_upper],
        np.nan,
    )
    supplied = frame["lower_ci"].notna() & frame["upper_ci"].notna()
    # An estimate's counts rest on an assumption (a guessed cohort, a weight): limits worked out from them would
    # claim a precision that is not there, so none is drawn and no verdict on it says "allowing for chance".
    assumed = frame["data_status"].eq("estimated") if "data_status" in frame else pd.Series(False, index=frame.index)
    frame["lower_ci"] = frame["lower_ci"].where(supplied, pd.Series(lower, index=frame.index).where(~assumed))
    frame["upper_ci"] = frame["upper_ci"].where(supplied, pd.Series(upper, index=frame.index).where(~assumed))
    return frame


def publishable(observations: pd.DataFrame, catalogue: Catalogue, areas: Areas) -> pd.DataFrame:
    """Checked observations with limits added and small numbers withheld, and proven withheld.

    The disclosure check audits the result afresh; raises DisclosureError, naming every cell,
    if any small number could still be worked out from what would be shown.
    """
    numeric = observations.copy()
    for column in ("numerator", "denominator", "value", "lower_ci", "upper_ci"):
        numeric[column] = pd.to_numeric(numeric[column]).astype("float64")
    truth = add_confidence_limits(numeric, catalogue)
    published = apply_disclosure_control(truth, catalogue, areas)
    exposed = disclosure.check(published, truth, catalogue, areas)
    if exposed:
        raise disclosure.DisclosureError(exposed)
    return published


def _clean(x: object) -> float | None:
    return None if is_missing(x) else float(x)  # type: ignore[arg-type]


def points_by_indicator_and_area(published: pd.DataFrame, catalogue: Catalogue) -> dict[str, dict[str, list[Point]]]:
    """indicator -> area -> points in period order, in one pass over the table."""
    ordered = published.sort_values("period_end_date", kind="stable")
    names = (
        "indicator_id",
        "area_id",
        "period",
        "value",
        "numerator",
        "denominator",
        "lower_ci",
        "upper_ci",
        "suppressed",
        "data_status",
    )
    columns = [ordered[c].tolist() for c in names]
    result: dict[str, dict[str, list[Point]]] = {}
    for indicator_id, area_id, period, value, num, den, lower, upper, hidden, status in zip(*columns, strict=True):
        middle = period_midpoint(catalogue.indicators[indicator_id].frequency, period)
        point = Point(
            period, _clean(value), _clean(num), _clean(den), _clean(lower), _clean(upper), bool(hidden), middle, status
        )
        result.setdefault(indicator_id, {}).setdefault(area_id, []).append(point)
    return result


@cache
def period_midpoint(frequency: str, period: str) -> date:
    return FREQUENCIES[frequency].midpoint(period)


def comparator_for(area_id: str, areas: Areas) -> str | None:
    """Localities are compared with Dorset; Dorset and other councils with England."""
    area = areas[area_id]
    if area.is_locality:
        return "dorset"
    if area.type in {"local-authority", "statistical-neighbour", "region"}:
        return "england"
    return None


def assessments(
    published: pd.DataFrame, catalogue: Catalogue, areas: Areas, events: Events | None = None
) -> pd.DataFrame:
    """One assessment per indicator and area, from the published (withheld) figures."""
    rows = []
    events = events or default_events()
    for indicator_id, by_area in points_by_indicator_and_area(published, catalogue).items():
        indicator = catalogue.indicators[indicator_id]
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
                events,
                areas[area_id].valid_from,
            )
            rows.append(result.as_row())
    return pd.DataFrame(rows)
