"""Importers read the published files correctly, quirks included (PROVENANCE.md)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from indicators.geography import REFERENCE_DATA
from indicators.importers import import_ees, import_els, import_lait, lait_period

REFERENCE = REFERENCE_DATA


@pytest.fixture(scope="module")
def lait() -> pd.DataFrame:
    return import_lait(REFERENCE / "dfe-lait" / "lait_long__dorset_comparators.csv").set_index(
        ["indicator_id", "area", "period"]
    )


def value(frame: pd.DataFrame, indicator: str, area: str, period: str) -> float:
    return float(frame.loc[(indicator, area, period), "value"])


def test_lait_values_match_the_source_rows_with_float_noise_removed(lait):
    # TotPerAbNew,,2025,Dorset,19.510000000000002,838
    assert value(lait, "persistent-absence", "dorset", "2024/25") == 19.51
    # Hosp_Adm_Alc_<18yrs,,2021/22-23/24: Dorset 45.41, England 22.56, South West 39.25
    assert value(lait, "under-18-alcohol-admissions", "dorset", "2021/22 to 2023/24") == 45.41
    assert value(lait, "under-18-alcohol-admissions", "england", "2021/22 to 2023/24") == 22.56
    assert value(lait, "under-18-alcohol-admissions", "south-west", "2021/22 to 2023/24") == 39.25
    # RTA,,2020-22,Dorset,12.7
    assert value(lait, "road-casualties-killed-or-seriously-injured", "dorset", "2020 to 2022") == 12.7


def test_lait_year_labels_follow_each_measures_year_type(catalogue):
    indicators = catalogue.indicators
    assert lait_period("2024", indicators["persistent-absence"]) == ("2023/24", "")  # academic year ending 2024
    assert lait_period("2025", indicators["children-in-need-rate"]) == ("2024/25", "")  # year to 31 March 2025
    assert lait_period("2024", indicators["ehc-plans-within-20-weeks"]) == ("2024", "")  # calendar year
    assert lait_period("2025 (prov)", indicators["good-level-of-development"]) == ("2024/25", "Provisional figure.")
    assert lait_period("2023/24", indicators["suspensions"]) == ("2023/24", "")
    assert lait_period("2019/20-21/22", indicators["under-18-alcohol-admissions"]) == ("2019/20 to 2021/22", "")


def test_lait_first_time_entrants_skip_englands_wrong_figure_and_take_dorset_from_code_835(lait):
    assert ("first-time-entrants-youth-justice", "england", "2024") not in lait.index
    assert value(lait, "first-time-entrants-youth-justice", "dorset", "2024") == 122  # filed under 835
    # LAIT files it under the former county's code, but 2024 is Dorset Council's figure (issue 10).
    note = lait.loc[("first-time-entrants-youth-justice", "dorset", "2024"), "note"]
    assert "Dorset Council's figure" in note and "former Dorset County Council area" not in note


def test_only_figures_for_periods_before_april_2019_are_called_the_former_county(lait):
    notes = lait.reset_index()
    former = notes[notes["note"].fillna("").str.contains("former Dorset County Council area")]
    assert len(former) > 10
    assert set(former["period"]) <= {
        "2013/14 to 2015/16",
        "2014/15 to 2016/17",
        "2015/16 to 2017/18",
        "2016/17 to 2018/19",
        "2015/16",
        "2016/17",
        "2017/18",
        "2018/19",
        "2016",
        "2017",
        "2018",
    }
    assert value(lait, "first-time-entrants-youth-justice", "south-west", "2024") == 121


def test_lait_prefers_dorset_council_over_the_former_county_where_both_exist(lait):
    row = lait.loc[("persistent-absence", "dorset", "2024/25")]
    assert "former Dorset County Council" not in row["note"]


def test_lait_rows_cover_statistical_neighbours_and_are_marked_published(lait):
    areas = set(lait.index.get_level_values("area"))
    assert {"dorset", "england", "south-west", "somerset", "devon", "north-yorkshire"} <= areas
    assert set(lait["data_status"]) == {"published"}
    assert lait["source"].str.contains("Open Government Licence v3.0").all()


def test_ees_children_looked_after_keep_the_published_count_and_population():
    rows = import_ees(
        REFERENCE / "dfe-csc-outcomes-enablers" / "cla_number_and_rate_per_10k_children__dorset_comparators.csv"
    )
    dorset = rows[(rows["area"] == "dorset") & (rows["period"] == "2024/25")].set_index("indicator_id")
    # 2025,...,Dorset,E06000059,Children looked after on 31 March each year,67149,437,65
    assert dorset.loc["children-in-care-rate", "numerator"] == 437
    assert dorset.loc["children-in-care-rate", "denominator"] == 67149
    assert dorset.loc["children-in-care-count", "numerator"] == 437
    assert set(rows["period"]) == {"2020/21", "2021/22", "2022/23", "2023/24", "2024/25"}


def test_ees_neet_uses_the_december_to_february_average_as_the_years_figure():
    rows = import_ees(REFERENCE / "dfe-nccis-neet" / "neet_not_known_16_17_2021_2025__dorset_comparators.csv")
    dorset = rows[rows["area"] == "dorset"].set_index("period")
    assert dorset.loc["2024/25", "value"] == 4.4 and dorset.loc["2024/25", "denominator"] == 7997
    assert dorset.loc["2023/24", "value"] == 3.6


def test_els_schools_skip_the_impossible_date_and_keep_one_row_per_council():
    rows = import_els(
        REFERENCE / "ons-explore-local-statistics" / "schools_rated_good_or_outstanding__dorset_comparators.csv"
    )
    assert "2024-09-31" not in set(rows["period"])
    dorset = rows[rows["area"] == "dorset"].set_index("period")
    assert dorset.loc["2023-03-31", "value"] == pytest.approx(81.6455696)
    assert not rows.duplicated(["area", "period"]).any()  # Somerset's two codes on one date


def test_els_relative_poverty_is_before_housing_costs_by_financial_year():
    rows = import_els(REFERENCE / "ons-explore-local-statistics" / "els_children_indicators__dorset_comparators.csv")
    dorset = rows[rows["area"] == "dorset"].set_index("period")
    assert dorset.loc["2024/25", "value"] == pytest.approx(15.48716006)
    assert dorset.loc["2021/22", "value"] == pytest.approx(13.41505765)


def test_an_unknown_ees_file_is_refused_with_its_name(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("time_period,geographic_level\n2024,National\n")
    with pytest.raises(ValueError, match=r"other\.csv: not an Explore Education Statistics file"):
        import_ees(path)


def test_the_shipped_published_extracts_are_what_the_importers_make_today():
    shipped = pd.read_csv(
        Path(__file__).parent.parent / "data" / "extracts" / "published_lait.csv", dtype=str, keep_default_na=False
    )
    fresh = import_lait(REFERENCE / "dfe-lait" / "lait_long__dorset_comparators.csv")
    assert len(shipped) == len(fresh)
    assert list(shipped["period"]) == list(fresh["period"])
