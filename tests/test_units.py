"""Issue 11: figures for schools, wards, small areas and postcodes, added up to localities on load.

Expected totals are worked out by hand from the project's own lookup files
(data/reference/*.csv), quoted beside each unit below.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from indicators.extracts import ExtractError, read_and_check
from indicators.geography import REFERENCE_DATA
from indicators.units import default_lookups
from indicators.warehouse import build
from tests.conftest import PROJECT_DIR, write_extract


def unit_row(area: str, numerator: object, denominator: object = "", **kw: object) -> dict[str, object]:
    return {
        "indicator_id": "persistent-absence",
        "area": area,
        "period": "2024/25",
        "numerator": numerator,
        "denominator": denominator,
        "data_status": "published",
        "source": "Test: school-level figures",
    } | kw


def units_of(locality: str, kind: str = "lsoa") -> list[str]:
    """Every ward, LSOA or MSOA (best fit) of a locality, from the shipped lookups (a total needs them all)."""
    lookups = default_lookups()
    table = {"lsoa": lookups.lsoa, "ward": lookups.ward, "msoa": lookups.msoa}[kind]
    return sorted(code for code, (where, _) in table.items() if where == locality)


WARDS = [
    unit_row("E05012706", 120, 800),  # Lytchett Matravers & Upton: Purbeck
    unit_row("E05012722", 90, 500),  # Swanage: Purbeck
    *(unit_row(ward, 10, 100) for ward in ("E05012718", "E05012725", "E05012728")),  # the rest of Purbeck
    unit_row("E05012709", 60, 300),  # Portland: Chesil, Portland
    unit_row("E05012708", 140, 700),  # Melcombe Regis: Chesil, Weymouth
    *(
        unit_row(ward, 10, 100) for ward in ("E05012704", "E05012711", "E05012712", "E05012723", "E05012729")
    ),  # Weymouth
]
LSOAS = [unit_row("E01020373", 30, 200), unit_row("E01020374", 45, 250)]  # both East
EAST_LSOAS = [unit_row(code, 3, 20) for code in units_of("east")]
SCHOOLS = [
    unit_row("URN:113663", 20, 150),  # open school in LSOA E01020540: North
    unit_row("URN:113658", 35, 180),  # closed; succeeded by 145721 in Purbeck
    unit_row("urn: 113669", 15, 120),  # LSOA E01020448: North (case and space as people type them)
]


def totals(rows: list[dict[str, object]], tmp_path: Path) -> dict[str, tuple[float, float, str]]:
    frame = read_and_check([write_extract(tmp_path / "units.csv", rows)], *_context())
    return {
        r.area_id: (r.numerator, r.denominator, r.data_status)
        for r in frame.itertuples()
        if r.indicator_id == "persistent-absence"
    }


def _context():
    from indicators.areas import default_areas
    from indicators.catalogue import default_catalogue

    return default_catalogue(), default_areas()


def test_wards_add_up_to_localities_and_sub_areas_they_cover(tmp_path):
    got = totals(WARDS, tmp_path)
    assert got["purbeck"] == (240, 1600, "published")
    assert got["chesil"] == (250, 1500, "published")
    assert got["portland"] == (60, 300, "published") and got["weymouth"] == (190, 1200, "published")
    assert "east" not in got


def test_no_total_is_made_for_an_area_its_units_cover_only_in_part(tmp_path):
    # Issue 19: a "Dorset" total made from 12 of 52 wards, marked estimated, with no warning.
    frame = read_and_check([write_extract(tmp_path / "units.csv", WARDS)], *_context())
    assert "dorset" not in set(frame["area_id"])
    report = str(frame.attrs["placement"])
    assert "the wards given hold" in report and "of Dorset's children; no total made for" in report
    assert "dorset (" in report and "purbeck (" not in report  # Purbeck's wards are all there


def test_lsoas_add_up_where_they_cover_the_locality(tmp_path):
    got = totals(EAST_LSOAS, tmp_path)
    assert got["east"] == (3 * len(EAST_LSOAS), 20 * len(EAST_LSOAS), "published") and "dorset" not in got
    assert "east" not in totals(LSOAS, tmp_path)  # two of East's small areas make no East figure


def test_schools_add_up_following_a_closed_school_to_its_successor(tmp_path):
    got = totals(SCHOOLS, tmp_path)
    assert got["north"] == (35, 270, "published")
    assert got["purbeck"] == (35, 180, "published")


def test_a_postcode_and_an_msoa_are_placed_and_a_best_fit_is_estimated(tmp_path):
    north = units_of("north", "msoa")  # E02004260: 68% of its children in North
    got = totals([unit_row("BA21 5BN", 10, 100), *(unit_row(m, 5, 50) for m in north)], tmp_path)
    assert got["west"] == (10, 100, "published")  # BA215BN: LSOA E01020497, West (postcodes need not cover an area)
    assert got["north"] == (5 * len(north), 50 * len(north), "estimated")
    assert "dorset" not in got  # the MSOAs cover North only


def test_sub_areas_are_figured_before_the_split_from_their_wards(tmp_path):
    # Issue 20: Weymouth and Portland are made of their wards, so the 2022/23 baseline has them too.
    chesil = [row | {"period": "2022/23"} for row in WARDS if row["area"] in units_of("chesil", "ward")]
    got = totals(chesil, tmp_path)
    assert got["portland"] == (60, 300, "published") and got["chesil"] == (250, 1500, "published")


def test_a_unit_that_cannot_be_placed_fails_the_load_and_says_why(tmp_path):
    rows = [*WARDS, unit_row("URN:999999", 5, 50), unit_row("SW1A 1AA", 3, 20)]
    with pytest.raises(ExtractError) as caught:
        totals(rows, tmp_path)
    text = str(caught.value)
    assert (
        f"units.csv, row {len(WARDS) + 2}, column 'area': URN:999999 cannot be placed in a locality: not an open Dorset school"
        in text
    )
    assert "SW1A 1AA cannot be placed" in text and "--allow-unplaced" in text


def test_allow_unplaced_leaves_them_out_and_reports_how_much(tmp_path):
    path = write_extract(tmp_path / "units.csv", [*WARDS, unit_row("URN:999999", 5, 50)])
    frame = read_and_check([path], *_context(), allow_unplaced=True)
    report = str(frame.attrs["placement"])
    assert f"{len(WARDS)} unit row(s) added up" in report
    assert "1 row(s) could not be placed and were left out (numerators 5, denominators 50)" in report


def test_a_units_percentage_without_counts_is_refused_with_the_reason(tmp_path):
    with pytest.raises(ExtractError) as caught:
        totals([unit_row("E05012706", "", "", value=15.0)], tmp_path)
    assert "percentages and rates are added up from counts, never averaged" in str(caught.value)


def test_schools_average_scores_add_up_as_total_points_over_pupils(tmp_path):
    rows = [
        unit_row("URN:113663", 9000, 200, indicator_id="attainment-8", period="2022/23"),  # North: average 45
        unit_row("urn: 113669", 3000, 100, indicator_id="attainment-8", period="2022/23"),  # North: average 30
    ]
    frame = read_and_check([write_extract(tmp_path / "units.csv", rows)], *_context())
    north = frame[(frame["area_id"] == "north") & (frame["indicator_id"] == "attainment-8")].iloc[0]
    # (9000 + 3000) / (200 + 100) = 40, not the mean of the averages (37.5).
    assert (north["numerator"], north["denominator"], north["value"]) == (12000, 300, 40.0)


def test_a_schools_average_score_without_its_total_and_pupils_is_refused(tmp_path):
    with pytest.raises(ExtractError) as caught:
        totals([unit_row("URN:113663", "", "", indicator_id="attainment-8", value=45.0)], tmp_path)
    assert "averages are added up from totals, never averaged" in str(caught.value)


def test_a_score_with_few_pupils_is_withheld_although_its_points_are_many():
    import pandas as pd

    from indicators.catalogue import default_catalogue
    from indicators.disclosure.counts import people_counts, small_number_reasons

    frame = pd.DataFrame(
        {
            "indicator_id": ["attainment-8"] * 2,
            "value": [45.0, 45.0],
            "numerator": [180.0, 900.0],
            "denominator": [4.0, 20.0],
            "lower_ci": [None, None],
            "upper_ci": [None, None],
        }
    )
    catalogue = default_catalogue()
    reasons = small_number_reasons(frame, people_counts(frame, catalogue), catalogue)
    assert [bool(r) for r in reasons] == [True, False]


def test_independent_schools_are_not_counted_in_school_results():
    import pandas as pd

    results = pd.read_csv(PROJECT_DIR / "data" / "extracts" / "units_dfe_attainment.csv", dtype=str)
    # Bryanston, Sherborne and Clayesmore: independent, their pupils' IGCSEs score 0 in the tables.
    assert not results["area"].isin(["URN:113910", "URN:113918", "URN:113912"]).any()
    assert results["area"].eq("URN:137163").any()  # The Thomas Hardye School, an academy


def test_real_locality_figures_replace_illustrative_ones_for_the_same_period(tmp_path):
    illustrative = write_extract(
        tmp_path / "made_up.csv",
        [
            unit_row("purbeck", 999, 2000, data_status="illustrative"),
            unit_row("east", 500, 2000, data_status="illustrative"),
        ],
    )
    units = write_extract(tmp_path / "units.csv", WARDS)
    frame = read_and_check([illustrative, units], *_context())
    purbeck = frame[frame["area_id"] == "purbeck"]
    assert list(purbeck["numerator"]) == [240] and list(purbeck["data_status"]) == ["published"]
    assert list(frame.loc[frame["area_id"] == "east", "data_status"]) == ["illustrative"]


SENTINELS = (4321.0, 8765.0, 9119.0)


def test_no_units_figure_reaches_the_warehouse(tmp_path):
    rows = [
        unit_row("URN:113663", 4321, 9119),  # the only unit in North: its total equals it, so use two
        unit_row("URN:113669", 100, 8765),
        *WARDS,
    ]
    warehouse = tmp_path / "w.duckdb"
    build([write_extract(tmp_path / "units.csv", rows)], warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for table in ("observation", "published", "assessment"):
            frame = con.execute(f"SELECT * FROM {table}").df()
            numbers = {float(v) for c in frame.select_dtypes("number") for v in frame[c].dropna()}
            assert not numbers & set(SENTINELS), table
            text = [str(v) for v in frame.to_numpy().ravel()]
            assert not [t for t in text if any(str(int(s)) in t for s in SENTINELS)], table
            assert not [t for t in text if "URN:" in t or "E05012706" in t], table


def test_aggregate_writes_the_locality_extract_and_the_report(tmp_path):
    path = write_extract(tmp_path / "units.csv", [*EAST_LSOAS, unit_row("URN:999999", 5, 50)])
    out = tmp_path / "localities.csv"
    result = subprocess.run(
        [sys.executable, "-m", "indicators", "aggregate", str(path), "--out", str(out)],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "could not be placed" in result.stdout  # 1: something was left out
    written = out.read_text()
    assert "persistent-absence,east,2024/25" in written and "URN" not in written.split("\n", 1)[1].split(",")[1]
    loaded = read_and_check([out], *_context())
    assert set(loaded["area_id"]) == {"east"}


# --- the shipped real locality series and the context panel ---


def test_shipped_real_series_cover_all_six_localities(shipped_warehouse):
    warehouse = shipped_warehouse
    with duckdb.connect(str(warehouse), read_only=True) as con:
        real = con.execute(
            """
            SELECT indicator_id, period, count(DISTINCT area_id) AS areas, min(data_status) AS status
            FROM published
            WHERE area_id IN ('chesil', 'dorchester', 'east', 'north', 'purbeck', 'west')
              AND data_status IN ('published', 'estimated')
            GROUP BY ALL HAVING count(DISTINCT area_id) = 6
            """
        ).df()
    assert set(real["indicator_id"]) >= {
        "schools-good-or-outstanding",
        "children-in-relative-low-income",
        "persistent-absence",
        "key-stage-2-reading-writing-maths",
        "gcse-english-and-maths",
        "overall-absence",
        "attainment-8",
        "fsm-eligibility",
    }
    schools = real[real["indicator_id"] == "schools-good-or-outstanding"].set_index("period")["status"]
    assert schools.to_dict() == {"2019-11-30": "estimated", "2024-08-31": "published"}


def test_the_context_panel_adds_up_census_children_through_the_lookup():

    from indicators.context import context_for

    lsoas = set(units_of("chesil"))
    census = REFERENCE_DATA / "population" / "census2021_lsoa21_usual_residents_by_age6__dorset.csv"
    with open(census) as handle:
        expected = sum(
            int(float(r["usual_residents"]))
            for r in csv.DictReader(handle)
            if r["lsoa21_code"] in lsoas and r["age_group"] == "Aged 15 years and under"
        )
    facts = {f.fact: f for f in context_for("chesil")}
    assert facts["Children aged 0 to 15"].value == f"{expected:,}" and expected == 9822
    assert facts["Pupils eligible for free school meals"].status == "estimated"
    assert "May 2026" in facts["Latest Ofsted outcome"].source


def test_the_overview_and_profile_show_know_your_locality_with_statuses(shipped_warehouse):
    from tests.app_support import all_text, open_page

    warehouse = shipped_warehouse
    for page in ("overview", "profile"):
        text = all_text(open_page(warehouse, page, {"locality": "chesil"}))
        assert "Know Chesil: real figures" in text, page
        assert "**Children aged 0 to 15:** 9,822." in text and "(estimated)" in text, page


def test_the_shipped_lookups_and_context_are_what_the_generators_make_from_the_reference_data(tmp_path):
    import filecmp
    import shutil

    from indicators.geography import write_reference_files

    shipped = PROJECT_DIR / "data" / "reference"
    for declared in ("ward_localities.csv", "school_places.csv"):  # the inputs people edit
        shutil.copy(shipped / declared, tmp_path)
    write_reference_files(REFERENCE_DATA, tmp_path)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert {
        "lsoa_wards.csv",
        "school_lsoas.csv",
        "school_links.csv",
        "postcode_lsoas.csv",
        "context_units.csv",
        "wards_2025.geojson",
    } <= set(written)
    assert [n for n in written if not filecmp.cmp(tmp_path / n, shipped / n, shallow=False)] == []
