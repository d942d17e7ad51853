"""Chart builders and downloads: the figure, its words and its table say the same thing."""

from __future__ import annotations

import csv
import io

import pytest

from indicators.charts import comparison_figure, locality_map, status_text, trend_figure, trend_summary
from indicators.exports import chart_table, to_safe_csv
from indicators.geography import LOCALITY_BOUNDARIES
from indicators.warehouse import WarehouseReader


@pytest.fixture(scope="module")
def series(tiny_warehouse):
    return WarehouseReader(tiny_warehouse).series("persistent-absence", ["chesil", "dorset", "england"])


def test_the_trend_chart_draws_one_line_per_area_with_intervals_and_the_baseline(series, catalogue):
    indicator = catalogue.indicators["persistent-absence"]
    figure = trend_figure(series, indicator, ["chesil", "dorset", "england"])
    # The illustrative line says so in its legend entry, and its markers are hollow.
    assert [t.name for t in figure.data] == ["Chesil (illustrative)", "Dorset (illustrative)", "England"]
    assert all(symbol.endswith("-open") for symbol in figure.data[0].marker.symbol)
    assert not any(symbol.endswith("-open") for symbol in figure.data[2].marker.symbol)
    assert figure.data[0].error_y.array is not None
    assert {t.line.dash for t in figure.data} == {"solid", "dash", "dot"}  # not colour alone
    assert any(
        shape.type == "line" and shape.x0 == list(figure.layout.xaxis.categoryarray).index("2022/23")
        for shape in figure.layout.shapes
    )


def test_the_trend_summary_gives_latest_baseline_direction_and_extremes_with_status(series, catalogue):
    text = trend_summary(series, catalogue.indicators["persistent-absence"], ["chesil", "england"])
    assert text.startswith(
        "Chesil: 18.4% (illustrative) in 2024/25 (latest); down from 20.8% (illustrative) in 2022/23 (the baseline); "
        "highest 23.3% (illustrative) in 2020/21, lowest 18.4% (illustrative) in 2024/25."
    ), text
    assert "England: 19.4% in 2024/25 (latest)" in text and "lowest 12.1% in 2020/21" in text


def test_a_line_is_not_joined_across_a_declared_break_and_the_break_is_named(series, catalogue):
    from indicators.events import default_events

    indicator = catalogue.indicators["persistent-absence"]
    figure = trend_figure(series, indicator, ["chesil", "dorset", "england"], default_events())
    england = figure.data[2]
    # A gap (None) between 2020/21 and 2021/22, where attendance became comparable again.
    where = list(england.x).index("2021/22")
    assert england.y[where] is None and england.x[where + 1] == "2021/22" and england.y[where + 1] is not None
    assert any("Pandemic break in attendance (series break)" in a.text for a in figure.layout.annotations)
    text = trend_summary(series, indicator, ["chesil", "england"], default_events())
    assert "not joined across these breaks" in text and "Pandemic break in attendance (September 2021)" in text


def test_a_withheld_figure_is_labelled_and_has_no_value_in_the_chart(tiny_warehouse, catalogue):
    snapshot = WarehouseReader(tiny_warehouse).period_snapshot("children-in-care-count", "2024/25")
    figure = comparison_figure(snapshot, catalogue.indicators["children-in-care-count"], None, "t")
    labels = list(figure.data[0].y)
    assert "Purbeck (withheld)" in labels
    values = dict(zip(labels, figure.data[0].x, strict=True))
    assert values["Purbeck (withheld)"] is None or values["Purbeck (withheld)"] != values["Purbeck (withheld)"]


def test_the_chart_table_shows_c_for_withheld_figures(tiny_warehouse, catalogue):
    rows = WarehouseReader(tiny_warehouse).series("children-in-care-count", ["purbeck"])
    table = chart_table(rows, catalogue.indicators["children-in-care-count"])
    assert set(table["Value (number)"]) == {"c"}
    assert set(table["Note"]) == {"Withheld: small number"}


def test_downloads_neutralise_spreadsheet_formulas_but_keep_negative_numbers():
    import pandas as pd

    table = pd.DataFrame(
        {"Note": ['=HYPERLINK("http://x","y")', "+1+2", "@SUM(A1)", "ok"], "Change": ["-2.8", "-1", "3", "4"]}
    )
    text = to_safe_csv(table).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["Note"] for r in rows] == ['\'=HYPERLINK("http://x","y")', "'+1+2", "'@SUM(A1)", "ok"]
    assert [r["Change"] for r in rows] == ["-2.8", "-1", "3", "4"]


def test_the_map_labels_every_locality_with_its_status_in_words():
    import json

    boundaries = json.loads(LOCALITY_BOUNDARIES.read_text())
    names = {a: a.title() for a in ["chesil", "dorchester", "east", "north", "purbeck", "west"]}
    figure = locality_map(boundaries, {"chesil": "better", "east": "worse"}, names, "t")
    labels = figure.data[-1].text
    assert "<b>Chesil</b><br>▲ Better" in labels and "<b>East</b><br>▼ Worse" in labels
    assert list(figure.data[-1].customdata) == sorted(names)  # what a click selects
    assert status_text("no-significant-change") == "● No significant change"


def test_a_calendar_year_chart_keeps_its_axis_on_the_years_shown(tiny_warehouse, catalogue):
    # A baseline label such as '2022' placed by name was read as the number 2022, stretching the axis to 2,100.
    import pandas as pd

    indicator = catalogue.indicators["under-18-conceptions"]
    series = pd.DataFrame(
        {"area_id": "dorset", "area_name": "Dorset", "period": [str(y) for y in range(2016, 2023)],
         "period_end_date": pd.to_datetime([f"{y}-12-31" for y in range(2016, 2023)]),
         "value": [18.0, 17.0, 15.0, 13.8, 10.0, 8.0, 8.5], "lower_ci": None, "upper_ci": None,
         "suppressed": False, "data_status": "published"}
    )  # fmt: skip
    figure = trend_figure(series, indicator, ["dorset"])
    assert all(not isinstance(a.x, str) or not a.x.isdigit() for a in figure.layout.annotations)
    assert max(a.x for a in figure.layout.annotations if a.text == "Baseline") == 6


def test_a_single_illustrative_line_still_says_so_in_its_legend(tiny_warehouse, catalogue):
    series = WarehouseReader(tiny_warehouse).series("early-help-requests", ["chesil"])
    figure = trend_figure(series, catalogue.indicators["early-help-requests"], ["chesil"])
    assert figure.layout.showlegend is True and figure.data[0].name == "Chesil (illustrative)"
