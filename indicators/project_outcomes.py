"""Did the figures a funded project aims at move? Before and after, in one sentence each.

What the LAGs asked for "to measure if we are making a difference": for each project and
each indicator it aims at (the dashboard team's judgement, beside the minutes), the figure
for the last period that ended before the funding began and the first that began after it
ended (or the latest, if none has yet), and whether the change is more than chance, with
the same statistics as every other verdict. It can never show that the project caused it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from indicators.assess import Point, compare_with_baseline
from indicators.assess.points import one_made_up
from indicators.assess.sentences import PLAIN_VERDICTS
from indicators.catalogue import Catalogue, Indicator
from indicators.periods import FREQUENCIES
from indicators.publish import points_by_indicator_and_area

CANNOT_SHOW_CAUSE = (
    "A change in a figure cannot show that a project caused it: other things changed too, and a project reaches "
    "only some of the children counted."
)
MADE_UP = "These figures are made up (illustrative), so they say nothing about the real project."


@dataclass(frozen=True)
class Movement:
    indicator: Indicator
    sentence: str
    made_up: bool


def aimed_indicators(project: pd.Series, catalogue: Catalogue) -> list[Indicator]:
    """The indicators a project aims at that this reader may see, in the order given."""
    ids = project["indicators"] if isinstance(project["indicators"], str) else ""
    return [catalogue.indicators[i] for i in ids.split(",") if i in catalogue.indicators]


def funded_span(project: pd.Series) -> tuple[date, date | None]:
    """(start, end) of the funded period; where the minutes give none, from the decision on (end None)."""
    if pd.notna(project["funded_from"]):
        return pd.Timestamp(project["funded_from"]).date(), pd.Timestamp(project["funded_to"]).date()
    return pd.Timestamp(project["decided_on"]).date(), None


def before_and_after(
    points: list[Point], indicator: Indicator, start: date, end: date | None
) -> tuple[Point | None, Point | None]:
    """The last figure for a period ending before `start`, and the first for a period beginning after
    `end` (or, where none has been published yet, or there is no end, the latest since `start`)."""
    frequency = FREQUENCIES[indicator.frequency]
    bounds = [(p, *frequency.bounds(p.period)) for p in points]
    before = next((p for p, _, last in reversed(bounds) if last < start), None)
    after = next((p for p, first, _ in bounds if end is not None and first > end), None)
    if after is None:
        after = next((p for p, _, last in reversed(bounds) if last >= start), None)
    return before, after


def movement(project: pd.Series, indicator: Indicator, area_name: str, points: list[Point]) -> Movement:
    """How one indicator moved in the project's locality from before to after its funded period."""
    start, end = funded_span(project)
    before, after = before_and_after(points, indicator, start, end)
    when = (
        f"the funding ({start:%B %Y} to {end:%B %Y})"
        if end
        else f"the decision ({start:%B %Y}; no funded period is minuted)"
    )
    made_up = any(p is not None and p.status == "illustrative" for p in (before, after))
    if before is None or after is None:
        missing = "before" if before is None else "since"
        return Movement(indicator, f"{indicator.title}, {area_name}: no figure yet from {missing} {when}.", made_up)
    if before.suppressed or after.suppressed:
        return Movement(
            indicator,
            f"{indicator.title}, {area_name}: a figure {('before' if before.suppressed else 'since')} {when} is "
            "withheld (small number), so no change is given.",
            made_up,
        )
    after_words = _after_words(FREQUENCIES[indicator.frequency].bounds(after.period)[0], end)
    text = (
        f"{indicator.title}, {area_name}: {before.shown(indicator)} in {before.period}, before {when}; "
        f"{after.shown(indicator)} in {after.period}, {after_words}{_verdict(before, after, indicator)}."
    )
    return Movement(indicator, text, made_up)


def _after_words(after_begins: date, end: date | None) -> str:
    if end is None:
        return "the latest"
    if after_begins > end:
        return "after it"
    return "the latest, partly during it (no figure for a period after it yet)"


def _verdict(before: Point, after: Point, indicator: Indicator) -> str:
    if one_made_up(before, after):
        return " (one figure is made up and the other real, so they are not compared)"
    status, tested = compare_with_baseline(after, before, indicator)
    words = PLAIN_VERDICTS.get(status)
    if words is None:
        return ""
    if status == "no-significant-change":
        return ": about the same (the change could be chance)"
    return f": {words}" + ("" if tested else " (direction only)")


SeriesFor = Callable[[str, str], pd.DataFrame]  # (indicator id, area id) -> its published rows


def project_movements(
    project: pd.Series, catalogue: Catalogue, area_names: dict[str, str], series_for: SeriesFor
) -> list[Movement]:
    """One Movement per indicator the project aims at, in its own locality."""
    area_id = project["locality"]
    found = []
    for indicator in aimed_indicators(project, catalogue):
        rows = series_for(indicator.id, area_id)
        points = points_by_indicator_and_area(rows, catalogue).get(indicator.id, {}).get(area_id, [])
        found.append(movement(project, indicator, area_names.get(area_id, area_id), points))
    return found


def caveats(movements: list[Movement]) -> str:
    """What every before-and-after must say, and that made-up figures say nothing."""
    return CANNOT_SHOW_CAUSE + (f" {MADE_UP}" if any(m.made_up for m in movements) else "")
