"""Chart builders and downloads: the figure, its words and its table say the same thing."""

from __future__ import annotations

import csv
import io
import math

import numpy as np
import pytest

from indicators.charts import comparison_figure, locality_map, trend_figure, trend_summary
from indicators.exports import chart_table, to_safe_csv
from indicators.geography import locality_boundaries
from indicators.verdicts import status_text
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


def test_the_chart_table_says_withheld_in_words(tiny_warehouse, catalogue):
    rows = WarehouseReader(tiny_warehouse).series("children-in-care-count", ["purbeck"])
    table = chart_table(rows, catalogue.indicators["children-in-care-count"])
    assert set(table["Value (number)"]) == {"withheld (small number)"}
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


def _map(names: dict[str, str], statuses: dict[str, str]):
    boundaries = locality_boundaries()
    return boundaries, locality_map(boundaries, statuses, names, "t")


def _catchers(figure):
    """The see-through points that answer clicks, all areas together."""
    from types import SimpleNamespace

    traces = [t for t in figure.data if t.name == "click to choose"]
    joined = {k: [v for t in traces for v in getattr(t, k)] for k in ("x", "y", "customdata")}
    return SimpleNamespace(**joined)


SIX = {a: a.title() for a in ["chesil", "dorchester", "east", "north", "purbeck", "west"]}


def _rings(boundaries: dict, area_id: str):
    from indicators.charts.geometry import outer_rings as _outer_rings

    return next(_outer_rings(f["geometry"]) for f in boundaries["features"] if f["id"] == area_id)


def test_the_map_says_each_localitys_verdict_in_words_and_symbols():
    _, figure = _map(SIX, {"chesil": "better", "east": "worse"})
    texts = [t for trace in figure.data if trace.mode == "text" for t in trace.text]
    texts += [a.text for a in figure.layout.annotations]
    assert "<b>East ▼</b>" in texts and "<b>Chesil ▲</b>" in texts  # a symbol beside each name
    hovers = {t.customdata[0]: t.hovertemplate for t in figure.data if t.name == "click to choose"}
    assert hovers["east"] == "East: ▼ Worse. Click to choose East.<extra></extra>"  # the verdict in words on hover
    assert status_text("no-significant-change") == "● About the same"


def test_a_click_anywhere_on_a_locality_chooses_it():
    from indicators.charts.geometry import _inside

    boundaries, figure = _map(SIX, {})
    catcher = _catchers(figure)
    assert set(catcher.customdata) == set(SIX)
    from indicators.charts.geometry import inner_points

    # 18-pixel markers on a map about 0.0029 degrees a pixel reach 0.026 degrees from their centre.
    reach = 0.022
    fine = inner_points(boundaries, list(SIX), step=0.004)  # where a person might click
    for area_id in SIX:  # every point that chooses an area is inside it or on its outline; every place is near one
        points = [(x, y) for x, y, a in zip(catcher.x, catcher.y, catcher.customdata, strict=True) if a == area_id]
        outline = {tuple(p[:2]) for ring in _rings(boundaries, area_id) for p in ring}
        assert all((x, y) in outline or any(_inside(x, y, r) for r in _rings(boundaries, area_id)) for x, y in points)
        gaps = np.asarray(fine[area_id])[:, None, :] - np.asarray(points)[None, :, :]  # every place to every point
        farthest = float(np.hypot(gaps[..., 0], gaps[..., 1]).min(axis=1).max())
        assert farthest <= reach, (area_id, farthest)


def test_labels_sit_inside_their_area_or_point_to_it_and_never_overlap():
    from indicators.charts.geometry import _inside, label_boxes, place_labels

    boundaries = _map(SIX, {})[0]
    names = {
        "dorchester": "Dorchester ●",
        "east": "East ●",
        "north": "North ●",
        "purbeck": "Purbeck ●",
        "west": "West ●",
        "weymouth": "Weymouth ●",
        "portland": "Portland ●",
    }
    inside, callouts = place_labels(boundaries, list(names), names)
    assert set(inside) | set(callouts) == set(names) and {"west", "north", "east", "purbeck"} <= set(inside)
    for area_id, (x, y) in inside.items():
        assert any(_inside(x, y, ring) for ring in _rings(boundaries, area_id)), area_id
    for area_id, (_, (x, y)) in callouts.items():  # the line ends inside the area
        assert any(_inside(x, y, ring) for ring in _rings(boundaries, area_id)), area_id
    boxes = list(label_boxes(inside | {a: c[0] for a, c in callouts.items()}, names).items())
    for n, (first, a) in enumerate(boxes):
        for second, b in boxes[n + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (first, second)


def test_weymouth_and_portland_are_drawn_when_one_of_them_is_chosen():
    names = {a: n for a, n in SIX.items() if a != "chesil"} | {"weymouth": "Weymouth", "portland": "Portland"}
    _, figure = _map(names, {"portland": "worse"})
    catcher = _catchers(figure)
    assert {"weymouth", "portland"} <= set(catcher.customdata) and "chesil" not in set(catcher.customdata)


def test_a_calendar_year_chart_keeps_its_axis_on_the_years_shown(tiny_warehouse, catalogue):
    # A baseline label such as '2022' placed by name was read as the number 2022, stretching the axis to 2,100.
    import pandas as pd

    indicator = catalogue.indicators["under-18-conceptions"]
    series = pd.DataFrame(
        {
            "area_id": "dorset",
            "area_name": "Dorset",
            "period": [str(y) for y in range(2016, 2023)],
            "period_end_date": pd.to_datetime([f"{y}-12-31" for y in range(2016, 2023)]),
            "value": [18.0, 17.0, 15.0, 13.8, 10.0, 8.0, 8.5],
            "lower_ci": None,
            "upper_ci": None,
            "suppressed": False,
            "data_status": "published",
        }
    )
    figure = trend_figure(series, indicator, ["dorset"])
    assert all(not isinstance(a.x, str) or not a.x.isdigit() for a in figure.layout.annotations)
    assert max(a.x for a in figure.layout.annotations if a.text == "Baseline") == 6


def test_a_single_illustrative_line_still_says_so_in_its_legend(tiny_warehouse, catalogue):
    series = WarehouseReader(tiny_warehouse).series("early-help-requests", ["chesil"])
    figure = trend_figure(series, catalogue.indicators["early-help-requests"], ["chesil"])
    assert figure.layout.showlegend is True and figure.data[0].name == "Chesil (illustrative)"


def test_outlines_are_drawn_with_fewer_points_but_keep_their_corners():
    from indicators.charts.geometry import simplify

    side = [[x / 10, 0.0] for x in range(11)] + [[1.0, y / 10] for y in range(1, 11)]
    side += [[1 - x / 10, 1.0] for x in range(1, 11)] + [[0.0, 1 - y / 10] for y in range(1, 11)]
    square = simplify(side, 0.001)  # a closed ring: it starts and ends on the same point
    assert square == [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]
    bump = simplify([[0.0, 0.0], [0.5, 0.002], [1.0, 0.0]], 0.001)
    assert bump == [[0.0, 0.0], [0.5, 0.002], [1.0, 0.0]]  # a point further out than the tolerance stays


def test_a_monthly_series_is_points_and_a_12_month_average_with_no_interval_bars(shipped_warehouse, catalogue):
    indicator = catalogue.indicators["early-help-requests"]
    series = WarehouseReader(shipped_warehouse).series(indicator.id, ["chesil"])
    figure = trend_figure(series, indicator, ["chesil"])
    months, average = figure.data
    assert all(v is None for v in months.error_y.array) and months.marker.size == 5  # ~90 points: bars were unreadable
    assert average.name == "Chesil (illustrative), 12-month average"
    values = [v for v in months.y]
    first = next(i for i, v in enumerate(average.y) if v is not None)
    assert first == 11 and math.isclose(average.y[first], sum(values[:12]) / 12)


def test_the_12_month_average_leaves_a_gap_where_a_month_is_withheld():
    from indicators.charts.trend import _rolling_year

    ys = [10.0] * 14 + [None] + [10.0] * 14
    drawn = _rolling_year([str(i) for i in range(len(ys))], ys, "Chesil", "#000000").y
    assert drawn[13] == 10.0 and all(v is None for v in drawn[14:26]) and drawn[26] == 10.0
