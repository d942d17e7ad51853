"""Verdicts as specifications (indicators/assess/compare.py and trends.py): every boundary of the
baseline, comparator and target rules, the percentage and rate/count routes of the significance
test, and each reason a trend is not given. Table-driven, on hand-made figures."""

from __future__ import annotations

from dataclasses import replace

import pytest

from indicators.assess import Point, recent_trend
from indicators.assess.compare import compare_with_baseline, compare_with_comparator, compare_with_target, judge
from indicators.catalogue import default_catalogue

BASE = default_catalogue().indicators["persistent-absence"]  # a percentage, lower is better
PERCENT_LOW = replace(BASE, unit="percentage", polarity="lower-is-better", target=None)
PERCENT_HIGH = replace(BASE, unit="percentage", polarity="higher-is-better", target=None)
RATE_LOW = replace(BASE, unit="rate", polarity="lower-is-better", per=10_000, target=None)
COUNT_NONE = replace(BASE, unit="count", polarity="no-judgement", target=None)
SCORE_HIGH = replace(BASE, unit="score", polarity="higher-is-better", target=None)


def pct(period: str, numerator: float, denominator: float = 10_000, **kw) -> Point:
    return Point(period, numerator / denominator * 100, numerator, denominator, **kw)


def rate(period: str, numerator: float, denominator: float = 100_000, **kw) -> Point:
    return Point(period, numerator / denominator * 10_000, numerator, denominator, **kw)


@pytest.mark.parametrize(
    ("polarity", "direction", "verdict"),
    [
        ("lower-is-better", -1, "better"),
        ("lower-is-better", 1, "worse"),
        ("higher-is-better", 1, "better"),
        ("higher-is-better", -1, "worse"),
        ("no-judgement", 1, "higher"),
        ("no-judgement", -1, "lower"),
    ],
)
def test_a_direction_becomes_a_verdict_by_polarity(polarity, direction, verdict):
    assert judge(direction, replace(BASE, polarity=polarity)) == verdict


@pytest.mark.parametrize(
    ("latest", "baseline", "indicator", "expected"),
    [
        # Percentages: Newcombe's interval for the difference decides.
        (pct("2024/25", 900), pct("2022/23", 1100), PERCENT_LOW, ("better", True)),
        (pct("2024/25", 1100), pct("2022/23", 900), PERCENT_LOW, ("worse", True)),
        (pct("2024/25", 1100), pct("2022/23", 900), PERCENT_HIGH, ("better", True)),
        (pct("2024/25", 1002), pct("2022/23", 1000), PERCENT_LOW, ("no-significant-change", True)),
        # Rates and counts: the rate-difference interval (counts over a denominator of 1).
        (rate("2024/25", 800), rate("2022/23", 1000), RATE_LOW, ("better", True)),
        (rate("2024/25", 1001), rate("2022/23", 1000), RATE_LOW, ("no-significant-change", True)),
        (Point("2024/25", 300, 300), Point("2022/23", 200, 200), COUNT_NONE, ("higher", True)),
        (Point("2024/25", 201, 201), Point("2022/23", 200, 200), COUNT_NONE, ("no-significant-change", True)),
        # No counts, an estimate, or a score: the direction only, not tested.
        (Point("2024/25", 9.0), Point("2022/23", 11.0), PERCENT_LOW, ("better", False)),
        (pct("2024/25", 1002, status="estimated"), pct("2022/23", 1000), PERCENT_LOW, ("worse", False)),
        (Point("2024/25", 50.0, 10, 20), Point("2022/23", 48.0, 10, 20), SCORE_HIGH, ("better", False)),
        (Point("2024/25", 9.0), Point("2022/23", 9.0), PERCENT_LOW, ("not-compared", False)),  # equal, untested
        # Nothing to compare.
        (pct("2022/23", 900), pct("2022/23", 900), PERCENT_LOW, ("no-figures-since-baseline", False)),
        (None, pct("2022/23", 900), PERCENT_LOW, ("not-compared", False)),
        (pct("2024/25", 900), None, PERCENT_LOW, ("not-compared", False)),
        (Point("2024/25", None), pct("2022/23", 900), PERCENT_LOW, ("not-compared", False)),
        (Point("2024/25", 9.0, suppressed=True), pct("2022/23", 900), PERCENT_LOW, ("not-compared", False)),
    ],
)
def test_against_the_baseline(latest, baseline, indicator, expected):
    assert compare_with_baseline(latest, baseline, indicator) == expected


def interval(value: float, lower: float, upper: float, **kw) -> Point:
    return Point("2024/25", value, lower_ci=lower, upper_ci=upper, **kw)


@pytest.mark.parametrize(
    ("area", "comparator", "indicator", "expected"),
    [
        # Fingertips' rule: similar when the comparator lies inside the area's 95% interval, ends included.
        (interval(10.0, 9.0, 11.0), Point("2024/25", 10.5), PERCENT_LOW, ("similar", True)),
        (interval(10.0, 9.0, 11.0), Point("2024/25", 9.0), PERCENT_LOW, ("similar", True)),
        (interval(10.0, 9.0, 11.0), Point("2024/25", 11.0), PERCENT_LOW, ("similar", True)),
        (interval(10.0, 9.0, 11.0), Point("2024/25", 11.01), PERCENT_LOW, ("better", True)),
        (interval(10.0, 9.0, 11.0), Point("2024/25", 8.99), PERCENT_LOW, ("worse", True)),
        (interval(10.0, 9.0, 11.0), Point("2024/25", 8.99), PERCENT_HIGH, ("better", True)),
        # No interval, or an estimate on either side: the direction only.
        (Point("2024/25", 10.0), Point("2024/25", 12.0), PERCENT_LOW, ("better", False)),
        (Point("2024/25", 10.0, lower_ci=9.0), Point("2024/25", 12.0), PERCENT_LOW, ("better", False)),
        (interval(10.0, 9.0, 11.0, status="estimated"), Point("2024/25", 10.5), PERCENT_LOW, ("better", False)),
        (interval(10.0, 9.0, 11.0), Point("2024/25", 9.5, status="estimated"), PERCENT_LOW, ("worse", False)),
        (Point("2024/25", 10.0), Point("2024/25", 10.0), PERCENT_LOW, ("similar", False)),
        # Never a count (sizes differ), never a made-up figure against a real one, never a missing one.
        (Point("2024/25", 10.0, 10), Point("2024/25", 500.0, 500), COUNT_NONE, ("not-compared", False)),
        (
            interval(10.0, 9.0, 11.0, status="illustrative"),
            Point("2024/25", 12.0),
            PERCENT_LOW,
            ("not-compared-made-up", False),
        ),
        (
            interval(10.0, 9.0, 11.0),
            Point("2024/25", 12.0, status="illustrative"),
            PERCENT_LOW,
            ("not-compared-made-up", False),
        ),
        (
            interval(10.0, 9.0, 11.0, status="illustrative"),
            Point("2024/25", 12.0, status="illustrative"),
            PERCENT_LOW,
            ("better", True),
        ),
        (None, Point("2024/25", 12.0), PERCENT_LOW, ("not-compared", False)),
        (interval(10.0, 9.0, 11.0), None, PERCENT_LOW, ("not-compared", False)),
        (interval(10.0, 9.0, 11.0), Point("2024/25", None), PERCENT_LOW, ("not-compared", False)),
    ],
)
def test_against_the_comparator(area, comparator, indicator, expected):
    assert compare_with_comparator(area, comparator, indicator) == expected


@pytest.mark.parametrize(
    ("polarity", "target", "value", "verdict"),
    [
        ("lower-is-better", 10.0, 9.9, "met"),
        ("lower-is-better", 10.0, 10.0, "met"),  # on the target is meeting it
        ("lower-is-better", 10.0, 10.1, "not-met"),
        ("higher-is-better", 90.0, 90.1, "met"),
        ("higher-is-better", 90.0, 90.0, "met"),
        ("higher-is-better", 90.0, 89.9, "not-met"),
        ("lower-is-better", None, 9.0, "not-compared"),
    ],
)
def test_against_the_target(polarity, target, value, verdict):
    indicator = replace(BASE, polarity=polarity, target=target)
    assert compare_with_target(Point("2024/25", value), indicator) == verdict


def test_no_figure_or_a_withheld_one_is_not_compared_with_the_target():
    indicator = replace(BASE, polarity="lower-is-better", target=10.0)
    assert compare_with_target(None, indicator) == "not-compared"
    assert compare_with_target(Point("2024/25", 9.0, suppressed=True), indicator) == "not-compared"


YEARS = ["2019/20", "2020/21", "2021/22", "2022/23", "2023/24", "2024/25"]


def series(numerators: list[float], kind=rate, **kw) -> list[Point]:
    return [kind(period, n, **kw) for period, n in zip(YEARS[-len(numerators) :], numerators, strict=True)]


@pytest.mark.parametrize(
    ("numerators", "indicator", "status"),
    [
        ([1000, 1100, 1200, 1300, 1400], RATE_LOW, "getting-worse"),
        ([1400, 1300, 1200, 1100, 1000], RATE_LOW, "getting-better"),
        ([1000, 1100, 1200, 1300, 1400], replace(RATE_LOW, polarity="higher-is-better"), "getting-better"),
        ([1000, 1100, 1200, 1300, 1400], replace(RATE_LOW, polarity="no-judgement"), "increasing"),
        ([1400, 1300, 1200, 1100, 1000], replace(RATE_LOW, polarity="no-judgement"), "decreasing"),
        ([1000, 1001, 999, 1000, 1002], RATE_LOW, "no-significant-change"),
        ([1000, 1200, 1400, 1600, 1500], RATE_LOW, "no-clear-trend"),  # the last step goes back
        ([1000, 1400, 1600, 1700, 1750], RATE_LOW, "getting-worse"),  # rising more slowly is still rising
    ],
)
def test_the_recent_trend_of_five_comparable_periods(numerators, indicator, status):
    trend = recent_trend(series(numerators), indicator)
    assert trend.status == status
    assert len(trend.used) == 5 and trend.reason == ""


def test_the_trend_uses_the_last_five_periods_only():
    points = series([5000, 1000, 1100, 1200, 1300, 1400])  # a first year far above would bend the test
    trend = recent_trend(points, RATE_LOW)
    assert [p.period for p in trend.used] == YEARS[1:] and trend.status == "getting-worse"


def test_percentages_take_the_test_for_proportions():
    trend = recent_trend(series([1000, 1100, 1200, 1300, 1400], kind=pct), PERCENT_LOW)
    assert trend.status == "getting-worse"


@pytest.mark.parametrize(
    ("points", "indicator", "reason"),
    [
        (series([1000, 1100, 1200, 1300]), RATE_LOW, "needs 5 comparable periods and there are 4"),
        ([Point(y, 10.0) for y in YEARS[1:]], RATE_LOW, "no counts to test"),
        (series([1000, 1100, 1200, 1300, 1400], status="estimated"), RATE_LOW, "estimated"),
        ([Point(y, 50.0, 10, 20) for y in YEARS[1:]], SCORE_HIGH, "no trend test exists"),
        (series([0, 0, 0, 0, 0]), RATE_LOW, "too small to test"),
    ],
)
def test_each_reason_a_trend_is_not_given(points, indicator, reason):
    trend = recent_trend(points, indicator)
    assert trend.status == "not-compared" and reason in trend.reason and trend.used == ()


def test_made_up_and_real_figures_are_never_one_trend():
    real = series([1000, 1100, 1200])
    made_up = [rate(y, n, status="illustrative") for y, n in zip(YEARS[3:], [1300, 1400, 1500], strict=True)]
    trend = recent_trend(real[:3] + made_up, RATE_LOW)
    assert trend.status == "not-compared" and "there are 3" in trend.reason  # only the made-up three count


def test_a_withheld_figure_is_left_out_of_the_trend():
    points = series([1000, 1100, 1200, 1300, 1400, 1500])
    points[2] = replace(points[2], suppressed=True)
    trend = recent_trend(points, RATE_LOW)
    assert points[2] not in trend.used and len(trend.used) == 5
