"""Each chart with its words, table and download, built once per warehouse version.

Building a Plotly figure is the costliest thing a page does (Plotly validates every
property), so the finished parts are kept once per version (ui/memo.py). They are shared
read-only between sessions: every session is handed the same objects, never a copy.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from indicators.catalogue import Catalogue, default_catalogue
from indicators.charts import (
    FundedPeriod,
    comparison_figure,
    comparison_summary,
    funded_in_words,
    funded_periods_for,
    locality_map,
    trend_figure,
    trend_summary,
)
from indicators.events import default_events
from indicators.exports import chart_table, to_safe_csv
from indicators.formatting import slug, status_mark
from indicators.project_outcomes import Movement
from indicators.project_outcomes import project_movements as outcomes_for
from indicators.verdicts import NO_FIGURES, status_text
from ui import data
from ui.memo import shared
from ui.state import ALL_DORSET

COUNCIL_TYPES = ["local-authority", "statistical-neighbour", "region"]


class FinishedFigure(go.Figure):
    """A cached figure that is never changed again, so its dict is made once.

    st.plotly_chart asks every figure for `to_dict()` on every page run, a deep copy that took
    1.6 ms for a trend chart and 13 ms for the map (of the 0.3 ms and 1.2 ms the JSON then takes).
    """

    _finished: dict | None = None

    def to_dict(self) -> dict:
        if self._finished is None:
            self._finished = super().to_dict()
        return self._finished


def finished(figure: go.Figure) -> FinishedFigure:
    """`figure`, from now on read-only: what the caches below hand to every session."""
    figure.__class__ = FinishedFigure  # the same object: no second validation of every property
    return figure  # type: ignore[return-value]


@dataclass(frozen=True)
class ChartParts:
    figure: go.Figure
    summary: str
    table: pd.DataFrame
    csv: bytes
    file_name: str
    title: str  # what the chart shows, for its table's caption


def _parts(figure: go.Figure, summary: str, rows: pd.DataFrame, indicator_id: str, *name: str) -> ChartParts:
    table = chart_table(rows, default_catalogue().indicators[indicator_id])
    title = str(figure.layout.title.text or default_catalogue().indicators[indicator_id].title)
    return ChartParts(finished(figure), summary, table, to_safe_csv(table), f"{slug(indicator_id, *name)}.csv", title)


def trend_lines(indicator_id: str, locality: str, comparator: str) -> tuple[str, ...]:
    """Which areas the trend chart draws: the area, its comparator and England where published."""
    indicator = default_catalogue().indicators[indicator_id]
    if indicator.unit == "count":
        return (locality,)  # counts for areas of different sizes do not belong on one scale
    england = ["england"] if "england" in indicator.comparators else []
    return tuple(dict.fromkeys([locality, comparator, *england]))


def funded_periods(version_key: data.Version, indicator_id: str, area_id: str) -> tuple[FundedPeriod, ...]:
    return funded_periods_for(data.projects(version_key, area_id), indicator_id)


@shared(max_entries=512)
def trend(version_key: data.Version, indicator_id: str, lines: tuple[str, ...]) -> ChartParts | None:
    series = data.series(version_key, indicator_id, lines)
    if series.empty:
        return None
    indicator = default_catalogue().indicators[indicator_id]
    funded = funded_periods(version_key, indicator_id, lines[0])
    summary = " ".join(
        filter(None, [trend_summary(series, indicator, list(lines), default_events()), funded_in_words(funded)])
    )
    return _parts(
        trend_figure(series, indicator, list(lines), default_events(), funded),
        summary,
        series,
        indicator_id,
        "trend",
        lines[0],
    )


def _comparison(
    version_key: data.Version,
    indicator_id: str,
    area_types: list[str],
    reference_id: str,
    title: str,
    highlight: str,
    name: str,
) -> ChartParts | None:
    """Bars for one period: the areas of `area_types` against the reference area's figure."""
    period = data.latest_period(version_key, indicator_id, area_types[0])
    if period is None:
        return None
    snapshot = data.period_snapshot(version_key, indicator_id, period)
    shown = snapshot[snapshot["area_type"].isin(area_types)]
    reference = snapshot[snapshot["area_id"] == reference_id]
    indicator = default_catalogue().indicators[indicator_id]
    figure = comparison_figure(
        shown, indicator, reference.iloc[0] if len(reference) else None, f"{title}, {period}", highlight=highlight
    )
    summary = comparison_summary(shown, indicator, period)
    return _parts(figure, summary, pd.concat([shown, reference]), indicator_id, name, period)


@shared(max_entries=512)
def localities(version_key: data.Version, indicator_id: str, highlight: str) -> ChartParts | None:
    return _comparison(version_key, indicator_id, ["locality"], ALL_DORSET, "All localities", highlight, "localities")


@shared(max_entries=128)
def councils(version_key: data.Version, indicator_id: str) -> ChartParts | None:
    return _comparison(
        version_key, indicator_id, COUNCIL_TYPES, "england", "Dorset and similar councils", ALL_DORSET, "councils"
    )


@shared(max_entries=128)
def locality_map_figure(
    version_key: data.Version, indicator_id: str, sub_areas: bool = False
) -> tuple[go.Figure, dict[str, str]]:
    """The six localities coloured by one indicator's status since the baseline, and each in words.

    sub_areas: Weymouth and Portland drawn in place of Chesil (when one of them is chosen).
    """
    from indicators.areas import default_areas

    areas = default_areas()
    localities = [a for a in areas.localities if not sub_areas or a.id != "chesil"]
    if sub_areas:
        localities += areas.of_type("sub-locality")
    assessed = data.assessments(version_key)
    rows = assessed[assessed["indicator_id"] == indicator_id].set_index("area_id")
    statuses = {a.id: str(rows.loc[a.id, "vs_baseline"]) if a.id in rows.index else NO_FIGURES for a in localities}
    marks = {a.id: status_mark(rows.loc[a.id, "latest_status"]) if a.id in rows.index else "" for a in localities}
    names = {a.id: a.name for a in localities}
    title = f"{default_catalogue().indicators[indicator_id].title}: since the plan started"
    words = {a: status_text(statuses[a]) + marks[a] for a in statuses}
    return finished(locality_map(data.locality_boundaries(version_key), statuses, names, title, marks)), words


def summary_comparisons(version_key: data.Version, indicator_id: str, area_id: str, chosen: str) -> list[str]:
    """For Copy summary: the chosen comparator's sentence, and the other's too where the two point different ways."""
    first = comparison(version_key, indicator_id, area_id, chosen)
    if first is None:
        return []
    other_id = "england" if chosen != "england" else "dorset"
    other = comparison(version_key, indicator_id, area_id, other_id) if other_id != area_id else None
    judged = {"better", "worse", "higher", "lower", "similar"}
    disagree = other is not None and first[0] in judged and other[0] in judged and first[0] != other[0]
    return [first[1], other[1]] if disagree else [first[1]]


def comparison_sentence(version_key: data.Version, indicator_id: str, area_id: str, comparator_id: str) -> str | None:
    """The latest figure against the comparator chosen on the page, in one sentence (None: nothing to say)."""
    found = comparison(version_key, indicator_id, area_id, comparator_id)
    return found[1] if found else None


def comparison_certainty(version_key: data.Version, indicator_id: str, area_id: str, comparator_id: str) -> str:
    """How sure we are of that comparison ("" when nothing was compared)."""
    found = comparison(version_key, indicator_id, area_id, comparator_id)
    return found[2] if found else ""


@shared(max_entries=512)
def comparison(
    version_key: data.Version, indicator_id: str, area_id: str, comparator_id: str
) -> tuple[str, str, str] | None:
    """The verdict against a comparator, its sentence and how sure we are of it (None: nothing to say)."""
    from indicators.areas import default_areas
    from indicators.assess import compare_latest_in_full as compare_latest
    from indicators.publish import points_by_indicator_and_area

    if comparator_id == area_id:
        return None
    catalogue, areas = default_catalogue(), default_areas()
    series = data.series(version_key, indicator_id, (area_id, comparator_id))
    points = points_by_indicator_and_area(series, catalogue).get(indicator_id, {})
    if area_id not in points:
        return None
    return compare_latest(
        catalogue.indicators[indicator_id],
        areas[area_id].name,
        points[area_id],
        areas[comparator_id].name,
        points.get(comparator_id, []),
    )


def project_movements(version_key: data.Version, project: pd.Series, catalogue: Catalogue) -> list[Movement]:
    """How the figures a funded project aims at moved in its locality (indicators/project_outcomes.py)."""
    from indicators.areas import default_areas

    names = {a.id: a.name for a in default_areas().by_id.values()}
    return outcomes_for(project, catalogue, names, lambda i, a: data.series(version_key, i, (a,)))
