"""Projects linked to outcomes (issue 22): before and after each funded period, in words."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators.assess import Point
from indicators.project_outcomes import CANNOT_SHOW_CAUSE, MADE_UP, before_and_after, caveats, movement


def _project(funded_from: str | None = "2023-09-01", funded_to: str | None = "2024-08-31") -> pd.Series:
    return pd.Series(
        {
            "locality": "dorchester",
            "decided_on": pd.Timestamp("2023-06-22"),
            "funded_from": pd.Timestamp(funded_from) if funded_from else pd.NaT,
            "funded_to": pd.Timestamp(funded_to) if funded_to else pd.NaT,
            "indicators": "persistent-absence",
        }
    )


def _pa(period: str, absent: int, status: str = "local", pupils: int = 10_000) -> Point:
    return Point(period, absent / pupils * 100, absent, pupils, status=status)


YEARS = ["2021/22", "2022/23", "2023/24", "2024/25"]


@pytest.fixture
def absence(catalogue):
    return catalogue.indicators["persistent-absence"]


def test_before_is_the_last_year_ending_before_the_funding_and_after_the_first_beginning_after_it(absence):
    points = [_pa(p, 2400 - 100 * i) for i, p in enumerate(YEARS)]
    start, end = pd.Timestamp("2023-09-01").date(), pd.Timestamp("2024-08-31").date()
    before, after = before_and_after(points, absence, start, end)
    assert (before.period, after.period) == ("2022/23", "2024/25")  # 2023/24 is the funded year itself


def test_a_fall_in_absence_after_the_funding_is_better_and_says_it_cannot_show_cause(absence):
    points = [_pa("2022/23", 2400), _pa("2023/24", 2300), _pa("2024/25", 2100)]
    moved = movement(_project(), absence, "Dorchester", points)
    assert moved.sentence == (
        "Pupils persistently absent from school, Dorchester: 24.0% (local records) in 2022/23, before the funding "
        "(September 2023 to August 2024); 21.0% (local records) in 2024/25, after it: better."
    )
    assert caveats([moved]) == CANNOT_SHOW_CAUSE and not moved.made_up


def test_a_small_change_is_about_the_same_and_made_up_figures_say_so(absence):
    points = [_pa("2022/23", 24, "illustrative", 100), _pa("2024/25", 22, "illustrative", 100)]
    moved = movement(_project(), absence, "Dorchester", points)
    assert moved.sentence.endswith("after it: about the same (the change could be chance).")
    assert "(illustrative)" in moved.sentence and caveats([moved]).endswith(MADE_UP)


def test_no_figure_after_the_funding_yet_gives_the_latest_and_says_it_overlaps(absence):
    points = [_pa("2022/23", 2400), _pa("2023/24", 2000)]
    moved = movement(_project(), absence, "Dorchester", points)
    assert "2023/24, the latest, partly during it (no figure for a period after it yet): better." in moved.sentence


def test_without_a_minuted_period_the_change_runs_from_the_decision(absence):
    points = [_pa(p, 2400 - 100 * i) for i, p in enumerate(YEARS)]
    moved = movement(_project(None, None), absence, "Dorchester", points)
    assert "in 2021/22, before the decision (June 2023; no funded period is minuted)" in moved.sentence
    assert "in 2024/25, the latest: better." in moved.sentence


def test_a_withheld_or_missing_figure_gives_no_change(absence):
    hidden = [_pa("2022/23", 2400), Point("2024/25", None, suppressed=True)]
    assert "withheld (small number), so no change is given" in movement(_project(), absence, "D", hidden).sentence
    assert movement(_project(), absence, "D", [_pa("2024/25", 2000)]).sentence.endswith(
        "no figure yet from before the funding (September 2023 to August 2024)."
    )


def test_a_made_up_figure_is_not_compared_with_a_real_one(absence):
    points = [_pa("2022/23", 2400, "local"), _pa("2024/25", 2000, "illustrative")]
    moved = movement(_project(), absence, "Dorchester", points)
    assert "not compared" in moved.sentence and "better" not in moved.sentence
