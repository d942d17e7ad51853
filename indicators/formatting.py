"""One place that turns numbers into text, by the indicator's unit."""

from __future__ import annotations

import math
import re

from indicators.catalogue import Indicator

# Plain words, not the statisticians' "c": LAG members read these tables (the glossary says more).
SUPPRESSED_MARK = "withheld (small number)"
SUPPRESSED_NOTE = "withheld (small number): left out because the number of children is small enough to identify someone"
MISSING_MARK = "–"
_DEFAULT_DECIMALS = {"percentage": 1, "rate": 1, "count": 0, "score": 1, "days": 1}


# How a figure that is not an official statistic is marked wherever it is shown, in words.
STATUS_MARKS = {"illustrative": " (illustrative)", "local": " (local records)", "estimated": " (estimated)"}


def status_mark(status: str | None) -> str:
    """' (illustrative)' after an illustrative figure; nothing after a published one."""
    return STATUS_MARKS.get(status or "", "")


def decimals_for(indicator: Indicator) -> int:
    return indicator.decimals if indicator.decimals is not None else _DEFAULT_DECIMALS[indicator.unit]


# What a spreadsheet would run as a formula when a cell starts with it (OWASP's list for CSV).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_missing(value: object) -> bool:
    """No figure: None or NaN (pandas gives NaN where a figure is empty)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def slug(*parts: str) -> str:
    """A file-name-safe name: 'persistent-absence-trend-2022-23'."""
    return re.sub(r"[^a-z0-9-]+", "-", "-".join(parts).lower()).strip("-")


def _rounded(value: float, indicator: Indicator) -> float:
    # + 0.0 turns a negative zero (from "-0" or -0.04 rounded) into zero: never "-0.0%".
    return round(value, decimals_for(indicator)) + 0.0


def format_number(value: float | None, indicator: Indicator) -> str:
    """The bare number, rounded for this indicator: '21.3', '1,234'."""
    if is_missing(value):
        return MISSING_MARK
    return f"{_rounded(value, indicator):,.{decimals_for(indicator)}f}"


def format_value(value: float | None, indicator: Indicator, suppressed: bool = False) -> str:
    """The number with its unit: '21.3%', '65.0 per 10,000', '1,234', 'withheld (small number)' when withheld."""
    if suppressed:
        return SUPPRESSED_MARK
    if is_missing(value):
        return MISSING_MARK
    return format_number(value, indicator) + indicator.unit_suffix


def format_change(change: float | None, indicator: Indicator) -> str:
    """A signed change in the indicator's own unit: '+2.1 points', '-3.0 per 10,000'."""
    if is_missing(change):
        return MISSING_MARK
    number = f"{_rounded(change, indicator):+,.{decimals_for(indicator)}f}"
    # A change in a percentage is in percentage points, not per cent.
    return f"{number} points" if indicator.unit == "percentage" else number + indicator.unit_suffix
