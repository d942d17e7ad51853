"""Confidence limits match the published PHEindicatormethods reference values."""

from __future__ import annotations

import csv
import math

import numpy
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.geography import REFERENCE_DATA
from indicators.stats import (
    byars_count_limits,
    chi_squared_trend,
    proportion_difference_ci,
    rate_ci,
    rate_difference_ci,
    significance,
    trend_is_significant,
    wilson_ci,
)

REFERENCE = REFERENCE_DATA / "pheindicatormethods"
SIX_FIGURES = 1e-6  # relative tolerance: agreement to at least 6 significant figures


def reference_rows(name: str) -> list[dict[str, str]]:
    with open(REFERENCE / name, newline="") as handle:
        return list(csv.DictReader(handle))


def number(text: str) -> float | None:
    return float(text) if text not in ("", "NA") else None


def close(actual: float | None, expected: float | None) -> bool:
    if expected is None:
        return actual is None
    return actual is not None and math.isclose(actual, expected, rel_tol=SIX_FIGURES, abs_tol=1e-12)


def test_reference_files_are_present():
    assert len(reference_rows("proportions_wilson.csv")) == 19


@pytest.mark.parametrize("row", reference_rows("proportions_wilson.csv"), ids=lambda r: f"{r['Area']}-{r['statistic']}")
def test_wilson_matches_phe_at_95_and_99_8_percent(row):
    x, n, multiplier = number(row["Numerator"]), number(row["Denominator"]), float(row["multiplier"])
    for confidence, lower_key, upper_key in [
        (0.95, "lower95_0cl", "upper95_0cl"),
        (0.998, "lower99_8cl", "upper99_8cl"),
    ]:
        lower, upper = wilson_ci(x, n, confidence)
        scaled = (None if lower is None else lower * multiplier, None if upper is None else upper * multiplier)
        assert close(scaled[0], number(row[lower_key])), (row, confidence)
        assert close(scaled[1], number(row[upper_key])), (row, confidence)


@pytest.mark.parametrize("row", reference_rows("proportions_wilson_grouped.csv"), ids=lambda r: r["Area"])
def test_wilson_matches_phe_grouped_proportions(row):
    lower, upper = wilson_ci(number(row["Numerator"]), number(row["Denominator"]), 0.95)
    assert close(lower, number(row["lowercl"])) and close(upper, number(row["uppercl"]))


@pytest.mark.parametrize("row", reference_rows("rates_byars_exact.csv"), ids=lambda r: f"{r['Area']}-{r['multiplier']}")
def test_rates_match_phe_exact_below_10_and_byars_from_10(row):
    x, n, multiplier = number(row["Numerator"]), number(row["Denominator"]), float(row["multiplier"])
    for confidence, lower_key, upper_key in [
        (0.95, "lower95_0cl", "upper95_0cl"),
        (0.998, "lower99_8cl", "upper99_8cl"),
    ]:
        lower, upper = rate_ci(x, n, multiplier, confidence)
        assert close(lower, number(row[lower_key])), (row, confidence)
        assert close(upper, number(row[upper_key])), (row, confidence)


@pytest.mark.parametrize("row", reference_rows("rates_grouped.csv"), ids=lambda r: r["Area"])
def test_rates_match_phe_grouped_rates(row):
    lower, upper = rate_ci(number(row["Numerator"]), number(row["Denominator"]), float(row["multiplier"]), 0.95)
    assert close(lower, number(row["lowercl"])) and close(upper, number(row["uppercl"]))


@pytest.mark.parametrize(
    "row", reference_rows("byars_wilson_limits.csv"), ids=lambda r: f"{r['method']}-{r['x']}-{r['confidence']}"
)
def test_byars_and_wilson_limits_match_phe(row):
    confidence = 0.95 if row["confidence"] == "95%" else 0.998
    if row["method"] == "Byars":
        lower, upper = (None if numpy.isnan(v) else float(v) for v in byars_count_limits(float(row["x"]), confidence))
    else:
        lower, upper = wilson_ci(float(row["x"]), float(row["n"]), confidence)
    assert close(lower, number(row["lowercl"])) and close(upper, number(row["uppercl"]))


@pytest.mark.parametrize(
    "bad", [(None, 10), (5, None), (5, 0), (-1, 10), (11, 10), (float("nan"), 10), ("5", 10), (True, 10)]
)
def test_wilson_gives_no_limits_for_missing_or_invalid_input(bad):
    assert wilson_ci(*bad) == (None, None)


@pytest.mark.parametrize("bad", [(None, 10), (5, None), (5, 0), (-1, 10), (float("inf"), 10)])
def test_rate_ci_gives_no_limits_for_missing_or_invalid_input(bad):
    assert rate_ci(*bad) == (None, None)


def test_an_invalid_confidence_level_gives_no_limits():
    assert wilson_ci(5, 10, 1.5) == (None, None)
    assert rate_ci(5, 10, 1, 0) == (None, None)


@given(st.integers(0, 100_000), st.integers(1, 100_000))
def test_wilson_limits_bracket_the_proportion_stay_in_0_1_and_widen_at_99_8(x, extra):
    n = x + extra
    lower95, upper95 = wilson_ci(x, n, 0.95)
    lower998, upper998 = wilson_ci(x, n, 0.998)
    p = x / n
    assert 0 <= lower998 <= lower95 <= p <= upper95 <= upper998 <= 1


@given(st.integers(0, 1_000_000), st.floats(1, 1e7), st.sampled_from([1, 100, 1000, 10_000, 100_000]))
def test_rate_limits_bracket_the_rate_and_widen_at_99_8(count, denominator, multiplier):
    rate = count / denominator * multiplier
    lower95, upper95 = rate_ci(count, denominator, multiplier, 0.95)
    lower998, upper998 = rate_ci(count, denominator, multiplier, 0.998)
    assert upper95 is not None and upper998 is not None
    assert rate <= upper95 * (1 + 1e-12) and upper95 <= upper998
    if lower998 is not None:  # Byar's lower limit can fail for tiny counts at 99.8%
        assert 0 <= lower998 <= lower95 <= rate * (1 + 1e-12)


def test_count_limits_are_the_rate_limits_with_denominator_and_multiplier_1():
    assert rate_ci(3) == rate_ci(3, 1, 1)
    assert rate_ci(3)[0] == pytest.approx(0.6186721, rel=1e-6)  # exact Poisson, 95%


def test_a_large_change_in_a_proportion_is_significant_and_a_small_one_is_not():
    assert significance(proportion_difference_ci(300, 1000, 200, 1000)) == 1
    assert significance(proportion_difference_ci(201, 1000, 200, 1000)) == 0
    assert significance(proportion_difference_ci(2, 10, 4, 10)) == 0  # "a change of two children is not a trend"


def test_newcombe_interval_matches_the_published_worked_example():
    # Newcombe (1998), Stat Med 17:873, table II example (56/70 vs 48/80): -0.0524 to 0.3339.
    lower, upper = proportion_difference_ci(56, 70, 48, 80)
    assert lower == pytest.approx(0.0524, abs=1e-4)
    assert upper == pytest.approx(0.3339, abs=1e-4)


def test_rate_difference_is_significant_only_when_clear():
    assert significance(rate_difference_ci(400, 10_000, 200, 10_000)) == 1
    assert significance(rate_difference_ci(3, 1, 5, 1)) == 0


def test_armitage_trend_statistic_equals_n_times_r_squared_on_the_individual_data():
    # An independent identity: Armitage's chi-squared for trend is N r^2, where r is the
    # Pearson correlation between each person's period score and their 0/1 outcome.
    numerators = [10, 8, 7, 6, 5]
    denominators = [93, 108, 125, 108, 57]
    scores, outcomes = [], []
    for score, (x, n) in enumerate(zip(numerators, denominators, strict=True)):
        scores += [score] * n
        outcomes += [1] * x + [0] * (n - x)
    r = numpy.corrcoef(scores, outcomes)[0, 1]
    statistic, direction = chi_squared_trend(numerators, denominators, "proportion")
    assert statistic == pytest.approx(len(scores) * r**2, rel=1e-9)
    assert direction == -1


def test_a_steady_rise_in_counts_is_a_significant_trend():
    statistic, direction = chi_squared_trend([100, 130, 160, 190, 220], [10_000] * 5, "rate")
    assert direction == 1 and trend_is_significant(statistic)


def test_trend_needs_enough_valid_points():
    assert chi_squared_trend([1, 2], [10, 10], "proportion") is None
    assert chi_squared_trend([1, 2, None], [10, 10, 10], "proportion") is None
