"""Which wards make each locality: the declared assignment, checked, listed and explained.

No public list of the wards in each children's services locality was found, so the
assignment is ours, declared in one file, `data/reference/ward_localities.csv`: one row
per 2025 ward with its locality, its Chesil sub-area (Weymouth or Portland, or empty),
where else it could as well be (`could_be`, for a ward placed by assumption) and why.
Every small area, school and postcode is placed through it when the warehouse is built,
the warehouse records the assignment it was built with (so the map, the *Know your
locality* facts and the ward lists always match the figures), and editing the file
rebuilds everything. A file with a mistake in it is refused with the row and column, and
the figures already loaded stay as they are.

`python -m indicators units` also works out, for each ward placed by assumption, what
moving it would change in the published school results (`assumption_effects.csv`).
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"
WARD_FILE = REFERENCE_DIR / "ward_localities.csv"
LSOA_WARDS = REFERENCE_DIR / "lsoa_wards.csv"
SCHOOLS = REFERENCE_DIR / "school_lsoas.csv"
EFFECTS_FILE = REFERENCE_DIR / "assumption_effects.csv"
COLUMNS = ("ward_code", "ward_name", "locality", "sub_area", "could_be", "why")
SUB_AREAS = {"weymouth": "chesil", "portland": "chesil"}  # sub-area -> the locality it is part of


@dataclass(frozen=True)
class Ward:
    code: str
    name: str
    locality: str
    sub_area: str  # "" when the locality has none here
    could_be: str  # "locality" or "locality/sub_area" for a ward placed by assumption, else ""
    why: str

    @property
    def assumed(self) -> bool:
        return bool(self.could_be)

    @property
    def place(self) -> tuple[str, str | None]:
        return self.locality, self.sub_area or None


def read_wards(path: Path = WARD_FILE) -> list[Ward]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return [
            Ward(
                r["ward_code"].strip(),
                r["ward_name"].strip(),
                r["locality"].strip(),
                (r.get("sub_area") or "").strip(),
                (r.get("could_be") or "").strip(),
                (r.get("why") or "").strip(),
            )
            for r in csv.DictReader(handle)
        ]


def _split(place: str) -> tuple[str, str]:
    locality, _, sub_area = place.partition("/")
    return locality.strip(), sub_area.strip()


def assignment_problems(
    localities: set[str], path: Path = WARD_FILE, lsoa_wards: Path = LSOA_WARDS
) -> list[tuple[int | None, str | None, str, str]]:
    """(row, column, what is wrong, how to fix it) for each mistake in the assignment file; empty when sound.

    Every ward that holds a small area must be there once, in one of the localities, with a
    sub-area only of the locality it belongs to."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in ("ward_code", "locality", "sub_area") if c not in (reader.fieldnames or [])]
        if missing:
            return [
                (1, None, f"the header has no {', '.join(missing)} column", f"The columns are {', '.join(COLUMNS)}.")
            ]
        rows = list(reader)
    problems: list[tuple[int | None, str | None, str, str]] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        code = (row["ward_code"] or "").strip()
        if code in seen:
            problems.append(
                (number, "ward_code", f"{code} is listed twice (also row {seen[code]})", "Keep one row per ward.")
            )
        seen.setdefault(code, number)
        for column, value in (("locality", row["locality"]), ("could_be", row.get("could_be") or "")):
            if column == "could_be" and not value.strip():
                continue
            locality, sub_area = (
                _split(value) if column == "could_be" else (value.strip(), (row["sub_area"] or "").strip())
            )
            problems += _place_problems(number, column, locality, sub_area, localities)
    needed = {r["ward25_code"] for r in _rows(lsoa_wards)}
    for code in sorted(needed - set(seen)):
        problems.append(
            (
                None,
                "ward_code",
                f"ward {code} holds small areas but is not in the file",
                "Add a row for it with its locality.",
            )
        )
    return problems


def _place_problems(
    row: int, column: str, locality: str, sub_area: str, localities: set[str]
) -> list[tuple[int | None, str | None, str, str]]:
    if locality not in localities:
        return [(row, column, f"'{locality}' is not a locality", f"Use one of {', '.join(sorted(localities))}.")]
    if sub_area and SUB_AREAS.get(sub_area) != locality:
        known = ", ".join(s for s, parent in SUB_AREAS.items() if parent == locality) or "none"
        return [
            (
                row,
                "sub_area" if column == "locality" else column,
                f"'{sub_area}' is not a sub-area of {locality}",
                f"Leave it empty or use one of its sub-areas ({known}).",
            )
        ]
    return []


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def wards_frame(wards: list[Ward]) -> pd.DataFrame:
    """The assignment as a table (the warehouse keeps the one it was built with)."""
    return pd.DataFrame([asdict(w) for w in wards], columns=["code", "name", "locality", "sub_area", "could_be", "why"])


def wards_from_frame(frame: pd.DataFrame) -> list[Ward]:
    return [Ward(**{k: str(v) if pd.notna(v) else "" for k, v in row.items()}) for row in frame.to_dict("records")]


def wards_in(area_id: str, wards: list[Ward]) -> list[Ward]:
    """The wards of a locality or a sub-area, by name."""
    return sorted((w for w in wards if area_id in (w.locality, w.sub_area)), key=lambda w: w.name)


def schools_in(ward_code: str, schools: Path = SCHOOLS, lsoa_wards: Path = LSOA_WARDS) -> list[str]:
    """The open state-funded schools in a ward (by their small area), by name."""
    lsoas = {r["lsoa21_code"] for r in _rows(lsoa_wards) if r["ward25_code"] == ward_code}
    return sorted(
        {
            r["name"]
            for r in _rows(schools)
            if r["lsoa21_code"] in lsoas and r["urn"] == r["current_urn"] and r["state_funded"] == "yes"
        }
    )


def moved(wards: list[Ward], ward: Ward) -> list[Ward]:
    """The assignment with one assumed ward placed where it could as well be."""
    locality, sub_area = _split(ward.could_be)
    return [Ward(w.code, w.name, locality, sub_area, w.could_be, w.why) if w.code == ward.code else w for w in wards]


@dataclass(frozen=True)
class Effect:
    """One locality's figure as the assignment stands and with an assumed ward moved."""

    ward_code: str
    ward_name: str
    placed_in: str  # where the ward was when this was worked out
    moved_to: str
    indicator_id: str
    period: str
    area_id: str
    as_placed: float
    if_moved: float


def read_effects(path: Path = EFFECTS_FILE) -> list[Effect]:
    if not path.exists():
        return []
    return [
        Effect(
            r["ward_code"],
            r["ward_name"],
            r["placed_in"],
            r["moved_to"],
            r["indicator_id"],
            r["period"],
            r["area_id"],
            float(r["as_placed"]),
            float(r["if_moved"]),
        )
        for r in _rows(path)
    ]


def write_effects(effects: list[Effect], path: Path = EFFECTS_FILE) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, list(Effect.__dataclass_fields__), lineterminator="\n")
        writer.writeheader()
        writer.writerows(asdict(e) for e in effects)
