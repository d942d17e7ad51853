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

import math
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from indicators.catalogue import Indicator
from indicators.events import Events
from indicators.formatting import format_value, is_missing, status_mark
from indicators.stats import (
    TREND_CONFIDENCE,
    chi_squared_trend,
    proportion_difference_ci,
    rate_difference_ci,
    significance,
    trend_is_significant,
)

TREND_POINTS = 5
NO_EVENTS = Events((), {})

# Every status an assessment can have, with the words and symbol the pages show.
# Colour is only ever an extra: the label and symbol carry the meaning.
STATUS_LABELS = {
    "better": ("Better", "▲"),
    "worse": ("Worse", "▼"),
    "similar": ("Similar", "●"),
    "higher": ("Higher", "△"),
    "lower": ("Lower", "▽"),
    "no-significant-change": ("No significant change", "●"),
    "met": ("Target met", "✔"),
    "not-met": ("Target not met", "✖"),
    "getting-better": ("Getting better", "▲"),
    "getting-worse": ("Getting worse", "▼"),
    "increasing": ("Increasing", "△"),
    "decreasing": ("Decreasing", "▽"),
    "no-clear-trend": ("No clear trend", "◇"),
    "no-figures-since-baseline": ("No figures since the plan started yet", "–"),
    "not-compared": ("Not compared", "–"),
}
TREND_WORDS = f"the last {TREND_POINTS} comparable periods, tested at the {TREND_CONFIDENCE:.1%} level"


@dataclass(frozen=True)
class Point:
    """One published (already suppressed) figure."""

    period: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    lower_ci: float | None = None
    upper_ci: float | None = None
    suppressed: bool = False
    midpoint: date | None = None  # the middle of the period: which side of a series break it falls
    status: str = "published"  # published, local or illustrative

    def shown(self, indicator: Indicator) -> str:
        """The figure in words with its status when it is not published: '418 (illustrative)'."""
        return format_value(self.value, indicator) + status_mark(self.status)

    @property
    def has_value(self) -> bool:
        return not self.suppressed and self.value is not None and not math.isnan(self.value)

    @property
    def has_counts(self) -> bool:
        return self.has_value and _known(self.numerator) and (_known(self.denominator) or self.denominator is None)


def _known(x: float | None) -> bool:
    return not is_missing(x)


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

    def as_row(self) -> dict[str, Any]:
        return asdict(self)


def _judge(direction: int, indicator: Indicator) -> str:
    """Turn +1 (higher) / -1 (lower) into better/worse by polarity."""
    if indicator.polarity == "no-judgement":
        return "higher" if direction > 0 else "lower"
    good = 1 if indicator.polarity == "higher-is-better" else -1
    return "better" if direction == good else "worse"


def _difference_significance(latest: Point, earlier: Point, indicator: Indicator) -> int | None:
    """+1/-1/0 if the change is / is not significant; None if it cannot be tested."""
    if not (latest.has_counts and earlier.has_counts):
        return None
    if indicator.unit == "percentage" and latest.denominator and earlier.denominator:
        limits = proportion_difference_ci(latest.numerator, latest.denominator, earlier.numerator, earlier.denominator)  # type: ignore[arg-type]
    elif indicator.unit in {"rate", "count"}:
        limits = rate_difference_ci(
            latest.numerator,  # type: ignore[arg-type]
            latest.denominator or 1,
            earlier.numerator,  # type: ignore[arg-type]
            earlier.denominator or 1,
        )
    else:
        return None
    return significance(limits)


def compare_with_baseline(latest: Point | None, baseline: Point | None, indicator: Indicator) -> tuple[str, bool]:
    """(status, whether significance was tested)."""
    if latest is not None and baseline is not None and latest.period == baseline.period:
        return "no-figures-since-baseline", False
    if latest is None or baseline is None or not latest.has_value or not baseline.has_value:
        return "not-compared", False
    tested = _difference_significance(latest, baseline, indicator)
    if tested is None:
        if latest.value == baseline.value:
            return "not-compared", False
        return _judge(1 if latest.value > baseline.value else -1, indicator), False  # type: ignore[operator]
    if tested == 0:
        return "no-significant-change", True
    return _judge(tested, indicator), True


def made_alike(one: Point, other: Point) -> bool:
    """False for an estimate (school percentages weighted by pupils on roll) beside a published
    figure: made differently, their gap may be the method, so only the direction is given."""
    return (one.status == "estimated") == (other.status == "estimated")


def compare_with_comparator(area: Point | None, comparator: Point | None, indicator: Indicator) -> tuple[str, bool]:
    """Fingertips' rule: similar when the comparator lies inside the area's 95% interval."""
    if indicator.unit == "count":
        return "not-compared", False  # a locality's count and Dorset's differ by size, not by how well they do
    if area is None or comparator is None or not area.has_value or not comparator.has_value:
        return "not-compared", False
    lower, upper = area.lower_ci, area.upper_ci
    if made_alike(area, comparator) and _known(lower) and _known(upper):
        if lower <= comparator.value <= upper:  # type: ignore[operator]
            return "similar", True
        return _judge(1 if area.value > comparator.value else -1, indicator), True  # type: ignore[operator]
    if area.value == comparator.value:
        return "similar", False
    return _judge(1 if area.value > comparator.value else -1, indicator), False  # type: ignore[operator]


def compare_with_target(latest: Point | None, indicator: Indicator) -> str:
    if indicator.target is None or latest is None or not latest.has_value:
        return "not-compared"
    if indicator.polarity == "lower-is-better":
        return "met" if latest.value <= indicator.target else "not-met"  # type: ignore[operator]
    return "met" if latest.value >= indicator.target else "not-met"  # type: ignore[operator]


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


def recent_trend(
    points: list[Point], indicator: Indicator, area_id: str = "", events: Events = NO_EVENTS
) -> Trend:
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
    return Trend("getting-better" if _judge(direction, indicator) == "better" else "getting-worse", recent)


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


# --- sentences -------------------------------------------------------------------------


def _baseline_sentence(
    indicator: Indicator,
    area_name: str,
    latest: Point | None,
    baseline: Point | None,
    status: str,
    tested: bool,
    series_break: str | None,
) -> str:
    if latest is None:
        return f"{area_name}: no figures yet."
    if latest.suppressed:
        return f"{area_name}: the latest figure ({latest.period}) is withheld because the number of children is small."
    now = f"{area_name}: {latest.shown(indicator)} in {latest.period}"
    if status == "no-figures-since-baseline":
        return f"{now}, the baseline. There are no figures since the plan started yet; later ones will be compared with it."
    if baseline is None or not baseline.has_value:
        reason = "withheld (small number)" if baseline is not None and baseline.suppressed else "not available"
        return f"{now}. The {indicator.baseline_period} baseline figure is {reason}, so no change can be assessed."
    then = f"{baseline.shown(indicator)} in {baseline.period} (the baseline)"
    if series_break:
        return f"{now}; {then}. {series_break} so the two are not compared."
    way = "up" if latest.value > baseline.value else "down" if latest.value < baseline.value else "unchanged"  # type: ignore[operator]
    movement = f"{way} from {then}" if way != "unchanged" else f"the same as {then}"
    if not tested:
        verdict = {"better": "better", "worse": "worse", "higher": "higher", "lower": "lower"}.get(status, "")
        note = "not tested for significance, as the published figure has no counts"
        return f"{now}, {movement}: {verdict + ', ' if verdict else ''}{note}."
    verdict = {
        "better": "significantly better",
        "worse": "significantly worse",
        "higher": "significantly higher",
        "lower": "significantly lower",
        "no-significant-change": "no significant change",
    }[status]
    return f"{now}, {movement}: {verdict}."


def comparator_sentence(
    indicator: Indicator,
    area_name: str,
    comparator_name: str | None,
    area: Point | None,
    comparator: Point | None,
    status: str,
    tested: bool,
) -> str:
    """One sentence comparing the area's latest figure with a comparator's for the same period."""
    if comparator_name is None:
        return ""
    if status == "not-compared" or comparator is None or area is None:
        reason = " (counts are not compared between areas of different sizes)" if indicator.unit == "count" else ""
        return f"No comparison with {comparator_name} for the latest period{reason}."
    value = comparator.shown(indicator)
    words = {
        "similar": f"similar to {comparator_name} ({value})",
        "better": f"better than {comparator_name} ({value})",
        "worse": f"worse than {comparator_name} ({value})",
        "higher": f"higher than {comparator_name} ({value})",
        "lower": f"lower than {comparator_name} ({value})",
    }[status]
    if tested:
        return f"In {area.period}, {area_name} is {words}, allowing for chance."
    if not made_alike(area, comparator):
        return (
            f"In {area.period}, {area_name} is {words}; not tested, because one figure is estimated "
            "and the other published, so part of the gap may be how they were made."
        )
    return f"In {area.period}, {area_name} is {words}; not tested for significance."


def compare_latest(
    indicator: Indicator,
    area_name: str,
    points: list[Point],
    comparator_name: str,
    comparator_points: list[Point],
) -> str:
    """The comparator sentence for a comparator chosen on the page (not the stored default)."""
    latest = points[-1] if points else None
    other = next((p for p in comparator_points if latest is not None and p.period == latest.period), None)
    status, tested = compare_with_comparator(latest, other, indicator)
    return comparator_sentence(indicator, area_name, comparator_name, latest, other, status, tested)


def _target_sentence(indicator: Indicator, status: str) -> str:
    if indicator.target is None:
        return ""
    target = format_value(indicator.target, indicator)
    if status == "met":
        return f"The target of {target} is met."
    if status == "not-met":
        return f"The target of {target} is not yet met."
    return f"The target is {target}."


def trend_sentence(trend: Trend) -> str:
    """The recent trend in words, naming the periods it used."""
    if not trend.used:
        return f"No recent trend is given: {trend.reason}." if trend.reason else ""
    span = f"from {trend.used[0].period} to {trend.used[-1].period}"
    words = {
        "getting-better": f"Over the {len(trend.used)} comparable periods {span}, it has been getting better.",
        "getting-worse": f"Over the {len(trend.used)} comparable periods {span}, it has been getting worse.",
        "increasing": f"Over the {len(trend.used)} comparable periods {span}, it has been increasing.",
        "decreasing": f"Over the {len(trend.used)} comparable periods {span}, it has been decreasing.",
        "no-significant-change": f"Over the {len(trend.used)} comparable periods {span} there is no significant trend.",
    }
    if trend.status in words:
        return words[trend.status]
    way = "rose" if trend.used[-1].value > trend.used[0].value else "fell"  # type: ignore[operator]
    return (
        f"From {trend.used[0].period} to {trend.used[-1].period} it {way} overall, but not steadily in one direction "
        "up to the latest figure, so no trend is claimed."
    )


def assess(
    indicator: Indicator,
    area_id: str,
    area_name: str,
    points: list[Point],
    comparator_id: str | None = None,
    comparator_name: str | None = None,
    comparator_points: list[Point] | None = None,
    events: Events = NO_EVENTS,
) -> Assessment:
    """Assess one indicator in one area. `points` are in period order."""
    latest = points[-1] if points else None
    baseline = next((p for p in points if p.period == indicator.baseline_period), None)
    comparator_latest = None
    if latest is not None and comparator_points:
        comparator_latest = next((p for p in comparator_points if p.period == latest.period), None)
    vs_baseline, baseline_tested = compare_with_baseline(latest, baseline, indicator)
    series_break = _break_since_baseline(indicator, area_id, latest, baseline, events) or _made_up_against_real(
        latest, baseline
    )
    if series_break and vs_baseline != "no-figures-since-baseline":
        vs_baseline, baseline_tested = "not-compared", False
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
        baseline_sentence=_baseline_sentence(
            indicator, area_name, latest, baseline, vs_baseline, baseline_tested, series_break
        ),
        comparator_sentence=comparator_sentence(
            indicator, area_name, comparator_name, latest, comparator_latest, vs_comparator, comparator_tested
        ),
        target_sentence=_target_sentence(indicator, vs_target),
        trend_sentence=trend_sentence(trend),
    )


def _made_up_against_real(latest: Point | None, baseline: Point | None) -> str | None:
    """A made-up figure is never compared with a real one: the change would mean nothing."""
    if latest is None or baseline is None or latest.period == baseline.period:
        return None
    if (latest.status == "illustrative") == (baseline.status == "illustrative"):
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
    return f"The series changed after the baseline ({event.title}, {event.date:%B %Y}): {event.description.rstrip('.')},"
