"""Better or worse than the baseline, a comparator and the target: by polarity, tested where the counts are real."""

from __future__ import annotations

from indicators.assess.points import Point, either_estimated, known, one_made_up
from indicators.catalogue import Indicator
from indicators.stats import proportion_difference_ci, rate_difference_ci, significance


def judge(direction: int, indicator: Indicator) -> str:
    """Turn +1 (higher) / -1 (lower) into better/worse by polarity."""
    if indicator.polarity == "no-judgement":
        return "higher" if direction > 0 else "lower"
    good = 1 if indicator.polarity == "higher-is-better" else -1
    return "better" if direction == good else "worse"


def _difference_significance(latest: Point, earlier: Point, indicator: Indicator) -> int | None:
    """+1/-1/0 if the change is / is not significant; None if it cannot be tested (no real counts)."""
    if not (latest.testable and earlier.testable):
        return None
    if indicator.unit == "percentage" and latest.denominator and earlier.denominator:
        limits = proportion_difference_ci(latest.numerator, latest.denominator, earlier.numerator, earlier.denominator)  # type: ignore[arg-type]
    elif indicator.unit in {"rate", "count"}:
        limits = rate_difference_ci(
            latest.numerator,  # type: ignore[arg-type]
            latest.denominator or 1,
            earlier.numerator,  # type: ignore[arg-type]
            earlier.denominator or 1,
        )
    else:
        return None
    return significance(limits)


def compare_with_baseline(latest: Point | None, baseline: Point | None, indicator: Indicator) -> tuple[str, bool]:
    """(status, whether significance was tested)."""
    if latest is not None and baseline is not None and latest.period == baseline.period:
        return "no-figures-since-baseline", False
    if latest is None or baseline is None or not latest.has_value or not baseline.has_value:
        return "not-compared", False
    tested = _difference_significance(latest, baseline, indicator)
    if tested is None:
        if latest.value == baseline.value:
            return "not-compared", False
        return judge(1 if latest.value > baseline.value else -1, indicator), False  # type: ignore[operator]
    if tested == 0:
        return "no-significant-change", True
    return judge(tested, indicator), True


def compare_with_comparator(area: Point | None, comparator: Point | None, indicator: Indicator) -> tuple[str, bool]:
    """Fingertips' rule: similar when the comparator lies inside the area's 95% interval.

    Never between a made-up figure and a real one; only the direction where either figure
    is estimated (its interval would rest on the assumption, not on chance)."""
    if indicator.unit == "count":
        return "not-compared", False  # a locality's count and Dorset's differ by size, not by how well they do
    if area is None or comparator is None or not area.has_value or not comparator.has_value:
        return "not-compared", False
    if one_made_up(area, comparator):
        return "not-compared-made-up", False
    lower, upper = area.lower_ci, area.upper_ci
    if not either_estimated(area, comparator) and known(lower) and known(upper):
        if lower <= comparator.value <= upper:  # type: ignore[operator]
            return "similar", True
        return judge(1 if area.value > comparator.value else -1, indicator), True  # type: ignore[operator]
    if area.value == comparator.value:
        return "similar", False
    return judge(1 if area.value > comparator.value else -1, indicator), False  # type: ignore[operator]


def compare_with_target(latest: Point | None, indicator: Indicator) -> str:
    if indicator.target is None or latest is None or not latest.has_value:
        return "not-compared"
    if indicator.polarity == "lower-is-better":
        return "met" if latest.value <= indicator.target else "not-met"  # type: ignore[operator]
    return "met" if latest.value >= indicator.target else "not-met"  # type: ignore[operator]
