"""Small numbers never reach a page: primary and secondary suppression."""

from __future__ import annotations

import inspect
import math

import pandas as pd
import pytest

from indicators.disclosure import PRIMARY, SECONDARY, apply_disclosure_control
from indicators.warehouse import WarehouseReader
from tests.conftest import TINY_DIR


def frame_of(rows: list[dict]) -> pd.DataFrame:
    base = {
        "numerator": None,
        "denominator": None,
        "value": None,
        "lower_ci": None,
        "upper_ci": None,
        "period": "2022/23",
    }
    frame = pd.DataFrame([base | r for r in rows])
    for column in ("numerator", "denominator", "value", "lower_ci", "upper_ci"):
        frame[column] = frame[column].astype("float64")
    return frame


def localities(
    values: dict[str, float], indicator: str = "children-in-care-count", dorset: float | None = None
) -> pd.DataFrame:
    rows = [{"indicator_id": indicator, "area_id": a, "numerator": v, "value": v} for a, v in values.items()]
    if dorset is not None:
        rows.append({"indicator_id": indicator, "area_id": "dorset", "numerator": dorset, "value": dorset})
    return frame_of(rows)


SIX = {"chesil": 120, "dorchester": 60, "east": 70, "north": 80, "purbeck": 3, "west": 65}


def test_a_count_below_five_is_withheld_with_its_limits(catalogue, areas):
    result = apply_disclosure_control(localities(SIX, dorset=398), catalogue, areas).set_index("area_id")
    assert result.loc["purbeck", "suppressed"]
    assert result.loc["purbeck", "suppression_reason"] == PRIMARY
    assert result.loc["purbeck", ["numerator", "value", "lower_ci", "upper_ci"]].isna().all()


def test_the_next_smallest_locality_is_withheld_so_the_total_cannot_reveal_it(catalogue, areas):
    result = apply_disclosure_control(localities(SIX, dorset=398), catalogue, areas).set_index("area_id")
    assert result.loc["dorchester", "suppression_reason"] == SECONDARY
    assert not result.loc[["chesil", "east", "north", "west", "dorset"], "suppressed"].any()


def test_a_missing_dorset_row_does_not_switch_secondary_suppression_off(catalogue, areas):
    # Dorset's total is published elsewhere, so its row being absent from this extract
    # must not let Purbeck's 3 be worked out from it.
    result = apply_disclosure_control(localities(SIX), catalogue, areas).set_index("area_id")
    assert sorted(result.index[result["suppressed"]]) == ["dorchester", "purbeck"]


def test_a_hidden_sub_area_cannot_be_worked_out_through_a_missing_locality_row(catalogue, areas):
    # Issue 14's case: no Chesil row, Weymouth 97 and Portland 3. Portland =
    # Dorset - the five other localities - Weymouth, unless one more figure is withheld.
    values = {"dorchester": 6, "east": 377, "north": 7, "purbeck": 9, "west": 12, "weymouth": 13, "portland": 3}
    frame = localities(values, indicator="early-help-requests", dorset=428)
    frame["period"] = "2024-03"
    result = apply_disclosure_control(frame, catalogue, areas).set_index("area_id")
    hidden = set(result.index[result["suppressed"]])
    assert "portland" in hidden and len(hidden) >= 2
    # A second figure under Dorset is withheld, so Dorset minus what is shown leaves two unknowns.
    assert (hidden - {"portland"}) & {"dorchester", "east", "north", "purbeck", "west", "weymouth"}


def test_a_percentage_given_as_value_and_denominator_is_still_checked_for_small_numbers(catalogue, areas):
    # 40% of 5 is 2 care leavers: leaving the numerator out must not show them.
    rows = [
        {"indicator_id": "care-leavers-in-suitable-accommodation", "area_id": "purbeck", "denominator": 5, "value": 40}
    ]
    result = apply_disclosure_control(frame_of(rows), catalogue, areas)
    assert result.loc[0, "suppressed"] and result.loc[0, "suppression_reason"] == PRIMARY
    assert pd.isna(result.loc[0, "value"])


def test_a_count_withheld_is_withheld_in_the_rate_counting_the_same_children(catalogue, areas):
    # Chesil's count is withheld to protect Purbeck; its rate (same children) would give it back.
    rows = [
        {"indicator_id": "children-in-care-count", "area_id": a, "numerator": v, "value": v}
        for a, v in (SIX | {"dorset": 398}).items()
    ] + [
        {"indicator_id": "children-in-care-rate", "area_id": a, "numerator": v, "denominator": 10000, "value": v}
        for a, v in (SIX | {"dorset": 398}).items()
        if a != "purbeck"
    ]
    result = apply_disclosure_control(frame_of(rows), catalogue, areas)
    hidden_count = set(result[(result["indicator_id"] == "children-in-care-count") & result["suppressed"]]["area_id"])
    hidden_rate = set(result[(result["indicator_id"] == "children-in-care-rate") & result["suppressed"]]["area_id"])
    assert hidden_count == {"purbeck", "dorchester"}
    assert "dorchester" in hidden_rate


def test_five_is_shown_and_four_is_not(catalogue, areas):
    result = apply_disclosure_control(localities({"east": 5, "west": 4}), catalogue, areas).set_index("area_id")
    assert not result.loc["east", "suppressed"] and result.loc["west", "suppressed"]


def test_figures_that_are_not_about_people_are_never_withheld(catalogue, areas):
    rows = [
        {
            "indicator_id": "schools-good-or-outstanding",
            "area_id": "purbeck",
            "numerator": 20,
            "denominator": 22,
            "value": 90.9,
        }
    ]
    assert not apply_disclosure_control(frame_of(rows), catalogue, areas).loc[0, "suppressed"]


def test_a_percentage_with_a_small_complement_is_withheld(catalogue, areas):
    rows = [
        {
            "indicator_id": "care-leavers-in-education-employment-training",
            "area_id": "east",
            "numerator": 20,
            "denominator": 22,
            "value": 90.9,
        }
    ]
    result = apply_disclosure_control(frame_of(rows), catalogue, areas)
    assert result.loc[0, "suppressed"]  # "all but two" identifies the two
    assert result.loc[0, "denominator"] == 22  # the group size is not sensitive


def test_a_hidden_sub_area_cannot_be_worked_out_from_chesil(catalogue, areas):
    rows = [
        {"indicator_id": "early-help-requests", "area_id": a, "numerator": v, "value": v, "period": "2023-11"}
        for a, v in {"chesil": 44, "weymouth": 40, "portland": 4}.items()
    ]
    result = apply_disclosure_control(frame_of(rows), catalogue, areas).set_index("area_id")
    assert result.loc["portland", "suppressed"] and result.loc["weymouth", "suppressed"]
    assert not result.loc["chesil", "suppressed"]


def test_hiding_chesil_hides_enough_of_its_sub_areas_and_of_the_localities(catalogue, areas):
    values = {
        "chesil": 4,
        "weymouth": 2,
        "portland": 2,
        "dorchester": 30,
        "east": 31,
        "north": 32,
        "purbeck": 33,
        "west": 34,
    }
    rows = [
        {"indicator_id": "early-help-requests", "area_id": a, "numerator": v, "value": v, "period": "2023-11"}
        for a, v in values.items()
    ]
    rows.append(
        {
            "indicator_id": "early-help-requests",
            "area_id": "dorset",
            "numerator": 164,
            "value": 164,
            "period": "2023-11",
        }
    )
    result = apply_disclosure_control(frame_of(rows), catalogue, areas).set_index("area_id")
    hidden = set(result.index[result["suppressed"]])
    assert {"chesil", "weymouth", "portland", "dorchester"} <= hidden
    for parent, children in [
        ("dorset", ["chesil", "dorchester", "east", "north", "purbeck", "west"]),
        ("chesil", ["weymouth", "portland"]),
    ]:
        group = [parent, *children]
        assert sum(a in hidden for a in group) != 1, parent


# --- through the warehouse and every query the pages use -----------------------------


def small_cells() -> dict[tuple[str, str, str], float]:
    """The fixture's figures that must be withheld, with their true numerators."""
    raw = pd.read_csv(TINY_DIR / "tiny_extract.csv", dtype={"period": str})
    return {
        (r.indicator_id, r.area, r.period): r.numerator
        for r in raw.itertuples()
        if (r.indicator_id, r.area) in {("children-in-care-count", "purbeck"), ("early-help-requests", "portland")}
    }


def reader_queries(reader: WarehouseReader) -> list[pd.DataFrame]:
    """Call every public query of the reader with every indicator and area it knows."""
    results = []
    indicators = list(reader.table_counts()["indicator_id"].unique())
    areas = ["chesil", "weymouth", "portland", "dorchester", "east", "north", "purbeck", "west", "dorset", "england"]
    for indicator in indicators:
        results.append(reader.series(indicator, areas))
        for period in reader.series(indicator, areas)["period"].unique():
            results.append(reader.period_snapshot(indicator, period))
    results.append(reader.assessments())
    results.append(reader.area_values(areas))
    results.append(reader.table_counts())
    for area in areas:
        results.append(reader.new_since(area, "1990-01-01"))
    return results


def test_every_public_query_is_exercised_by_the_leak_test():
    public = {name for name, _ in inspect.getmembers(WarehouseReader, inspect.isfunction) if not name.startswith("_")}
    # These return no figures: flags, labels and file names only.
    no_figures = {
        "close",
        "build_info",
        "has_illustrative_data",
        "latest_period",
        "load_log",
        "illustrative_series",
        "projects",
        "verdicts_changed_since",
        "real_locality_periods",
        "wards",
        "latest_statuses",
    }
    assert public - no_figures == {
        "series",
        "period_snapshot",
        "assessments",
        "table_counts",
        "area_values",
        "new_since",
    }


def test_no_withheld_number_is_reachable_through_the_query_functions(tiny_warehouse):
    reader = WarehouseReader(tiny_warehouse)
    cells = small_cells()
    assert cells, "the fixture must contain small numbers"
    for frame in reader_queries(reader):
        if {"indicator_id", "area_id", "period"} <= set(frame.columns):
            for key in cells:
                match = frame[
                    (frame["indicator_id"] == key[0]) & (frame["area_id"] == key[1]) & (frame["period"] == key[2])
                ]
                for column in ("numerator", "value", "lower_ci", "upper_ci"):
                    if column in match:
                        assert match[column].isna().all(), (key, column)
        if "suppressed" in frame.columns:
            hidden = frame[frame["suppressed"]]
            shown = [c for c in ("numerator", "value", "lower_ci", "upper_ci") if c in frame.columns]
            assert hidden[shown].isna().all().all()
    assessed = reader.assessments().set_index(["indicator_id", "area_id"])
    purbeck = assessed.loc[("children-in-care-count", "purbeck")]
    assert (purbeck["latest_suppressed"] and purbeck["latest_value"] is None) or math.isnan(purbeck["latest_value"])
    assert "withheld" in purbeck["baseline_sentence"] and "3" not in purbeck["baseline_sentence"]
    assert purbeck["vs_baseline"] == "not-compared"


@pytest.mark.parametrize("period", ["2021/22", "2022/23", "2023/24", "2024/25"])
def test_the_withheld_locality_cannot_be_recovered_by_subtraction(tiny_warehouse, period):
    reader = WarehouseReader(tiny_warehouse)
    snapshot = reader.period_snapshot("children-in-care-count", period).set_index("area_id")
    hidden = snapshot.index[snapshot["suppressed"]]
    assert "purbeck" in hidden and len(hidden) >= 2
