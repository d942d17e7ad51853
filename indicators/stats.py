"""Confidence intervals and significance tests, as England's public health indicators do them.

The methods follow OHID's Fingertips and the PHEindicatormethods R package, so a
figure here matches the same figure published there:

- proportions: Wilson score interval;
- rates and counts: Byar's approximation for counts of 10 or more, the exact Poisson
  interval (from the chi-squared distribution) below 10;
- change since the baseline: the difference of two proportions (Newcombe's method 10,
  built from the two Wilson intervals) or of two rates (normal approximation to the
  difference of two Poisson rates);
- recent trend: the chi-squared test for trend over the last five points, at 99.8%.

Every function returns None where its inputs cannot give an answer (missing,
negative, a zero denominator) rather than raising: a page must never fail on a gap.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import NormalDist

import numpy as np
from numpy.typing import ArrayLike

Limits = tuple[float | None, float | None]
NO_LIMITS: Limits = (None, None)
TREND_CONFIDENCE = 0.998  # Fingertips tests recent trends at 99.8%
EXACT_POISSON_BELOW = 10  # Byar's approximation is used from this count upwards


def z_for(confidence: float) -> float:
    """The two-sided normal quantile: 1.959964 for 95%, 3.090232 for 99.8%."""
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


def _is_number(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _valid_confidence(confidence: object) -> bool:
    return _is_number(confidence) and 0 < confidence < 1  # type: ignore[operator]


def _array(values: object) -> np.ndarray:
    return np.asarray(values, dtype="float64")


def wilson_limits(
    numerator: ArrayLike, denominator: ArrayLike, confidence: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score limits for many proportions at once, as proportions of 1 (NaN where invalid)."""
    x, n = _array(numerator), _array(denominator)
    valid = np.isfinite(x) & np.isfinite(n) & (n > 0) & (x >= 0) & (x <= n)
    z = z_for(confidence)
    with np.errstate(all="ignore"):  # invalid inputs give NaN here and are masked below
        spread = z * np.sqrt(z * z + 4 * x * (1 - x / n))
        lower = np.maximum((2 * x + z * z - spread) / (2 * (n + z * z)), 0.0)
        upper = np.minimum((2 * x + z * z + spread) / (2 * (n + z * z)), 1.0)  # 1 + rounding at x = n
    return np.where(valid, lower, np.nan), np.where(valid, upper, np.nan)


def byars_count_limits(count: ArrayLike, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Byar's approximate Poisson limits for counts (NaN where invalid or where the lower bound fails)."""
    x = _array(count)
    valid = np.isfinite(x) & (x >= 0)
    z = z_for(confidence)
    with np.errstate(all="ignore"):  # a count of 0 divides by zero; invalid counts are masked below
        base = 1 - 1 / (9 * x) - z / (3 * np.sqrt(x))
        upper = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * np.sqrt(x + 1))) ** 3
        # Below zero the approximation has broken down (a count of 0; tiny counts at 99.8%).
        lower = np.where(valid & (base >= 0), x * base**3, np.nan)
    return lower, np.where(valid, upper, np.nan)


def exact_count_limits(count: ArrayLike, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Exact Poisson limits for counts, from the chi-squared distribution (NaN where invalid)."""
    x = _array(count)
    valid = np.isfinite(x) & (x >= 0)
    alpha = 1 - confidence
    lower = np.where(x > 0, _chi2_quantile(alpha / 2, 2 * x) / 2, 0.0)  # the quantile is NaN at 0 degrees
    upper = _chi2_quantile(1 - alpha / 2, 2 * x + 2) / 2
    return np.where(valid, lower, np.nan), np.where(valid, upper, np.nan)


def count_limits(count: ArrayLike, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Limits for counts: exact below 10, Byar's from 10 (NaN where invalid)."""
    x = _array(count)
    exact_lower, exact_upper = exact_count_limits(x, confidence)
    byars_lower, byars_upper = byars_count_limits(x, confidence)
    small = x < EXACT_POISSON_BELOW
    return np.where(small, exact_lower, byars_lower), np.where(small, exact_upper, byars_upper)


def rate_limits(
    count: ArrayLike, denominator: ArrayLike, multiplier: ArrayLike = 1, confidence: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Limits for count / denominator x multiplier for many rates: exact below 10, Byar's from 10."""
    x, n, m = _array(count), _array(denominator), _array(multiplier)
    valid = np.isfinite(n) & np.isfinite(m) & (n > 0)  # the count is checked by count_limits
    lower, upper = count_limits(x, confidence)
    with np.errstate(all="ignore"):  # a zero denominator is masked below
        scale = m / n
    return np.where(valid, lower * scale, np.nan), np.where(valid, upper * scale, np.nan)


def _scalar_limits(limits: tuple[np.ndarray, np.ndarray]) -> Limits:
    lower, upper = (float(np.ravel(v)[0]) for v in limits)
    return (None if math.isnan(lower) else lower), (None if math.isnan(upper) else upper)


def _scalar_inputs_ok(*values: object) -> bool:
    return all(_is_number(v) for v in values)


def wilson_ci(numerator: float | None, denominator: float | None, confidence: float = 0.95) -> Limits:
    """Wilson score interval for numerator / denominator, as proportions of 1."""
    if not (_scalar_inputs_ok(numerator, denominator) and _valid_confidence(confidence)):
        return NO_LIMITS
    return _scalar_limits(wilson_limits(numerator, denominator, confidence))


def rate_ci(
    count: float | None, denominator: float | None = 1, multiplier: float = 1, confidence: float = 0.95
) -> Limits:
    """Limits for count / denominator x multiplier: exact below 10, Byar's from 10."""
    if not (_scalar_inputs_ok(count, denominator, multiplier) and _valid_confidence(confidence)):
        return NO_LIMITS
    return _scalar_limits(rate_limits(count, denominator, multiplier, confidence))


# --- comparing two values ------------------------------------------------------------


def proportion_difference_ci(x1: float, n1: float, x2: float, n2: float, confidence: float = 0.95) -> Limits:
    """Newcombe's hybrid score interval for p1 - p2 (method 10), as proportions of 1."""
    l1, u1 = wilson_ci(x1, n1, confidence)
    l2, u2 = wilson_ci(x2, n2, confidence)
    if None in (l1, u1, l2, u2):
        return NO_LIMITS
    p1, p2 = x1 / n1, x2 / n2
    lower = p1 - p2 - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)  # type: ignore[operator]
    upper = p1 - p2 + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)  # type: ignore[operator]
    return lower, upper


def rate_difference_ci(
    o1: float, d1: float, o2: float, d2: float, multiplier: float = 1, confidence: float = 0.95
) -> Limits:
    """Normal-approximation interval for rate1 - rate2, on the rates' scale."""
    if not all(_is_number(v) for v in (o1, d1, o2, d2)) or d1 <= 0 or d2 <= 0 or o1 < 0 or o2 < 0:
        return NO_LIMITS
    difference = (o1 / d1 - o2 / d2) * multiplier
    # A zero count has zero estimated variance; use 1 so that 0 vs 3 is not 'certain'.
    spread = z_for(confidence) * math.sqrt(max(o1, 1) / d1**2 + max(o2, 1) / d2**2) * multiplier
    return difference - spread, difference + spread


def significance(limits: Limits) -> int | None:
    """+1 if an interval for a difference lies above zero, -1 below, 0 across, None unknown."""
    lower, upper = limits
    if lower is None or upper is None:
        return None
    if lower > 0:
        return 1
    if upper < 0:
        return -1
    return 0


# --- recent trend ----------------------------------------------------------------------


def chi_squared_trend(
    numerators: Sequence[float], denominators: Sequence[float], kind: str
) -> tuple[float, int] | None:
    """Chi-squared test for trend across consecutive periods.

    `kind` is 'proportion' (Armitage's test for trend in proportions) or 'rate'
    (the Poisson score test for a log-linear trend, counts over person-time).
    Both compare each period's count with its share of the total (U, scored 0, 1, 2, ...);
    they differ only in the variance of U. Returns (chi-squared statistic, direction
    +1/-1/0), or None if it cannot be done.
    """
    if kind not in ("proportion", "rate"):
        raise ValueError(f"unknown kind {kind!r}")
    if len(numerators) != len(denominators) or len(numerators) < 3:
        return None
    if not all(_is_number(v) for v in [*numerators, *denominators]) or min(denominators) <= 0:
        return None
    x, n = _array(numerators), _array(denominators)
    scores = np.arange(len(x))
    overall = x.sum() / n.sum()  # the proportion, or the rate, over every period
    u = float((scores * (x - n * overall)).sum())
    spread = float((n * (scores - (n * scores).sum() / n.sum()) ** 2).sum())
    variance = overall * (1 - overall) * spread if kind == "proportion" else overall * spread
    if not variance > 0:  # no events, or (proportions) every one an event
        return None
    return u * u / variance, int(np.sign(u))


def trend_is_significant(statistic: float, confidence: float = TREND_CONFIDENCE) -> bool:
    return statistic > float(_chi2_quantile(confidence, 1))


def _chi2_quantile(q: ArrayLike, df: ArrayLike) -> np.ndarray:
    """chi2.ppf(q, df), from scipy.special: importing scipy.stats takes 0.7 s at every server start,
    before the first page can be sent, and only the warehouse build needs these quantiles."""
    from scipy.special import chdtri

    return chdtri(df, 1.0 - np.asarray(q))


# --- the counts an interval gives away ---------------------------------------------------
# A figure published with its interval but without its counts still tells its counts: a
# Wilson interval's width fixes the denominator, a Poisson interval's ratio fixes the count
# (40%, 11.76% to 76.93% is 2 of 5). Disclosure control uses these to check such figures.


def _bisect(function, low: float, high: float) -> float:
    """The point in [low, high] where a decreasing `function` crosses zero (geometric steps).

    Sixty halvings of the logarithm take 1e-6..1e12 to a relative width under 1e-12."""
    for _ in range(60):
        middle = math.sqrt(low * high)
        if function(middle) > 0:
            low = middle
        else:
            high = middle
    return math.sqrt(low * high)


def wilson_denominator(proportion: float, lower: float, upper: float, confidence: float = 0.95) -> float | None:
    """The denominator a Wilson interval (proportions of 1) was worked out from, or None if none fits.

    For a fixed proportion the interval narrows as the denominator grows, so the width
    alone fixes it; the interval's centre is then checked against the proportion.
    """
    if not (_scalar_inputs_ok(proportion, lower, upper) and 0 <= proportion <= 1):
        return None
    z = z_for(confidence)

    def limits(n: float) -> tuple[float, float]:
        x = proportion * n
        spread = z * math.sqrt(z * z + 4 * x * (1 - proportion))
        return (2 * x + z * z - spread) / (2 * (n + z * z)), (2 * x + z * z + spread) / (2 * (n + z * z))

    def too_wide(n: float) -> float:
        low, high = limits(n)
        return (high - low) - (upper - lower)

    if too_wide(1e-6) <= 0 or too_wide(1e12) > 0:
        return None  # wider than any denominator gives, or narrower
    n = _bisect(too_wide, 1e-6, 1e12)
    low, high = limits(n)
    # Published limits are rounded; a centre more than 5e-4 out is another proportion's interval.
    return n if abs((low + high) - (lower + upper)) <= 1e-3 else None


def poisson_count(lower: float, upper: float, confidence: float = 0.95) -> float | None:
    """The count a Poisson interval (exact below 10, Byar's from 10; any scale) was worked out from.

    Scaling a count to a rate multiplies both limits alike, so their ratio depends on the
    count alone. Returns the whole count below 10 and the solution of the ratio from 10.
    """
    if not (_scalar_inputs_ok(lower, upper) and 0 <= lower < upper):
        return None
    if lower == 0:
        return 0.0  # only a count of 0 has a lower limit of 0
    ratio = upper / lower

    def ratio_of(count: float) -> float:
        low, high = count_limits(count, confidence)  # positive for every count from 1
        return float(high / low)

    for count in range(1, EXACT_POISSON_BELOW):
        if math.isclose(ratio_of(count), ratio, rel_tol=1e-3):
            return float(count)
    if ratio > ratio_of(EXACT_POISSON_BELOW) * (1 + 1e-3):
        return None  # between two small whole counts: not an interval these methods give
    return max(_bisect(lambda x: ratio_of(x) - ratio, EXACT_POISSON_BELOW, 1e12), EXACT_POISSON_BELOW)


def implied_from_interval(
    unit: str, multiplier: float, value: float, lower: float, upper: float
) -> tuple[float, float]:
    """(numerator, denominator) that a value and its 95% interval imply, NaN where they imply none."""
    if any(isinstance(x, float) and math.isnan(x) for x in (value, lower, upper)):
        return math.nan, math.nan
    if unit == "percentage":
        denominator = wilson_denominator(value / 100, lower / 100, upper / 100)
        return (math.nan, math.nan) if denominator is None else (value / 100 * denominator, denominator)
    if unit == "rate":
        count = poisson_count(lower, upper)
        if count is None:
            return math.nan, math.nan
        return count, (count * multiplier / value if value > 0 else math.nan)
    return math.nan, math.nan
