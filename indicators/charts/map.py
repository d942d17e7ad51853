"""The locality map: areas as filled outlines coloured by verdict, labelled inside themselves,
and clickable anywhere (a grid of see-through points)."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from indicators.charts.geometry import click_points, outer_rings, place_labels, simplify
from indicators.charts.style import FONT
from indicators.verdicts import status_text, verdict


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
    _add_outlines(figure, boundaries, ids, statuses)
    words = {i: f"{names[i]}: {status_text(statuses.get(i, 'not-compared'))}{(marks or {}).get(i, '')}" for i in ids}
    _add_click_targets(figure, boundaries, ids, words, names)
    _add_labels(figure, boundaries, ids, {i: f"{names[i]} {verdict(statuses.get(i)).symbol}" for i in ids})
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


def _add_outlines(figure: go.Figure, boundaries: dict, ids: list[str], statuses: dict[str, str]) -> None:
    """Each area filled with its verdict's colour, one legend entry per verdict."""
    shown_in_legend: set[str] = set()
    for feature in boundaries["features"]:
        area_id = feature["id"]
        if area_id not in ids:
            continue
        status = statuses.get(area_id, "not-compared")
        for ring in outer_rings(feature["geometry"]):
            ring = simplify(ring, 0.0007)  # about 50 m: finer than a pixel at this size, a third of the points
            figure.add_trace(
                go.Scatter(
                    # Arrays, not lists: Plotly copies a figure on every page run, and an array copies at once.
                    x=np.array([p[0] for p in ring]),
                    y=np.array([p[1] for p in ring]),
                    fill="toself",
                    fillcolor=verdict(status).colour,
                    line=dict(color="#0b0c0c", width=1.2),
                    mode="lines",
                    name=status_text(status),
                    legendgroup=status,
                    showlegend=status not in shown_in_legend,
                    hoverinfo="skip",
                )
            )
            shown_in_legend.add(status)


def _add_click_targets(
    figure: go.Figure, boundaries: dict, ids: list[str], words: dict[str, str], names: dict[str, str]
) -> None:
    """One see-through trace of points per area, its words said once, not once per point."""
    clickable = click_points(boundaries, ids)
    for area_id in ids:
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


def _add_labels(figure: go.Figure, boundaries: dict, ids: list[str], short: dict[str, str]) -> None:
    """On the map: the name and the verdict's symbol (the legend says what each means; the words under
    the map and the hover give the verdict in full). Short labels fit small areas; where one does not
    fit inside its area it sits outside with a line to it."""
    labels, callouts = place_labels(boundaries, ids, short)
    for area_id, ((x, y), (to_x, to_y)) in callouts.items():
        figure.add_annotation(
            x=to_x,
            y=to_y,
            ax=x,
            ay=y,
            axref="x",
            ayref="y",
            text=f"<b>{short[area_id]}</b>",
            showarrow=True,
            arrowhead=0,
            arrowwidth=1.2,
            arrowcolor="#0b0c0c",
            font=dict(size=13, color="#0b0c0c"),
            bgcolor="white",
        )
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
