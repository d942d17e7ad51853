"""The view in the URL: which locality, indicator and comparator a link opens.

Every value from the URL is checked against the known ids before use. Anything
unknown, mistyped or retired gives a friendly notice and the nearest sensible view.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import streamlit as st

from indicators.areas import default_areas
from indicators.catalogue import Indicator, default_catalogue
from ui.access import visible_catalogue

ALL_DORSET = "dorset"
COMPARATOR_IDS = ("dorset", "england", "south-west")
MAX_PARAMETER_LENGTH = 100


@dataclass(frozen=True)
class View:
    locality: str
    indicator: str | None
    comparator: str
    compare_with: str | None
    notices: tuple[str, ...] = ()


def locality_choices() -> list[str]:
    """All of Dorset, the six localities, then Chesil's sub-areas."""
    areas = default_areas()
    return [ALL_DORSET, *[a.id for a in areas.localities], *[a.id for a in areas.of_type("sub-locality")]]


def area_label(area_id: str) -> str:
    areas = default_areas()
    if area_id == ALL_DORSET:
        return "All of Dorset"
    area = areas[area_id]
    return f"{area.name} (part of {areas[area.parent].name})" if area.type == "sub-locality" else area.name


def _first(name: str) -> str | None:
    """The first value of a query parameter (links may repeat keys), cleaned and bounded."""
    values = st.query_params.get_all(name)
    if not values:
        return None
    return str(values[0]).strip().lower()[:MAX_PARAMETER_LENGTH]


def _resolve_locality(raw: str | None, notices: list[str]) -> str:
    if raw is None:
        return ALL_DORSET
    choices = locality_choices()
    if raw in choices:
        return raw
    area = default_areas().resolve(raw)  # old names are declared as aliases in areas.toml
    if area is not None and area.id in choices:
        if raw in area.aliases:
            notices.append(f"That link used an old name for an area; showing {area_label(area.id)}.")
        return area.id
    # Never quote the link's text back: a notice on an official page would lend it authority.
    notices.append("That link names a locality we do not know, so all of Dorset is shown. Choose one in the menu.")
    return ALL_DORSET


def _resolve_indicator(raw: str | None, allowed: list[Indicator] | None, notices: list[str]) -> str | None:
    if raw is None or allowed is None:
        return None
    catalogue = default_catalogue()
    if raw in {i.id for i in allowed}:
        return raw
    if raw in catalogue.indicators and raw not in visible_catalogue().indicators:
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


def current_locality() -> str:
    """The locality this visit is on (from the link, else the last one chosen), without notices."""
    return _resolve_locality(_first("locality") or st.session_state.get("locality"), [])


def read_view(indicators: list[Indicator] | None = None) -> View:
    """The view the URL asks for, corrected where it asks for something unknown."""
    notices: list[str] = []
    locality = _resolve_locality(_first("locality") or st.session_state.get("locality"), notices)
    indicator = _resolve_indicator(_first("indicator"), indicators, notices)
    comparator = _first("comparator")
    if comparator not in COMPARATOR_IDS:
        if comparator is not None:
            notices.append("That comparison is not available, so the usual one is shown.")
        comparator = "england" if locality == ALL_DORSET else "dorset"
    compare_with = _first("compare")
    if compare_with is not None and compare_with not in locality_choices():
        notices.append("That link names a locality to compare with that we do not know.")
        compare_with = None
    return View(locality, indicator, comparator, compare_with, tuple(notices))


def write_view(**values: str | None) -> None:
    """Put the view in the URL (dropping empty values) and remember the locality for other pages."""
    for key, value in values.items():
        if value is None:
            if key in st.query_params:
                del st.query_params[key]
        else:
            st.query_params[key] = value
    if values.get("locality"):
        st.session_state["locality"] = values["locality"]


def chart_link(path: str, locality: str, indicator_id: str) -> str:
    """A link, relative to the app, to one indicator's chart for one locality (for table cells)."""
    query = urlencode({"locality": locality, "indicator": indicator_id})
    return f"./{path.strip('/')}?{query}#indicator"


def share_link(path: str, **values: str | None) -> str:
    """The full link to this view, for pasting into an email."""
    base = str(st.context.url or "").split("?")[0].rstrip("/")
    if base.endswith("/" + path.strip("/")) and path.strip("/"):
        base = base[: -len(path.strip("/")) - 1]
    query = urlencode({k: v for k, v in values.items() if v})
    suffix = f"/{path.strip('/')}" if path.strip("/") else "/"
    return f"{base}{suffix}{'?' + query if query else ''}"
