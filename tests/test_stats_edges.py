"""The edges of each statistical method: what it refuses, its defaults, its boundaries.

`test_stats.py` checks the methods against the published PHEindicatormethods values; these
tests pin what those values leave open (invalid input, the exact/Byar's switch, the
significance boundaries, the trend test's special cases, the interval inversions), so that
a changed operator or constant in `indicators/stats.py` fails a test (`make mutation`).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from indicators.stats import (
    EXACT_POISSON_BELOW,
    byars_count_limits,
    chi_squared_trend,
    count_limits,
    exact_count_limits,
    implied_from_interval,
    poisson_count,
    proportion_difference_ci,
    rate_ci,
    rate_difference_ci,
    rate_limits,
    significance,
    trend_is_significant,
    wilson_ci,
    wilson_denominator,
    wilson_limits,
    z_for,
)
from tests.test_stats import number, reference_rows

NAN = float("nan")
INF = float("inf")


def both_nan(limits: tuple[np.ndarray, np.ndarray]) -> bool:
    return bool(np.isnan(limits[0]).all() and np.isnan(limits[1]).all())


# --- invalid input gives no limits, never a number or a warning ------------------------------


@pytest.mark.parametrize(
    "numerator, denominator",
    [(10.5, 10), (-0.1, 10), (0, -10), (5, INF), (INF, 10), (0, 0), (NAN, 10), (5, NAN)],
    ids=[
        "above-denominator",
        "negative",
        "negative-denominator",
        "infinite-denominator",
        "infinite",
        "zero-by-zero",
        "nan",
        "nan-denominator",
    ],
)
def test_wilson_limits_are_nan_for_each_kind_of_invalid_input(numerator, denominator):
    assert both_nan(wilson_limits(numerator, denominator))


def test_wilson_limits_take_gaps_in_a_column_as_nan():
    lower, upper = wilson_limits([5, None], [10, 10])
    assert np.isnan(lower[1]) and np.isnan(upper[1])
    assert lower[0] == pytest.approx(0.2365931, rel=1e-6)  # 5 of 10: PHE's Wilson lower limit


@pytest.mark.parametrize("numerator, denominator", [(5, "10"), ("5", 10), (5, True)])
def test_wilson_ci_refuses_text_and_flags_in_place_of_numbers(numerator, denominator):
    assert wilson_ci(numerator, denominator) == (None, None)


@pytest.mark.parametrize("args", [("3", 100, 1000), (3, "100", 1000), (3, 100, "1000"), (3, 100, None)])
def test_rate_ci_refuses_text_in_place_of_any_number(args):
    assert rate_ci(*args) == (None, None)


@pytest.mark.parametrize("confidence", [1, 0, 1.5, -0.5, "0.95", NAN])
def test_a_confidence_level_must_lie_strictly_between_0_and_1(confidence):
    assert wilson_ci(5, 10, confidence) == (None, None)
    assert rate_ci(5, 10, 1, confidence) == (None, None)


@pytest.mark.parametrize("count", [-1, -0.5, NAN, INF])
def test_count_limits_are_nan_for_invalid_counts_by_either_method(count):
    assert both_nan(byars_count_limits(count))
    assert both_nan(exact_count_limits(count))
    assert both_nan(count_limits(count))


def test_a_zero_denominator_gives_no_rate_limits():
    assert both_nan(rate_limits(3, 0, 1000))
    assert both_nan(rate_limits(3, 100, INF))


# --- defaults: 95%, a multiplier of 1 -----------------------------------------------------------


def test_every_method_defaults_to_95_percent_and_a_multiplier_of_1():
    assert z_for(0.95) == pytest.approx(1.959964, abs=1e-6) and z_for(0.998) == pytest.approx(3.090232, abs=1e-6)
    for default, explicit in [
        (byars_count_limits(65), byars_count_limits(65, 0.95)),
        (exact_count_limits(3), exact_count_limits(3, 0.95)),
        (count_limits(3), count_limits(3, 0.95)),
        (rate_limits(3, 100), rate_limits(3, 100, 1, 0.95)),
        (wilson_limits(5, 10), wilson_limits(5, 10, 0.95)),
    ]:
        assert np.allclose(default, explicit, rtol=1e-12)
    assert rate_difference_ci(40, 1000, 20, 1000) == rate_difference_ci(40, 1000, 20, 1000, 1, 0.95)


# --- counts: a count of 0, and the switch from exact to Byar's at 10 ----------------------------


def test_a_count_of_zero_has_a_lower_limit_of_zero_and_an_upper_limit_of_3_69():
    lower, upper = count_limits(0)
    assert lower == 0.0 and upper == pytest.approx(3.688879, rel=1e-6)  # exact Poisson, 95%
    assert np.isnan(byars_count_limits(0)[0])  # Byar's formula has no lower limit at 0
    assert byars_count_limits(0)[1] == pytest.approx((1 - 1 / 9 + z_for(0.95) / 3) ** 3, rel=1e-12)


def test_byars_lower_limit_is_withheld_where_the_approximation_breaks_down():
    # At 99.8% the bracket 1 - 1/(9x) - z/(3 sqrt x) is negative for x = 1: no lower limit.
    assert np.isnan(byars_count_limits(1, 0.998)[0]) and not np.isnan(byars_count_limits(1, 0.998)[1])
    assert byars_count_limits(2, 0.95)[0] > 0


def test_counts_below_10_use_the_exact_method_and_10_upwards_byars():
    for count in (EXACT_POISSON_BELOW - 1, EXACT_POISSON_BELOW):
        method = exact_count_limits if count < EXACT_POISSON_BELOW else byars_count_limits
        assert np.allclose(count_limits(count), method(count), rtol=1e-12)
    assert not np.allclose(exact_count_limits(9), byars_count_limits(9), rtol=1e-6)
    assert not np.allclose(exact_count_limits(10), byars_count_limits(10), rtol=1e-6)


def test_exact_limits_for_a_fractional_count_follow_the_chi_squared_distribution():
    # chi2.ppf(0.025, 1) / 2 = 0.000491: the exact lower limit for half an event.
    assert exact_count_limits(0.5)[0] == pytest.approx(0.0004909, rel=1e-3)


def test_exact_rates_match_phe_below_10():
    checked = 0
    for row in reference_rows("rates_byars_exact.csv"):
        if row["method"] != "Exact" or number(row["Numerator"]) is None:
            continue
        scale = float(row["multiplier"]) / float(row["Denominator"])
        for confidence, key in [(0.95, "95_0cl"), (0.998, "99_8cl")]:
            lower, upper = exact_count_limits(float(row["Numerator"]), confidence)
            assert lower * scale == pytest.approx(number(row[f"lower{key}"]), rel=1e-6), row
            assert upper * scale == pytest.approx(number(row[f"upper{key}"]), rel=1e-6), row
        checked += 1
    assert checked >= 2


# --- comparing two values -----------------------------------------------------------------------


def test_the_difference_of_two_proportions_widens_at_99_8_percent():
    lower95, upper95 = proportion_difference_ci(56, 70, 48, 80)
    lower998, upper998 = proportion_difference_ci(56, 70, 48, 80, 0.998)
    assert lower998 < lower95 - 0.05 and upper998 > upper95 + 0.05


@pytest.mark.parametrize(
    "args",
    [
        (3, 0, 5, 100),
        (3, 100, 5, 0),
        (-1, 100, 5, 100),
        (3, 100, -1, 100),
        (3, -100, 5, 100),
        (None, 100, 5, 100),
        (3, 100, 5, "100"),
    ],
)
def test_a_rate_difference_needs_counts_of_0_or_more_and_positive_denominators(args):
    assert rate_difference_ci(*args) == (None, None)


def test_the_rate_difference_interval_worked_by_hand():
    # 40 events in 1,000 person-years against 20 in 2,000, per 1,000:
    # difference 40 - 10 = 30; standard error sqrt(40 / 1000^2 + 20 / 2000^2) x 1000 = 6.7082.
    lower, upper = rate_difference_ci(40, 1000, 20, 2000, multiplier=1000)
    spread = z_for(0.95) * math.sqrt(40 / 1000**2 + 20 / 2000**2) * 1000
    assert (lower, upper) == pytest.approx((30 - spread, 30 + spread), rel=1e-12)
    assert spread == pytest.approx(13.1478, abs=1e-4)  # 1.96 x 6.7082


def test_a_zero_or_fractional_count_is_given_the_variance_of_one_event():
    # 0 events in 100 against 0.5 in 200: each count's variance is taken as at least 1.
    lower, upper = rate_difference_ci(0, 100, 0.5, 200)
    spread = z_for(0.95) * math.sqrt(1 / 100**2 + 1 / 200**2)
    assert (lower, upper) == pytest.approx((-0.0025 - spread, -0.0025 + spread), rel=1e-12)
    # 3 in 100 against none in 100: standard error sqrt(3 + 1) / 100 = 0.02.
    assert rate_difference_ci(3, 100, 0, 100) == pytest.approx((0.03 - z_for(0.95) * 0.02, 0.03 + z_for(0.95) * 0.02))


@pytest.mark.parametrize(
    "limits, expected",
    [
        ((0.1, 0.2), 1),
        ((0.0, 0.2), 0),
        ((-0.2, 0.0), 0),
        ((-0.2, -0.1), -1),
        ((-0.1, 0.1), 0),
        ((None, 0.2), None),
        ((0.1, None), None),
    ],
)
def test_significance_needs_the_whole_interval_on_one_side_of_zero(limits, expected):
    assert significance(limits) == expected


# --- the chi-squared test for trend ----------------------------------------------------------


def test_the_poisson_trend_statistic_worked_by_hand():
    # Equal person-time: 160 expected a period; scores 0..4 centred on 2 (sum of squares 10).
    # U = 1(-30) + 2(0) + 3(30) + 4(60) = 300; variance = 800 / 50,000 x 10 x 10,000 = 1,600.
    statistic, direction = chi_squared_trend([100, 130, 160, 190, 220], [10_000] * 5, "rate")
    assert statistic == pytest.approx(300**2 / 1600, rel=1e-12) and direction == 1


def test_the_poisson_trend_statistic_weights_periods_by_their_person_time():
    # Person-time 1, 2, 1 (thousands), counts 10, 10, 30: overall rate 12.5 per thousand.
    # Expected 12.5, 25, 12.5; U = 1(10 - 25) + 2(30 - 12.5) = 20.
    # Mean score (0 + 2 + 2) / 4 = 1; spread 1(1) + 2(0) + 1(1) = 2; variance 12.5 x 2 = 25.
    statistic, direction = chi_squared_trend([10, 10, 30], [1, 2, 1], "rate")
    assert statistic == pytest.approx(20**2 / 25, rel=1e-12) and direction == 1


def test_a_flat_series_has_no_direction():
    assert chi_squared_trend([10, 10, 10], [100, 100, 100], "proportion") == (0.0, 0)
    assert chi_squared_trend([10, 10, 10], [100, 100, 100], "rate") == (0.0, 0)


def test_a_small_rise_has_a_direction_however_small_the_statistic():
    statistic, direction = chi_squared_trend([1, 1, 2], [10, 10, 12], "proportion")  # U = 0.75
    assert direction == 1 and 0 < statistic < 1
    assert chi_squared_trend([2, 1, 1], [12, 10, 10], "proportion")[1] == -1


def test_three_periods_are_enough_and_fractional_person_time_counts():
    assert chi_squared_trend([1, 2, 3], [10, 10, 10], "proportion") is not None
    assert chi_squared_trend([1, 0, 0], [0.5, 0.5, 0.5], "rate") is not None  # one event in all


@pytest.mark.parametrize(
    "numerators, denominators",
    [
        ([1, 2, 3], [10, 0, 10]),
        ([0, 0, 0], [10, 10, 10]),
        ([10, 10, 10], [10, 10, 10]),
        ([1, 2, 3], [10, 10]),
        ([1, 2, 3], [10, -10, 10]),
    ],
    ids=["a-zero-denominator", "no-events", "all-events", "lengths-differ", "a-negative-denominator"],
)
def test_a_trend_cannot_be_tested_on(numerators, denominators):
    assert chi_squared_trend(numerators, denominators, "proportion") is None


def test_a_trend_of_few_events_still_gets_a_statistic():
    # One event in three periods of 1,000: U = 1(-1/3) + 2(2/3) = 1; variance 1/3000 x 2000 = 2/3,
    # below 1 and above 0.
    statistic, direction = chi_squared_trend([0, 0, 1], [1000] * 3, "rate")
    assert statistic == pytest.approx(1.5, rel=1e-12) and direction == 1


def test_an_unknown_kind_of_trend_is_an_error_that_names_it():
    with pytest.raises(ValueError, match="unknown kind 'ratio'"):
        chi_squared_trend([1, 2, 3], [10, 10, 10], "ratio")


def test_a_trend_is_significant_only_above_the_99_8_percent_point_of_chi_squared_on_1_df():
    point = 9.549536  # chi2.ppf(0.998, 1)
    assert not trend_is_significant(point - 1e-4) and trend_is_significant(point + 1e-4)
    assert trend_is_significant(6.7, 0.99) and not trend_is_significant(6.6, 0.99)  # 6.634897


# --- what an interval gives away -----------------------------------------------------------------


def test_a_proportion_of_0_or_1_gives_back_its_denominator():
    for numerator in (0, 50):
        lower, upper = wilson_ci(numerator, 50)
        assert wilson_denominator(numerator / 50, lower, upper) == pytest.approx(50, rel=1e-6)


@pytest.mark.parametrize(
    "proportion, lower, upper",
    [
        (None, 0.1, 0.5),
        (0.3, None, 0.5),
        (0.3, 0.1, "0.5"),
        (1.5, 0.1, 0.5),
        (-0.1, 0.1, 0.5),
        (0.5, 0.0, 1.0),
        (0.5, 0.5, 0.5 + 1e-12),
        (0.3, 0.1, 0.1),
        (0.3, 0.5, 0.1),
    ],
    ids=[
        "no-proportion",
        "no-lower",
        "text",
        "above-1",
        "below-0",
        "wider-than-any",
        "narrower-than-any",
        "no-width",
        "upside-down",
    ],
)
def test_no_denominator_is_found_where_no_wilson_interval_fits(proportion, lower, upper):
    assert wilson_denominator(proportion, lower, upper) is None


def test_an_interval_of_the_right_width_for_another_proportion_gives_no_denominator():
    lower, upper = wilson_ci(20, 100)  # 20%
    assert wilson_denominator(0.2, lower, upper) == pytest.approx(100, rel=1e-6)
    assert wilson_denominator(0.2, lower + 0.002, upper + 0.002) is None  # same width, shifted 0.2 points
    assert wilson_denominator(0.2, lower + 0.0004, upper + 0.0004) == pytest.approx(100, rel=0.05)  # rounding


def test_a_denominator_is_found_at_99_8_percent_too():
    lower, upper = wilson_ci(20, 100, 0.998)
    assert wilson_denominator(0.2, lower, upper, 0.998) == pytest.approx(100, rel=1e-6)
    assert wilson_denominator(0.2, lower, upper) != pytest.approx(100, rel=0.1)


@pytest.mark.parametrize(
    "lower, upper",
    [(None, 5.0), (1.0, None), ("1", 5.0), (-1.0, 5.0), (5.0, 5.0), (6.0, 5.0)],
)
def test_no_count_is_found_for_an_interval_that_is_not_one(lower, upper):
    assert poisson_count(lower, upper) is None


def test_a_count_is_found_at_99_8_percent_from_the_same_confidence():
    for count in (3, 40):
        lower, upper = count_limits(count, 0.998)
        assert poisson_count(float(lower), float(upper), 0.998) == pytest.approx(count, rel=1e-6)


def test_an_interval_between_two_small_whole_counts_gives_no_count():
    def ratio(count: int) -> float:
        lower, upper = count_limits(count)
        return float(upper / lower)

    between = (ratio(EXACT_POISSON_BELOW - 1) + ratio(EXACT_POISSON_BELOW)) / 2
    assert poisson_count(1.0, between) is None
    assert poisson_count(1.0, ratio(EXACT_POISSON_BELOW)) == pytest.approx(EXACT_POISSON_BELOW, rel=1e-6)
    # Rounding that widens a count of 10 slightly still gives 10, not 'no count'.
    assert poisson_count(1.0, ratio(EXACT_POISSON_BELOW) * 1.0005) == pytest.approx(EXACT_POISSON_BELOW)


def test_a_percentage_and_its_interval_imply_its_numerator_and_denominator():
    lower, upper = wilson_ci(2, 5)
    numerator, denominator = implied_from_interval("percentage", 100, 40.0, 100 * lower, 100 * upper)
    assert (numerator, denominator) == pytest.approx((2, 5), abs=1e-6)


def test_a_rate_and_its_interval_imply_its_count_and_denominator():
    lower, upper = rate_ci(30, 1000, 1000)  # 30 per 1,000
    assert implied_from_interval("rate", 1000, 30.0, lower, upper) == pytest.approx((30, 1000), rel=1e-6)
    lower, upper = rate_ci(5, 1000, 100)  # 0.5 per 100: a value below 1 still implies its denominator
    assert implied_from_interval("rate", 100, 0.5, lower, upper) == pytest.approx((5, 1000), rel=1e-6)


def test_a_rate_of_zero_implies_a_count_of_zero_and_no_denominator():
    lower, upper = rate_ci(0, 1000, 1000)
    count, denominator = implied_from_interval("rate", 1000, 0.0, lower, upper)
    assert count == 0 and math.isnan(denominator)


def test_a_count_or_a_gap_implies_nothing():
    assert all(math.isnan(v) for v in implied_from_interval("count", 1, 5.0, 1.0, 9.0))
    assert all(math.isnan(v) for v in implied_from_interval("percentage", 100, NAN, 1.0, 9.0))
    assert all(math.isnan(v) for v in implied_from_interval("percentage", 100, 40.0, 60.0, 90.0))
