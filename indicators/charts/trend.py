"""The trend chart: an area's figures over time beside its comparators, with the baseline, the
target, events and funded periods marked, and the same facts in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from indicators.catalogue import Indicator
from indicators.charts.style import LINE_STYLES, NEUTRAL, apply_layout, hover_text, vertical_line
from indicators.events import Events
from indicators.formatting import format_value, status_mark
from indicators.periods import FREQUENCIES, periods_between


def _axis_periods(series: pd.DataFrame, indicator: Indicator) -> list[str]:
    """Every period from the first to the last shown, so a missing year is a gap, not a squeeze."""
    periods = list(dict.fromkeys(series.sort_values("period_end_date")["period"]))
    return periods_between(indicator.frequency, periods[0], periods[-1]) or periods


def _line_points(
    rows: pd.DataFrame, indicator: Indicator, area_id: str, events: Events
) -> tuple[list[str], list[float | None], list[pd.Series | None]]:
    """x, y and the row behind each point, with a gap (None) wherever the line must not be joined:
    across a missing period, a declared series break, or around a period that stands apart."""
    xs: list[str] = []
    ys: list[float | None] = []
    behind: list[pd.Series | None] = []
    previous = None
    for _, row in rows.iterrows():
        middle = FREQUENCIES[indicator.frequency].midpoint(row["period"])
        apart = events.why_not_comparable(indicator.id, row["period"]) is not None
        if previous is not None and (
            apart
            or previous[1]
            or events.break_between(indicator.id, area_id, previous[0], middle) is not None
            or not _consecutive(indicator, previous[2], row["period"])
        ):
            xs.append(row["period"])
            ys.append(None)
            behind.append(None)
        xs.append(row["period"])
        ys.append(None if row["suppressed"] or pd.isna(row["value"]) else float(row["value"]))
        behind.append(row)
        previous = (middle, apart, row["period"])
    return xs, ys, behind


ROLLING_MONTHS = 12


def _rolling_year(xs: list, ys: list, name: str, colour: str) -> go.Scatter:
    """The average of the last 12 months, drawn only where all 12 are shown (a withheld or missing month
    leaves a gap, so no hidden month can be worked out from the average)."""
    averages = []
    for end in range(len(ys)):
        window = ys[max(0, end - ROLLING_MONTHS + 1) : end + 1]
        whole = end >= ROLLING_MONTHS - 1 and all(v is not None for v in window)
        averages.append(sum(window) / ROLLING_MONTHS if whole else None)
    return go.Scatter(
        x=xs,
        y=averages,
        name=f"{name}, 12-month average",
        mode="lines",
        line=dict(color=colour, width=2, dash="dot"),
        hovertext=[
            f"{name}: 12-month average {v:.1f} to {x}" if v is not None else ""
            for x, v in zip(xs, averages, strict=True)
        ],
        hoverinfo="text",
        connectgaps=False,
    )


def _consecutive(indicator: Indicator, earlier: str, later: str) -> bool:
    between = periods_between(indicator.frequency, earlier, later)
    return between is None or len(between) <= 2


def _status_words(statuses: pd.Series) -> str:
    """What a legend entry says about the figures' status: nothing when all are published."""
    if (statuses == "illustrative").all():
        return " (illustrative)"
    if (statuses == "illustrative").any():
        return " (hollow markers: illustrative)"
    return ""


@dataclass(frozen=True)
class FundedPeriod:
    """A LAG-funded project's period, drawn as a shaded band on the charts of the indicators it targets."""

    label: str  # "Attendance family worker (£20,000)"
    start: date
    end: date
    note: str = ""  # e.g. "assumed: the 2023/24 school year"


def trend_figure(
    series: pd.DataFrame,
    indicator: Indicator,
    area_ids: list[str],
    events: Events | None = None,
    funded: tuple[FundedPeriod, ...] = (),
) -> go.Figure:
    """One line per area over time, with 95% intervals, the baseline marked and the target drawn.

    Missing periods are gaps, lines are not joined across declared breaks, declared events
    are marked, and an illustrative figure has a hollow marker and says so in its label and hover.
    """
    events = events or Events((), {})
    figure = go.Figure()
    periods = _axis_periods(series, indicator)
    for style, area_id in zip(LINE_STYLES, area_ids, strict=False):
        rows = series[series["area_id"] == area_id].sort_values("period_end_date")
        if not rows.empty:
            _add_area_line(figure, rows, indicator, area_id, events, style)
    # Lines and notes go in as plain layout dicts, all at once: Plotly's add_vline and
    # add_annotation validate the whole layout on every call (a third of a page's run).
    shapes, notes = _mark_events(periods, indicator, area_ids, events)
    for shape, note in [*_shade_funded(periods, indicator, funded), *_baseline_and_target(periods, indicator)]:
        shapes.append(shape)
        notes.append(note)
    figure.update_layout(shapes=shapes, annotations=notes)
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=periods, title_text="Period")
    # Always a legend, even for one line: it is where "(illustrative)" is said beside the line.
    figure.update_layout(showlegend=True)
    return apply_layout(figure, f"{indicator.title}: trend", indicator)


def _add_area_line(
    figure: go.Figure,
    rows: pd.DataFrame,
    indicator: Indicator,
    area_id: str,
    events: Events,
    style: tuple[str, str, str],
) -> None:
    """One area's line: its points with 95% intervals (a hollow marker where made up), gaps where missing."""
    colour, dash, marker = style
    xs, ys, behind = _line_points(rows, indicator, area_id, events)
    # Monthly series (about 90 points) are unreadable with an interval on every point: points and a
    # 12-month average line instead; each month's interval stays in its hover and the table.
    monthly = indicator.frequency == "monthly"
    has_limits = [not monthly and r is not None and pd.notna(r["lower_ci"]) and pd.notna(r["upper_ci"]) for r in behind]
    name = rows["area_name"].iloc[0] + _status_words(rows["data_status"])
    figure.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            name=name,
            mode="lines+markers",
            line=dict(color=colour, dash=dash, width=3),
            marker=dict(
                symbol=[
                    f"{marker}-open" if r is not None and r["data_status"] == "illustrative" else marker for r in behind
                ],
                size=5 if monthly else 9,
            ),
            error_y=dict(
                type="data",
                symmetric=False,
                array=[r["upper_ci"] - r["value"] if ok else None for r, ok in zip(behind, has_limits, strict=True)],
                arrayminus=[
                    r["value"] - r["lower_ci"] if ok else None for r, ok in zip(behind, has_limits, strict=True)
                ],
                color=colour,
                thickness=1.5,
                width=4,
            ),
            hovertext=["" if r is None else hover_text(r, indicator) for r in behind],
            hoverinfo="text",
            connectgaps=False,
        )
    )
    if monthly:
        figure.add_trace(_rolling_year(xs, ys, name, colour))


def _baseline_and_target(periods: list[str], indicator: Indicator) -> list[tuple[dict, dict]]:
    """The baseline as a dotted line at its period and the target as a dashed level, each with its note."""
    marks = []
    if indicator.baseline_period in periods:
        # The category's position, not its label: a label such as '2022' would be read as the number 2022.
        at = periods.index(indicator.baseline_period)
        marks.append(
            (
                vertical_line(at, dict(color=NEUTRAL, dash="dot", width=2)),
                dict(
                    x=at,
                    y=1,
                    yref="paper",
                    text="Baseline",
                    showarrow=False,
                    yanchor="bottom",
                    font=dict(color="#0b0c0c"),
                ),
            )
        )
    if indicator.target is not None:
        marks.append(
            (
                dict(
                    type="line",
                    xref="paper",
                    x0=0,
                    x1=1,
                    yref="y",
                    y0=indicator.target,
                    y1=indicator.target,
                    line=dict(color="#0b0c0c", dash="longdash", width=2),
                ),
                dict(
                    xref="paper",
                    x=0,
                    y=indicator.target,
                    yref="y",
                    text=f"Target {format_value(indicator.target, indicator)}",
                    showarrow=False,
                    xanchor="left",
                    yanchor="bottom",
                ),
            )
        )
    return marks


def _mark_events(
    periods: list[str], indicator: Indicator, area_ids: list[str], events: Events
) -> tuple[list[dict], list[dict]]:
    """A thin line before the first period that starts on or after each event, with its title."""
    frequency = FREQUENCIES[indicator.frequency]
    middles = [frequency.midpoint(p) for p in periods]
    shapes, notes = [], []
    for event in events.for_chart(indicator.id, area_ids):
        after = next((k for k, middle in enumerate(middles) if middle >= event.date), None)
        if after is None or after == 0:
            continue
        shapes.append(
            vertical_line(after - 0.5, dict(color=NEUTRAL, dash="dash" if event.breaks_series else "dot", width=1))
        )
        label = f"{event.title}{' (series break)' if event.breaks_series else ''}"
        notes.append(
            dict(
                x=after - 0.5,
                y=0,
                yref="paper",
                text=label,
                showarrow=False,
                textangle=-90,
                xanchor="right",
                yanchor="bottom",
                font=dict(size=11, color="#0b0c0c"),
            )
        )
    return shapes, notes


def _shade_funded(
    periods: list[str], indicator: Indicator, funded: tuple[FundedPeriod, ...]
) -> list[tuple[dict, dict]]:
    """A pale band over each funded period, with its note: (shape, annotation) pairs."""
    middles = [FREQUENCIES[indicator.frequency].midpoint(p) for p in periods]
    bands = []
    for project in funded:
        inside = [k for k, middle in enumerate(middles) if project.start <= middle <= project.end]
        if not inside:
            continue
        band = dict(
            type="rect",
            xref="x",
            x0=inside[0] - 0.45,
            x1=inside[-1] + 0.45,
            yref="paper",
            y0=0,
            y1=1,
            fillcolor="#F0E442",
            opacity=0.35,
            line_width=0,
            layer="below",
        )
        note = dict(
            x=inside[0] - 0.45,
            xref="x",
            y=1,
            yref="paper",
            text=f"LAG-funded: {project.label}",
            showarrow=False,
            xanchor="left",
            yanchor="top",
            font=dict(size=11),
        )
        bands.append((band, note))
    return bands


def funded_periods_for(projects: pd.DataFrame, indicator_id: str) -> tuple[FundedPeriod, ...]:
    """Agreed projects (of one locality) that aim at this indicator and have a funding period."""
    if projects.empty:
        return ()
    aimed = projects[
        (projects["decision"] == "agreed")
        & projects["funded_from"].notna()
        & projects["indicators"].fillna("").str.split(",").map(lambda ids: indicator_id in ids)
    ]
    return tuple(
        FundedPeriod(
            f"{p.purpose.split(' for ')[0]} (£{p.amount_gbp:,.0f})",
            pd.Timestamp(p.funded_from).date(),
            pd.Timestamp(p.funded_to).date(),
            p.period_note or "",
        )
        for p in aimed.itertuples()
    )


def funded_in_words(funded: tuple[FundedPeriod, ...]) -> str:
    if not funded:
        return ""
    return (
        "The shaded band marks LAG-funded work aimed at this indicator: "
        + "; ".join(
            f"{p.label}, {p.start:%B %Y} to {p.end:%B %Y}{' (' + p.note + ')' if p.note else ''}" for p in funded
        )
        + "."
    )


def trend_summary(series: pd.DataFrame, indicator: Indicator, area_ids: list[str], events: Events | None = None) -> str:
    """The chart's facts in words: for each line the baseline, the latest, the way it moved and its extremes."""
    events = events or Events((), {})
    parts = [_line_in_words(series[series["area_id"] == a].sort_values("period_end_date"), indicator) for a in area_ids]
    parts = [p for p in parts if p]
    breaks = [e for e in events.for_chart(indicator.id, area_ids) if e.breaks_series]
    if breaks:
        parts.append(
            "Lines are not joined across these breaks, as figures either side are not comparable: "
            + "; ".join(f"{e.title} ({e.date:%B %Y})" for e in breaks)
            + "."
        )
    apart = [p for p in dict.fromkeys(series["period"]) if events.why_not_comparable(indicator.id, p)]
    if apart:
        parts.append(f"{', '.join(apart)} stand apart: {events.why_not_comparable(indicator.id, apart[0])}")
    if indicator.target is not None:
        parts.append(f"The target is {format_value(indicator.target, indicator)}.")
    parts.append(f"The dotted line marks the {indicator.baseline_period} baseline.")
    return " ".join(parts)


def _line_in_words(rows: pd.DataFrame, indicator: Indicator) -> str:
    if rows.empty:
        return ""
    name = rows["area_name"].iloc[0]
    shown = rows[~rows["suppressed"] & rows["value"].notna()]
    if shown.empty:
        return f"{name}: every figure is withheld because the numbers are small."

    def figure_in(row: pd.Series) -> str:
        return f"{format_value(row['value'], indicator)}{status_mark(row['data_status'])} in {row['period']}"

    latest = shown.iloc[-1]
    words = [f"{name}: {figure_in(latest)} (latest)"]
    baseline = shown[shown["period"] == indicator.baseline_period]
    if not baseline.empty and baseline.iloc[0]["period"] != latest["period"]:
        then = baseline.iloc[0]
        way = "up" if latest["value"] > then["value"] else "down" if latest["value"] < then["value"] else "unchanged"
        words.append(f"{way} from {figure_in(then)} (the baseline)")
    elif baseline.empty:
        words.append(f"no figure for the {indicator.baseline_period} baseline")
    if len(shown) > 2:
        high, low = shown.loc[shown["value"].idxmax()], shown.loc[shown["value"].idxmin()]
        words.append(f"highest {figure_in(high)}, lowest {figure_in(low)}")
    withheld = int(rows["suppressed"].sum())
    if withheld:
        words.append(f"{withheld} period{'s' if withheld > 1 else ''} withheld as small numbers")
    return "; ".join(words) + "."
