"""Each assessment in plain English: the sentences pages, downloads and the briefing pack show."""

from __future__ import annotations

from indicators.assess.compare import compare_with_comparator
from indicators.assess.points import ESTIMATED, Point, either_estimated
from indicators.assess.trends import Trend
from indicators.catalogue import Indicator
from indicators.formatting import format_value


def baseline_sentence(
    indicator: Indicator,
    area_name: str,
    latest: Point | None,
    baseline: Point | None,
    status: str,
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
    verdict = PLAIN_VERDICTS.get(status, "")
    return f"{now}, {movement}{': ' + verdict if verdict else ''}."


# Plain words first: the page says "better", and how sure we are is one click away (`baseline_certainty`).
PLAIN_VERDICTS = {
    "better": "better",
    "worse": "worse",
    "higher": "higher",
    "lower": "lower",
    "no-significant-change": "about the same",
}
BIGGER_THAN_CHANCE = (
    "bigger than chance alone would explain (95% confidence), so it is unlikely to be a fluke of small numbers"
)
COULD_BE_CHANCE = "small enough that it could be chance: in a locality, a few children more or fewer move the figure"
ESTIMATED_NOT_CHECKED = "an estimated figure's counts rest on an assumption, so only the direction is given"
NO_COUNTS_NOT_CHECKED = "the published figure has no counts, so only the direction is given"


def baseline_certainty(latest: Point | None, baseline: Point | None, status: str, tested: bool) -> str:
    """How sure are we of the change since the baseline? The statistics, said on demand."""
    if latest is None or baseline is None or status not in PLAIN_VERDICTS:
        return ""
    if not tested:
        why = ESTIMATED_NOT_CHECKED if ESTIMATED in (latest.status, baseline.status) else NO_COUNTS_NOT_CHECKED
        return f"Since the plan started: not checked against chance, because {why}."
    if status == "no-significant-change":
        return f"Since the plan started: the change is {COULD_BE_CHANCE}."
    return f"Since the plan started: the change is {BIGGER_THAN_CHANCE}."


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
    if status == "not-compared-made-up" and area is not None and comparator is not None:
        made_up = area_name if area.status == "illustrative" else comparator_name
        return (
            f"No comparison with {comparator_name}: {made_up}'s figure is made up (illustrative) and the other is "
            "real, so any verdict between them would be made up too."
        )
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
    return f"In {area.period}, {area_name} is {words}."


def comparator_certainty(
    area_name: str, comparator_name: str | None, area: Point | None, comparator: Point | None, status: str, tested: bool
) -> str:
    """How sure are we of the comparison? The statistics, said on demand."""
    if comparator_name is None or area is None or comparator is None or status not in COMPARISON_WORDS:
        return ""
    if not tested:
        why = (
            ESTIMATED_NOT_CHECKED + ", and part of the gap may be how it was made"
            if either_estimated(area, comparator)
            else NO_COUNTS_NOT_CHECKED
        )
        return f"Against {comparator_name}: not checked against chance, because {why}."
    if status == "similar":
        return (
            f"Against {comparator_name}: {comparator_name}'s figure lies within the range {area_name}'s could take by "
            "chance (95% confidence), so the two are called similar."
        )
    return f"Against {comparator_name}: the gap is {BIGGER_THAN_CHANCE}."


COMPARISON_WORDS = {"similar", "better", "worse", "higher", "lower"}


def compare_latest(
    indicator: Indicator,
    area_name: str,
    points: list[Point],
    comparator_name: str,
    comparator_points: list[Point],
) -> str:
    """The comparator sentence for a comparator chosen on the page (not the stored default)."""
    return compare_latest_with_status(indicator, area_name, points, comparator_name, comparator_points)[1]


def compare_latest_with_status(
    indicator: Indicator, area_name: str, points: list[Point], comparator_name: str, comparator_points: list[Point]
) -> tuple[str, str]:
    """The verdict against a comparator and its sentence (Copy summary says both comparators where they disagree)."""
    status, sentence, _ = compare_latest_in_full(indicator, area_name, points, comparator_name, comparator_points)
    return status, sentence


def compare_latest_in_full(
    indicator: Indicator, area_name: str, points: list[Point], comparator_name: str, comparator_points: list[Point]
) -> tuple[str, str, str]:
    """The verdict against a comparator, its sentence and how sure we are of it."""
    latest = points[-1] if points else None
    other = next((p for p in comparator_points if latest is not None and p.period == latest.period), None)
    status, tested = compare_with_comparator(latest, other, indicator)
    sentence = comparator_sentence(indicator, area_name, comparator_name, latest, other, status, tested)
    return status, sentence, comparator_certainty(area_name, comparator_name, latest, other, status, tested)


def target_sentence(indicator: Indicator, status: str) -> str:
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
        "no-significant-change": f"Over the {len(trend.used)} comparable periods {span}, it has not risen or fallen steadily.",
    }
    if trend.status in words:
        return words[trend.status]
    way = "rose" if trend.used[-1].value > trend.used[0].value else "fell"  # type: ignore[operator]
    return (
        f"From {trend.used[0].period} to {trend.used[-1].period} it {way} overall, but not steadily in one direction "
        "up to the latest figure, so no trend is claimed."
    )


def trend_certainty(trend: Trend) -> str:
    """How sure are we of the trend? Only a rise or fall bigger than chance is called a trend."""
    if not trend.used:
        return ""
    return (
        "Recent trend: a trend is claimed only when the rise or fall over these periods is bigger than chance alone "
        "would explain (95% confidence, the test Fingertips uses)."
    )
