"""The illustrative locality dataset: reproducible, flagged, and adding up to Dorset's real figures."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pandas as pd
import pytest
from shapely.geometry import shape
from shapely.ops import unary_union

from indicators import demo_data, geography
from indicators.locality_definition import read_wards
from indicators.warehouse import WarehouseReader

PROJECT = Path(__file__).parent.parent
EXTRACTS = PROJECT / "data" / "extracts"
SIX = ["chesil", "dorchester", "east", "north", "purbeck", "west"]


@pytest.fixture(scope="module")
def generated() -> pd.DataFrame:
    return demo_data.generate()


def test_the_generator_is_deterministic_and_matches_the_shipped_file(generated):
    again = demo_data.generate()
    pd.testing.assert_frame_equal(generated, again)
    shipped = pd.read_csv(EXTRACTS / "illustrative_localities.csv", dtype={"period": str})
    assert len(shipped) == len(generated)
    assert (
        shipped["numerator"].fillna(-1).astype(int).tolist() == generated["numerator"].fillna(-1).astype(int).tolist()
    )


def test_every_row_is_flagged_illustrative_and_says_so(generated):
    assert set(generated["data_status"]) == {"illustrative"}
    assert generated["source"].str.startswith("ILLUSTRATIVE").all()


def test_every_indicator_has_every_locality_and_dorset_in_the_warehouse(shipped_warehouse, catalogue):
    reader = WarehouseReader(shipped_warehouse)
    for indicator in catalogue.indicators.values():
        areas = set(reader.series(indicator.id, [*SIX, "dorset"])["area_id"])
        assert areas == {*SIX, "dorset"}, indicator.id


def unit_inputs_all_estimated(indicator_id: str) -> bool:
    rows = pd.concat(pd.read_csv(p, dtype=str) for p in sorted(EXTRACTS.glob("units_*.csv")))
    statuses = set(rows.loc[rows["indicator_id"] == indicator_id, "data_status"])
    return statuses == {"estimated"}


def test_indicators_with_a_published_series_have_real_dorset_and_england_figures(shipped_warehouse, catalogue):
    reader = WarehouseReader(shipped_warehouse)
    for indicator in catalogue.indicators.values():
        if not indicator.published_series:
            continue
        rows = reader.series(indicator.id, ["dorset", "england", "devon"])
        dorset = rows[rows["area_id"] == "dorset"]
        # Real: published, or estimated from published figures (added up from schools or small areas).
        assert dorset["data_status"].isin(["published", "estimated"]).all(), indicator.id
        # Estimated throughout only where every input is itself an estimate (crimes from modelled rates).
        assert (dorset["data_status"] == "published").any() or unit_inputs_all_estimated(indicator.id), indicator.id
        if "england" in indicator.comparators:
            assert (rows["area_id"] == "england").any(), indicator.id


def test_locality_counts_add_up_to_dorsets_real_count(generated):
    published = pd.read_csv(EXTRACTS / "published_ees_children_looked_after.csv", dtype={"period": str})
    real = published[
        (published["area"] == "dorset") & (published["indicator_id"] == "children-in-care-count")
    ].set_index("period")
    localities = generated[(generated["indicator_id"] == "children-in-care-count") & generated["area"].isin(SIX)]
    sums = localities.groupby("period")["numerator"].sum()
    assert len(sums) >= 4
    for period, total in sums.items():
        assert total == real.loc[period, "numerator"]


def test_locality_percentages_and_rates_come_from_sums_that_give_dorsets_real_value(generated, catalogue):
    lait = pd.read_csv(EXTRACTS / "published_lait.csv", dtype={"period": str})
    real = lait[lait["area"] == "dorset"].set_index(["indicator_id", "period"])["value"]
    ratio = generated[generated["area"].isin(SIX) & generated["numerator"].notna() & generated["denominator"].notna()]
    checked = 0
    for (indicator_id, period), rows in ratio.groupby(["indicator_id", "period"]):
        if (indicator_id, period) not in real.index:
            continue
        indicator = catalogue.indicators[indicator_id]
        numerator, denominator = rows["numerator"].sum(), rows["denominator"].sum()
        rounding = 0.5 * indicator.multiplier / denominator  # half a child either way
        assert abs(numerator / denominator * indicator.multiplier - real[(indicator_id, period)]) <= rounding + 1e-9, (
            indicator_id,
            period,
        )
        checked += 1
    assert checked > 100


def test_localities_differ_as_deprivation_says(generated):
    # Persistent absence rises with deprivation; Chesil (Weymouth and Portland) is the most deprived.
    rows = generated[(generated["indicator_id"] == "persistent-absence") & generated["area"].isin(SIX)]
    rate = rows.groupby("area")[["numerator", "denominator"]].sum()
    rate = rate["numerator"] / rate["denominator"]
    assert rate.idxmax() == "chesil"


def test_weymouth_and_portland_appear_only_from_october_2023_and_share_chesils_figures(generated):
    subs = generated[generated["area"].isin(["weymouth", "portland"])]
    assert not subs.empty
    assert not subs["period"].isin(["2019/20", "2020/21", "2021/22", "2022/23"]).any()
    monthly = generated[generated["indicator_id"] == "early-help-requests"].set_index(["area", "period"])["numerator"]
    assert monthly[("weymouth", "2024-01")] + monthly[("portland", "2024-01")] == monthly[("chesil", "2024-01")]


def test_early_help_requests_keep_the_partnerships_published_figures(generated):
    dorset = generated[
        (generated["indicator_id"] == "early-help-requests") & (generated["area"] == "dorset")
    ].set_index("period")
    assert dorset.loc["2020-04", "numerator"] == 317
    assert dorset.loc["2020-09", "numerator"] == 455
    assert dorset.loc["2021-03", "numerator"] == 364
    assert len(dorset) == 84  # April 2019 to March 2026


def test_small_counts_exist_so_suppression_is_exercised(generated):
    small = generated[generated["numerator"].notna() & (generated["numerator"] < 5)]
    assert len(small) > 20


def test_every_ward_is_in_exactly_one_locality():
    rows = read_wards()
    assert len(rows) == 52
    assert {r.locality for r in rows} == set(SIX)
    assert {r.sub_area for r in rows if r.locality == "chesil"} == {"weymouth", "portland"}


def test_locality_boundaries_cover_dorset_without_gaps_or_overlaps():
    features = geography.locality_boundaries()["features"]  # dissolved from the shipped wards
    shapes = {f["id"]: shape(f["geometry"]) for f in features}
    wards = json.loads((geography.REFERENCE_DATA / "geography" / "dorset_wards_2025.geojson").read_text())["features"]
    dorset = unary_union([shape(w["geometry"]) for w in wards])
    six = unary_union([shapes[a] for a in SIX])
    assert six.symmetric_difference(dorset).area < 1e-6 * dorset.area  # no gaps
    for a, b in combinations(SIX, 2):
        assert shapes[a].intersection(shapes[b]).area < 1e-9, (a, b)  # no overlaps
    chesil = unary_union([shapes["weymouth"], shapes["portland"]])
    assert chesil.symmetric_difference(shapes["chesil"]).area < 1e-6 * shapes["chesil"].area


# --- issue 10, item 4: illustrative data that does not contradict itself (on the shipped file) ---


@pytest.fixture(scope="module")
def shipped_file() -> pd.DataFrame:
    return pd.read_csv(EXTRACTS / "illustrative_localities.csv", dtype={"period": str})


def test_each_localitys_share_of_a_count_stays_within_half_to_twice_its_share_of_children(shipped_file, catalogue):
    places = demo_data.load_places()
    children = {a: places.population[a] / sum(places.population[b] for b in SIX) for a in SIX}
    counts = shipped_file[shipped_file["indicator_id"].map(lambda i: catalogue.indicators[i].unit == "count")]
    checked = 0
    for (indicator_id, period), group in counts.groupby(["indicator_id", "period"]):
        figures = group.set_index("area")["numerator"]
        total = figures[SIX].sum()
        for area in SIX:
            ratio = figures[area] / total / children[area]
            assert 0.5 <= ratio <= 2, (indicator_id, period, area, round(ratio, 2))
            checked += 1
    assert checked > 1000


def test_indicators_sharing_children_agree_for_every_area_and_period(shipped_file, catalogue):
    # A rate's numerator is its count's; a denominator that is another indicator's count, or
    # another's denominator, is that figure: the demo never contradicts itself (and disclosure
    # control relies on these links).
    column = {
        "same count": ("numerator", "numerator"),
        "denominator is count": ("denominator", "numerator"),
        "same denominator": ("denominator", "denominator"),
    }
    for link in catalogue.links():
        first_column, second_column = column[link.kind]
        first = shipped_file[shipped_file["indicator_id"] == link.first].set_index(["area", "period"])[first_column]
        second = shipped_file[shipped_file["indicator_id"] == link.second].set_index(["area", "period"])[second_column]
        both = pd.concat([first.rename("first"), second.rename("second")], axis=1, join="inner").dropna()
        assert len(both) >= 30, link
        assert (both["first"] == both["second"]).all(), (link, both[both["first"] != both["second"]].head())


def test_early_help_assessments_never_exceed_requests_in_the_same_locality_and_month(shipped_file):
    pair = shipped_file[shipped_file["indicator_id"].isin(["early-help-requests", "early-help-assessments"])]
    table = pair.pivot_table(index=["area", "period"], columns="indicator_id", values="numerator")
    assert len(table) > 500
    assert (table["early-help-assessments"] <= table["early-help-requests"]).all()


def test_no_percentage_is_impossible_and_none_jumps(shipped_file, catalogue):
    rows = shipped_file[shipped_file["indicator_id"].map(lambda i: catalogue.indicators[i].unit == "percentage")]
    rows = rows.assign(value=rows["numerator"] / rows["denominator"] * 100)
    for indicator_id, group in rows.groupby("indicator_id"):
        indicator = catalogue.indicators[indicator_id]
        highest = group["value"].max()
        # Over 100% only where the catalogue allows it (and its caveat says why), and then only a little.
        assert highest <= (110 if indicator.value_can_exceed_100 else 100), (indicator_id, highest)
        if indicator.value_can_exceed_100:
            assert indicator.caveats, indicator_id  # the catalogue says why it can
        for area, series in group.groupby("area"):
            steps = series.sort_values("period")["value"].diff().abs().dropna()
            assert steps.max() < 20 if len(steps) else True, (indicator_id, area, steps.max())


def test_locality_denominators_add_up_to_the_published_populations(shipped_file):
    published = pd.read_csv(EXTRACTS / "published_ees_children_looked_after.csv", dtype={"period": str})
    dorset = published[(published["area"] == "dorset") & (published["indicator_id"] == "children-in-care-rate")]
    rate = shipped_file[shipped_file["indicator_id"] == "children-in-care-rate"]
    for row in dorset.itertuples():
        localities = rate[(rate["period"] == row.period) & rate["area"].isin(SIX)]
        assert localities["denominator"].sum() == row.denominator, row.period
