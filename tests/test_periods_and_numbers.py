"""Issue 14, items 3 and 6: every period and number is checked, and a bad one gets a message, never a traceback."""

from __future__ import annotations

from datetime import date

import pytest

from indicators.extracts import ExtractError, read_and_check
from indicators.formatting import format_value
from indicators.periods import FREQUENCIES, PeriodError
from tests.conftest import good_row, write_extract

TODAY = date(2026, 1, 1)


def problems(tmp_path, catalogue, areas, **overrides: object) -> list[str]:
    path = write_extract(tmp_path / "bad.csv", [good_row(**overrides)])
    with pytest.raises(ExtractError) as caught:
        read_and_check([path], catalogue, areas, today=TODAY)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("overrides", "column", "words"),
    [
        ({"period": "2022/24"}, "period", "is not one year"),
        ({"period": "2022/99"}, "period", "is not one year"),
        ({"period": "٢٠٢٢/٢٣"}, "period", "is not a label"),  # Arabic-Indic digits
        ({"period": "２０２２/２３"}, "period", "is not a label"),  # full-width digits
        ({"period": "9999/00"}, "period", "outside"),
        ({"period": "2022/23", "period_end": "2019-03-31"}, "period_end", "is not within 2022/23"),
        ({"period": "2030/31", "period_end": "2023-08-31"}, "period_end", "is not within 2030/31"),
        ({"period": "2022/23", "period_end": "0000-00-00"}, "period_end", "is not a date"),
        ({"period": "2022/23", "period_end": "2023-02-30"}, "period_end", "is not a date"),
        (
            {
                "indicator_id": "under-18-alcohol-admissions",
                "period": "2010/11 to 2022/23",
                "numerator": 5,
                "denominator": 9000,
            },
            "period",
            "is not three years",
        ),
        (
            {"indicator_id": "early-help-requests", "period": "0000-01", "numerator": 10, "denominator": ""},
            "period",
            "outside",
        ),
        (
            {
                "indicator_id": "first-time-entrants-youth-justice",
                "period": "0000",
                "numerator": 10,
                "denominator": 9000,
            },
            "period",
            "outside",
        ),
        (
            {"indicator_id": "schools-good-or-outstanding", "period": "2023-02-30", "numerator": 10, "denominator": 12},
            "period",
            "not a real date",
        ),
        (
            {"numerator": "", "denominator": 4100, "value": 18.8, "lower_ci": 60, "upper_ci": 250},
            "upper_ci",
            "over 100%",
        ),
        (
            {"numerator": "", "denominator": "", "value": 18.8, "lower_ci": 60, "upper_ci": 70},
            "lower_ci",
            "do not contain",
        ),
        (
            {"numerator": 820, "denominator": 4100, "value": "", "lower_ci": 30, "upper_ci": 40},
            "lower_ci",
            "do not contain",
        ),
        ({"numerator": 820.5, "denominator": 4100, "value": ""}, "numerator", "not a whole number"),
        (
            {
                "indicator_id": "children-in-care-count",
                "period": "2022/23",
                "numerator": "",
                "denominator": "",
                "value": 12.5,
            },
            "value",
            "not a whole number",
        ),
        ({"numerator": 0, "denominator": 0, "value": ""}, "denominator", "is 0"),
        ({"numerator": "", "denominator": 0, "value": 10}, "denominator", "is 0"),
        ({"lower_ci": 19, "upper_ci": ""}, "upper_ci", "only one confidence limit"),
    ],
)
def test_a_bad_period_or_number_is_named_by_row_and_column(tmp_path, catalogue, areas, overrides, column, words):
    found = problems(tmp_path, catalogue, areas, **overrides)
    assert any(f"row 2, column '{column}'" in p and words in p for p in found), found


@pytest.mark.parametrize(
    ("frequency", "label"),
    [
        ("academic-year", "0000/01"),
        ("monthly", "0000-01"),
        ("calendar-year", "0000"),
        ("snapshot", "2023-02-30"),
        ("financial-year", "9999/00"),
        ("three-calendar-years", "2020 to 2023"),
    ],
)
def test_a_label_that_names_no_period_raises_a_period_error_not_a_traceback(frequency, label):
    with pytest.raises(PeriodError):
        FREQUENCIES[frequency].bounds(label)
    assert not FREQUENCIES[frequency].is_label(label)


def test_good_labels_still_read(tmp_path, catalogue, areas):
    rows = read_and_check(
        [write_extract(tmp_path / "ok.csv", [good_row(period="2022/23", period_end="2023-07-21")])],
        catalogue,
        areas,
        today=TODAY,
    )
    assert rows.loc[0, "period_end_date"] == date(2023, 7, 21)  # a date inside the school year is fine


def test_minus_zero_is_zero_on_screen(tmp_path, catalogue, areas):
    rows = read_and_check(
        [write_extract(tmp_path / "zero.csv", [good_row(area="dorset", numerator="", denominator="", value="-0")])],
        catalogue,
        areas,
        today=TODAY,
    )
    indicator = catalogue.indicators["persistent-absence"]
    assert format_value(rows.loc[0, "value"], indicator) == "0.0%"
    assert format_value(-0.04, indicator) == "0.0%"
