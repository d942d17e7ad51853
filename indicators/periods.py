"""Reporting periods: how each frequency labels its periods, when they start and end.

Every observation carries a period label (what people read, e.g. "2022/23") and a
period end date (what we sort and compare on). The label format depends on the
indicator's frequency, so "2022/23" is the school year for attendance and the
financial year for children in care.

Labels are checked in full, not only by shape: "2022/24" names no year, "2010/11 to
2022/23" is not three years, and only ASCII digits count (a full-width or Arabic-Indic
"2022/23" would look the same on screen but be a different key).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

EARLIEST_YEAR = 1990  # older than any figure the plan compares with
LATEST_YEAR = 2100


class PeriodError(ValueError):
    """A period label that names no real period; the message says why."""


def _year(text: str) -> int:
    year = int(text)
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise PeriodError(f"the year {text} is outside {EARLIEST_YEAR}-{LATEST_YEAR}")
    return year


def _two_year_span(label: str) -> int:
    """'2022/23' -> 2022, checking that the second year follows the first."""
    start = _year(label[:4])
    if label[5:7] != f"{(start + 1) % 100:02d}":
        raise PeriodError(f"'{label}' is not one year: {start} is followed by {(start + 1) % 100:02d}")
    return start


def _academic_year(label: str) -> tuple[date, date]:
    start = _two_year_span(label)
    return date(start, 9, 1), date(start + 1, 8, 31)


def _financial_year(label: str) -> tuple[date, date]:
    start = _two_year_span(label)
    return date(start, 4, 1), date(start + 1, 3, 31)


def _three_financial_years(label: str) -> tuple[date, date]:
    first, last = label.split(" to ")
    start, end = _financial_year(first)[0], _financial_year(last)[1]
    if end.year - start.year != 3:
        raise PeriodError(f"'{label}' is not three years: it should end with {year_label(start.year + 2)}")
    return start, end


def _calendar_year(label: str) -> tuple[date, date]:
    year = _year(label)
    return date(year, 1, 1), date(year, 12, 31)


def _three_calendar_years(label: str) -> tuple[date, date]:
    first, last = (_year(part) for part in label.split(" to "))
    if last - first != 2:
        raise PeriodError(f"'{label}' is not three years: it should end with {first + 2}")
    return date(first, 1, 1), date(last, 12, 31)


def _month(label: str) -> tuple[date, date]:
    year, month = _year(label[:4]), int(label[5:7])
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _snapshot(label: str) -> tuple[date, date]:
    _year(label[:4])
    try:
        day = date.fromisoformat(label)
    except ValueError as error:
        raise PeriodError(f"'{label}' is not a real date") from error
    return day, day


@dataclass(frozen=True)
class Frequency:
    id: str
    description: str
    label_pattern: re.Pattern[str]
    example: str
    noun: str  # what a label names, for messages: "a school year"
    bounds_rule: Callable[[str], tuple[date, date]]

    def is_label(self, label: str) -> bool:
        try:
            self.bounds(label)
        except PeriodError:
            return False
        return True

    def bounds(self, label: str) -> tuple[date, date]:
        """The first and last day of the period `label` names; PeriodError if it names none."""
        if not self.label_pattern.fullmatch(label):
            raise PeriodError(f"'{label}' is not a label for {self.noun}")
        return self.bounds_rule(label)

    def midpoint(self, label: str) -> date:
        """The middle of the period: which side of a dated event (a reorganisation, a break) it falls."""
        start, end = self.bounds(label)
        return start + (end - start) / 2

    def default_end(self, label: str) -> date:
        """The date a period with this label ends, for extracts that leave it out."""
        return self.bounds(label)[1]


def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text, re.ASCII)  # \d is 0-9 only


_YEARS = r"\d{4}/\d{2}"
FREQUENCIES: dict[str, Frequency] = {
    f.id: f
    for f in (
        Frequency(
            "academic-year",
            "School (academic) year, September to August",
            _pattern(_YEARS),
            "2022/23",
            "a school year",
            _academic_year,
        ),
        Frequency(
            "financial-year",
            "Financial year, April to March (or a count at 31 March)",
            _pattern(_YEARS),
            "2022/23",
            "a financial year",
            _financial_year,
        ),
        Frequency(
            "three-financial-years",
            "Three financial years pooled, to steady small numbers",
            _pattern(f"{_YEARS} to {_YEARS}"),
            "2020/21 to 2022/23",
            "three financial years",
            _three_financial_years,
        ),
        Frequency(
            "calendar-year",
            "Calendar year, January to December",
            _pattern(r"\d{4}"),
            "2022",
            "a calendar year",
            _calendar_year,
        ),
        Frequency(
            "three-calendar-years",
            "Three calendar years pooled, to steady small numbers",
            _pattern(r"\d{4} to \d{4}"),
            "2020 to 2022",
            "three calendar years",
            _three_calendar_years,
        ),
        Frequency("monthly", "Calendar month", _pattern(r"\d{4}-(0[1-9]|1[0-2])"), "2023-04", "a month", _month),
        Frequency(
            "snapshot",
            "A count on one day (the label is that date)",
            _pattern(r"\d{4}-\d{2}-\d{2}"),
            "2023-03-31",
            "a date",
            _snapshot,
        ),
    )
}


def year_label(start_year: int) -> str:
    """'2022/23' for the year that starts in 2022 (academic or financial)."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


_UK_DATE = _pattern(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO_DATE = _pattern(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(text: str) -> date | None:
    """Read an ISO (2023-03-31) or UK (31/03/2023) date; None when it is neither.

    US-style month-first dates are not accepted: 03/04/2023 is 3 April here.
    """
    text = text.strip()
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _UK_DATE.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
    else:
        return None
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def periods_between(frequency_id: str, first: str, last: str) -> list[str] | None:
    """Every period label from `first` to `last` in order, so a chart can leave gaps for missing ones.

    None for snapshots, whose dates are not a regular series.
    """
    frequency = FREQUENCIES[frequency_id]
    first_start, last_start = frequency.bounds(first)[0], frequency.bounds(last)[0]
    if frequency_id == "snapshot":
        return None
    if frequency_id == "monthly":
        months = (last_start.year - first_start.year) * 12 + last_start.month - first_start.month
        return [
            f"{first_start.year + (first_start.month - 1 + k) // 12}-{(first_start.month - 1 + k) % 12 + 1:02d}"
            for k in range(months + 1)
        ]
    years = range(first_start.year, last_start.year + 1)
    labels: dict[str, Callable[[int], str]] = {
        "academic-year": year_label,
        "financial-year": year_label,
        "calendar-year": str,
        "three-financial-years": lambda y: f"{year_label(y)} to {year_label(y + 2)}",
        "three-calendar-years": lambda y: f"{y} to {y + 2}",
    }
    return [labels[frequency_id](y) for y in years]


def next_period(frequency_id: str, label: str | None) -> str | None:
    """The label of the period after `label` ('2024/25' -> '2025/26'); None for snapshots or no label."""
    if label is None or frequency_id == "snapshot":
        return None
    start = FREQUENCIES[frequency_id].bounds(label)[0]
    if frequency_id == "monthly":
        return f"{start.year + start.month // 12}-{start.month % 12 + 1:02d}"
    return (periods_between(frequency_id, label, _label_a_year_on(frequency_id, label)) or [None])[-1]


def _label_a_year_on(frequency_id: str, label: str) -> str:
    years = [int(y) for y in re.findall(r"\d{4}", label)]
    if frequency_id in {"academic-year", "financial-year"}:
        return year_label(years[0] + 1)
    if frequency_id == "calendar-year":
        return str(years[0] + 1)
    if frequency_id == "three-financial-years":
        return f"{year_label(years[0] + 1)} to {year_label(years[1] + 1)}"
    return f"{years[0] + 1} to {years[1] + 1}"


def period_containing(frequency_id: str, day: date) -> str | None:
    """The label of the period `day` falls in ('2024-05-13' -> '2024-05', or '2024/25' for a
    financial year): how a record dated by a case management system is counted. None for
    snapshots and pooled years, which a single dated record cannot be counted in."""
    if frequency_id == "monthly":
        return f"{day.year}-{day.month:02d}"
    if frequency_id == "calendar-year":
        return str(day.year)
    starts = {"academic-year": 9, "financial-year": 4}
    if frequency_id in starts:
        return year_label(day.year if day.month >= starts[frequency_id] else day.year - 1)
    return None
