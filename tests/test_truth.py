"""Issue 10: the dashboard says only what is true, checked on every indicator and area of the shipped data."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from indicators.areas import default_areas
from indicators.catalogue import default_catalogue
from indicators.tables import area_summary
from tests.app_support import open_page
from tests.app_support import tables as page_tables

UP = {"getting-better": None, "getting-worse": None, "increasing": 1, "decreasing": -1}


@pytest.fixture(scope="module")
def shipped(shipped_warehouse: Path) -> Path:
    return shipped_warehouse  # read only


@pytest.fixture(scope="module")
def tables(shipped) -> tuple[pd.DataFrame, pd.DataFrame]:
    with duckdb.connect(str(shipped), read_only=True) as con:
        return con.execute("SELECT * FROM assessment").df(), con.execute("SELECT * FROM published").df()


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def _rising_is(status: str, polarity: str) -> int:
    """+1 if the status means the figure went up, -1 if down."""
    if status in {"increasing", "higher"}:
        return 1
    if status in {"decreasing", "lower"}:
        return -1
    good = status in {"getting-better", "better"}
    return 1 if good == (polarity == "higher-is-better") else -1


def test_no_trend_verdict_contradicts_its_line_on_any_indicator_or_area(tables):
    assessed, published = tables
    catalogue = default_catalogue()
    checked = 0
    for a in assessed[assessed["trend"].isin(list(UP))].itertuples():
        series = published[(published["indicator_id"] == a.indicator_id) & (published["area_id"] == a.area_id)]
        series = series.sort_values("period_end_date")
        periods = list(series["period"])
        used = series.iloc[periods.index(a.trend_from) : periods.index(a.trend_to) + 1]
        values = used["value"].dropna().tolist()
        way = _rising_is(a.trend, catalogue.indicators[a.indicator_id].polarity)
        assert _sign(values[-1] - values[0]) == way, (a.indicator_id, a.area_id, a.trend, values)
        assert _sign(values[-1] - values[-2]) != -way, (a.indicator_id, a.area_id, a.trend, values)
        checked += 1
    assert checked > 20, "too few trends to say anything"


def test_no_change_verdict_contradicts_the_figures_on_any_indicator_or_area(tables):
    assessed, _ = tables
    catalogue = default_catalogue()
    judged = assessed[assessed["vs_baseline"].isin(["better", "worse", "higher", "lower"])]
    assert len(judged) > 50
    for a in judged.itertuples():
        way = _rising_is(a.vs_baseline, catalogue.indicators[a.indicator_id].polarity)
        assert _sign(a.latest_value - a.baseline_value) == way, (a.indicator_id, a.area_id)


def test_every_trend_names_the_periods_it_used(tables):
    assessed, _ = tables
    with_trend = assessed[assessed["trend"] != "not-compared"]
    assert with_trend["trend_from"].notna().all()
    assert all(f"{a.trend_from} to {a.trend_to}" in a.trend_sentence for a in with_trend.itertuples())


def test_purbeck_persistent_absence_no_longer_says_getting_worse(tables):
    assessed, _ = tables
    a = assessed[(assessed["indicator_id"] == "persistent-absence") & (assessed["area_id"] == "purbeck")].iloc[0]
    assert a["trend"] != "getting-worse"
    assert "getting worse" not in a["trend_sentence"]


def test_every_illustrative_figure_in_a_summary_table_or_sentence_says_so(tables):
    assessed, _ = tables
    catalogue, areas = default_catalogue(), default_areas()
    for area_id in ["dorset", *[a.id for a in areas.localities], "weymouth", "portland"]:
        summary = area_summary(assessed, catalogue, areas, area_id).set_index("indicator_id")
        mine = assessed[assessed["area_id"] == area_id].set_index("indicator_id")
        for indicator_id, a in mine.iterrows():
            if indicator_id not in summary.index:
                continue  # restricted
            row = summary.loc[indicator_id]
            if a["latest_status"] == "illustrative" and not a["latest_suppressed"] and pd.notna(a["latest_value"]):
                assert "(illustrative)" in row["Latest"], (area_id, indicator_id, row["Latest"])
                assert "(illustrative)" in a["baseline_sentence"], (area_id, indicator_id)
            if a["latest_status"] == "published":
                assert "(illustrative)" not in row["Latest"], (area_id, indicator_id)


def test_all_of_dorset_marks_its_illustrative_early_help_figure_on_the_page(shipped):
    app = open_page(shipped, "overview", {"locality": "dorset"})
    table = pd.concat([frame for frame in page_tables(app) if "Latest" in frame.columns])
    requests = table[table["Indicator"].str.startswith("Requests for early help")]
    assert requests["Latest"].str.contains(r"\(illustrative\)").all(), requests["Latest"].tolist()
    banner = " ".join(w.value for w in app.warning)
    assert "so are Dorset's own figures for" in banner and "Requests for early help" in banner
    assert "Dorset, South West, England and similar-council figures are real published statistics" not in banner


def test_a_page_with_no_illustrative_dorset_figures_does_not_say_it_has_some(shipped):
    app = open_page(shipped, "young-and-thriving", {"locality": "dorset"})
    banner = " ".join(w.value for w in app.warning)
    assert "Dorset's own figures" not in banner and "locality figures are made up" in banner
