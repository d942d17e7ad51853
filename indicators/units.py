"""Figures below locality level (schools, wards, small areas, postcodes), added up to localities.

An extract's `area` may name a unit instead of an area: a 2025 ward (`E05...`), a 2021
LSOA (`E01...`), an MSOA (`E02...`), a school (`URN:123456`) or a full postcode. Such
rows are added up on load (numerators and denominators, never averages of percentages)
to the six localities, Chesil's sub-areas (Weymouth and Portland, for any period: they are
made of their wards) and Dorset, through the lookups in `data/reference/`:

- ward -> locality: `ward_localities.csv`, the declared assignment (the one file to edit);
- LSOA -> ward: each LSOA's best-fit 2025 ward (`lsoa_wards.csv`), so its locality follows;
- MSOA -> locality: the locality holding most of its children (Census 2021), with that share,
  worked out from the LSOAs' wards when the lookups are read;
- school -> LSOA: GIAS May 2025, earlier URNs led to the open school that succeeded them
  (`school_lsoas.csv`, see indicators/schools.py), or a locality declared for a school that
  closed without a successor (`school_places.csv`, with why);
- postcode -> LSOA: ONS NSPL centroids placed in 2021 LSOAs (best fit).

`python -m indicators geography` writes all but the first from the shared reference data.

Unit rows are never stored: only the sums reach the warehouse, where small numbers are
withheld from the locality totals as for any other figure. A total is `published` only
when it is an exact sum of published counts placed exactly; one that needs a best fit
(an MSOA split between localities) or rests on estimated inputs is `estimated`. Totals of
the council's own records (`local`) stay `local`, with a note where a unit is a best fit.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from indicators.locality_definition import read_wards

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
    declared_schools: dict[str, str] = field(
        default_factory=dict
    )  # URN -> locality, for schools closed without a successor

    def place(self, text: str) -> Place | str:
        """Where a unit is, or why it cannot be placed."""
        kind = unit_kind(text)
        key = text.strip().upper()
        if kind == "ward":
            return _from(self.ward.get(key), "not a Dorset Council ward (2025)")
        if kind == "lsoa":
            return _from(
                self.lsoa.get(key), "not a Dorset LSOA (2021 codes; a 2011 code that changed needs its 2021 code)"
            )
        if kind == "msoa":
            if key not in self.msoa:
                return "not a Dorset MSOA (2021)"
            locality, share = self.msoa[key]
            return Place(locality, None, share >= 1.0)
        if kind == "school":
            return self._school(_KINDS["school"].fullmatch(key).group(1))  # type: ignore[union-attr]
        if kind == "postcode":
            lsoa = self.postcode.get(key.replace(" ", ""))
            if lsoa is None:
                return "not a Dorset postcode (or not in the May 2025 postcode list)"
            return _from(self.lsoa.get(lsoa), f"postcode's LSOA {lsoa} is not in Dorset")
        return "not a unit the dashboard can place"

    def _school(self, urn: str) -> Place | str:
        lsoa = self.school.get(urn)
        if lsoa is not None:
            return _from(self.lsoa.get(lsoa), f"school's LSOA {lsoa} is not in Dorset")
        locality = self.declared_schools.get(urn)
        if locality is not None:
            return Place(locality, None, True)
        return "not an open Dorset school in GIAS (May 2025), nor one that an open school succeeded"


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


def msoa_best_fit(
    lsoas: list[dict[str, str]], wards: dict[str, tuple[str, str | None]]
) -> dict[str, tuple[str, float]]:
    """MSOA -> (the locality holding most of its children, that share), from its LSOAs' wards."""
    by_msoa: dict[str, dict[str, float]] = {}
    for row in lsoas:
        locality = wards[row["ward25_code"]][0]
        shares = by_msoa.setdefault(row["msoa21_code"], {})
        shares[locality] = shares.get(locality, 0.0) + float(row["children_0_15"] or 0)
    best = {}
    for msoa, shares in by_msoa.items():
        locality = max(sorted(shares), key=shares.__getitem__)
        best[msoa] = (locality, round(shares[locality] / (sum(shares.values()) or 1), 3))
    return best


# Lookup files: fingerprinted with the code, so that editing one rebuilds the warehouse.
LOOKUP_FILES = ("ward_localities.csv", "lsoa_wards.csv", "school_lsoas.csv", "school_places.csv", "postcode_lsoas.csv")


def default_lookups(reference: Path = REFERENCE_DIR) -> Lookups:
    """The lookups in `reference`, read again whenever one of their files changes (the council edits
    ward_localities.csv while a dashboard runs; the next load must use the new assignment)."""
    return _read_lookups(reference, lookup_signature(reference))


def lookup_signature(reference: Path = REFERENCE_DIR) -> tuple[tuple[str, int, int], ...]:
    """Names, times and sizes of the lookup files: changes when one is edited."""
    files = [reference / name for name in LOOKUP_FILES if (reference / name).exists()]
    return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files)


@cache
def _read_lookups(reference: Path, _signature: tuple[tuple[str, int, int], ...]) -> Lookups:
    return lookups_with({w.code: w.place for w in read_wards(reference / "ward_localities.csv")}, reference)


def lookups_with(wards: dict[str, tuple[str, str | None]], reference: Path = REFERENCE_DIR) -> Lookups:
    """The lookups with a given ward -> (locality, sub-area) assignment (the shipped one, or one with a ward moved)."""
    lsoas = _rows(reference / "lsoa_wards.csv")
    declared = {
        r["urn"]: r["locality"]
        for r in _rows(reference / "school_places.csv")
        if r["locality"] in wards_localities(wards)
    }
    return Lookups(
        lsoa={r["lsoa21_code"]: wards[r["ward25_code"]] for r in lsoas},
        ward=wards,
        msoa=msoa_best_fit(lsoas, wards),
        school={r["urn"]: r["lsoa21_code"] for r in _rows(reference / "school_lsoas.csv")},
        postcode={r["postcode"]: r["lsoa21_code"] for r in _rows(reference / "postcode_lsoas.csv")},
        children=_children_of_units(lsoas),
        declared_schools=declared,
    )


def wards_localities(wards: dict[str, tuple[str, str | None]]) -> set[str]:
    return {locality for locality, _ in wards.values()}


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
    units_behind: dict[tuple[str, str, str], int] = field(
        default_factory=dict
    )  # (indicator, area, period) -> units added

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


def _coverage(
    given: dict[tuple[str, str, str], set[str]], lookups: Lookups
) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Leave out totals of areas whose wards or small areas the extract covers too thinly, and say so.

    `given`: (indicator, period, kind of unit) -> the units given. Schools and postcodes are
    not checked this way: a school list is reconciled by its own series, and postcodes with
    nothing to count are simply absent.
    """
    lines, drop = [], []
    for (indicator_id, period, kind), units in sorted(given.items()):
        by_area: dict[str, list[float]] = {}
        for unit, number in lookups.children[kind].items():
            place = lookups.place(unit)
            if isinstance(place, str):
                continue
            for area in filter(None, ("dorset", place.locality, place.sub_area)):
                shares = by_area.setdefault(area, [0.0, 0.0])
                shares[0] += number if unit in units else 0.0
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


KEY = ["indicator_id", "area_id", "period"]
PART_KEY = [*KEY, "data_status", "source", "source_file"]


class UnitTotals:
    """Unit rows added up to localities, sub-areas and Dorset a block at a time.

    Only the area totals and the set of units behind each are kept, never the unit rows:
    a file of half a million rows is placed and added up as it is read.
    """

    def __init__(self, lookups: Lookups):
        self.lookups = lookups
        self.report = Placement()
        self._places: dict[str, Place | str] = {}
        self._parts: list[pd.DataFrame] = []
        self._units: dict[tuple[str, str, str], set[str]] = {}  # (indicator, area, period) -> units behind it
        self._given: dict[tuple[str, str, str], set[str]] = {}  # (indicator, period, kind) -> wards, LSOAs, MSOAs

    def add(self, units: pd.DataFrame) -> None:
        """Add checked unit rows (`unit`, `numerator`, `denominator`, ...; `rows` where already summed)."""
        if units.empty:
            return
        for unit in units["unit"].unique():  # each distinct unit placed once
            if unit not in self._places:
                self._places[unit] = self.lookups.place(str(unit))
        unplaced = units["unit"].map(lambda u: isinstance(self._places[u], str)).astype(bool)
        self._note_unplaced(units[unplaced])
        placed = units[~unplaced]
        if placed.empty:
            return
        self.report.placed += int(placed["rows"].sum()) if "rows" in placed else len(placed)
        where = placed["unit"].map(self._places)
        layers = [
            placed.assign(area_id=area, exact=where.map(lambda p: p.exact))
            for area in ("dorset", where.map(lambda p: p.locality), where.map(lambda p: p.sub_area))
        ]
        frame = pd.concat(layers, ignore_index=True).dropna(subset=["area_id"])
        for (indicator_id, area, period), group in frame.groupby(KEY, sort=False)["unit"]:
            self._units.setdefault((indicator_id, area, period), set()).update(group)
        for (indicator_id, period), group in placed.groupby(["indicator_id", "period"], sort=False)["unit"]:
            for unit in group.unique():
                kind = unit_kind(unit)
                if kind in self.lookups.children:
                    self._given.setdefault((indicator_id, period, kind), set()).add(unit)
        self._parts.append(_part_totals(frame))

    def _note_unplaced(self, rows: pd.DataFrame) -> None:
        for row in rows.itertuples():
            self.report.unplaced.append(
                Unplaced(str(row.source_file), int(row.source_row), str(row.unit), self._places[row.unit])
            )  # type: ignore[arg-type]
        self.report.left_out_numerator += float(pd.to_numeric(rows["numerator"]).fillna(0).sum())
        self.report.left_out_denominator += float(pd.to_numeric(rows["denominator"]).fillna(0).sum())

    def finish(self) -> tuple[pd.DataFrame, Placement]:
        """The totals in the checked-extract shape (area_id set, no unit rows), and the placement report."""
        if not self._parts:
            return pd.DataFrame(
                columns=[*PART_KEY, "numerator", "denominator", "period_end_date", "source_row"]
            ), self.report
        parts = pd.concat(self._parts, ignore_index=True)
        grouped = parts.groupby(KEY, sort=True)
        totals = grouped[["numerator", "denominator"]].sum(min_count=1)
        totals["exact"] = grouped["exact"].all()
        totals["statuses"] = grouped["data_status"].agg(lambda c: set(c))
        totals["sources"] = grouped["source"].agg(lambda c: sorted(set(c)))
        totals["files"] = grouped["source_file"].agg(lambda c: sorted(set(c)))
        totals["period_end_date"] = grouped["period_end_date"].max()
        totals["source_row"] = grouped["source_row"].min()
        totals = totals.reset_index()
        keys = list(zip(totals["indicator_id"], totals["area_id"], totals["period"], strict=True))
        totals["units"] = [len(self._units[key]) for key in keys]
        self.report.units_behind = dict(zip(keys, totals["units"], strict=True))
        totals = totals.assign(period_end_date=totals["period_end_date"].dt.date)
        self.report.coverage, thin = _coverage(self._given, self.lookups)
        if thin:
            totals = totals[~pd.MultiIndex.from_frame(totals[KEY]).isin(pd.MultiIndex.from_tuples(thin, names=KEY))]
        return _described(totals), self.report


def _part_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """One block's units added up to areas (vectorised sums; `exact` only while every unit placed exactly)."""
    frame = frame.assign(
        numerator=pd.to_numeric(frame["numerator"]).astype("float64"),
        denominator=pd.to_numeric(frame["denominator"]).astype("float64"),
        period_end_date=pd.to_datetime(frame["period_end_date"]),
    )
    grouped = frame.groupby(PART_KEY, sort=False, dropna=False)
    part = grouped[["numerator", "denominator"]].sum(min_count=1)
    part["exact"] = grouped["exact"].all()
    part["period_end_date"] = grouped["period_end_date"].max()
    part["source_row"] = grouped["source_row"].min()
    return part.reset_index()


def _status_of(exact: bool, statuses: set[str]) -> str:
    if "illustrative" in statuses:
        return "illustrative"
    if "local" in statuses and statuses <= {"local", "published"}:
        # The council's own records stay its own: a postcode's best fit moves a child, not the count's nature.
        return "local"
    return "published" if exact and statuses == {"published"} else "estimated"


def _described(totals: pd.DataFrame) -> pd.DataFrame:
    """Status, source and note of each total: published only when every part was published and placed exactly."""
    totals = totals.copy()
    totals["data_status"] = [
        _status_of(exact, statuses) for exact, statuses in zip(totals["exact"], totals["statuses"], strict=True)
    ]
    totals["source"] = [
        f"Added up by the dashboard from {n} unit(s); {'; '.join(s)}"
        for n, s in zip(totals["units"], totals["sources"], strict=True)
    ]
    totals["note"] = [
        "" if exact else "Best fit: some units lie partly in another locality." for exact in totals["exact"]
    ]
    totals["source_file"] = [", ".join(f) for f in totals["files"]]
    totals["value"] = None
    for column in ("lower_ci", "upper_ci", "period_end", "area"):
        totals[column] = None
    return totals.drop(columns=["units", "exact", "statuses", "sources", "files"])
