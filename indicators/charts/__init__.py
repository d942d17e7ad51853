"""Chart builders: pure functions from published rows to Plotly figures and their text.

Every chart has a plain-English text alternative built from the same rows, so a
screen-reader user gets the same facts. Colours come from the Okabe-Ito palette,
which stays distinguishable with the common kinds of colour blindness, and lines
also differ by dash and marker so colour is never the only signal.
"""

from indicators.charts.comparison import comparison_figure, comparison_summary
from indicators.charts.map import locality_map
from indicators.charts.style import AREA_COLOUR, COMPARATOR_COLOUR, NEUTRAL, THIRD_COLOUR
from indicators.charts.trend import FundedPeriod, funded_in_words, funded_periods_for, trend_figure, trend_summary

__all__ = [
    "AREA_COLOUR",
    "COMPARATOR_COLOUR",
    "NEUTRAL",
    "THIRD_COLOUR",
    "FundedPeriod",
    "comparison_figure",
    "comparison_summary",
    "funded_in_words",
    "funded_periods_for",
    "locality_map",
    "trend_figure",
    "trend_summary",
]
