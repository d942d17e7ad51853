"""Areas: Dorset's localities, their sub-areas and the comparators.

Declared in `indicators/areas.toml`. Localities form a small hierarchy
(Dorset > Chesil > Weymouth, Portland), which the suppression rules use to stop
a hidden number being worked out by subtraction.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from pathlib import Path

AREAS_FILE = Path(__file__).parent / "areas.toml"
AREA_TYPES = ("locality", "sub-locality", "local-authority", "region", "country", "statistical-neighbour")
_KEYS = {"id", "name", "type", "code", "la_number", "parent", "valid_from", "description", "rank", "aliases"}


class AreasError(ValueError):
    """The areas file is wrong; the message names the entry."""


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    type: str
    code: str | None = None
    la_number: int | None = None
    parent: str | None = None
    valid_from: date | None = None
    description: str = ""
    rank: int | None = None
    aliases: tuple[str, ...] = ()

    @property
    def is_locality(self) -> bool:
        return self.type in {"locality", "sub-locality"}


@dataclass(frozen=True)
class Areas:
    by_id: dict[str, Area]

    def __getitem__(self, area_id: str) -> Area:
        return self.by_id[area_id]

    def __contains__(self, area_id: object) -> bool:
        return area_id in self.by_id

    def of_type(self, *types: str) -> list[Area]:
        return [a for a in self.by_id.values() if a.type in types]

    @property
    def localities(self) -> list[Area]:
        """The six localities, in alphabetical order."""
        return sorted(self.of_type("locality"), key=lambda a: a.name)

    @property
    def lag_areas(self) -> list[Area]:
        """The areas a LAG reads: the localities, the sub-areas inside them, and the council above them."""
        localities = self.of_type("locality")
        subs = [a for a in self.by_id.values() if a.type == "sub-locality"]
        councils = [self[p] for p in dict.fromkeys(a.parent for a in localities) if p]
        return [*localities, *subs, *councils]

    def children(self, parent_id: str) -> list[Area]:
        return [a for a in self.by_id.values() if a.parent == parent_id]

    @cached_property
    def _other_names(self) -> dict[str, Area]:
        """ONS codes, DfE numbers and aliases, each to its area (looked up for every row of an extract)."""
        names: dict[str, Area] = {}
        for area in self.by_id.values():
            for name in (area.code, str(area.la_number) if area.la_number else None, *area.aliases):
                if name:
                    names.setdefault(name.upper(), area)
        return names

    def resolve(self, text: str) -> Area | None:
        """The area an extract means by `text`: an id, an ONS code, a DfE number or an alias."""
        key = text.strip()
        return self.by_id.get(key.lower()) or self._other_names.get(key.upper())


def parse_areas(path: Path = AREAS_FILE) -> Areas:
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    areas: dict[str, Area] = {}
    for table in document.get("area", []):
        entry = f"{path.name}, area '{table.get('id', '?')}'"
        unknown = set(table) - _KEYS
        if unknown:
            raise AreasError(f"{entry}: unknown key(s) {sorted(unknown)}")
        if table.get("type") not in AREA_TYPES:
            raise AreasError(f"{entry}: type must be one of {', '.join(AREA_TYPES)}")
        if table["id"] in areas:
            raise AreasError(f"{entry}: duplicate id")
        values = dict(table)
        values["aliases"] = tuple(values.get("aliases", ()))
        if "valid_from" in values:
            values["valid_from"] = date.fromisoformat(values["valid_from"])
        areas[table["id"]] = Area(**values)
    for area in areas.values():
        if area.parent and area.parent not in areas:
            raise AreasError(f"{path.name}, area '{area.id}': parent '{area.parent}' is not an area")
    return Areas(areas)


def areas_file() -> Path:
    """The areas in use: the shipped file, or INDICATORS_AREAS_FILE (the scale benchmark's)."""
    return Path(os.environ.get("INDICATORS_AREAS_FILE", AREAS_FILE))


@cache
def default_areas() -> Areas:
    return parse_areas(areas_file())
