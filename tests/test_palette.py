"""Colours pass WCAG 2.2 AA contrast: text on status colours, and chart lines against white."""

from __future__ import annotations

import re
import tomllib

import pytest

from indicators.charts import AREA_COLOUR, COMPARATOR_COLOUR, NEUTRAL, THIRD_COLOUR
from indicators.verdicts import KIND_COLOURS, VERDICTS, verdict
from tests.conftest import PROJECT_DIR
from ui.html import TABLE_STYLE

TEXT = "#0b0c0c"
WHITE = "#ffffff"


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("kind", sorted(KIND_COLOURS))
def test_verdict_words_are_readable_on_their_fill(kind):
    assert contrast(TEXT, KIND_COLOURS[kind]) >= 4.5  # the map's labels and the Board's cells alike


def test_each_kind_of_verdict_has_a_fill_of_its_own():
    # Sky blue and orange (Okabe-Ito) stay apart for colour-blind readers by hue, not by lightness
    # (1.02:1): in greyscale print only the symbol and the word tell them apart, as everywhere.
    assert len(set(KIND_COLOURS.values())) == len(KIND_COLOURS)


def test_the_board_fills_each_verdict_with_the_maps_colour():
    board_fills = dict(re.findall(r"\.v-([a-z]+) \{ background: (#[0-9A-Fa-f]{6}); \}", TABLE_STYLE))
    for status, chosen in VERDICTS.items():
        assert board_fills[chosen.css_class.removeprefix("v-")] == chosen.colour, status
    assert verdict("better").colour != verdict("worse").colour
    assert verdict("no-figures").colour == verdict(None).colour == "#FFFFFF"


@pytest.mark.parametrize("colour", [AREA_COLOUR, COMPARATOR_COLOUR, THIRD_COLOUR, NEUTRAL])
def test_chart_lines_stand_out_from_the_white_background(colour):
    assert contrast(colour, WHITE) >= 3.0  # WCAG 1.4.11, non-text contrast


def test_the_theme_colours_pass_for_text_and_links():
    theme = tomllib.loads((PROJECT_DIR / ".streamlit" / "config.toml").read_text())["theme"]
    assert contrast(theme["textColor"], theme["backgroundColor"]) >= 4.5
    assert contrast(theme["primaryColor"], theme["backgroundColor"]) >= 4.5
    assert contrast(theme["textColor"], theme["secondaryBackgroundColor"]) >= 4.5
