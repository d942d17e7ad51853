"""The view a link asks for, read from its query parameters: no Streamlit here.

Every value from the URL is checked against the known ids before use. Anything unknown,
mistyped or retired gives a friendly notice and the nearest sensible view. `ui.state`
hands these functions the page's query parameters; tests hand them plain dicts.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from indicators.areas import Areas
from indicators.catalogue import Catalogue, Indicator

ALL_DORSET = "dorset"
ALL_DORSET_NAME = "All of Dorset"
COMPARATOR_IDS = ("dorset", "england", "south-west")
MAX_PARAMETER_LENGTH = 100

Params = Mapping[str, Sequence[str]]  # a query string: each key to every value it was given, in order


@dataclass(frozen=True)
class View:
    locality: str
    indicator: str | None
    comparator: str
    compare_with: str | None
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class BoardView:
    measure: str
    sort: str
    priorities: tuple[str, ...]  # the priorities shown, in the plan's order
    detail: str  # the priority whose trend lines are shown


def first(params: Params, name: str) -> str | None:
    """The first value of a query parameter (links may repeat keys), trimmed, in lower case and bounded."""
    values = params.get(name) or ()
    if not values:
        return None
    return str(values[0]).strip().lower()[:MAX_PARAMETER_LENGTH]


def locality_choices(areas: Areas) -> list[str]:
    """All of Dorset, the six localities, then Chesil's sub-areas."""
    return [ALL_DORSET, *[a.id for a in areas.localities], *[a.id for a in areas.of_type("sub-locality")]]


def area_label(areas: Areas, area_id: str) -> str:
    if area_id == ALL_DORSET:
        return ALL_DORSET_NAME
    area = areas[area_id]
    return f"{area.name} (part of {areas[area.parent].name})" if area.type == "sub-locality" else area.name


def resolve_locality(raw: str | None, areas: Areas, notices: list[str]) -> str:
    if raw is None:
        return ALL_DORSET
    choices = locality_choices(areas)
    if raw in choices:
        return raw
    area = areas.resolve(raw)  # old names are declared as aliases in areas.toml
    if area is not None and area.id in choices:
        if raw.upper() in {alias.upper() for alias in area.aliases}:  # a code like E10000009 as well as a name
            notices.append(f"That link used an old name for an area; showing {area_label(areas, area.id)}.")
        return area.id
    # Never quote the link's text back: a notice on an official page would lend it authority.
    notices.append("That link names a locality we do not know, so all of Dorset is shown. Choose one in the menu.")
    return ALL_DORSET


def _resolve_indicator(
    raw: str | None,
    allowed: Sequence[Indicator] | None,
    catalogue: Catalogue,
    visible: Collection[str],
    notices: list[str],
) -> str | None:
    if raw is None or allowed is None:
        return None
    if raw in {i.id for i in allowed}:
        return raw
    if raw in catalogue.indicators and raw not in visible:
        notices.append("That indicator is only shown to signed-in partnership staff, so the first indicator is shown.")
    elif raw in catalogue.indicators:
        other = catalogue.indicators[raw]
        notices.append(
            f"'{other.title}' is under {catalogue.priority(other.priority).title}; use the menu to go there."
        )
    else:
        notices.append(
            "That link names an indicator we do not know (it may have been renamed), so the first indicator is shown."
        )
    return None


def default_comparator(locality: str) -> str:
    """Dorset for a locality; England for Dorset itself."""
    return "england" if locality == ALL_DORSET else "dorset"


def parse_view(
    params: Params,
    areas: Areas,
    catalogue: Catalogue,
    visible: Collection[str],
    allowed: Sequence[Indicator] | None = None,
    remembered_locality: str | None = None,
) -> View:
    """The view the link asks for, corrected where it asks for something unknown.

    catalogue: every indicator (so a restricted or moved one can be named in a notice);
    visible: the ids this visitor may see; allowed: the page's indicators (None: the page
    has no indicator choice); remembered_locality: the last chosen, for a link without one."""
    notices: list[str] = []
    locality = resolve_locality(first(params, "locality") or remembered_locality, areas, notices)
    indicator = _resolve_indicator(first(params, "indicator"), allowed, catalogue, visible, notices)
    comparator = first(params, "comparator")
    if comparator not in COMPARATOR_IDS:
        if comparator is not None:
            notices.append("That comparison is not available, so the usual one is shown.")
        comparator = default_comparator(locality)
    compare_with = first(params, "compare")
    if compare_with is not None and compare_with not in locality_choices(areas):
        notices.append("That link names a locality to compare with that we do not know.")
        compare_with = None
    return View(locality, indicator, comparator, compare_with, tuple(notices))


def comparator_options(indicator: Indicator, locality: str) -> list[str]:
    """The comparators an indicator's chart offers for an area: Dorset always (but not against itself),
    England and the South West where the catalogue has them."""
    return [c for c in COMPARATOR_IDS if c != locality and (c == "dorset" or c in indicator.comparators)]


def _choice(params: Params, name: str, choices: Collection[str], default: str) -> str:
    raw = first(params, name)
    return raw if raw in choices else default


def parse_board(params: Params, catalogue: Catalogue, measures: Collection[str], sorts: Collection[str]) -> BoardView:
    """The Board's settings from its link: `measure`, `sort`, `priorities=id,id` (all when absent) and
    `detail` (one of the priorities shown), each checked against the known choices."""
    ids = [p.id for p in catalogue.priorities]
    raw = first(params, "priorities")
    named = set(raw.split(",")) if raw is not None else set(ids)
    shown = tuple(p for p in ids if p in named)
    return BoardView(
        measure=_choice(params, "measure", measures, "baseline"),
        sort=_choice(params, "sort", sorts, "plan"),
        priorities=shown,
        detail=_choice(params, "detail", shown, shown[0] if shown else ids[0]),
    )
