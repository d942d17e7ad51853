"""Checking the rows of an extract: each problem names the file, the row and the column, and says how to fix it."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from indicators.areas import Area, Areas
from indicators.catalogue import Catalogue, Indicator
from indicators.extracts.problems import MAX_PROBLEMS_PER_FILE, Problem
from indicators.extracts.reading import ALL_COLUMNS, NUMBER_COLUMNS, RawTable
from indicators.formatting import FORMULA_START
from indicators.hints import did_you_mean
from indicators.periods import FREQUENCIES, PeriodError, parse_date
from indicators.stats import implied_from_interval
from indicators.units import UNIT_WORDS, unit_kind

TEXT_COLUMNS = ("source", "note")
DATA_STATUSES = {
    "published": "official statistics, as published",
    "local": "the council's or a partner's own records, not published",
    "estimated": "worked out from published figures with a stated assumption",
    "illustrative": "made-up demonstration figures",
}
COUNTED_UNITS = {"percentage", "rate", "count"}  # numerators are children (or events): whole numbers
LARGEST_PLAUSIBLE_VALUE = 1e9  # more than every child in England many times over
# `value_given`: the extract gave the value itself (it was not worked out from the counts).
CHECKED_COLUMNS = [*ALL_COLUMNS, "area_id", "unit", "period_end_date", "source_file", "source_row", "value_given"]
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)  # 0-9 only


@dataclass
class _RowChecker:
    table: RawTable
    catalogue: Catalogue
    areas: Areas
    today: date
    problems: list[Problem]

    def add(self, row: int, column: str | None, message: str, fix: str) -> None:
        self.problems.append(Problem(self.table.file, row, column, message, fix))


def _parse_number(text: str) -> float | str | None:
    """A float, None for an empty cell, or a string saying what is wrong."""
    if text == "":
        return None
    if not _NUMBER.fullmatch(text):
        if "," in text:
            return "contains a comma (write 1234.5, not 1,234.5 or 12,5)"
        return "is not a number (leave the cell empty where there is no figure)"
    number = float(text) + 0.0  # "-0" is zero, not a negative number to show as "-0.0%"
    if not math.isfinite(number):
        return "is not a finite number"
    return number


def check_table(
    table: RawTable, catalogue: Catalogue, areas: Areas, today: date | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check every row; return the clean rows and every problem found."""
    checker = _RowChecker(table, catalogue, areas, today or date.today(), [])
    clean: list[dict[str, object]] = []
    index = {c: i for i, c in enumerate(table.columns)}
    for cells, row in zip(table.rows, table.row_numbers, strict=False):
        record = {c: (cells[index[c]] if c in index else "") for c in ALL_COLUMNS}
        checked = _check_row(checker, record, row)
        if checked is not None:
            checked["source_file"] = table.file
            checked["source_row"] = row
            clean.append(checked)
        if len(checker.problems) >= MAX_PROBLEMS_PER_FILE:
            break  # the reader stops the file here and says so
    return pd.DataFrame(clean, columns=CHECKED_COLUMNS), checker.problems


def _check_row(checker: _RowChecker, record: dict[str, str], row: int) -> dict[str, object] | None:
    before = len(checker.problems)
    indicator = checker.catalogue.indicators.get(record["indicator_id"])
    if indicator is None:
        hint = did_you_mean(record["indicator_id"], checker.catalogue.indicators)
        checker.add(
            row,
            "indicator_id",
            f"unknown indicator '{record['indicator_id']}'{hint}",
            "Use an id from the catalogue (python -m indicators catalogue lists them).",
        )
    area = checker.areas.resolve(record["area"])
    unit = unit_kind(record["area"]) if area is None else None
    if area is None and unit is None:
        checker.add(
            row,
            "area",
            f"unknown area '{record['area']}'",
            "Use an area id such as 'purbeck', an ONS code such as E06000059, or a unit to add up: "
            "a ward (E05...), LSOA (E01...), MSOA (E02...), school (URN:123456) or postcode.",
        )
    if unit is not None and indicator is not None:
        _check_unit_row(checker, record, row, indicator, unit)
    _check_status_and_text(checker, record, row)
    numbers = _check_numbers(checker, record, row)
    if indicator is None or (area is None and unit is None) or numbers is None:
        return None
    period_end = _check_period(checker, record, row, indicator.frequency)
    if area is not None and period_end is not None and area.valid_from and period_end < area.valid_from:
        checker.add(
            row,
            "area",
            f"{area.name} is only an area from {area.valid_from:%B %Y}, after this period",
            f"Report earlier periods under {area.parent}, or give them by ward, school or postcode: the dashboard makes "
            f"{area.name}'s figure for any period from those.",
        )
    _check_against_unit(checker, numbers, indicator, row)
    if area is not None and area.is_locality and not checker.problems[before:]:
        _check_locality_counts(checker, numbers, indicator, area, row)
    if len(checker.problems) > before or period_end is None:
        return None
    value = _derived_value(numbers, indicator)
    return (
        record
        | numbers
        | {
            "indicator_id": indicator.id,
            "value": value,
            "value_given": numbers.get("value") is not None,
            "area_id": area.id if area is not None else None,
            "unit": record["area"].strip().upper() if unit is not None else None,
            "period_end_date": period_end,
        }
    )


def _check_status_and_text(checker: _RowChecker, record: dict[str, str], row: int) -> None:
    """A known data status; a source; and no text a spreadsheet would run as a formula."""
    if record["data_status"] not in DATA_STATUSES:
        checker.add(
            row,
            "data_status",
            f"'{record['data_status']}' is not a data status",
            f"Use one of: {', '.join(DATA_STATUSES)}.",
        )
    for column in TEXT_COLUMNS:
        text = record[column]
        if text.startswith(FORMULA_START) or "\t" in text or "\r" in text:
            checker.add(
                row,
                column,
                "the text looks like a spreadsheet formula or has control characters",
                "Remove the leading '=', '+', '-' or '@' (and tabs or line breaks).",
            )
    if not record["source"]:
        checker.add(row, "source", "the source is empty", "Say where the figure comes from (publisher and dataset).")


def _check_unit_row(checker: _RowChecker, record: dict[str, str], row: int, indicator: Indicator, kind: str) -> None:
    """A unit's figure must be addable: counts, or a numerator and denominator, never a value alone."""
    words = UNIT_WORDS[kind]
    if indicator.unit == "days":
        checker.add(
            row,
            "area",
            f"a {words}'s {indicator.unit} cannot be added up to a locality",
            "Give locality figures for this indicator (averages need weights the extract does not carry).",
        )
    elif indicator.unit == "score" and not (record["numerator"] and record["denominator"]):
        checker.add(
            row,
            "numerator",
            f"a {words}'s average score needs its total (numerator) and the pupils it is shared by (denominator): "
            "averages are added up from totals, never averaged",
            "Give each unit's total points and its number of pupils (the value can be left empty).",
        )
    elif indicator.has_ratio and not (record["numerator"] and record["denominator"]):
        checker.add(
            row,
            "numerator",
            f"a {words}'s row needs its numerator and denominator: percentages and rates are added up "
            "from counts, never averaged",
            "Give the counts for each unit (the value can be left empty).",
        )


def _check_numbers(checker: _RowChecker, record: dict[str, str], row: int) -> dict[str, float | None] | None:
    numbers: dict[str, float | None] = {}
    ok = True
    for column in NUMBER_COLUMNS:
        parsed = _parse_number(record[column])
        if isinstance(parsed, str):
            checker.add(row, column, f"'{record[column]}' {parsed}", "Give a plain number, or leave the cell empty.")
            ok = False
        elif parsed is not None and abs(parsed) > LARGEST_PLAUSIBLE_VALUE:
            checker.add(
                row,
                column,
                f"{record[column]} is implausibly large",
                "Check the figure; counts of children are far smaller.",
            )
            ok = False
        elif parsed is not None and parsed < 0:
            checker.add(
                row, column, f"{record[column]} is negative", "Counts, rates and percentages cannot be negative."
            )
            ok = False
        else:
            numbers[column] = parsed
    return numbers if ok else None


def _check_period(checker: _RowChecker, record: dict[str, str], row: int, frequency_id: str) -> date | None:
    frequency = FREQUENCIES[frequency_id]
    label = record["period"]
    try:
        start, end = frequency.bounds(label)
    except PeriodError as error:
        checker.add(row, "period", f"{error} ({frequency.noun})", f"Write it like '{frequency.example}'.")
        return None
    if record["period_end"]:
        given = parse_date(record["period_end"])
        if given is None:
            checker.add(
                row, "period_end", f"'{record['period_end']}' is not a date", "Write dates as 2023-03-31 or 31/03/2023."
            )
            return None
        if not start <= given <= end:
            checker.add(
                row,
                "period_end",
                f"{given:%d %B %Y} is not within {label} ({start:%d %B %Y} to {end:%d %B %Y})",
                "Check the period label and its end date: one of them is wrong.",
            )
            return None
        end = given
    if end > checker.today:
        checker.add(
            row, "period_end", f"the period ends on {end:%d %B %Y}, in the future", "Check the period and its end date."
        )
        return None
    return end


def _derived_value(numbers: dict[str, float | None], indicator: Indicator) -> float | None:
    """The value as given, or worked out from the counts when the extract left it empty."""
    value, numerator, denominator = numbers.get("value"), numbers.get("numerator"), numbers.get("denominator")
    if value is not None:
        return value
    if indicator.unit == "count":
        return numerator
    if (indicator.has_ratio or indicator.unit == "score") and numerator is not None and denominator:
        return numerator / denominator * indicator.multiplier  # a score's total over its pupils
    return None


def _check_against_unit(checker: _RowChecker, numbers: dict[str, float | None], indicator: Indicator, row: int) -> None:
    numerator, denominator, value = numbers.get("numerator"), numbers.get("denominator"), numbers.get("value")
    if value is None and numerator is None:
        checker.add(
            row,
            "value",
            "there is neither a value nor a numerator",
            "Give the value, or the numerator and denominator.",
        )
        return
    if denominator == 0:
        checker.add(
            row,
            "denominator",
            "the denominator is 0",
            "A figure cannot be counted out of nothing: leave it empty or correct it.",
        )
        return
    if indicator.has_ratio and numerator is not None and denominator is None:
        checker.add(
            row,
            "denominator",
            "a numerator is given without a denominator",
            "Give the denominator the numerator is counted out of.",
        )
        return
    counted = numerator if numerator is not None else (value if indicator.unit == "count" else None)
    if indicator.unit in COUNTED_UNITS and counted is not None and not float(counted).is_integer():
        column = "numerator" if numerator is not None else "value"
        checker.add(row, column, f"{counted:g} is not a whole number of children", "Give the count as a whole number.")
        return
    over_100 = indicator.unit == "percentage" and not indicator.value_can_exceed_100
    if over_100 and numerator is not None and denominator and numerator > denominator:
        checker.add(
            row,
            "numerator",
            f"the numerator ({numerator:g}) is larger than the denominator ({denominator:g})",
            "A percentage's numerator is part of its denominator: check both.",
        )
        return
    if over_100 and value is not None and value > 100:
        checker.add(row, "value", f"{value:g}% is over 100%", "Give the percentage as a number from 0 to 100.")
    if indicator.has_ratio and value is not None and numerator is not None and denominator:
        expected = numerator / denominator * indicator.multiplier
        if abs(value - expected) > max(0.051, 0.001 * abs(expected)):
            checker.add(
                row,
                "value",
                f"the value {value:g} does not match numerator / denominator ({expected:.2f})",
                "Correct the value, or leave it empty and it will be worked out.",
            )
    _check_limits(checker, numbers, _derived_value(numbers, indicator), over_100, row)


def _check_limits(
    checker: _RowChecker, numbers: dict[str, float | None], value: float | None, within_100: bool, row: int
) -> None:
    lower, upper = numbers.get("lower_ci"), numbers.get("upper_ci")
    if (lower is None) != (upper is None):
        missing = "upper_ci" if upper is None else "lower_ci"
        checker.add(row, missing, "only one confidence limit is given", "Give both limits, or leave both empty.")
    elif lower is not None and upper is not None and lower > upper:
        checker.add(row, "lower_ci", "the lower confidence limit is above the upper one", "Swap or correct the limits.")
    elif within_100 and upper is not None and upper > 100:
        checker.add(row, "upper_ci", f"{upper:g}% is over 100%", "Percentage limits lie between 0 and 100.")
    elif value is not None and ((lower is not None and lower > value) or (upper is not None and upper < value)):
        checker.add(
            row,
            "lower_ci" if lower is not None and lower > value else "upper_ci",
            f"the confidence limits ({lower:g} to {upper:g}) do not contain the value ({value:g})",
            "Check the limits, or leave them empty and they will be worked out.",
        )


def _check_locality_counts(
    checker: _RowChecker, numbers: dict[str, float | None], indicator: Indicator, area: Area, row: int
) -> None:
    """The dashboard publishes locality figures itself, so it must know how many children each is built on."""
    numerator, denominator, lower, upper = (
        numbers.get(c) for c in ("numerator", "denominator", "lower_ci", "upper_ci")
    )
    if indicator.unit == "score" and denominator is None:
        checker.add(
            row,
            "denominator",
            f"{area.name}'s average score is given without its pupils",
            "Give the number of pupils (denominator) and total points (numerator): the dashboard withholds "
            "figures for fewer than five pupils, which it can only do if it knows how many there are.",
        )
    if not indicator.has_ratio or numerator is not None or denominator is not None:
        return
    if lower is None or upper is None:
        checker.add(
            row,
            "numerator",
            f"{area.name}'s {indicator.unit} is given as a value alone, without its counts",
            "Give the numerator and denominator: the dashboard withholds small numbers itself, which it can only "
            "do if it knows them.",
        )
        return
    implied, _ = implied_from_interval(indicator.unit, indicator.multiplier, numbers["value"], lower, upper)
    if math.isnan(implied):
        method = "Wilson score" if indicator.unit == "percentage" else "exact Poisson or Byar's"
        checker.add(
            row,
            "lower_ci",
            f"the interval is not a {method} interval, so the number of children it rests on cannot be checked",
            "Give the numerator and denominator instead (the limits can then be left empty).",
        )
