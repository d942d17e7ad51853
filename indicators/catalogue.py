"""The indicator catalogue: every indicator of the plan, declared once.

The catalogue lives in `indicators/catalogue/*.toml`, one file per priority of the
plan. It is the single source of truth for titles, units, polarity, baselines,
targets, sources and suppression: navigation, charts, assessments and the methods
page all read it. Parsing is strict: an unknown key, a duplicate id or a missing
field is an error that names the file and the entry, so a typo cannot silently
change what the dashboard says.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from indicators.hints import did_you_mean
from indicators.periods import FREQUENCIES

CATALOGUE_DIR = Path(__file__).parent / "catalogue"

POLARITIES = {
    "higher-is-better": "Higher is better",
    "lower-is-better": "Lower is better",
    "no-judgement": "Neither higher nor lower is better in itself",
}
# Each unit in words, said once: (short label, chart axis title, what follows a number).
# "{per}" is the rate's base, e.g. 10,000.
UNIT_WORDS = {
    "percentage": ("%", "Per cent", "%"),
    "rate": ("per {per}", "Rate per {per}", " per {per}"),
    "count": ("number", "Number", ""),
    "score": ("score", "Score", ""),
    "days": ("days", "Days", " days"),
}
UNITS = set(UNIT_WORDS)
RATE_BASES = {100, 1000, 10_000, 100_000}
COMPARATORS = {"dorset", "south-west", "england", "statistical-neighbours"}
PUBLISHED_SOURCES = {"lait", "ees", "els", "units"}  # units: added up from unit_extracts.py's files
DEFAULT_SUPPRESSION_THRESHOLD = 5


# The unit levels a data request can ask for: each is added up to localities on load (see units.py).
REQUEST_LEVELS = {
    "postcode": "one row per postcode (or per child or request, with its postcode)",
    "school": "one row per school (URN)",
    "ward": "one row per ward (2025 ward code)",
    "lsoa": "one row per small area (LSOA 2021 code)",
    "locality": "one row per locality, already added up",
}


@dataclass(frozen=True)
class DataRequest:
    """What the data team asks for to make an indicator's locality figures real (the readiness page prints it)."""

    system: str  # where the figures usually live, in the council or a partner
    level: str  # a REQUEST_LEVELS key: the smallest unit that can be added up
    count: str = ""  # what to count; empty: the indicator's numerator
    population: str = ""  # out of what; empty: the indicator's denominator


class CatalogueError(ValueError):
    """A catalogue file is wrong; the message names the file and the entry."""


@dataclass(frozen=True)
class Priority:
    id: str
    title: str
    summary: str
    order: int
    indicator_ids: tuple[str, ...] = ()

    @property
    def url_path(self) -> str:
        return self.id


@dataclass(frozen=True)
class Indicator:
    id: str
    title: str
    definition: str
    why_it_matters: str
    priority: str
    unit: str
    numerator: str
    denominator: str
    polarity: str
    frequency: str
    baseline_period: str
    baseline_note: str
    source: str
    comparators: tuple[str, ...]
    per: int | None = None
    decimals: int | None = None
    target: float | None = None
    target_note: str = ""
    caveats: str = ""
    # How the real locality figures are made from schools or small areas (empty: none are).
    locality_method: str = ""
    suppression_threshold: int = DEFAULT_SUPPRESSION_THRESHOLD
    published_series: dict[str, str] = field(default_factory=dict)
    value_can_exceed_100: bool = False
    # Percentages that are usually below 1% (permanent exclusions, about 0.1%): a file of values
    # all at most 1 is then not taken for fractions given instead of percentages.
    usually_below_one_percent: bool = False
    restricted: bool = False
    # Other indicators sharing people with this one, so that what one shows could tell what
    # another withholds (see Link): counting the same children (a rate and its count); a
    # denominator that is another indicator's count (children in care living with foster
    # carers, out of all children in care); or the same denominator (care leavers aged 19-21).
    same_count_as: str | None = None
    denominator_is_count_of: str | None = None
    same_denominator_as: str | None = None
    publication_month: int | None = None  # when the source usually publishes a new figure (1-12)
    request: DataRequest | None = None

    @property
    def request_count(self) -> str:
        return (self.request.count if self.request and self.request.count else "") or self.numerator

    @property
    def request_population(self) -> str:
        return (self.request.population if self.request and self.request.population else "") or self.denominator

    @property
    def multiplier(self) -> int:
        """What a numerator/denominator ratio is multiplied by to give the value."""
        if self.unit == "percentage":
            return 100
        if self.unit == "rate":
            return self.per or 1
        return 1

    @property
    def has_ratio(self) -> bool:
        """True when the value is numerator / denominator x multiplier."""
        return self.unit in {"percentage", "rate"}

    def _unit_words(self, which: int) -> str:
        return UNIT_WORDS[self.unit][which].format(per=f"{self.per or 1:,}")

    @property
    def unit_label(self) -> str:
        """'%', 'per 10,000', 'number'."""
        return self._unit_words(0)

    @property
    def axis_title(self) -> str:
        """'Per cent', 'Rate per 10,000', 'Number'."""
        return self._unit_words(1)

    @property
    def unit_suffix(self) -> str:
        """What follows a number: '%', ' per 10,000', ' days' or nothing."""
        return self._unit_words(2)

    @property
    def is_illustrative_only(self) -> bool:
        return not self.published_series


# How two indicators share people (Indicator.same_count_as and the like).
SAME_COUNT, DENOMINATOR_IS_COUNT, SAME_DENOMINATOR = "same count", "denominator is count", "same denominator"
_LINK_KEYS = {
    "same_count_as": SAME_COUNT,
    "denominator_is_count_of": DENOMINATOR_IS_COUNT,
    "same_denominator_as": SAME_DENOMINATOR,
}


@dataclass(frozen=True)
class Link:
    """`first`'s figure equals `second`'s: both counts (SAME_COUNT), first's denominator and
    second's count (DENOMINATOR_IS_COUNT), or both denominators (SAME_DENOMINATOR)."""

    kind: str
    first: str
    second: str


@dataclass(frozen=True)
class Catalogue:
    priorities: tuple[Priority, ...]
    indicators: dict[str, Indicator]

    def priority(self, priority_id: str) -> Priority:
        return next(p for p in self.priorities if p.id == priority_id)

    def indicators_for(self, priority_id: str) -> list[Indicator]:
        return [self.indicators[i] for i in self.priority(priority_id).indicator_ids]

    def without_restricted(self) -> Catalogue:
        """The catalogue as someone not allowed to see restricted indicators sees it."""
        kept = {i: ind for i, ind in self.indicators.items() if not ind.restricted}
        priorities = tuple(
            Priority(p.id, p.title, p.summary, p.order, tuple(i for i in p.indicator_ids if i in kept))
            for p in self.priorities
        )
        return Catalogue(priorities, kept)

    def links(self) -> list[Link]:
        """Every pair of indicators that share people (see Indicator.same_count_as and the like)."""
        return [
            Link(kind, indicator.id, getattr(indicator, key))
            for indicator in self.indicators.values()
            for key, kind in _LINK_KEYS.items()
            if getattr(indicator, key)
        ]


_REQUIRED_INDICATOR_KEYS = {
    "id": str,
    "title": str,
    "definition": str,
    "why_it_matters": str,
    "unit": str,
    "numerator": str,
    "denominator": str,
    "polarity": str,
    "frequency": str,
    "baseline_period": str,
    "baseline_note": str,
    "source": str,
    "comparators": list,
}
_OPTIONAL_INDICATOR_KEYS = {
    "per": int,
    "decimals": int,
    "target": (int, float),
    "target_note": str,
    "caveats": str,
    "locality_method": str,
    "suppression_threshold": int,
    "published_series": dict,
    "value_can_exceed_100": bool,
    "usually_below_one_percent": bool,
    "restricted": bool,
    "same_count_as": str,
    "denominator_is_count_of": str,
    "same_denominator_as": str,
    "publication_month": int,
    "request": dict,
}
_PRIORITY_KEYS = {"id": str, "title": str, "summary": str, "order": int}


def without_made_up_notes(text: str) -> str:
    """A caveat without its sentences about the demonstration's made-up figures (for a warehouse
    that holds none: with DASHBOARD_ILLUSTRATIVE=hide, "locality figures are illustrative" is untrue)."""
    sentences = re.split(r"(?<=[.;])\s+", text)
    kept = [s for s in sentences if "illustrative" not in s.lower()]
    text = " ".join(kept).strip().rstrip(";")
    return text + "." if text and not text.endswith(".") else text


def _problem(path: Path, entry: str, message: str) -> CatalogueError:
    return CatalogueError(f"{path.name}, {entry}: {message}")


def _check_keys(
    table: dict[str, Any],
    required: dict[str, Any],
    optional: dict[str, Any],
    path: Path,
    entry: str,
) -> None:
    known = required | optional
    for key in table:
        if key not in known:
            raise _problem(path, entry, f"unknown key '{key}'{did_you_mean(key, known)}")
    for key in required:
        if key not in table:
            raise _problem(path, entry, f"missing required key '{key}'")
    for key, value in table.items():
        expected = known[key]
        # bool is an int in Python; a count written as `true` is still a mistake.
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
            raise _problem(path, entry, f"'{key}' has the wrong type ({type(value).__name__})")
        if isinstance(value, str) and not value.strip() and key in required:
            raise _problem(path, entry, f"'{key}' is empty")


def _check_choice(value: str, allowed: set[str] | dict[str, str], path: Path, entry: str, key: str) -> None:
    if value not in allowed:
        raise _problem(path, entry, f"{key} '{value}' is not one of: {', '.join(sorted(allowed))}")


def parse_indicator(table: dict[str, Any], priority_id: str, path: Path) -> Indicator:
    entry = f"indicator '{table.get('id', '?')}'"
    _check_keys(table, _REQUIRED_INDICATOR_KEYS, _OPTIONAL_INDICATOR_KEYS, path, entry)
    _check_choice(table["unit"], UNITS, path, entry, "unit")
    _check_choice(table["polarity"], POLARITIES, path, entry, "polarity")
    _check_choice(table["frequency"], FREQUENCIES, path, entry, "frequency")
    for comparator in table["comparators"]:
        _check_choice(comparator, COMPARATORS, path, entry, "comparator")
    for source in table.get("published_series", {}):
        _check_choice(source, PUBLISHED_SOURCES, path, entry, "published series source")
    if table["unit"] == "rate" and table.get("per") not in RATE_BASES:
        raise _problem(path, entry, f"a rate needs 'per' set to one of {sorted(RATE_BASES)}")
    if table["unit"] != "rate" and "per" in table:
        raise _problem(path, entry, "'per' is only for rates")
    frequency = FREQUENCIES[table["frequency"]]
    if not frequency.is_label(table["baseline_period"]):
        raise _problem(
            path,
            entry,
            f"baseline_period '{table['baseline_period']}' is not a {frequency.id} label "
            f"(expected like '{frequency.example}')",
        )
    if not 1 <= table.get("publication_month", 1) <= 12:
        raise _problem(path, entry, "publication_month must be a month number from 1 to 12")
    if table.get("suppression_threshold", DEFAULT_SUPPRESSION_THRESHOLD) < 0:
        raise _problem(path, entry, "suppression_threshold must be 0 (not personal data) or more")
    values = dict(table)
    values["comparators"] = tuple(table["comparators"])
    if "request" in values:
        values["request"] = _parse_request(values["request"], path, entry)
    if "target" in values:
        values["target"] = float(values["target"])
    return Indicator(priority=priority_id, **values)


def _parse_request(table: dict[str, Any], path: Path, entry: str) -> DataRequest:
    unknown = set(table) - {"system", "level", "count", "population"}
    if unknown or not table.get("system"):
        raise _problem(
            path,
            entry,
            "request needs 'system' and 'level' (and may have 'count', 'population'), "
            f"not {sorted(unknown) or 'no system'}",
        )
    _check_choice(table.get("level", ""), REQUEST_LEVELS, path, entry, "request level")
    return DataRequest(**table)


def parse_priority_file(path: Path) -> tuple[Priority, list[Indicator]]:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(f"{path.name}: not valid TOML: {error}") from error
    unknown = set(document) - {"priority", "indicator"}
    if unknown:
        raise _problem(path, "file", f"unknown table(s) {sorted(unknown)}; expected [priority] and [[indicator]]")
    if "priority" not in document:
        raise _problem(path, "file", "missing the [priority] table")
    priority_table = document["priority"]
    _check_keys(priority_table, _PRIORITY_KEYS, {}, path, "[priority]")
    if path.stem != priority_table["id"]:
        raise _problem(path, "[priority]", f"id '{priority_table['id']}' must match the file name '{path.stem}'")
    indicators = [parse_indicator(t, priority_table["id"], path) for t in document.get("indicator", [])]
    if not indicators:
        raise _problem(path, "file", "a priority needs at least one [[indicator]]")
    priority = Priority(**priority_table, indicator_ids=tuple(i.id for i in indicators))
    return priority, indicators


def load_catalogue(directory: Path = CATALOGUE_DIR) -> Catalogue:
    """Read and check every priority file in `directory`."""
    files = sorted(directory.glob("*.toml"))
    if not files:
        raise CatalogueError(f"{directory}: no catalogue files (*.toml) found")
    priorities: list[Priority] = []
    indicators: dict[str, Indicator] = {}
    where: dict[str, str] = {}
    for path in files:
        priority, entries = parse_priority_file(path)
        for indicator in entries:
            if indicator.id in indicators:
                raise _problem(path, f"indicator '{indicator.id}'", f"id is already used in {where[indicator.id]}")
            indicators[indicator.id] = indicator
            where[indicator.id] = path.name
        priorities.append(priority)
    for indicator in indicators.values():
        for key in _LINK_KEYS:
            named = getattr(indicator, key)
            other = indicators.get(named) if named else None
            if named and (other is None or other is indicator or other.frequency != indicator.frequency):
                raise CatalogueError(
                    f"{where[indicator.id]}, indicator '{indicator.id}': {key} '{named}' "
                    "must name another indicator with the same frequency"
                )
    priorities.sort(key=lambda p: p.order)
    return Catalogue(tuple(priorities), indicators)


def catalogue_dir() -> Path:
    """The catalogue in use: the shipped one, or INDICATORS_CATALOGUE_DIR (the scale benchmark's)."""
    return Path(os.environ.get("INDICATORS_CATALOGUE_DIR", CATALOGUE_DIR))


@cache
def default_catalogue() -> Catalogue:
    return load_catalogue(catalogue_dir())
