"""How many people each figure is built on, and which figures are small numbers.

A figure tells its counts however it is given: as a numerator and denominator; as a
value and a denominator (40% of 5 is 2 children); as a value and its confidence interval
(40%, 11.76% to 76.93% is 2 of 5: the interval's width fixes the denominator); an
average score over its pupils. `people_counts` recovers the counts each row tells, so
that disclosure control checks every route, not only the numerator column.
"""

from __future__ import annotations

import math
from itertools import compress

import pandas as pd

from indicators.catalogue import Catalogue
from indicators.stats import implied_from_interval

# Why a figure is a small number. A visitor sees only "withheld (small number)".
SMALL_COUNT = "count"  # what is counted is below the threshold
SMALL_COMPLEMENT = "complement"  # a percentage whose remainder is below it ("all but two")
SMALL_GROUP = "denominator"  # the group itself is below it (3 care leavers in Portland)


def people_counts(frame: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Each row's `count` (who is counted) and `group` (whom out of), as the row tells them.

    For a count indicator the count is its value; for an average score the people are its
    pupils (the denominator), and its numerator is points, not people. NaN where a row
    does not tell.
    """
    indicators = frame["indicator_id"].map(catalogue.indicators.__getitem__)
    unit = indicators.map(lambda i: i.unit)
    multiplier = indicators.map(lambda i: i.multiplier).astype("float64")
    numerator, denominator, value = (frame[c].astype("float64") for c in ("numerator", "denominator", "value"))
    has_ratio = unit.isin(["percentage", "rate"])
    count = numerator.where(numerator.notna(), value.where(unit == "count"))
    count = count.where(count.notna(), (value * denominator / multiplier).round().where(has_ratio))
    group = denominator.copy()
    needs_interval = has_ratio & count.isna() & group.isna() & frame["lower_ci"].notna() & frame["upper_ci"].notna()
    for index in frame.index[needs_interval]:
        n, d = implied_from_interval(
            unit[index], multiplier[index], value[index], frame.at[index, "lower_ci"], frame.at[index, "upper_ci"]
        )
        count[index], group[index] = round(n) if not math.isnan(n) else n, round(d) if not math.isnan(d) else d
    is_score = unit == "score"
    count = count.where(~is_score, group)  # a score is about its pupils
    return pd.DataFrame({"count": count, "group": group.where(has_ratio | is_score)}, index=frame.index)


def small_number_reasons(frame: pd.DataFrame, sizes: pd.DataFrame, catalogue: Catalogue) -> pd.Series:
    """For each row, the set of reasons it is a small number (empty when it is not).

    `sizes` is people_counts(frame, catalogue).
    """
    indicators = frame["indicator_id"].map(catalogue.indicators.__getitem__)
    # A threshold of 0 marks figures that are not about people (e.g. schools' judgements).
    threshold = indicators.map(lambda i: i.suppression_threshold).astype("float64")
    count, group = sizes["count"], sizes["group"]
    is_percentage = indicators.map(lambda i: i.unit == "percentage")
    complement = group - count
    small = pd.DataFrame(
        {
            SMALL_COUNT: count.notna() & (count < threshold),
            SMALL_COMPLEMENT: is_percentage & complement.notna() & (complement >= 0) & (complement < threshold),
            SMALL_GROUP: group.notna() & (group < threshold),
        },
        index=frame.index,
    )
    reasons = [frozenset(compress(small.columns, flags)) for flags in small.itertuples(index=False, name=None)]
    return pd.Series(reasons, index=frame.index, dtype=object)


def is_small(reasons: pd.Series) -> pd.Series:
    return reasons.map(bool).astype(bool)


def hides_group(reasons: pd.Series) -> pd.Series:
    """Rows whose denominator must be withheld with them: a small group (a score's few pupils among them, since a
    score's count is its pupils)."""
    return reasons.map(lambda r: SMALL_GROUP in r).astype(bool)
