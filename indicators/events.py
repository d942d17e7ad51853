"""Events and series breaks (`indicators/events.toml`): what a chart marks, and which periods compare.

A break says that figures before a date are not comparable with figures after it
(for some indicators, and optionally some areas): charts do not join lines across
it, and trends and changes since the baseline use only the periods after the latest
break. A not-comparable period stands apart (not collected in full, or collected
differently): it is drawn as a separate point and left out of trends.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from indicators.areas import Areas, default_areas
from indicators.catalogue import Catalogue, default_catalogue
from indicators.periods import FREQUENCIES

EVENTS_FILE = Path(__file__).parent / "events.toml"
_EVENT_KEYS = {"id", "title", "date", "description", "indicators", "areas", "breaks_series"}
_NOT_COMPARABLE_KEYS = {"indicators", "periods", "reason"}
EVERY = "*"


class EventsError(ValueError):
    """The events file is wrong; the message names the entry."""


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    date: date
    description: str
    indicators: tuple[str, ...]
    areas: tuple[str, ...] = (EVERY,)
    breaks_series: bool = False

    def concerns(self, indicator_id: str, area_id: str | None = None) -> bool:
        in_indicators = EVERY in self.indicators or indicator_id in self.indicators
        in_areas = area_id is None or EVERY in self.areas or area_id in self.areas
        return in_indicators and in_areas


@dataclass(frozen=True)
class Events:
    events: tuple[Event, ...]
    not_comparable: dict[tuple[str, str], str]  # (indicator, period) -> why it stands apart

    def for_chart(self, indicator_id: str, area_ids: list[str]) -> list[Event]:
        """The events to mark on a chart of these areas, oldest first."""
        return [e for e in self.events if any(e.concerns(indicator_id, a) for a in area_ids)]

    def latest_break(self, indicator_id: str, area_id: str, before: date | None = None) -> Event | None:
        """The most recent break in this series (on or before `before`, when given)."""
        breaks = [
            e
            for e in self.events
            if e.breaks_series and e.concerns(indicator_id, area_id) and (before is None or e.date <= before)
        ]
        return max(breaks, key=lambda e: e.date, default=None)

    def break_between(self, indicator_id: str, area_id: str, earlier: date, later: date) -> Event | None:
        """A break dated after the earlier period's midpoint and by the later one's."""
        return next(
            (
                e
                for e in self.events
                if e.breaks_series and e.concerns(indicator_id, area_id) and earlier < e.date <= later
            ),
            None,
        )

    def why_not_comparable(self, indicator_id: str, period: str) -> str | None:
        return self.not_comparable.get((indicator_id, period))


def _check(table: dict, keys: set[str], required: set[str], entry: str) -> None:
    unknown = set(table) - keys
    if unknown:
        raise EventsError(f"{entry}: unknown key(s) {sorted(unknown)}")
    missing = required - set(table)
    if missing:
        raise EventsError(f"{entry}: missing key(s) {sorted(missing)}")


def _ids(values: list[str], known: object, entry: str, what: str) -> tuple[str, ...]:
    for value in values:
        if value != EVERY and value not in known:  # type: ignore[operator]
            raise EventsError(f"{entry}: unknown {what} '{value}'")
    return tuple(values)


def parse_events(path: Path, catalogue: Catalogue, areas: Areas) -> Events:
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(document) - {"event", "not_comparable"}
    if unknown:
        raise EventsError(f"{path.name}: unknown table(s) {sorted(unknown)}")
    events = []
    for table in document.get("event", []):
        entry = f"{path.name}, event '{table.get('id', '?')}'"
        _check(table, _EVENT_KEYS, {"id", "title", "date", "description", "indicators"}, entry)
        when = table["date"]
        if not isinstance(when, date):
            raise EventsError(f"{entry}: date must be a TOML date such as 2019-04-01")
        events.append(
            Event(
                id=table["id"],
                title=table["title"],
                date=when,
                description=table["description"],
                indicators=_ids(table["indicators"], catalogue.indicators, entry, "indicator"),
                areas=_ids(table.get("areas", [EVERY]), areas.by_id, entry, "area"),
                breaks_series=bool(table.get("breaks_series", False)),
            )
        )
    if len({e.id for e in events}) != len(events):
        raise EventsError(f"{path.name}: event ids must be unique")
    not_comparable = {}
    for number, table in enumerate(document.get("not_comparable", []), start=1):
        entry = f"{path.name}, not_comparable entry {number}"
        _check(table, _NOT_COMPARABLE_KEYS, _NOT_COMPARABLE_KEYS, entry)
        for indicator_id in _ids(table["indicators"], catalogue.indicators, entry, "indicator"):
            frequency = catalogue.indicators[indicator_id].frequency
            for period in table["periods"]:
                if not FREQUENCIES[frequency].is_label(period):
                    raise EventsError(f"{entry}: '{period}' is not a period of {indicator_id}")
                not_comparable[(indicator_id, period)] = table["reason"]
    return Events(tuple(sorted(events, key=lambda e: e.date)), not_comparable)


@cache
def default_events() -> Events:
    return parse_events(EVENTS_FILE, default_catalogue(), default_areas())
