"""Dorset's schools across the years: every URN a published file uses, led to the school open now.

A school's URN changes when it becomes an academy, changes trust or amalgamates: the same
school appears under a new URN and the old one's figures stop. Each URN in the shipped
school-level files is led to the school open in GIAS (May 2025), in order of trust:

1. GIAS's recorded links ("Successor", "Merged", ...), followed through every step
   (Thorncombe 113767 -> 148404 -> 151307 needs two: the second is not recorded here);
2. where no recorded link leads on, a school open now with the same name (Wey Valley
   Academy 138616 re-academised as 147291 under the same name);
3. the same DfE establishment number (LA + ESTAB; 835 became 838 in April 2019) with the
   same phase and a similar name.

Links inferred by 2 or 3 are written with their evidence to `data/reference/school_links.csv`
for review. A URN that leads nowhere is a closed school, or one now outside Dorset Council:
`data/reference/school_places.csv` declares each such school in the files, with why
(Christchurch's schools have been BCP's since April 2019; a closed Dorset school is placed
in its locality by its town). `python -m indicators geography` writes the lookups;
`school_lsoas.csv` and `school_places.csv` are what the loader places schools with.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

# Establishment types that are not in the Department's local authority figures.
NOT_STATE_FUNDED = re.compile(
    r"independent|non-maintained|further education|post 16|welsh establishment", re.IGNORECASE
)
NOT_STATE_FUNDED_CODES = {"IND", "INDSS", "NMSS", "FE"}  # NFTYPE codes in the performance tables
_WORDS = [
    (r"\bchurch of england\b|\bc of e\b|\bcofe\b|\bc\.e\.?\b|\bce\b", "ce"),
    (r"\broman catholic\b|\brc\b", "catholic"),
    (r"\bvoluntary (controlled|aided)\b|\bvc\b|\bva\b", ""),
    (r"\b(the|and|&|school|academy|primary|community|foundation)\b", " "),
]


def normalised_name(name: str) -> str:
    """A school's name with the words that come and go with its status left out ("Church of England Academy")."""
    text = re.sub(r"[^a-z0-9& ]", " ", name.lower().replace("'", ""))
    for pattern, replacement in _WORDS:
        text = re.sub(pattern, replacement, text)
    return " ".join(text.split())


@dataclass(frozen=True)
class Open:
    urn: str
    name: str
    number: str  # DfE establishment number (ESTAB)
    phase: str
    kind: str  # establishment type
    group: str  # establishment type group
    lsoa: str
    pupils: str

    @property
    def state_funded(self) -> bool:
        return is_state_funded(self.kind, self.group)


def is_state_funded(kind: str, group: str = "") -> bool:
    """Counted in the Department's local authority figures: not independent (mainstream or special),
    non-maintained special, further education or a post-16 institution."""
    return not (
        NOT_STATE_FUNDED.search(kind or "") or NOT_STATE_FUNDED.search(group or "") or kind in NOT_STATE_FUNDED_CODES
    )


@dataclass(frozen=True)
class Known:
    """What the shipped files say of a URN that is not open now."""

    urn: str
    names: frozenset[str]
    numbers: frozenset[str]
    phases: frozenset[str]


@dataclass(frozen=True)
class Link:
    urn: str
    current_urn: str
    how: str
    evidence: str


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def open_schools(reference: Path) -> dict[str, Open]:
    return {
        r["urn"]: Open(
            r["urn"],
            r["establishment_name"],
            r["establishment_number"],
            r["education_phase"],
            r["establishment_type"],
            r["establishment_type_group"],
            r["lsoa_code"],
            r["number_of_pupils"],
        )
        for r in _rows(reference / "schools" / "gias_open_establishments_2025-05-24__dorset.csv")
    }


def recorded_links(reference: Path) -> dict[str, list[tuple[str, str, str]]]:
    """URN -> [(linked URN, its name, link type)] as GIAS records them (the old Dorset County URN block)."""
    links: dict[str, list[tuple[str, str, str]]] = {}
    for row in _rows(reference / "dfe-school-level" / "gias_links_edubasealldata20250903__dorset_county_urn_block.csv"):
        if row["LinkType"] in {
            "Successor",
            "Merged - expansion of school capacity",
            "Successor - merged",
            "Successor - amalgamated",
        }:
            links.setdefault(row["URN"], []).append((row["LinkURN"], row["LinkName"], row["LinkType"]))
    return links


def known_schools(reference: Path) -> dict[str, Known]:
    """Names, establishment numbers and phases the shipped files give each URN (any year)."""
    names: dict[str, set[str]] = {}
    numbers: dict[str, set[str]] = {}
    phases: dict[str, set[str]] = {}

    def note(urn: str, name: str = "", number: str = "", phase: str = "") -> None:
        if not urn:
            return
        if name:
            names.setdefault(urn, set()).add(name)
        if number:
            numbers.setdefault(urn, set()).add(number)
        if phase:
            phases.setdefault(urn, set()).add(phase)

    for snapshot in sorted((reference / "ofsted-school-inspections").glob("*.csv")):
        for row in _rows(snapshot):
            note(row["urn"], name=row["name"])
    for row in _rows(reference / "dfe-school-level" / "perf_tables_2018-19_england_census__dorset835.csv"):
        note(row["URN"], number=row["ESTAB"], phase=_phase(row["SCHOOLTYPE"]))
    for folder, file in (
        ("2018-19", "england_ks4provisional_dorset835-838.csv"),
        ("2023-24", "england_ks4_2023-24_dorset838.csv"),
    ):
        for row in _rows(reference / "dfe-ks4-cohorts" / folder / file):
            note(
                row["URN"], name=row["SCHNAME"], number=row["ESTAB"], phase="Secondary" if row["RECTYPE"] == "1" else ""
            )
    for row in _rows(reference / "dfe-school-level" / "perf_tables_2018-19_ks4final_app_extract__dorset835.csv"):
        note(row["URN"], name=row["SCHNAME"], phase="Secondary")
    for links in recorded_links(reference).values():
        for urn, name, _ in links:
            note(urn, name=name)
    every = names.keys() | numbers.keys() | phases.keys()
    return {
        u: Known(u, frozenset(names.get(u, ())), frozenset(numbers.get(u, ())), frozenset(phases.get(u, ())))
        for u in every
    }


def _phase(census_type: str) -> str:
    return {"State-funded primary": "Primary", "State-funded secondary": "Secondary"}.get(census_type, "")


def _similar(one: str, other: str) -> float:
    return difflib.SequenceMatcher(None, normalised_name(one), normalised_name(other)).ratio()


def _by_name(known: Known | None, schools: dict[str, Open]) -> tuple[str, str] | None:
    """An open school with the same name (unique, and clearly the best), and the name matched."""
    if known is None or not known.names:
        return None
    scores = sorted(((max(_similar(n, s.name) for n in known.names), s.urn) for s in schools.values()), reverse=True)
    (best, urn), (second, _) = scores[0], scores[1]
    if best >= 0.95 and second < 0.8:
        return urn, max(known.names, key=lambda n: _similar(n, schools[urn].name))
    return None


def _by_number(known: Known | None, schools: dict[str, Open]) -> str | None:
    """An open school with the same establishment number, a compatible phase and a similar name."""
    if known is None or not known.numbers:
        return None
    for school in schools.values():
        if school.number not in known.numbers:
            continue
        phase_fits = not known.phases or any(p in school.phase for p in known.phases)
        name_fits = not known.names or max(_similar(n, school.name) for n in known.names) >= 0.6
        if phase_fits and name_fits:
            return school.urn
    return None


def resolve(reference: Path) -> tuple[dict[str, Open], list[Link], dict[str, str]]:
    """The open schools, every link from a URN not open to one that is, and why each other URN leads nowhere."""
    schools = open_schools(reference)
    recorded = recorded_links(reference)
    known = known_schools(reference)
    links, nowhere = [], {}
    for urn in sorted((known.keys() | recorded.keys()) - schools.keys()):
        link, why = _lead(urn, schools, recorded, known)
        if link is not None:
            links.append(link)
        else:
            nowhere[urn] = why
    return schools, links, nowhere


def _lead(urn: str, schools: dict[str, Open], recorded, known) -> tuple[Link | None, str]:
    steps, current, seen = [], urn, {urn}
    while current not in schools and current in recorded:
        target, name, kind = recorded[current][0]
        if target in seen:
            break
        steps.append(f"{current} -> {target} ({kind}, GIAS)")
        seen.add(target)
        current = target
    if current in schools:
        return Link(urn, current, "GIAS recorded link" + ("s" if len(steps) > 1 else ""), "; ".join(steps)), ""
    named = _by_name(known.get(current), schools)
    if named is not None:
        steps.append(f"{current} '{named[1]}' -> {named[0]} '{schools[named[0]].name}' (same name, open in May 2025)")
        return Link(urn, named[0], "inferred: same name", "; ".join(steps)), ""
    numbered = _by_number(known.get(current), schools)
    if numbered is not None:
        names = ", ".join(sorted(known[current].names)) or "no name in the files"
        steps.append(
            f"{current} ({names}) -> {numbered} '{schools[numbered].name}' (same DfE number {schools[numbered].number})"
        )
        return Link(urn, numbered, "inferred: same DfE number", "; ".join(steps)), ""
    last = known.get(current)
    name = f" ({', '.join(sorted(last.names))})" if last and last.names else ""
    return None, f"{current}{name}: no open Dorset Council school succeeds it (closed, or now in BCP)"


OUTSIDE_DORSET = "bcp"  # school_places.csv's locality for a school now in another council


def declared_places(output: Path) -> dict[str, dict[str, str]]:
    """URN -> its declared row in school_places.csv (locality, or OUTSIDE_DORSET, and why)."""
    return {r["urn"]: r for r in _rows(output / "school_places.csv")}


def write_lookups(reference: Path, output: Path) -> None:
    """school_lsoas.csv (what the loader places schools with) and school_links.csv (every link, for review)."""
    schools, links, _ = resolve(reference)
    lsoas = [
        {
            "urn": s.urn,
            "current_urn": s.urn,
            "name": s.name,
            "lsoa21_code": s.lsoa,
            "phase": s.phase,
            "type": s.kind,
            "state_funded": "yes" if s.state_funded else "no",
            "how": "open in GIAS May 2025",
        }
        for s in sorted(schools.values(), key=lambda s: s.urn)
    ]
    for link in links:
        school = schools[link.current_urn]
        lsoas.append(
            {
                "urn": link.urn,
                "current_urn": school.urn,
                "name": school.name,
                "lsoa21_code": school.lsoa,
                "phase": school.phase,
                "type": school.kind,
                "state_funded": "yes" if school.state_funded else "no",
                "how": link.how,
            }
        )
    _write(output / "school_lsoas.csv", lsoas)
    _write(output / "school_links.csv", [link.__dict__ for link in links])


def _write(path: Path, rows: list[dict[str, object]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
