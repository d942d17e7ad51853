"""Reporting periods (indicators/periods.py), as specifications: each frequency's labels, their first
and last days, the series between two labels, the next period, the period a dated record falls in,
and the dates an extract may give. Table-driven, from the calendar, not from the code."""

from __future__ import annotations

from datetime import date

import pytest

from indicators.periods import (
    EARLIEST_YEAR,
    FREQUENCIES,
    LATEST_YEAR,
    PeriodError,
    next_period,
    parse_date,
    period_containing,
    periods_between,
    year_label,
)


@pytest.mark.parametrize(
    ("frequency", "label", "first", "last"),
    [
        ("academic-year", "2022/23", date(2022, 9, 1), date(2023, 8, 31)),
        ("academic-year", "1999/00", date(1999, 9, 1), date(2000, 8, 31)),  # a century turned
        ("financial-year", "2022/23", date(2022, 4, 1), date(2023, 3, 31)),
        ("three-financial-years", "2020/21 to 2022/23", date(2020, 4, 1), date(2023, 3, 31)),
        ("calendar-year", "2022", date(2022, 1, 1), date(2022, 12, 31)),
        ("three-calendar-years", "2020 to 2022", date(2020, 1, 1), date(2022, 12, 31)),
        ("monthly", "2024-02", date(2024, 2, 1), date(2024, 2, 29)),  # a leap year
        ("monthly", "2023-02", date(2023, 2, 1), date(2023, 2, 28)),
        ("monthly", "2023-12", date(2023, 12, 1), date(2023, 12, 31)),
        ("monthly", "2023-04", date(2023, 4, 1), date(2023, 4, 30)),
        ("snapshot", "2023-03-31", date(2023, 3, 31), date(2023, 3, 31)),
    ],
)
def test_each_label_names_its_first_and_last_day(frequency, label, first, last):
    rule = FREQUENCIES[frequency]
    assert rule.bounds(label) == (first, last)
    assert rule.default_end(label) == last
    assert rule.midpoint(label) == first + (last - first) / 2
    assert rule.is_label(label)


def test_the_midpoint_is_the_middle_of_the_period():
    assert FREQUENCIES["calendar-year"].midpoint("2022") == date(2022, 7, 2)
    assert FREQUENCIES["academic-year"].midpoint("2022/23") == date(2023, 3, 2)
    assert FREQUENCIES["snapshot"].midpoint("2023-03-31") == date(2023, 3, 31)


@pytest.mark.parametrize(
    ("frequency", "label", "words"),
    [
        ("academic-year", "2022/24", "is not one year"),  # the second year must follow the first
        ("academic-year", "2022/22", "is not one year"),
        ("academic-year", "2022-23", "not a label for a school year"),
        ("academic-year", "22/23", "not a label"),
        ("financial-year", "2022/2023", "not a label for a financial year"),
        ("three-financial-years", "2020/21 to 2021/22", "is not three years: it should end with 2022/23"),
        ("three-financial-years", "2020/21 to 2023/24", "is not three years"),
        ("calendar-year", "22", "not a label for a calendar year"),
        ("calendar-year", f"{EARLIEST_YEAR - 1}", "outside"),
        ("calendar-year", f"{LATEST_YEAR + 1}", "outside"),
        ("three-calendar-years", "2020 to 2021", "is not three years: it should end with 2022"),
        ("three-calendar-years", "2020 to 2023", "is not three years"),
        ("monthly", "2023-13", "not a label for a month"),
        ("monthly", "2023-00", "not a label"),
        ("monthly", "2023-4", "not a label"),
        ("snapshot", "2023-02-30", "is not a real date"),
        ("snapshot", "31/03/2023", "not a label for a date"),
        ("snapshot", f"{EARLIEST_YEAR - 1}-01-01", "outside"),
        ("academic-year", "２０２２/23", "not a label"),  # full-width digits are not 0-9
    ],
)
def test_a_label_that_names_no_period_says_why(frequency, label, words):
    with pytest.raises(PeriodError, match=words):
        FREQUENCIES[frequency].bounds(label)
    assert not FREQUENCIES[frequency].is_label(label)


def test_the_years_allowed_are_the_ends_themselves():
    assert FREQUENCIES["calendar-year"].bounds(str(EARLIEST_YEAR))[0] == date(EARLIEST_YEAR, 1, 1)
    assert FREQUENCIES["calendar-year"].bounds(str(LATEST_YEAR))[1] == date(LATEST_YEAR, 12, 31)


def test_every_frequency_reads_its_own_example():
    for frequency in FREQUENCIES.values():
        assert frequency.is_label(frequency.example), frequency.id


@pytest.mark.parametrize(
    ("start", "label"), [(2022, "2022/23"), (1999, "1999/00"), (2009, "2009/10"), (2000, "2000/01")]
)
def test_a_year_label(start, label):
    assert year_label(start) == label


@pytest.mark.parametrize(
    ("frequency", "first", "last", "between"),
    [
        ("academic-year", "2020/21", "2023/24", ["2020/21", "2021/22", "2022/23", "2023/24"]),
        ("financial-year", "2022/23", "2022/23", ["2022/23"]),
        ("calendar-year", "2019", "2021", ["2019", "2020", "2021"]),
        (
            "three-financial-years",
            "2018/19 to 2020/21",
            "2020/21 to 2022/23",
            ["2018/19 to 2020/21", "2019/20 to 2021/22", "2020/21 to 2022/23"],
        ),
        ("three-calendar-years", "2018 to 2020", "2019 to 2021", ["2018 to 2020", "2019 to 2021"]),
        ("monthly", "2023-11", "2024-02", ["2023-11", "2023-12", "2024-01", "2024-02"]),
        ("monthly", "2023-12", "2023-12", ["2023-12"]),
        ("monthly", "2022-12", "2024-01", None),  # over a whole year: checked by length below
        ("academic-year", "2023/24", "2021/22", []),  # backwards: nothing between
    ],
)
def test_every_period_between_two_labels_in_order(frequency, first, last, between):
    got = periods_between(frequency, first, last)
    if between is None:  # a long monthly run: its length and its ends
        assert got is not None and len(got) == 14 and got[0] == first and got[-1] == last and "2023-06" in got
    else:
        assert got == between


def test_snapshots_are_not_a_regular_series():
    assert periods_between("snapshot", "2023-03-31", "2024-03-31") is None
    assert next_period("snapshot", "2023-03-31") is None


@pytest.mark.parametrize(
    ("frequency", "label", "after"),
    [
        ("academic-year", "2024/25", "2025/26"),
        ("financial-year", "1999/00", "2000/01"),
        ("calendar-year", "2024", "2025"),
        ("three-financial-years", "2020/21 to 2022/23", "2021/22 to 2023/24"),
        ("three-calendar-years", "2020 to 2022", "2021 to 2023"),
        ("monthly", "2024-12", "2025-01"),
        ("monthly", "2024-01", "2024-02"),
        ("monthly", "2024-11", "2024-12"),
    ],
)
def test_the_next_period(frequency, label, after):
    assert next_period(frequency, label) == after


def test_no_label_has_no_next_period():
    assert next_period("academic-year", None) is None


@pytest.mark.parametrize(
    ("frequency", "day", "label"),
    [
        ("monthly", date(2024, 5, 13), "2024-05"),
        ("monthly", date(2024, 12, 31), "2024-12"),
        ("calendar-year", date(2024, 1, 1), "2024"),
        ("financial-year", date(2024, 4, 1), "2024/25"),  # the first day of the year
        ("financial-year", date(2024, 3, 31), "2023/24"),  # the last day of the one before
        ("academic-year", date(2024, 9, 1), "2024/25"),
        ("academic-year", date(2024, 8, 31), "2023/24"),
        ("three-financial-years", date(2024, 5, 1), None),  # a record is not counted in a pooled period
        ("three-calendar-years", date(2024, 5, 1), None),
        ("snapshot", date(2024, 5, 1), None),
    ],
)
def test_the_period_a_dated_record_falls_in(frequency, day, label):
    assert period_containing(frequency, day) == label


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2023-03-31", date(2023, 3, 31)),
        ("31/03/2023", date(2023, 3, 31)),
        ("3/4/2023", date(2023, 4, 3)),  # day first: 3 April, never March the 4th
        ("  1/1/2020 ", date(2020, 1, 1)),
        (f"{EARLIEST_YEAR}-01-01", date(EARLIEST_YEAR, 1, 1)),
        (f"31/12/{LATEST_YEAR}", date(LATEST_YEAR, 12, 31)),
        ("2023-02-30", None),  # no such day
        ("31/04/2023", None),
        ("2023/03/31", None),
        ("03-31-2023", None),
        ("", None),
        ("tomorrow", None),
        (f"{EARLIEST_YEAR - 1}-12-31", None),
        (f"01/01/{LATEST_YEAR + 1}", None),
        ("13/13/2023", None),
    ],
)
def test_an_extract_may_give_iso_or_uk_dates(text, day):
    assert parse_date(text) == day
