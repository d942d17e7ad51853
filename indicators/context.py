"""Know your locality: a few real facts about each area, with their source and date.

Written by `python -m indicators geography` into `data/reference/locality_context.csv`
from the shared reference data (Census 2021, the Indices of Deprivation 2025, GIAS May
2025, Ofsted's May 2026 management information), so the dashboard needs nothing outside
the repository. Each fact says whether it is an exact count of published figures
(`published`) or needs an assumption (`estimated`, with the assumption in its words).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from indicators.units import REFERENCE_DIR, default_lookups

CONTEXT_FILE = REFERENCE_DIR / "locality_context.csv"
AREAS = ("dorset", "chesil", "dorchester", "east", "north", "purbeck", "west", "weymouth", "portland")
SECONDARY = {"Secondary", "Middle deemed secondary", "All-through", "16 plus"}


@dataclass(frozen=True)
class Fact:
    area_id: str
    fact: str
    value: str
    status: str
    source: str


def _areas_of_lsoa(lsoa: str) -> list[str]:
    place = default_lookups().lsoa.get(lsoa)
    return [] if place is None else ["dorset", *filter(None, place)]


def build_context(reference: Path) -> list[Fact]:
    census = pd.read_csv(reference / "population" / "census2021_lsoa21_usual_residents_by_age6__dorset.csv")
    children = census[census["age_group"] == "Aged 15 years and under"].set_index("lsoa21_code")["usual_residents"]
    imd = pd.read_csv(reference / "deprivation" / "imd2025_lsoa21__dorset.csv").set_index("lsoa21_code")
    deprived = imd["income_deprivation_affecting_children_index_idaci_numerator"]
    schools = pd.read_csv(reference / "schools" / "gias_open_establishments_2025-05-24__dorset.csv", dtype={"urn": str})
    ofsted = pd.read_csv(
        reference / "ofsted-school-inspections" / "ofsted_latest_inspections_mi_asat_2026-05_by_urn__dorset.csv",
        dtype={"urn": str},
    ).set_index("urn")
    tallies: dict[str, dict[str, float]] = {a: {} for a in AREAS}

    def add(area: str, key: str, amount: float) -> None:
        tallies[area][key] = tallies[area].get(key, 0.0) + amount

    for lsoa, count in children.items():
        for area in _areas_of_lsoa(lsoa):
            add(area, "children", float(count))
            if pd.notna(deprived.get(lsoa)):
                add(area, "deprived", float(deprived[lsoa]))
                add(area, "children_with_idaci", float(count))
    for school in schools.itertuples():
        state_funded = school.establishment_type_group != "Independent schools"
        for area in _areas_of_lsoa(school.lsoa_code):
            if not state_funded:
                add(area, "independent", 1)
                continue
            phase = "special" if school.establishment_type_group == "Special schools" else (
                "secondary" if school.education_phase in SECONDARY else "primary" if school.education_phase == "Primary" else "other"
            )  # fmt: skip
            add(area, phase, 1)
            grade = ofsted["overall_effectiveness"].get(school.urn) if school.urn in ofsted.index else None
            if isinstance(grade, str) and grade:
                add(area, "graded", 1)
                add(area, "good", float(grade in {"Good", "Outstanding"}))
            elif school.urn in ofsted.index:
                add(area, "report_card", 1)
            if pd.notna(school.percentage_fsm) and pd.notna(school.number_of_pupils):
                add(area, "pupils", float(school.number_of_pupils))
                add(area, "fsm", float(school.number_of_pupils) * float(school.percentage_fsm) / 100)
    return [fact for area in AREAS for fact in _facts(area, tallies[area])]


def _facts(area: str, t: dict[str, float]) -> list[Fact]:
    share = t.get("deprived", 0) / t["children_with_idaci"] if t.get("children_with_idaci") else 0
    return [
        Fact(area, "Children aged 0 to 15", f"{t['children']:,.0f}", "published",
             "ONS, Census 2021 (usual residents by small area), March 2021"),
        Fact(area, "Children in income-deprived families", f"{t.get('deprived', 0):,.0f} (about {share:.0%} of children)",
             "estimated", "MHCLG, English Indices of Deprivation 2025 (IDACI numerators, income data for 2022); "
             "share over Census 2021 children aged 0 to 15, a different year's population"),
        Fact(area, "State-funded schools", f"{t.get('primary', 0):.0f} primary, {t.get('secondary', 0):.0f} secondary or middle, "
             f"{t.get('special', 0):.0f} special, {t.get('other', 0):.0f} other; {t.get('independent', 0):.0f} independent",
             "published", "DfE, Get Information about Schools, open establishments on 24 May 2025"),
        Fact(area, "Latest Ofsted outcome", f"{t.get('good', 0):.0f} of {t.get('graded', 0):.0f} schools with an overall grade "
             f"are good or outstanding; {t.get('report_card', 0):.0f} inspected since under report cards (no overall grade)",
             "published", "Ofsted, state-funded schools inspections and outcomes (management information, May 2026); "
             "each school's latest inspection, which may be years old"),
        Fact(area, "Pupils eligible for free school meals",
             f"about {t['fsm'] / t['pupils']:.0%} of {t['pupils']:,.0f} pupils" if t.get("pupils") else "not known",
             "estimated", "DfE, Get Information about Schools (May 2025): each school's published percentage weighted "
             "by its pupils on roll"),
    ]  # fmt: skip


def write_context(reference: Path, path: Path = CONTEXT_FILE) -> None:
    facts = build_context(reference)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["area_id", "fact", "value", "status", "source"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(f.__dict__ for f in facts)


@cache
def context_for(area_id: str, path: Path = CONTEXT_FILE) -> list[Fact]:
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as handle:
        return [Fact(**row) for row in csv.DictReader(handle) if row["area_id"] == area_id]
