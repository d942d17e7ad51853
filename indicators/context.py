"""Know your locality: a few real facts about each area, with their source and date.

The facts are added up when they are shown, from `data/reference/context_units.csv`: one
row per small area (LSOA 2021) with its children (Census 2021), its income-deprived
children (IDACI, Indices of Deprivation 2025) and the schools in it (GIAS May 2025,
Ofsted's May 2026 management information). Each small area is placed through its ward
and the ward assignment the figures were built with, so the facts follow
`ward_localities.csv` like every figure does. `python -m
indicators geography` writes the file from the shared reference data, so the dashboard
needs nothing outside the repository. Each fact says whether it is an exact count of
published figures (`published`) or needs an assumption (`estimated`, with the
assumption in its words).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from indicators.areas import default_areas
from indicators.geography import lsoa_children, lsoa_income_deprived_children
from indicators.locality_definition import LSOA_WARDS, read_wards
from indicators.schools import is_state_funded
from indicators.units import REFERENCE_DIR

CONTEXT_UNITS = REFERENCE_DIR / "context_units.csv"
AREAS = tuple(a.id for a in default_areas().lag_areas)
SECONDARY = {"Secondary", "Middle deemed secondary", "All-through", "16 plus"}
TALLIES = (
    "children",
    "deprived",
    "children_with_idaci",
    "primary",
    "secondary",
    "special",
    "other",
    "independent",
    "graded",
    "good",
    "report_card",
    "pupils",
    "fsm",
)


@dataclass(frozen=True)
class Fact:
    area_id: str
    fact: str
    value: str
    status: str
    source: str


def build_context_units(reference: Path) -> list[dict[str, object]]:
    """Per small area: the published counts the facts are added up from."""
    children, deprived = lsoa_children(reference), lsoa_income_deprived_children(reference)
    schools = pd.read_csv(reference / "schools" / "gias_open_establishments_2025-05-24__dorset.csv", dtype={"urn": str})
    ofsted = pd.read_csv(
        reference / "ofsted-school-inspections" / "ofsted_latest_inspections_mi_asat_2026-05_by_urn__dorset.csv",
        dtype={"urn": str},
    ).set_index("urn")
    units: dict[str, dict[str, float]] = {}

    def add(lsoa: str, key: str, amount: float) -> None:
        tally = units.setdefault(lsoa, dict.fromkeys(TALLIES, 0.0))
        tally[key] += amount

    for lsoa, count in children.items():
        add(lsoa, "children", count)
        if lsoa in deprived:
            add(lsoa, "deprived", deprived[lsoa])
            add(lsoa, "children_with_idaci", count)
    for school in schools.itertuples():
        for key, amount in _school_tallies(school, ofsted).items():
            add(school.lsoa_code, key, amount)
    return [
        {"lsoa21_code": lsoa, **{k: round(v, 2) for k, v in tally.items()}} for lsoa, tally in sorted(units.items())
    ]


def _school_tallies(school, ofsted: pd.DataFrame) -> dict[str, float]:
    if "independent" in f"{school.establishment_type} {school.establishment_type_group}".lower():
        return {"independent": 1}
    if not is_state_funded(school.establishment_type, school.establishment_type_group):
        return {"other": 1}  # a further education college or post-16 provider: not a school
    phase = (
        "special"
        if "special" in school.establishment_type.lower()
        else (
            "secondary"
            if school.education_phase in SECONDARY
            else "primary"
            if school.education_phase == "Primary"
            else "other"
        )
    )
    tallies = {phase: 1.0}
    grade = ofsted["overall_effectiveness"].get(school.urn) if school.urn in ofsted.index else None
    if isinstance(grade, str) and grade:
        tallies |= {"graded": 1, "good": float(grade in {"Good", "Outstanding"})}
    elif school.urn in ofsted.index:
        tallies["report_card"] = 1
    if pd.notna(school.percentage_fsm) and pd.notna(school.number_of_pupils):
        pupils = float(school.number_of_pupils)
        tallies |= {"pupils": pupils, "fsm": pupils * float(school.percentage_fsm) / 100}
    return tallies


def area_tallies(units: list[dict[str, str]], places: dict[str, tuple[str, str | None]]) -> dict[str, dict[str, float]]:
    """Each area's totals: every small area (`places`: LSOA -> locality, sub-area) added to Dorset, its
    locality and its sub-area."""
    tallies: dict[str, dict[str, float]] = {a: dict.fromkeys(TALLIES, 0.0) for a in AREAS}
    for unit in units:
        place = places.get(unit["lsoa21_code"])
        if place is None:
            continue
        for area in ("dorset", *filter(None, place)):
            for key in TALLIES:
                tallies[area][key] += float(unit[key] or 0)
    return tallies


def _facts(area: str, t: dict[str, float]) -> list[Fact]:
    share = t.get("deprived", 0) / t["children_with_idaci"] if t.get("children_with_idaci") else 0
    return [
        Fact(
            area,
            "Children aged 0 to 15",
            f"{t['children']:,.0f}",
            "published",
            "ONS, Census 2021 (usual residents by small area), March 2021",
        ),
        Fact(
            area,
            "Children in income-deprived families",
            f"{t.get('deprived', 0):,.0f} (about {share:.0%} of children)",
            "estimated",
            "MHCLG, English Indices of Deprivation 2025 (IDACI numerators, income data for 2022); "
            "share over Census 2021 children aged 0 to 15, a different year's population. A wider measure than "
            "'children in relative low income' (about 13-15% in Dorset, on Best place to live): it counts every child "
            "in a family on out-of-work benefits or on Universal Credit or tax credits with a low income, where the "
            "relative low income measure counts only families below 60% of the UK's middle income, so the two differ "
            "by design, not by mistake",
        ),
        Fact(
            area,
            "State-funded schools",
            f"{t.get('primary', 0):.0f} primary, {t.get('secondary', 0):.0f} secondary or middle, "
            f"{t.get('special', 0):.0f} special, {t.get('other', 0):.0f} other; {t.get('independent', 0):.0f} independent",
            "published",
            "DfE, Get Information about Schools, open establishments on 24 May 2025",
        ),
        Fact(
            area,
            "Latest Ofsted outcome",
            f"{t.get('good', 0):.0f} of {t.get('graded', 0):.0f} schools with an overall grade "
            f"are good or outstanding; {t.get('report_card', 0):.0f} inspected since under report cards (no overall grade)",
            "published",
            "Ofsted, state-funded schools inspections and outcomes (management information, May 2026); "
            "each school's latest inspection, which may be years old",
        ),
        Fact(
            area,
            "Pupils eligible for free school meals",
            f"about {t['fsm'] / t['pupils']:.0%} of {t['pupils']:,.0f} pupils" if t.get("pupils") else "not known",
            "estimated",
            "DfE, Get Information about Schools (May 2025): each school's published percentage weighted "
            "by its pupils on roll",
        ),
    ]


def write_context_units(reference: Path, path: Path = CONTEXT_UNITS) -> None:
    rows = build_context_units(reference)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def context_for(
    area_id: str, assignment: dict[str, tuple[str, str | None]] | None = None, path: Path = CONTEXT_UNITS
) -> list[Fact]:
    """The facts for one area, added up through a ward assignment (by default the file's; the pages pass the
    one the figures were built with)."""
    if not path.exists() or area_id not in AREAS:
        return []
    if assignment is None:
        assignment = {w.code: w.place for w in read_wards()}
    return _all_facts(path, path.stat().st_mtime_ns, tuple(sorted(assignment.items())))[area_id]


@cache
def _all_facts(path: Path, _mtime: int, assignment: tuple) -> dict[str, list[Fact]]:
    """Every area's facts, worked out again only when the units file or the assignment changes."""
    wards = dict(assignment)
    with open(LSOA_WARDS, newline="", encoding="utf-8") as handle:
        places = {r["lsoa21_code"]: wards[r["ward25_code"]] for r in csv.DictReader(handle)}
    with open(path, newline="", encoding="utf-8") as handle:
        tallies = area_tallies(list(csv.DictReader(handle)), places)
    return {area: _facts(area, tally) for area, tally in tallies.items()}
