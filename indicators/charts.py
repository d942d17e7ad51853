"""Chart builders: pure functions from published rows to Plotly figures and their text.

Every chart has a plain-English text alternative built from the same rows, so a
screen-reader user gets the same facts. Colours come from the Okabe-Ito palette,
which stays distinguishable with the common kinds of colour blindness, and lines
also differ by dash and marker so colour is never the only signal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from indicators.catalogue import Indicator
from indicators.events import Events
from indicators.formatting import format_value, status_mark
from indicators.periods import FREQUENCIES, periods_between
from indicators.verdicts import STATUS_COLOURS, STATUS_LABELS

# Okabe & Ito (2008) colour-blind-safe palette.
AREA_COLOUR = "#0072B2"  # blue: the area being looked at
COMPARATOR_COLOUR = "#D55E00"  # vermillion
THIRD_COLOUR = "#009E73"  # bluish green
NEUTRAL = "#6F777B"
LINE_STYLES = [
    (AREA_COLOUR, "solid", "circle"),
    (COMPARATOR_COLOUR, "dash", "square"),
    (THIRD_COLOUR, "dot", "diamond"),
]
FONT = dict(family="Arial, Helvetica, sans-serif", size=14, color="#0b0c0c")


def status_text(status: str) -> str:
    """'▲ Better': the symbol and the word, so colour is never needed. One vocabulary everywhere."""
    label, symbol = STATUS_LABELS.get(status, STATUS_LABELS["not-compared"])
    return f"{symbol} {label}"


def _layout(figure: go.Figure, title: str, indicator: Indicator, height: int = 380) -> go.Figure:
    # One update_layout call: each call validates the whole layout again, and they add up.
    figure.update_layout(
        title=dict(text=title, font=dict(size=16)),
        font=FONT,
        height=height,
        margin=dict(l=10, r=10, t=60, b=10),
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend=dict(orientation="h", yanchor="bottom", y=-0.35, xanchor="left", x=0),
        hoverlabel=dict(font_size=14),
        yaxis=dict(title_text=indicator.axis_title, gridcolor="#DDDDDD", rangemode="tozero", zeroline=True,
                   zerolinecolor="#BBBBBB"),
        xaxis=dict(gridcolor="#F3F2F1"),
    )  # fmt: skip
    return figure


def _hover(row: pd.Series, indicator: Indicator) -> str:
    value = format_value(row["value"], indicator, bool(row["suppressed"]))
    text = f"{row['area_name']}, {row['period']}: {value}{status_mark(row.get('data_status'))}"
    if not row["suppressed"] and pd.notna(row.get("lower_ci")) and pd.notna(row.get("upper_ci")):
        text += (
            f"<br>95% range: {format_value(row['lower_ci'], indicator)} to {format_value(row['upper_ci'], indicator)}"
        )
    if row.get("data_status") == "illustrative":
        text += "<br>Illustrative: made up for demonstration, not a real figure"
    return text


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
        x=xs, y=averages, name=f"{name}, 12-month average", mode="lines", line=dict(color=colour, width=2, dash="dot"),
        hovertext=[f"{name}: 12-month average {v:.1f} to {x}" if v is not None else "" for x, v in zip(xs, averages, strict=True)],
        hoverinfo="text", connectgaps=False,
    )  # fmt: skip


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
    for (colour, dash, marker), area_id in zip(LINE_STYLES, area_ids, strict=False):
        rows = series[series["area_id"] == area_id].sort_values("period_end_date")
        if rows.empty:
            continue
        xs, ys, behind = _line_points(rows, indicator, area_id, events)
        # Monthly series (about 90 points) are unreadable with an interval on every point: points and a
        # 12-month average line instead; each month's interval stays in its hover and the table.
        monthly = indicator.frequency == "monthly"
        has_limits = [not monthly and r is not None and pd.notna(r["lower_ci"]) and pd.notna(r["upper_ci"]) for r in behind]
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                name=rows["area_name"].iloc[0] + _status_words(rows["data_status"]),
                mode="lines+markers",
                line=dict(color=colour, dash=dash, width=3),
                marker=dict(
                    symbol=[
                        f"{marker}-open" if r is not None and r["data_status"] == "illustrative" else marker
                        for r in behind
                    ],
                    size=5 if monthly else 9,
                ),
                error_y=dict(
                    type="data",
                    symmetric=False,
                    array=[
                        r["upper_ci"] - r["value"] if ok else None for r, ok in zip(behind, has_limits, strict=True)
                    ],
                    arrayminus=[
                        r["value"] - r["lower_ci"] if ok else None for r, ok in zip(behind, has_limits, strict=True)
                    ],
                    color=colour,
                    thickness=1.5,
                    width=4,
                ),
                hovertext=["" if r is None else _hover(r, indicator) for r in behind],
                hoverinfo="text",
                connectgaps=False,
            )
        )
        if monthly:
            figure.add_trace(_rolling_year(xs, ys, rows["area_name"].iloc[0] + _status_words(rows["data_status"]), colour))
    # Lines and notes go in as plain layout dicts, all at once: Plotly's add_vline and
    # add_annotation validate the whole layout on every call (a third of a page's run).
    shapes, notes = _mark_events(periods, indicator, area_ids, events)
    for shape, note in _shade_funded(periods, indicator, funded):
        shapes.append(shape)
        notes.append(note)
    if indicator.baseline_period in periods:
        # The category's position, not its label: a label such as '2022' would be read as the number 2022.
        at = periods.index(indicator.baseline_period)
        shapes.append(_vline(at, dict(color=NEUTRAL, dash="dot", width=2)))
        notes.append(dict(x=at, y=1, yref="paper", text="Baseline", showarrow=False, yanchor="bottom",
                          font=dict(color="#0b0c0c")))  # fmt: skip
    if indicator.target is not None:
        shapes.append(dict(type="line", xref="paper", x0=0, x1=1, yref="y", y0=indicator.target, y1=indicator.target,
                           line=dict(color="#0b0c0c", dash="longdash", width=2)))  # fmt: skip
        notes.append(dict(xref="paper", x=0, y=indicator.target, yref="y", text=f"Target {format_value(indicator.target, indicator)}",
                          showarrow=False, xanchor="left", yanchor="bottom"))  # fmt: skip
    figure.update_layout(shapes=shapes, annotations=notes)
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=periods, title_text="Period")
    # Always a legend, even for one line: it is where "(illustrative)" is said beside the line.
    figure.update_layout(showlegend=True)
    return _layout(figure, f"{indicator.title}: trend", indicator)


def _vline(x: float, line: dict) -> dict:
    """A vertical line across the plot at category position x."""
    return dict(type="line", xref="x", x0=x, x1=x, yref="paper", y0=0, y1=1, line=line)


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
        shapes.append(_vline(after - 0.5, dict(color=NEUTRAL, dash="dash" if event.breaks_series else "dot", width=1)))
        label = f"{event.title}{' (series break)' if event.breaks_series else ''}"
        notes.append(dict(
            x=after - 0.5, y=0, yref="paper", text=label, showarrow=False, textangle=-90,
            xanchor="right", yanchor="bottom", font=dict(size=11, color="#0b0c0c"),
        ))  # fmt: skip
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
        band = dict(type="rect", xref="x", x0=inside[0] - 0.45, x1=inside[-1] + 0.45, yref="paper", y0=0, y1=1,
                    fillcolor="#F0E442", opacity=0.35, line_width=0, layer="below")  # fmt: skip
        note = dict(x=inside[0] - 0.45, xref="x", y=1, yref="paper", text=f"LAG-funded: {project.label}",
                    showarrow=False, xanchor="left", yanchor="top", font=dict(size=11))  # fmt: skip
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


def comparison_figure(
    snapshot: pd.DataFrame, indicator: Indicator, reference: pd.Series | None, title: str, highlight: str | None = None
) -> go.Figure:
    """Horizontal bars for one period, with 95% intervals and a reference line (Dorset or England)."""
    rows = snapshot.sort_values("value", ascending=True, na_position="first")
    labels = [
        f"{name} (withheld)" if hidden else f"{name}{status_mark(status)}"
        for name, hidden, status in zip(rows["area_name"], rows["suppressed"], rows["data_status"], strict=True)
    ]
    colours = [AREA_COLOUR if area == highlight else "#7FB4D9" for area in rows["area_id"]]
    has_limits = rows["lower_ci"].notna() & rows["upper_ci"].notna()
    figure = go.Figure(
        go.Bar(
            x=rows["value"],
            y=labels,
            orientation="h",
            marker=dict(
                color=colours,
                line=dict(color="#0b0c0c", width=[2 if a == highlight else 0 for a in rows["area_id"]]),
                # Hatched: illustrative (the label says so in words too).
                pattern=dict(
                    shape=["/" if s == "illustrative" else "" for s in rows["data_status"]], fgcolor="#0b0c0c"
                ),
            ),
            error_x=dict(
                type="data",
                symmetric=False,
                array=(rows["upper_ci"] - rows["value"]).where(has_limits),
                arrayminus=(rows["value"] - rows["lower_ci"]).where(has_limits),
                color="#0b0c0c",
                thickness=1.5,
            ),
            hovertext=[_hover(r, indicator) for _, r in rows.iterrows()],
            hoverinfo="text",
            name=indicator.title,
        )
    )
    if reference is not None and pd.notna(reference["value"]):
        figure.update_layout(  # as a plain dict: add_vline revalidates the whole layout
            shapes=[_vline(reference["value"], dict(color=COMPARATOR_COLOUR, dash="dash", width=2))],
            annotations=[dict(x=reference["value"], y=1, yref="paper", yanchor="bottom", showarrow=False,
                              text=f"{reference['area_name']} {format_value(reference['value'], indicator)}")],
        )  # fmt: skip
    figure = _layout(figure, title, indicator, height=max(300, 48 * len(rows) + 120))
    figure.update_xaxes(title_text=indicator.axis_title, rangemode="tozero")
    figure.update_yaxes(title_text=None)
    figure.update_layout(showlegend=False)
    return figure


def comparison_summary(snapshot: pd.DataFrame, indicator: Indicator, period: str) -> str:
    shown = snapshot[~snapshot["suppressed"] & snapshot["value"].notna()].sort_values("value")
    if shown.empty:
        return f"No figures can be shown for {period}."
    low, high = shown.iloc[0], shown.iloc[-1]
    withheld = list(snapshot.loc[snapshot["suppressed"], "area_name"])

    def figure_of(row: pd.Series) -> str:
        return f"{row['area_name']} ({format_value(row['value'], indicator)}{status_mark(row['data_status'])})"

    text = f"In {period}, the lowest figure is {figure_of(low)} and the highest is {figure_of(high)}."
    illustrative = list(shown.loc[shown["data_status"] == "illustrative", "area_name"])
    if illustrative:
        text += f" Illustrative (made up, not real): {', '.join(illustrative)}."
    if withheld:
        text += f" Withheld because the numbers are small: {', '.join(withheld)}."
    return text


def locality_map(
    boundaries: dict, statuses: dict[str, str], names: dict[str, str], title: str, marks: dict[str, str] | None = None
) -> go.Figure:
    """The areas in `names` as filled outlines on plain axes (no map tiles or downloads needed).

    Each is coloured by status and labelled, inside itself, with its name and status in
    words. Clicking anywhere on an area chooses it: a grid of see-through points covers
    each area (Plotly reports clicks on points, not on filled shapes). Pass Weymouth and
    Portland in `names` instead of Chesil to draw them.
    """
    ids = [f["id"] for f in boundaries["features"] if f["id"] in names]
    figure = go.Figure()
    shown_in_legend: set[str] = set()
    for feature in boundaries["features"]:
        area_id = feature["id"]
        if area_id not in ids:
            continue
        status = statuses.get(area_id, "not-compared")
        for ring in _outer_rings(feature["geometry"]):
            ring = simplify(ring, 0.0007)  # about 50 m: finer than a pixel at this size, a third of the points
            figure.add_trace(
                go.Scatter(
                    # Arrays, not lists: Plotly copies a figure on every page run, and an array copies at once.
                    x=np.array([p[0] for p in ring]),
                    y=np.array([p[1] for p in ring]),
                    fill="toself",
                    fillcolor=STATUS_COLOURS.get(status, "#FFFFFF"),
                    line=dict(color="#0b0c0c", width=1.2),
                    mode="lines",
                    name=status_text(status),
                    legendgroup=status,
                    showlegend=status not in shown_in_legend,
                    hoverinfo="skip",
                )
            )
            shown_in_legend.add(status)
    words = {i: f"{names[i]}: {status_text(statuses.get(i, 'not-compared'))}{(marks or {}).get(i, '')}" for i in ids}
    clickable = click_points(boundaries, ids)
    for area_id in ids:  # one see-through trace per area: its words said once, not once per point
        points = clickable.get(area_id, [])
        figure.add_trace(
            go.Scatter(
                x=np.array([p[0] for p in points]),
                y=np.array([p[1] for p in points]),
                mode="markers",
                marker=dict(size=18, color="rgba(0,0,0,0)"),
                customdata=np.array([area_id] * len(points)),
                hovertemplate=f"{words[area_id]}. Click to choose {names[area_id]}.<extra></extra>",
                showlegend=False,
                name="click to choose",
            )
        )
    # On the map: the name and the verdict's symbol (the legend says what each means; the
    # words under the map and the hover give the verdict in full). Short labels fit small areas.
    short = {
        i: f"{names[i]} {STATUS_LABELS.get(statuses.get(i, 'not-compared'), STATUS_LABELS['not-compared'])[1]}"
        for i in ids
    }
    labels, callouts = place_labels(boundaries, ids, short)
    for area_id, ((x, y), (to_x, to_y)) in callouts.items():
        figure.add_annotation(
            x=to_x, y=to_y, ax=x, ay=y, axref="x", ayref="y", text=f"<b>{short[area_id]}</b>",
            showarrow=True, arrowhead=0, arrowwidth=1.2, arrowcolor="#0b0c0c", font=dict(size=13, color="#0b0c0c"),
            bgcolor="white",
        )  # fmt: skip
    figure.add_trace(
        go.Scatter(
            x=[labels[i][0] for i in labels],
            y=[labels[i][1] for i in labels],
            mode="text",
            text=[f"<b>{short[i]}</b>" for i in labels],
            textposition="middle center",
            textfont=dict(size=13, color="#0b0c0c"),
            hoverinfo="skip",
            showlegend=False,
            name="labels",
        )
    )
    # Longitude degrees are shorter than latitude degrees at 50.7°N: keep Dorset's true shape.
    figure.update_yaxes(visible=False, scaleanchor="x", scaleratio=1 / math.cos(math.radians(50.75)))
    figure.update_xaxes(visible=False)
    figure.update_layout(
        title=dict(text=title, font=dict(size=16)),
        font=FONT,
        height=560,
        margin=dict(l=0, r=0, t=50, b=0),
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend=dict(orientation="h", yanchor="top", y=0, x=0, title_text="Since the plan started: "),
        dragmode=False,
    )
    return figure


def _outer_rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [polygon[0] for polygon in geometry["coordinates"]]


# A label's size in degrees on the map as drawn (Dorset's 1.5 degrees across about 450 pixels):
# 13 px bold type is about 0.023 degrees a character across and 0.05 degrees high.
LABEL_CHAR_WIDTH, LABEL_HEIGHT = 0.023, 0.05


def label_boxes(
    points: dict[str, tuple[float, float]], texts: dict[str, str]
) -> dict[str, tuple[float, float, float, float]]:
    """(left, bottom, right, top) of each label centred on its point."""
    boxes = {}
    for area_id, (x, y) in points.items():
        half_width = LABEL_CHAR_WIDTH * len(texts[area_id]) / 2
        boxes[area_id] = (x - half_width, y - LABEL_HEIGHT / 2, x + half_width, y + LABEL_HEIGHT / 2)
    return boxes


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(
    boundaries: dict, ids: list[str], texts: dict[str, str]
) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[tuple[float, float], tuple[float, float]]]]:
    """Where each label goes: inside its area where it fits without touching another label,
    otherwise in the sea below the coast with a line to the area (Weymouth, Portland).

    Returns (inside: id -> point, callouts: id -> (label point, point in the area)).
    """
    features = {f["id"]: f for f in boundaries["features"] if f["id"] in ids}
    candidates = {i: _label_candidates(features[i]) for i in ids}
    anchors = {i: points[0] for i, points in candidates.items()}
    rings = {i: _outer_rings(f["geometry"]) for i, f in features.items()}
    inside: dict[str, tuple[float, float]] = {}
    for area_id in sorted(ids, key=lambda i: -len(candidates[i])):  # big areas first: they have room
        for point in candidates[area_id][:300]:
            box = label_boxes({area_id: point}, texts)[area_id]
            middle = (box[1] + box[3]) / 2  # the text's ends on its middle line must land inside
            fits = all(any(_inside(x, middle, ring) for ring in rings[area_id]) for x in (box[0], box[2]))
            if fits and not any(_overlap(box, other) for other in label_boxes(inside, texts).values()):
                inside[area_id] = point
                break
    callouts: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {}
    bottom = min(y for rs in rings.values() for ring in rs for _, y in ring) - LABEL_HEIGHT
    for area_id in sorted((i for i in ids if i not in inside), key=lambda i: anchors[i][0]):
        x = anchors[area_id][0]
        taken = label_boxes({k: v[0] for k, v in callouts.items()}, texts)
        while True:
            box = label_boxes({area_id: (x, bottom)}, texts)[area_id]
            if not any(_overlap(box, other) for other in taken.values()):
                break
            x += LABEL_CHAR_WIDTH * 2
        callouts[area_id] = ((x, bottom), anchors[area_id])
    return inside, callouts


def simplify(ring: list[list[float]], tolerance: float) -> list[list[float]]:
    """Douglas-Peucker: the ring with the points that move it by less than `tolerance` left out."""
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = ring[first][:2], ring[last][:2]
        length = math.hypot(x2 - x1, y2 - y1)
        farthest, distance = None, tolerance
        for k in range(first + 1, last):
            x, y = ring[k][:2]
            # From the line through the ends; from the point itself where they meet (a closed ring).
            d = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length if length else math.hypot(x - x1, y - y1)
            if d > distance:
                farthest, distance = k, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(ring, keep, strict=True) if kept]


def _inside(x: float, y: float, ring: list[list[float]]) -> bool:
    """Ray casting: is (x, y) inside the ring?"""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _distance_to_edge(x: float, y: float, ring: list[list[float]]) -> float:
    """Distance from (x, y) to the ring's nearest vertex: enough to keep a label off the edge."""
    return min(math.hypot(x - px, y - py) for px, py in ring[:: max(len(ring) // 400, 1)])


def click_points(boundaries: dict, ids: list[str], step: float = 0.02) -> dict[str, list[tuple[float, float]]]:
    """Where a click chooses each area: a grid inside it and points along its outline, so thin
    parts (Chesil Beach, the harbour shore) answer a click too."""
    found = inner_points(boundaries, ids, step)
    for feature in boundaries["features"]:
        if feature["id"] not in ids:
            continue
        points = found[feature["id"]]
        for ring in _outer_rings(feature["geometry"]):
            last = None
            for px, py in ring:
                if last is None or abs(px - last[0]) + abs(py - last[1]) > step:
                    points.append((px, py))
                    last = (px, py)
    return found


def inner_points(boundaries: dict, ids: list[str], step: float = 0.02) -> dict[str, list[tuple[float, float]]]:
    """A grid of points inside each area (about 1.5 km apart, 7 to 11 pixels on the map as drawn, each
    marker 18 pixels across): clicking anywhere on an area lands on one."""
    return {
        f["id"]: [point for ring in _outer_rings(f["geometry"]) for point in _grid_inside(ring, step)]
        for f in boundaries["features"]
        if f["id"] in ids
    }


def _grid_inside(ring: list[list[float]], step: float) -> list[tuple[float, float]]:
    """The points of a grid `step` apart that fall inside the ring."""
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    points = []
    x = min(xs) + step / 2
    while x < max(xs):
        y = min(ys) + step / 2
        while y < max(ys):
            if _inside(x, y, ring):
                points.append((x, y))
            y += step
        x += step
    return points


def _label_candidates(feature: dict) -> list[tuple[float, float]]:
    """Points inside an area, those farthest from the edge of their part first."""
    scored = [
        (_distance_to_edge(x, y, ring), (x, y))
        for ring in _outer_rings(feature["geometry"])
        for x, y in _grid_inside(ring, step=0.008)
    ]
    if not scored:  # an area too small for the grid: the middle of its largest part
        ring = max(_outer_rings(feature["geometry"]), key=len)
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return [((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)]
    return [point for _, point in sorted(scored, reverse=True)]
