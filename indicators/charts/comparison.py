"""The comparison chart: every locality (or council) for one period, and the same in words."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from indicators.catalogue import Indicator
from indicators.charts.style import AREA_COLOUR, COMPARATOR_COLOUR, apply_layout, hover_text, vertical_line
from indicators.formatting import format_value, status_mark


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
            hovertext=[hover_text(r, indicator) for _, r in rows.iterrows()],
            hoverinfo="text",
            name=indicator.title,
        )
    )
    if reference is not None and pd.notna(reference["value"]):
        figure.update_layout(  # as a plain dict: add_vline revalidates the whole layout
            shapes=[vertical_line(reference["value"], dict(color=COMPARATOR_COLOUR, dash="dash", width=2))],
            annotations=[
                dict(
                    x=reference["value"],
                    y=1,
                    yref="paper",
                    yanchor="bottom",
                    showarrow=False,
                    text=f"{reference['area_name']} {format_value(reference['value'], indicator)}",
                )
            ],
        )
    figure = apply_layout(figure, title, indicator, height=max(300, 48 * len(rows) + 120))
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
