"""What every chart shares: the palette (Okabe-Ito, told apart with the common kinds of colour
blindness), line styles that differ by dash and marker too, the font, the layout and the hover text."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from indicators.catalogue import Indicator
from indicators.formatting import format_value, status_mark

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


def apply_layout(figure: go.Figure, title: str, indicator: Indicator, height: int = 380) -> go.Figure:
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
        yaxis=dict(
            title_text=indicator.axis_title,
            gridcolor="#DDDDDD",
            rangemode="tozero",
            zeroline=True,
            zerolinecolor="#BBBBBB",
        ),
        xaxis=dict(gridcolor="#F3F2F1"),
    )
    return figure


def hover_text(row: pd.Series, indicator: Indicator) -> str:
    value = format_value(row["value"], indicator, bool(row["suppressed"]))
    text = f"{row['area_name']}, {row['period']}: {value}{status_mark(row.get('data_status'))}"
    if not row["suppressed"] and pd.notna(row.get("lower_ci")) and pd.notna(row.get("upper_ci")):
        text += (
            f"<br>95% range: {format_value(row['lower_ci'], indicator)} to {format_value(row['upper_ci'], indicator)}"
        )
    if row.get("data_status") == "illustrative":
        text += "<br>Illustrative: made up for demonstration, not a real figure"
    return text


def vertical_line(x: float, line: dict) -> dict:
    """A vertical line across the plot at category position x."""
    return dict(type="line", xref="x", x0=x, x1=x, yref="paper", y0=0, y1=1, line=line)
