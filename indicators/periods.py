"""Reporting periods: how each frequency labels its periods and when they end.

Every observation carries a period label (what people read, e.g. "2022/23") and a
period end date (what we sort and compare on). The label format depends on the
indicator's frequency, so "2022/23" is the school year for attendance and the
financial year for children in care.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Frequency:
    id: str
    description: str
    label_pattern: re.Pattern[str]
    example: str
    noun: str  # what a label names, for messages: "a school year"

    def is_label(self, label: str) -> bool:
        return bool(self.label_pattern.fullmatch(label))

    def default_end(self, label: str) -> date:
        """The date a period with this label ends, for extracts that leave it out."""
        return _END_DATE_RULES[self.id](label)


def _academic_year_end(label: str) -> date:
    return date(int(label[:4]) + 1, 8, 31)


def _financial_year_end(label: str) -> date:
    return date(int(label[-7:-3]) + 1, 3, 31)


def _calendar_year_end(label: str) -> date:
    return date(int(label[-4:]), 12, 31)


def _month_end(label: str) -> date:
    year, month = int(label[:4]), int(label[5:7])
    return date(year, month, calendar.monthrange(year, month)[1])


def _snapshot_end(label: str) -> date:
    return date.fromisoformat(label)


_END_DATE_RULES = {
    "academic-year": _academic_year_end,
    "financial-year": _financial_year_end,
    "three-financial-years": _financial_year_end,
    "calendar-year": _calendar_year_end,
    "three-calendar-years": _calendar_year_end,
    "monthly": _month_end,
    "snapshot": _snapshot_end,
}

FREQUENCIES: dict[str, Frequency] = {
    f.id: f
    for f in (
        Frequency(
            "academic-year",
            "School (academic) year, September to August",
            re.compile(r"\d{4}/\d{2}"),
            "2022/23",
            "a school year",
        ),
        Frequency(
            "financial-year",
            "Financial year, April to March (or a count at 31 March)",
            re.compile(r"\d{4}/\d{2}"),
            "2022/23",
            "a financial year",
        ),
        Frequency(
            "three-financial-years",
            "Three financial years pooled, to steady small numbers",
            re.compile(r"\d{4}/\d{2} to \d{4}/\d{2}"),
            "2020/21 to 2022/23",
            "three financial years",
        ),
        Frequency(
            "calendar-year",
            "Calendar year, January to December",
            re.compile(r"\d{4}"),
            "2022",
            "a calendar year",
        ),
        Frequency(
            "three-calendar-years",
            "Three calendar years pooled, to steady small numbers",
            re.compile(r"\d{4} to \d{4}"),
            "2020 to 2022",
            "three calendar years",
        ),
        Frequency("monthly", "Calendar month", re.compile(r"\d{4}-(0[1-9]|1[0-2])"), "2023-04", "a month"),
        Frequency(
            "snapshot",
            "A count on one day (the label is that date)",
            re.compile(r"\d{4}-\d{2}-\d{2}"),
            "2023-03-31",
            "a date",
        ),
    )
}


def year_label(start_year: int) -> str:
    """'2022/23' for the year that starts in 2022 (academic or financial)."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


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
    try:
        return date(year, month, day)
    except ValueError:
        return None
