"""Is it better or worse? Polarity-aware assessments in plain English.

For one indicator and one area this answers the questions a Local Alliance Group
asks: better or worse than when the plan started (the baseline), than Dorset (or,
for Dorset, England), than the target, and which way the recent trend is going.
Each answer is tested for statistical significance where the counts allow; where
they do not, it says so rather than guess.

Only comparable figures are compared: a declared series break (indicators/events.toml)
between the baseline and the latest figure means no change is claimed, and a trend
uses only the periods after the latest break. A trend is never claimed against the
line it describes: if the latest figure moved the other way, it says so instead.
Every figure quoted in a sentence carries its status when it is not published.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from indicators.assess.compare import compare_with_baseline, compare_with_comparator, compare_with_target, judge
from indicators.assess.points import Point, one_made_up
from indicators.assess.sentences import (
    baseline_certainty,
    baseline_sentence,
    comparator_sentence,
    compare_latest,
    compare_latest_in_full,
    compare_latest_with_status,
    target_sentence,
    trend_certainty,
    trend_sentence,
)
from indicators.assess.trends import NO_EVENTS, TREND_POINTS, TREND_WORDS, Trend, comparable_points, recent_trend
from indicators.catalogue import Indicator
from indicators.events import Events
from indicators.periods import FREQUENCIES

__all__ = [
    "TREND_POINTS",
    "TREND_WORDS",
    "Assessment",
    "Point",
    "Trend",
    "assess",
    "comparable_points",
    "comparator_sentence",
    "compare_latest",
    "compare_latest_in_full",
    "compare_latest_with_status",
    "compare_with_baseline",
    "compare_with_comparator",
    "compare_with_target",
    "judge",
    "recent_trend",
    "trend_sentence",
]


@dataclass(frozen=True)
class Assessment:
    indicator_id: str
    area_id: str
    latest_period: str | None
    latest_value: float | None
    latest_suppressed: bool
    baseline_period: str
    baseline_value: float | None
    change: float | None
    vs_baseline: str
    vs_baseline_tested: bool
    comparator_id: str | None
    comparator_value: float | None
    vs_comparator: str
    vs_target: str
    trend: str
    trend_from: str | None
    trend_to: str | None
    latest_status: str | None
    baseline_status: str | None
    baseline_sentence: str
    comparator_sentence: str
    target_sentence: str
    trend_sentence: str
    # How sure are we? The statistics behind the plain words, shown one click away.
    baseline_certainty: str
    trend_certainty: str

    def as_row(self) -> dict[str, Any]:
        return asdict(self)


def assess(
    indicator: Indicator,
    area_id: str,
    area_name: str,
    points: list[Point],
    comparator_id: str | None = None,
    comparator_name: str | None = None,
    comparator_points: list[Point] | None = None,
    events: Events = NO_EVENTS,
    began: date | None = None,
) -> Assessment:
    """Assess one indicator in one area. `points` are in period order; `began`: when an area that
    began after the plan started (a sub-area) has its own figures from."""
    latest = points[-1] if points else None
    baseline = next((p for p in points if p.period == indicator.baseline_period), None)
    comparator_latest = None
    if latest is not None and comparator_points:
        comparator_latest = next((p for p in comparator_points if p.period == latest.period), None)
    vs_baseline, baseline_tested = compare_with_baseline(latest, baseline, indicator)
    made_up = _made_up_against_real(latest, baseline)
    series_break = _break_since_baseline(indicator, area_id, latest, baseline, events) or made_up
    if series_break and vs_baseline != "no-figures-since-baseline":
        vs_baseline, baseline_tested = ("not-compared-made-up" if series_break == made_up else "not-compared"), False
    late = _began_after_baseline(indicator, latest, baseline, began)
    if late:
        vs_baseline = "not-compared-began-later"
    vs_comparator, comparator_tested = compare_with_comparator(latest, comparator_latest, indicator)
    vs_target = compare_with_target(latest, indicator)
    trend = recent_trend(points, indicator, area_id, events)
    change = None
    comparable = latest is not None and baseline is not None and latest.period != baseline.period
    if comparable and latest.has_value and baseline.has_value and not series_break:  # type: ignore[union-attr]
        change = latest.value - baseline.value  # type: ignore[operator,union-attr]
    return Assessment(
        indicator_id=indicator.id,
        area_id=area_id,
        latest_period=latest.period if latest else None,
        latest_value=latest.value if latest and latest.has_value else None,
        latest_suppressed=bool(latest and latest.suppressed),
        baseline_period=indicator.baseline_period,
        baseline_value=baseline.value if baseline and baseline.has_value else None,
        change=change,
        vs_baseline=vs_baseline,
        vs_baseline_tested=baseline_tested,
        comparator_id=comparator_id,
        comparator_value=comparator_latest.value if comparator_latest and comparator_latest.has_value else None,
        vs_comparator=vs_comparator,
        vs_target=vs_target,
        trend=trend.status,
        trend_from=trend.used[0].period if trend.used else None,
        trend_to=trend.used[-1].period if trend.used else None,
        latest_status=latest.status if latest else None,
        baseline_status=baseline.status if baseline else None,
        baseline_sentence=late.format(area=area_name)
        if late
        else baseline_sentence(indicator, area_name, latest, baseline, vs_baseline, series_break),
        comparator_sentence=comparator_sentence(
            indicator, area_name, comparator_name, latest, comparator_latest, vs_comparator, comparator_tested
        ),
        target_sentence=target_sentence(indicator, vs_target),
        trend_sentence=trend_sentence(trend),
        baseline_certainty=""
        if late or series_break
        else baseline_certainty(latest, baseline, vs_baseline, baseline_tested),
        trend_certainty=trend_certainty(trend),
    )


def _began_after_baseline(
    indicator: Indicator, latest: Point | None, baseline: Point | None, began: date | None
) -> str:
    """Why an area that began after the baseline has no change to show, or "" (it has a baseline figure after all:
    one made from its wards or schools)."""
    if began is None or latest is None or latest.suppressed or baseline is not None:
        return ""
    if FREQUENCIES[indicator.frequency].default_end(indicator.baseline_period) >= began:
        return ""
    return (
        f"{{area}}: {latest.shown(indicator)} in {latest.period}. {{area}} has its own figures for this indicator "
        f"only from {began:%B %Y}, after the {indicator.baseline_period} baseline, so no change since the plan "
        "started can be assessed."
    )


def _made_up_against_real(latest: Point | None, baseline: Point | None) -> str | None:
    """A made-up figure is never compared with a real one: the change would mean nothing."""
    if latest is None or baseline is None or latest.period == baseline.period or not one_made_up(latest, baseline):
        return None
    return "One of these is illustrative and the other real,"


def _break_since_baseline(
    indicator: Indicator, area_id: str, latest: Point | None, baseline: Point | None, events: Events
) -> str | None:
    """'The series changed after the baseline (<event>, <month year>),' or None."""
    if latest is None or baseline is None or latest.midpoint is None or baseline.midpoint is None:
        return None
    event = events.break_between(indicator.id, area_id, baseline.midpoint, latest.midpoint)
    if event is None:
        return None
    return (
        f"The series changed after the baseline ({event.title}, {event.date:%B %Y}): {event.description.rstrip('.')},"
    )
