"""Which way a series is going: the chi-squared test for trend over the last comparable periods, as Fingertips does."""

from __future__ import annotations

from dataclasses import dataclass

from indicators.assess.compare import judge
from indicators.assess.points import Point
from indicators.catalogue import Indicator
from indicators.events import Events
from indicators.stats import TREND_CONFIDENCE, chi_squared_trend, trend_is_significant

TREND_POINTS = 5
NO_EVENTS = Events((), {})
TREND_WORDS = f"the last {TREND_POINTS} comparable periods, tested at the {TREND_CONFIDENCE:.1%} level"


@dataclass(frozen=True)
class Trend:
    status: str
    used: tuple[Point, ...]  # the comparable periods the test used (empty when none was done)
    reason: str = ""  # why no trend is given, when none is


def comparable_points(points: list[Point], indicator: Indicator, area_id: str, events: Events) -> list[Point]:
    """Shown figures after the latest series break, leaving out periods that stand apart."""
    shown = [p for p in points if p.has_value]
    if not shown:
        return []
    latest_middle = shown[-1].midpoint
    cut = events.latest_break(indicator.id, area_id, latest_middle) if latest_middle else None
    return [
        p
        for p in shown
        if (cut is None or (p.midpoint is not None and p.midpoint >= cut.date))
        and events.why_not_comparable(indicator.id, p.period) is None
    ]


def recent_trend(points: list[Point], indicator: Indicator, area_id: str = "", events: Events = NO_EVENTS) -> Trend:
    """Trend over the last five comparable points, tested at 99.8% as Fingertips does."""
    comparable = comparable_points(points, indicator, area_id, events)
    if comparable:  # made-up and real figures are never one trend
        made_up = comparable[-1].status == "illustrative"
        comparable = [p for p in comparable if (p.status == "illustrative") == made_up]
    recent = tuple(comparable[-TREND_POINTS:])
    kind = "proportion" if indicator.unit == "percentage" else "rate" if indicator.unit in {"rate", "count"} else None
    if kind is None:
        return Trend("not-compared", (), "no trend test exists for this kind of figure")
    if len(recent) < TREND_POINTS:
        return Trend("not-compared", (), f"a trend needs {TREND_POINTS} comparable periods and there are {len(recent)}")
    if not all(p.has_counts for p in recent):
        return Trend("not-compared", (), "the published figures have no counts to test")
    if any(p.status == "estimated" for p in recent):
        return Trend(
            "not-compared", (), "the figures are estimated, so their counts rest on an assumption, not on chance"
        )
    result = chi_squared_trend(
        [p.numerator for p in recent],  # type: ignore[misc]
        [p.denominator or 1 for p in recent],
        kind,
    )
    if result is None:
        return Trend("not-compared", (), "the counts are too small to test")
    statistic, direction = result
    if not trend_is_significant(statistic) or direction == 0:
        return Trend("no-significant-change", recent)
    overall = _sign(recent[-1].value - recent[0].value)  # type: ignore[operator]
    last_step = _sign(recent[-1].value - recent[-2].value)  # type: ignore[operator]
    if overall != direction or last_step == -direction:
        return Trend("no-clear-trend", recent)
    if indicator.polarity == "no-judgement":
        return Trend("increasing" if direction > 0 else "decreasing", recent)
    return Trend("getting-better" if judge(direction, indicator) == "better" else "getting-worse", recent)


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)
