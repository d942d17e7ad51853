"""How many people each row is built on, and which rows are small numbers (`disclosure/counts.py`).

Each way a row can tell its counts is one case here: a numerator; a value and a denominator;
a value and its interval; a count's value; a score's pupils. Then the threshold's edges, and
which rows take their denominator with them.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from indicators.disclosure.counts import (
    SMALL_COMPLEMENT,
    SMALL_COUNT,
    SMALL_GROUP,
    hides_group,
    is_small,
    people_counts,
    small_number_reasons,
)
from indicators.stats import rate_ci, wilson_ci

PERCENTAGE = "care-leavers-in-education-employment-training"  # per 100, threshold 5
COUNT = "children-in-care-count"
RATE = "road-casualties-killed-or-seriously-injured"  # per 100,000
SCORE = "attainment-8"  # points per pupil
NOT_PEOPLE = "schools-good-or-outstanding"  # threshold 0: schools, not people
NAN = math.nan


def frame_of(*rows: dict) -> pd.DataFrame:
    """Rows on a named index (as the build's frames are not numbered from 0)."""
    base = dict.fromkeys(("numerator", "denominator", "value", "lower_ci", "upper_ci"), NAN)
    frame = pd.DataFrame([base | r for r in rows], index=[f"row-{n}" for n in range(len(rows))])
    return frame.astype({c: "float64" for c in base})


def sizes_of(*rows: dict, catalogue) -> list[tuple[float, float]]:
    sizes = people_counts(frame_of(*rows), catalogue)
    assert list(sizes.index) == [f"row-{n}" for n in range(len(rows))]
    return [(c, g) for c, g in sizes[["count", "group"]].itertuples(index=False, name=None)]


def same(actual: list[tuple[float, float]], expected: list[tuple[float, float]]) -> bool:
    def equal(a: float, b: float) -> bool:
        return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b)

    return len(actual) == len(expected) and all(
        equal(a, b) for pair, want in zip(actual, expected, strict=True) for a, b in zip(pair, want, strict=True)
    )


def test_a_numerator_and_denominator_are_the_count_and_group(catalogue):
    rows = sizes_of({"indicator_id": PERCENTAGE, "numerator": 3, "denominator": 40, "value": 7.5}, catalogue=catalogue)
    assert same(rows, [(3, 40)])


def test_a_value_and_a_denominator_give_the_count(catalogue):
    # 40% of 5 is 2; 12 per 100,000 of 25,000 is 3.
    rows = sizes_of(
        {"indicator_id": PERCENTAGE, "denominator": 5, "value": 40.0},
        {"indicator_id": RATE, "denominator": 25_000, "value": 12.0},
        catalogue=catalogue,
    )
    assert same(rows, [(2, 5), (3, 25_000)])


def test_a_counts_value_is_its_count_and_it_has_no_group(catalogue):
    rows = sizes_of(
        {"indicator_id": COUNT, "value": 3.0},
        {"indicator_id": COUNT, "numerator": 4, "value": 4.0, "denominator": 99},
        catalogue=catalogue,
    )
    assert same(rows, [(3, NAN), (4, NAN)])


def test_a_value_and_its_interval_give_the_count_and_group(catalogue):
    lower, upper = wilson_ci(2, 5)
    rate_lower, rate_upper = rate_ci(3, 25_000, 100_000)
    rows = sizes_of(
        {"indicator_id": PERCENTAGE, "value": 40.0, "lower_ci": 100 * lower, "upper_ci": 100 * upper},
        {"indicator_id": RATE, "value": 12.0, "lower_ci": rate_lower, "upper_ci": rate_upper},
        catalogue=catalogue,
    )
    assert same(rows, [(2, 5), (3, 25_000)])


def test_an_interval_that_fits_no_count_leaves_the_count_unknown(catalogue):
    rows = sizes_of(
        {"indicator_id": PERCENTAGE, "value": 40.0, "lower_ci": 60.0, "upper_ci": 90.0}, catalogue=catalogue
    )
    assert same(rows, [(NAN, NAN)])
    rows = sizes_of({"indicator_id": RATE, "value": 0.0, "lower_ci": 0.0, "upper_ci": 14.8}, catalogue=catalogue)
    assert same(rows, [(0, NAN)])  # a rate of 0: a count of 0, its person-time unknown


def test_a_scores_people_are_its_pupils(catalogue):
    rows = sizes_of({"indicator_id": SCORE, "numerator": 180.0, "denominator": 4, "value": 45.0}, catalogue=catalogue)
    assert same(rows, [(4, 4)])


@pytest.mark.parametrize(
    "row, reasons",
    [
        ({"indicator_id": COUNT, "value": 4.0}, {SMALL_COUNT}),
        ({"indicator_id": COUNT, "value": 5.0}, set()),  # the threshold itself is shown
        ({"indicator_id": PERCENTAGE, "numerator": 30, "denominator": 34}, {SMALL_COMPLEMENT}),  # all but 4
        ({"indicator_id": PERCENTAGE, "numerator": 30, "denominator": 35}, set()),  # all but 5
        ({"indicator_id": PERCENTAGE, "numerator": 4, "denominator": 4}, {SMALL_COUNT, SMALL_COMPLEMENT, SMALL_GROUP}),
        ({"indicator_id": PERCENTAGE, "numerator": 0, "denominator": 5}, {SMALL_COUNT}),  # 0 of 5: all but 5 is fine
        ({"indicator_id": PERCENTAGE, "numerator": 9, "denominator": 5}, set()),  # more than its group: no remainder
        ({"indicator_id": RATE, "numerator": 30, "denominator": 4.0}, {SMALL_GROUP}),
        ({"indicator_id": SCORE, "numerator": 180.0, "denominator": 4, "value": 45.0}, {SMALL_COUNT, SMALL_GROUP}),
        ({"indicator_id": NOT_PEOPLE, "numerator": 1, "denominator": 2}, set()),  # schools, not people
        ({"indicator_id": PERCENTAGE, "value": 40.0}, set()),  # tells no count: nothing to check here
    ],
    ids=[
        "count-4",
        "count-5",
        "all-but-4",
        "all-but-5",
        "4-of-4",
        "0-of-5",
        "9-of-5",
        "rate-over-4",
        "score-of-4-pupils",
        "not-people",
        "value-alone",
    ],
)
def test_the_reasons_a_row_is_a_small_number(catalogue, row, reasons):
    frame = frame_of(row)
    found = small_number_reasons(frame, people_counts(frame, catalogue), catalogue)
    assert list(found.index) == ["row-0"] and set(found.iloc[0]) == reasons
    assert bool(is_small(found).iloc[0]) is bool(reasons)


def test_only_a_small_group_takes_its_denominator_with_it(catalogue):
    frame = frame_of(
        {"indicator_id": PERCENTAGE, "numerator": 2, "denominator": 40},  # small count: the row only
        {"indicator_id": PERCENTAGE, "numerator": 2, "denominator": 4},  # small group
        {"indicator_id": SCORE, "numerator": 180.0, "denominator": 4, "value": 45.0},  # a score's 4 pupils
        {"indicator_id": PERCENTAGE, "numerator": 20, "denominator": 40},  # not small
    )
    reasons = small_number_reasons(frame, people_counts(frame, catalogue), catalogue)
    assert hides_group(reasons).tolist() == [False, True, True, False]
    assert is_small(reasons).tolist() == [True, True, True, False]
    assert list(hides_group(reasons).index) == list(frame.index)
