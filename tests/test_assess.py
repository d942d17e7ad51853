"""Assessments answer 'better or worse?' honestly, in plain English."""

from __future__ import annotations

import pytest

from indicators.assess import Point, assess, compare_latest, compare_with_comparator, recent_trend
from indicators.formatting import format_change, format_value


def pa_point(period: str, numerator: float, denominator: float = 10_000, **kw) -> Point:
    return Point(period, numerator / denominator * 100, numerator, denominator, **kw)


def test_a_significant_fall_in_persistent_absence_is_better_and_says_so(catalogue):
    indicator = catalogue.indicators["persistent-absence"]
    points = [pa_point("2022/23", 2410), pa_point("2023/24", 2300), pa_point("2024/25", 2130)]
    result = assess(indicator, "chesil", "Chesil", points)
    assert result.vs_baseline == "better" and result.vs_baseline_tested
    assert result.baseline_sentence == "Chesil: 21.3% in 2024/25, down from 24.1% in 2022/23 (the baseline): better."
    # Plain words on the page; the statistics one click away, under "How sure are we?".
    assert "bigger than chance alone would explain (95% confidence)" in result.baseline_certainty
    assert result.change == pytest.approx(-2.8)


def test_a_change_of_two_children_is_not_significant(catalogue):
    indicator = catalogue.indicators["care-leavers-in-education-employment-training"]
    points = [pa_point("2022/23", 10, 20), pa_point("2024/25", 12, 20)]
    result = assess(indicator, "purbeck", "Purbeck", points)
    assert result.vs_baseline == "no-significant-change"
    assert result.baseline_sentence.endswith("(the baseline): about the same.")
    assert "could be chance" in result.baseline_certainty


def test_polarity_decides_better_or_worse(catalogue):
    up = [pa_point("2022/23", 5000), pa_point("2024/25", 5600)]
    assert assess(catalogue.indicators["good-level-of-development"], "east", "East", up).vs_baseline == "better"
    assert assess(catalogue.indicators["persistent-absence"], "east", "East", up).vs_baseline == "worse"


def test_no_judgement_indicators_say_higher_or_lower_not_better(catalogue):
    indicator = catalogue.indicators["children-in-care-rate"]
    points = [Point("2022/23", 60.0, 400, 66_000), Point("2024/25", 80.0, 530, 66_000)]
    assert assess(indicator, "dorset", "Dorset", points).vs_baseline == "higher"


def test_a_published_figure_without_counts_is_compared_but_not_tested(catalogue):
    indicator = catalogue.indicators["persistent-absence"]
    result = assess(indicator, "england", "England", [Point("2022/23", 21.2), Point("2024/25", 19.4)])
    assert result.vs_baseline == "better" and not result.vs_baseline_tested
    assert result.baseline_sentence.endswith("(the baseline): better.")
    assert result.baseline_certainty == (
        "Since the plan started: not checked against chance, because the published figure has no counts, so only "
        "the direction is given."
    )


def test_a_withheld_latest_figure_is_not_compared_and_reveals_nothing(catalogue):
    indicator = catalogue.indicators["children-in-care-count"]
    points = [Point("2022/23", 60.0, 60), Point("2024/25", None, None, suppressed=True)]
    result = assess(indicator, "purbeck", "Purbeck", points)
    assert (result.vs_baseline, result.trend, result.latest_value) == ("not-compared", "not-compared", None)
    assert "withheld" in result.baseline_sentence


def test_comparator_is_similar_when_inside_the_areas_interval(catalogue):
    indicator = catalogue.indicators["persistent-absence"]
    area = Point("2024/25", 20.0, 200, 1000, lower_ci=17.6, upper_ci=22.6)
    assert compare_with_comparator(area, Point("2024/25", 21.0), indicator) == ("similar", True)
    assert compare_with_comparator(area, Point("2024/25", 25.0), indicator) == ("better", True)
    assert compare_with_comparator(area, Point("2024/25", 15.0), indicator) == ("worse", True)


def test_an_estimated_figure_is_not_tested_against_a_published_one(catalogue):
    from indicators.assess import compare_latest_in_full

    indicator = catalogue.indicators["gcse-english-and-maths"]
    area = Point("2022/23", 52.4, 524, 1000, lower_ci=49.3, upper_ci=55.5, status="estimated")
    dorset = Point("2022/23", 63.4)
    assert compare_with_comparator(area, dorset, indicator) == ("worse", False)
    status, sentence, how_sure = compare_latest_in_full(indicator, "Chesil", [area], "Dorset", [dorset])
    assert (status, sentence) == ("worse", "In 2022/23, Chesil is worse than Dorset (63.4%).")
    assert how_sure.startswith("Against Dorset: not checked against chance, because an estimated figure's counts rest")
    # Issue 20: two estimates are not tested either: their intervals would rest on the guessed counts.
    assert compare_with_comparator(area, Point("2022/23", 55.2, status="estimated"), indicator) == ("worse", False)


def test_a_made_up_figure_is_never_compared_with_a_real_one(catalogue):
    indicator = catalogue.indicators["persistent-absence"]
    made_up = Point("2024/25", 15.5, 155, 1000, lower_ci=13.4, upper_ci=17.8, status="illustrative")
    real = Point("2024/25", 19.5)
    assert compare_with_comparator(made_up, real, indicator) == ("not-compared-made-up", False)
    assert compare_with_comparator(real, made_up, indicator) == ("not-compared-made-up", False)
    sentence = compare_latest(indicator, "Chesil", [made_up], "Dorset", [real])
    assert sentence.startswith("No comparison with Dorset: Chesil's figure is made up (illustrative)")
    assert "worse" not in sentence and "allowing for chance" not in sentence
    # Both made up (the demonstration's own Dorset line): compared, each marked illustrative.
    assert compare_with_comparator(made_up, Point("2024/25", 15.0, status="illustrative"), indicator)[0] == "similar"


def test_a_trend_of_estimated_figures_is_not_tested(catalogue):
    indicator = catalogue.indicators["persistent-absence"]
    points = [Point(f"20{y}/{y + 1}", 10.0 + y, 100 + 10 * y, 1000, status="estimated") for y in range(15, 20)]
    trend = recent_trend(points, indicator)
    assert trend.status == "not-compared" and "estimated" in trend.reason


def test_counts_are_not_compared_with_a_bigger_area(catalogue):
    indicator = catalogue.indicators["children-in-care-count"]
    assert compare_with_comparator(Point("2024/25", 56.0, 56), Point("2024/25", 437.0, 437), indicator) == (
        "not-compared",
        False,
    )


def test_target_met_or_not_by_polarity(catalogue):
    indicator = catalogue.indicators["good-level-of-development"]  # target 75%, higher is better
    assert assess(indicator, "east", "East", [pa_point("2024/25", 7600)]).vs_target == "met"
    assert assess(indicator, "east", "East", [pa_point("2024/25", 7000)]).vs_target == "not-met"
    assert (
        assess(catalogue.indicators["persistent-absence"], "east", "East", [pa_point("2024/25", 7000)]).vs_target
        == "not-compared"
    )


def test_recent_trend_needs_five_points_and_reads_polarity(catalogue):
    indicator = catalogue.indicators["persistent-absence"]
    falling = [pa_point(str(y), n) for y, n in zip(range(5), [2600, 2450, 2300, 2150, 2000], strict=True)]
    assert recent_trend(falling, indicator).status == "getting-better"
    assert recent_trend(falling[:4], indicator).status == "not-compared"
    flat = [pa_point(str(y), n) for y, n in zip(range(5), [2000, 2010, 1995, 2005, 2000], strict=True)]
    assert recent_trend(flat, indicator).status == "no-significant-change"


def school_years(values: dict[str, int], **kw) -> list[Point]:
    from indicators.periods import FREQUENCIES

    return [
        pa_point(period, n, midpoint=FREQUENCIES["academic-year"].midpoint(period), **kw)
        for period, n in values.items()
    ]


def test_a_trend_uses_only_periods_after_a_declared_break_and_names_them(catalogue):
    # Issue 10's Purbeck case: absence fell from about 24% to 19.2% over four years, but
    # 2020/21 (closures) was low; a five-point window from 2020/21 called it "getting worse".
    from indicators.events import default_events

    indicator = catalogue.indicators["persistent-absence"]
    points = school_years(
        {"2018/19": 1500, "2020/21": 1300, "2021/22": 2400, "2022/23": 2250, "2023/24": 2100, "2024/25": 1920}
    )
    trend = recent_trend(points, indicator, "purbeck", default_events())
    assert trend.status == "not-compared" and "there are 4" in trend.reason
    # Even without the break declared, the fall since 2021/22 stops a "getting worse" verdict.
    assert recent_trend(points, indicator, "purbeck").status == "no-clear-trend"


def test_a_trend_is_never_claimed_against_the_latest_figure(catalogue):
    indicator = catalogue.indicators["participation-16-17"]
    rising_then_falling = [
        Point(p, n / 100, n, 10_000)
        for p, n in zip(("a", "b", "c", "d", "e"), (8800, 9000, 9200, 9400, 9300), strict=True)
    ]
    trend = recent_trend(rising_then_falling, indicator)
    assert trend.status == "no-clear-trend"
    assert "no trend is claimed" in assess(indicator, "chesil", "Chesil", rising_then_falling).trend_sentence


def test_no_change_is_claimed_across_a_break_between_baseline_and_latest(catalogue):
    from indicators.events import Event, Events

    indicator = catalogue.indicators["persistent-absence"]
    points = school_years({"2022/23": 2410, "2024/25": 2130})
    events = Events(
        (
            Event(
                "x", "New survey", __import__("datetime").date(2023, 9, 1), "Counted differently.", ("*",), ("*",), True
            ),
        ),
        {},
    )
    result = assess(indicator, "chesil", "Chesil", points, events=events)
    assert result.vs_baseline == "not-compared" and result.change is None
    assert "New survey, September 2023" in result.baseline_sentence and "not compared" in result.baseline_sentence


def test_latest_equal_to_the_baseline_says_no_figures_since_the_plan_started(catalogue):
    indicator = catalogue.indicators["under-18-conceptions"]
    result = assess(indicator, "dorset", "Dorset", [Point("2021", 12.0, 100, 10_000), Point("2022", 11.0, 90, 10_000)])
    assert result.vs_baseline == "no-figures-since-baseline"
    assert "no figures since the plan started yet" in result.baseline_sentence


def test_an_illustrative_figure_is_marked_in_the_sentence(catalogue):
    indicator = catalogue.indicators["persistent-absence"]
    points = [pa_point("2022/23", 2410, status="illustrative"), pa_point("2024/25", 2130, status="illustrative")]
    sentence = assess(indicator, "chesil", "Chesil", points).baseline_sentence
    assert sentence.startswith("Chesil: 21.3% (illustrative) in 2024/25, down from 24.1% (illustrative) in 2022/23")


def test_values_are_formatted_by_unit(catalogue):
    assert format_value(21.345, catalogue.indicators["persistent-absence"]) == "21.3%"
    assert format_value(65.04, catalogue.indicators["children-in-care-rate"]) == "65.0 per 10,000"
    assert format_value(1234, catalogue.indicators["early-help-requests"]) == "1,234"
    assert format_value(43.21, catalogue.indicators["attainment-8"]) == "43.2"
    assert format_value(0.128, catalogue.indicators["permanent-exclusions"]) == "0.13%"
    assert format_value(3, catalogue.indicators["early-help-requests"], suppressed=True) == "withheld (small number)"
    assert format_value(None, catalogue.indicators["early-help-requests"]) == "–"
    assert format_change(-2.84, catalogue.indicators["persistent-absence"]) == "-2.8 points"


def test_no_change_or_trend_is_claimed_between_made_up_and_real_figures(catalogue):
    indicator = catalogue.indicators["key-stage-2-reading-writing-maths"]
    points = [pa_point("2022/23", 456, 1000, status="estimated"), pa_point("2024/25", 541, 1000, status="illustrative")]
    result = assess(indicator, "dorchester", "Dorchester", points)
    assert result.vs_baseline == "not-compared-made-up" and result.change is None
    assert "One of these is illustrative and the other real, so the two are not compared." in result.baseline_sentence
    mixed = [
        pa_point(str(y), n, status="illustrative" if y > 2 else "published")
        for y, n in enumerate([5000, 5100, 5200, 5300, 5400, 5500])
    ]
    assert recent_trend(mixed, indicator).reason.endswith("there are 3")  # only the made-up run counts


def test_a_comparison_in_plain_words_keeps_its_statistics_for_how_sure(catalogue):
    from indicators.assess import compare_latest_in_full

    indicator = catalogue.indicators["persistent-absence"]
    area = Point("2024/25", 20.0, 200, 1000, lower_ci=17.6, upper_ci=22.6)
    status, sentence, how_sure = compare_latest_in_full(indicator, "East", [area], "England", [Point("2024/25", 25.0)])
    assert (status, sentence) == ("better", "In 2024/25, East is better than England (25.0%).")
    assert how_sure == (
        "Against England: the gap is bigger than chance alone would explain (95% confidence), so it is unlikely to be "
        "a fluke of small numbers."
    )
    status, sentence, how_sure = compare_latest_in_full(indicator, "East", [area], "England", [Point("2024/25", 21.0)])
    assert status == "similar" and "lies within the range East's could take by chance" in how_sure
    for words in (sentence, how_sure):
        assert "significant" not in words


def test_a_trend_says_how_sure_only_where_one_was_looked_for(catalogue):
    from indicators.assess import trend_sentence
    from indicators.assess.sentences import trend_certainty

    indicator = catalogue.indicators["persistent-absence"]
    flat = [pa_point(p, 2000) for p in ("2020/21", "2021/22", "2022/23", "2023/24", "2024/25")]
    trend = recent_trend(flat, indicator)
    assert trend_sentence(trend).endswith("it has not risen or fallen steadily.")
    assert "bigger than chance" in trend_certainty(trend)
    assert trend_certainty(recent_trend(flat[:1], indicator)) == ""
