"""Reading and checking a set of extracts, all or nothing: every file, block by block.

Rows for units (schools, wards, small areas, postcodes) are added up as they are read,
first within each block (a postcode-level export of half a million rows becomes one row
per postcode, indicator and period), then to localities and Dorset; unit rows are never
kept. Problems are capped at MAX_PROBLEMS_PER_FILE per file, with a count of the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pandas as pd

from indicators import locality_definition
from indicators.areas import Areas
from indicators.catalogue import Catalogue
from indicators.extracts import consistency
from indicators.extracts.problems import MAX_PROBLEMS_PER_FILE, ExtractError, Problem, capped
from indicators.extracts.reading import is_records, read_blocks
from indicators.extracts.records import records_as_rows
from indicators.extracts.rows import CHECKED_COLUMNS, check_table
from indicators.locality_definition import LSOA_WARDS, WARD_FILE
from indicators.units import Placement, UnitTotals, default_lookups

KEY = ["indicator_id", "area_id", "period"]
UNIT_KEY = ["indicator_id", "unit", "period", "data_status", "source", "note", "source_file"]


def read_and_check(
    paths: Iterable[Path],
    catalogue: Catalogue,
    areas: Areas,
    today: date | None = None,
    allow_unplaced: bool = False,
) -> pd.DataFrame:
    """Read and check every file; return all rows, or raise ExtractError listing every problem.

    Rows for units come back added up to localities and Dorset; the placement report is in
    `.attrs["placement"]`, warnings (figures worth a second look) in `.attrs["warnings"]`. A
    unit that cannot be placed is a problem unless `allow_unplaced`, when it is left out and reported.
    """
    problems = assignment_problems(areas)
    if problems:  # every unit is placed through it: nothing is loaded while it is wrong
        raise ExtractError(problems)
    area_frames = []
    units = UnitTotals(default_lookups())
    for path in paths:
        rows, found = _read_file(path, catalogue, areas, today, units)
        area_frames.append(rows)
        problems.extend(found)
    combined = _concat(area_frames)
    placement = Placement()
    if not problems and units.report.placed + len(units.report.unplaced):
        combined, placement = _add_up_units(combined, units, catalogue)
        if placement.unplaced and not allow_unplaced:
            problems.extend(_unplaced_problems(placement))
    if not problems and len(combined):
        combined = _real_before_illustrative(combined)
        problems.extend(find_duplicates(combined))
        problems.extend(consistency.parents_below_children(combined, catalogue, areas))
    if problems:
        raise ExtractError(capped(problems))
    warnings = consistency.made_up_but_published(combined) + consistency.linked_figures_disagree(combined, catalogue)
    combined = combined.drop(columns=["unit", "value_given"], errors="ignore")
    combined.attrs["placement"] = placement
    combined.attrs["warnings"] = capped(warnings, "warnings")
    return combined


def assignment_problems(areas: Areas, reference: Path = WARD_FILE.parent) -> list[Problem]:
    """Mistakes in data/reference/ward_localities.csv, as problems the data team can fix."""
    localities = {a.id for a in areas.of_type("locality")}
    found = locality_definition.assignment_problems(localities, reference / WARD_FILE.name, reference / LSOA_WARDS.name)
    return [
        Problem(f"data/reference/{WARD_FILE.name}", row, column, message, fix) for row, column, message, fix in found
    ]


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=CHECKED_COLUMNS)


def _read_file(path: Path, catalogue: Catalogue, areas: Areas, today: date | None, units: UnitTotals):
    """One file's area rows and its problems; its unit rows are added up into `units` block by block."""
    rows, problems = [], []
    try:
        for block in read_blocks(path):
            if is_records(block.columns):
                block, found = records_as_rows(block, catalogue, areas)
                problems.extend(found)
            frame, found = check_table(block, catalogue, areas, today)
            problems.extend(found)
            is_unit = frame["unit"].notna()
            rows.append(frame[~is_unit])
            if not problems:
                units.add(_sum_units(frame[is_unit], catalogue))
            if len(problems) >= MAX_PROBLEMS_PER_FILE:
                problems.append(
                    Problem(
                        path.name,
                        None,
                        None,
                        f"checking stopped after {len(problems)} problems",
                        "Fix these and check the file again.",
                    )
                )
                break
    except ExtractError as error:
        problems.extend(error.problems)
    rows_frame = _concat(rows)
    if not problems:
        problems.extend(
            consistency.fractions_for_percentages(rows_frame, rows_frame["value_given"].astype(bool), catalogue)
        )
    return rows_frame, problems


def _sum_units(units: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Unit rows added up by unit, indicator and period (rows repeat in a one-row-per-event export)."""
    if units.empty:
        return units.assign(rows=pd.Series(dtype="int64"))
    units = units.copy()
    is_count = units["indicator_id"].map(lambda i: catalogue.indicators[i].unit == "count")
    for column in ("numerator", "denominator", "value"):
        units[column] = pd.to_numeric(units[column]).astype("float64")
    units["numerator"] = units["numerator"].where(units["numerator"].notna() | ~is_count, units["value"])
    units = units.fillna({"note": ""})
    units = units.assign(period_end_date=pd.to_datetime(units["period_end_date"]))  # dates as objects group slowly
    grouped = units.groupby(UNIT_KEY, sort=False, dropna=False)
    summed = grouped[["numerator", "denominator"]].sum(min_count=1)
    summed["period_end_date"] = grouped["period_end_date"].max().dt.date
    summed["source_row"] = grouped["source_row"].min()
    summed["rows"] = grouped.size()
    return summed.reset_index()


def _add_up_units(frame: pd.DataFrame, units: UnitTotals, catalogue: Catalogue) -> tuple[pd.DataFrame, Placement]:
    totals, placement = units.finish()
    if len(totals):
        kinds = totals["indicator_id"].map(catalogue.indicators.__getitem__)
        ratio = totals["numerator"] / totals["denominator"] * kinds.map(lambda i: i.multiplier)
        totals["value"] = totals["numerator"].where(kinds.map(lambda i: i.unit == "count"), ratio)
        totals["value_given"] = False
        # A Dorset total made from units gives way to a Dorset figure given as such.
        given = frame.set_index(KEY).index
        keys = totals.set_index(KEY).index
        totals = totals[~((totals["area_id"] == "dorset") & keys.isin(given))]
    return pd.concat([frame, totals], ignore_index=True), placement


def _unplaced_problems(placement: Placement) -> list[Problem]:
    return [
        Problem(
            u.file,
            u.row,
            "area",
            f"{u.unit} cannot be placed in a locality: {u.reason}",
            "Correct or remove the row, or load with --allow-unplaced to leave it out (the report says how much).",
        )
        for u in placement.unplaced
    ]


def _real_before_illustrative(frame: pd.DataFrame) -> pd.DataFrame:
    """Where a real figure and an illustrative one are given for the same key, the real one stands."""
    real_keys = pd.MultiIndex.from_frame(frame.loc[frame["data_status"] != "illustrative", KEY])
    shadowed = (frame["data_status"] == "illustrative") & pd.MultiIndex.from_frame(frame[KEY]).isin(real_keys)
    return frame[~shadowed].reset_index(drop=True)


def find_duplicates(frame: pd.DataFrame) -> list[Problem]:
    """The same indicator, area and period given more than once, in one file or across files."""
    repeated = frame[frame.duplicated(KEY, keep=False)]
    problems = []
    for (indicator_id, area_id, period), group in repeated.groupby(KEY, sort=True):
        places = [f"{f} row {r}" for f, r in zip(group["source_file"], group["source_row"], strict=False)]
        first = group.iloc[0]
        problems.append(
            Problem(
                str(first["source_file"]),
                int(first["source_row"]),
                "period",
                f"{indicator_id} for {area_id} in {period} is given more than once ({', '.join(places)})",
                "Keep one row for each indicator, area and period.",
            )
        )
    return problems
