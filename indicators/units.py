"""Figures below locality level (schools, wards, small areas, postcodes), added up to localities.

An extract's `area` may name a unit instead of an area: a 2025 ward (`E05...`), a 2021
LSOA (`E01...`), an MSOA (`E02...`), a school (`URN:123456`) or a full postcode. Such
rows are added up on load (numerators and denominators, never averages of percentages)
to the six localities, Chesil's sub-areas (from October 2023, where the unit says which)
and Dorset, through the declared lookups in `data/reference/` (written by `python -m
indicators geography` from the shared reference data):

- school -> LSOA: GIAS May 2025, earlier URNs led to the open school that succeeded them;
- postcode -> LSOA: ONS NSPL centroids placed in 2021 LSOAs (best fit);
- LSOA -> locality: each LSOA's best-fit 2025 ward; ward -> locality: `ward_localities.csv`;
- MSOA -> locality: the locality holding most of its children (Census 2021), with that share.

Unit rows are never stored: only the sums reach the warehouse, where small numbers are
withheld from the locality totals as for any other figure. A total is `published` only
when it is an exact sum of published counts placed exactly; one that needs a best fit
(an MSOA split between localities) or rests on estimated inputs is `estimated`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd

from indicators.areas import default_areas

PROJECT_DIR = Path(__file__).resolve().parent.parent
REFERENCE_DIR = PROJECT_DIR / "data" / "reference"
_KINDS = {
    "ward": re.compile(r"E05\d{6}"),
    "lsoa": re.compile(r"E01\d{6}"),
    "msoa": re.compile(r"E02\d{6}"),
    "school": re.compile(r"URN:\s*(\d{6})", re.IGNORECASE),
    "postcode": re.compile(r"[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}"),
}
UNIT_WORDS = {"ward": "ward", "lsoa": "LSOA", "msoa": "MSOA", "school": "school", "postcode": "postcode"}


def unit_kind(text: str) -> str | None:
    """Which kind of unit an extract's `area` cell names, or None if it names no unit."""
    key = text.strip().upper()
    return next((kind for kind, pattern in _KINDS.items() if pattern.fullmatch(key)), None)


@dataclass(frozen=True)
class Place:
    locality: str
    sub_area: str | None
    exact: bool  # False where the unit is only mostly in the locality (a best fit)


@dataclass(frozen=True)
class Lookups:
    lsoa: dict[str, tuple[str, str | None]]
    ward: dict[str, tuple[str, str | None]]
    msoa: dict[str, tuple[str, float]]
    school: dict[str, str]  # URN -> LSOA
    postcode: dict[str, str]  # postcode without spaces -> LSOA
    children: dict[str, dict[str, float]] = field(default_factory=dict)  # kind -> unit -> children 0-15

    def place(self, text: str) -> Place | str:
        """Where a unit is, or why it cannot be placed."""
        kind = unit_kind(text)
        key = text.strip().upper()
        if kind == "ward":
            return _from(self.ward.get(key), "not a Dorset Council ward (2025)")
        if kind == "lsoa":
            return _from(self.lsoa.get(key), "not a Dorset LSOA (2021 codes; a 2011 code that changed needs its 2021 code)")
        if kind == "msoa":
            if key not in self.msoa:
                return "not a Dorset MSOA (2021)"
            locality, share = self.msoa[key]
            return Place(locality, None, share >= 1.0)
        if kind == "school":
            urn = _KINDS["school"].fullmatch(key).group(1)  # type: ignore[union-attr]
            lsoa = self.school.get(urn)
            if lsoa is None:
                return "not an open Dorset school in GIAS (May 2025), nor one that an open school succeeded"
            return _from(self.lsoa.get(lsoa), f"school's LSOA {lsoa} is not in Dorset")
        if kind == "postcode":
            lsoa = self.postcode.get(key.replace(" ", ""))
            if lsoa is None:
                return "not a Dorset postcode (or not in the May 2025 postcode list)"
            return _from(self.lsoa.get(lsoa), f"postcode's LSOA {lsoa} is not in Dorset")
        return "not a unit the dashboard can place"


def _from(found: tuple[str, str | None] | None, reason: str) -> Place | str:
    return reason if found is None else Place(found[0], found[1], True)


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _children_of_units(lsoas: list[dict[str, str]]) -> dict[str, dict[str, float]]:
    """Children aged 0-15 (Census 2021) in each ward, LSOA and MSOA, for the coverage of unit-level extracts."""
    children: dict[str, dict[str, float]] = {"lsoa": {}, "ward": {}, "msoa": {}}
    for row in lsoas:
        number = float(row["children_0_15"] or 0)
        children["lsoa"][row["lsoa21_code"]] = number
        for kind, key in (("ward", "ward25_code"), ("msoa", "msoa21_code")):
            children[kind][row[key]] = children[kind].get(row[key], 0.0) + number
    return children


@cache
def default_lookups(reference: Path = REFERENCE_DIR) -> Lookups:
    lsoas = _rows(reference / "lsoa_localities.csv")
    return Lookups(
        lsoa={r["lsoa21_code"]: (r["locality"], r["sub_area"] or None) for r in lsoas},
        ward={r["ward_code"]: (r["locality"], r["sub_area"] or None) for r in _rows(reference / "ward_localities.csv")},
        msoa={r["msoa21_code"]: (r["locality"], float(r["share_of_children"])) for r in _rows(reference / "msoa_localities.csv")},
        school={r["urn"]: r["lsoa21_code"] for r in _rows(reference / "school_lsoas.csv")},
        postcode={r["postcode"]: r["lsoa21_code"] for r in _rows(reference / "postcode_lsoas.csv")},
        children=_children_of_units(lsoas),
    )  # fmt: skip


@dataclass(frozen=True)
class Unplaced:
    file: str
    row: int
    unit: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file} row {self.row}: {self.unit}: {self.reason}"


SHOWN_IN_REPORT = 20  # unplaced units listed by name; the rest are counted
MIN_COVERAGE = 0.95  # a total from wards or small areas is made only where they cover this share of its children


@dataclass
class Placement:
    """What adding up did: how many units went where, which could not be placed (and why), and
    what share of each area's children the wards and small areas given cover."""

    placed: int = 0
    unplaced: list[Unplaced] = field(default_factory=list)
    left_out_numerator: float = 0.0
    left_out_denominator: float = 0.0
    coverage: list[str] = field(default_factory=list)  # one line per indicator and period, with any total left out

    def __str__(self) -> str:
        lines = [f"{self.placed:,} unit row(s) added up to localities and Dorset."]
        lines += [f"  {line}" for line in self.coverage]
        if self.unplaced:
            lines.append(
                f"{len(self.unplaced):,} row(s) could not be placed and were left out "
                f"(numerators {self.left_out_numerator:,.0f}, denominators {self.left_out_denominator:,.0f}):"
            )
            lines += [f"  - {u}" for u in self.unplaced[:SHOWN_IN_REPORT]]
            if len(self.unplaced) > SHOWN_IN_REPORT:
                lines.append(f"  ... and {len(self.unplaced) - SHOWN_IN_REPORT:,} more")
        return "\n".join(lines)


SUM_COLUMNS = ("numerator", "denominator")


def _coverage(frame: pd.DataFrame, lookups: Lookups) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Leave out totals of areas whose wards or small areas the extract covers too thinly, and say so.

    Schools and postcodes are not checked this way: a school list is reconciled by its own
    series, and postcodes with nothing to count are simply absent.
    """
    children = lookups.children
    kinds = frame["unit"].map(unit_kind)
    areal = frame[kinds.isin(list(children))]
    if areal.empty:
        return [], []
    lines, drop = [], []
    for (indicator_id, period, kind), group in areal.groupby(["indicator_id", "period", kinds[areal.index]], sort=True):
        given = set(group["unit"])
        by_area: dict[str, list[float]] = {}
        for unit, number in children[kind].items():
            place = lookups.place(unit)
            if isinstance(place, str):
                continue
            for area in filter(None, ("dorset", place.locality, place.sub_area)):
                shares = by_area.setdefault(area, [0.0, 0.0])
                shares[0] += number if unit in given else 0.0
                shares[1] += number
        # Only areas the units reach: postcodes may make West while these MSOAs make North.
        thin = {a: s[0] / s[1] for a, s in by_area.items() if s[0] and s[0] / s[1] < MIN_COVERAGE}
        dorset = by_area.get("dorset", [0.0, 1.0])
        line = f"{indicator_id} {period}: the {UNIT_WORDS[kind]}s given hold {dorset[0] / dorset[1]:.0%} of Dorset's children"
        if thin:
            line += "; no total made for " + ", ".join(f"{a} ({share:.0%})" for a, share in sorted(thin.items()))
            drop += [(indicator_id, area, period) for area in thin]
        lines.append(line)
    return lines, drop


def add_up(units: pd.DataFrame, lookups: Lookups) -> tuple[pd.DataFrame, Placement]:
    """Locality, sub-area and Dorset totals from checked unit rows (`unit`, `numerator`, `denominator`...).

    Returns rows in the checked-extract shape (area_id set, unit rows gone) and the placement report.
    """
    report = Placement()
    placed_rows = []
    for row in units.to_dict("records"):
        place = lookups.place(str(row["unit"]))
        if isinstance(place, str):
            report.unplaced.append(Unplaced(str(row["source_file"]), int(row["source_row"]), str(row["unit"]), place))
            report.left_out_numerator += float(row["numerator"] or 0)
            report.left_out_denominator += float(row["denominator"] or 0)
            continue
        report.placed += int(row.get("rows", 1) or 1)
        for area in filter(None, ("dorset", place.locality, place.sub_area)):
            placed_rows.append(row | {"area_id": area, "exact": place.exact})
    if not placed_rows:
        return units.iloc[0:0].drop(columns=["unit"]), report
    frame = pd.DataFrame(placed_rows)
    for column in SUM_COLUMNS:
        frame[column] = pd.to_numeric(frame[column]).astype("float64")
    key = ["indicator_id", "area_id", "period"]
    totals = frame.groupby(key, sort=True).agg(
        numerator=("numerator", lambda c: c.sum(min_count=1)),
        denominator=("denominator", lambda c: c.sum(min_count=1)),
        units=("unit", "nunique"),
        exact=("exact", "all"),
        statuses=("data_status", lambda c: set(c)),
        sources=("source", lambda c: sorted(set(c))),
        files=("source_file", lambda c: sorted(set(c))),
        period_end_date=("period_end_date", "max"),
        source_row=("source_row", "min"),
    ).reset_index()
    # A sub-area only has figures from when it began (areas.toml: valid_from).
    starts = {a.id: a.valid_from for a in default_areas().by_id.values() if a.valid_from}
    began = [starts.get(area, date.min) for area in totals["area_id"]]
    totals = totals[[end >= start for end, start in zip(totals["period_end_date"], began, strict=True)]]
    report.coverage, thin = _coverage(units, lookups)
    if thin:
        totals = totals[~pd.MultiIndex.from_frame(totals[key]).isin(pd.MultiIndex.from_tuples(thin, names=key))]
    totals["data_status"] = [
        "published" if exact and statuses == {"published"} else "illustrative" if "illustrative" in statuses else "estimated"
        for exact, statuses in zip(totals["exact"], totals["statuses"], strict=True)
    ]
    totals["source"] = [f"Added up by the dashboard from {n} unit(s); {'; '.join(s)}" for n, s in zip(totals["units"], totals["sources"], strict=True)]
    totals["note"] = [
        "" if exact else "Best fit: some units lie partly in another locality." for exact in totals["exact"]
    ]
    totals["source_file"] = [", ".join(f) for f in totals["files"]]
    totals["value"] = None
    for column in ("lower_ci", "upper_ci", "period_end", "area"):
        totals[column] = None
    return totals.drop(columns=["units", "exact", "statuses", "sources", "files"]), report
