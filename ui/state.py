"""The view in the URL, for the pages: read (by indicators.view, which knows no Streamlit) and written.

Every value from the URL is checked against the known ids before use (indicators/view.py).
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from indicators import view
from indicators.areas import default_areas
from indicators.catalogue import Indicator, default_catalogue
from indicators.view import ALL_DORSET, View
from ui.access import visible_catalogue

__all__ = [
    "ALL_DORSET",
    "View",
    "area_label",
    "chart_link",
    "current_locality",
    "locality_choices",
    "read_view",
    "share_link",
    "write_view",
]


def query_params() -> dict[str, list[str]]:
    """This page's query string as plain data: each key to every value it was given."""
    return {name: st.query_params.get_all(name) for name in st.query_params}


def locality_choices() -> list[str]:
    return view.locality_choices(default_areas())


def area_label(area_id: str) -> str:
    return view.area_label(default_areas(), area_id)


def current_locality() -> str:
    """The locality this visit is on (from the link, else the last one chosen), without notices."""
    raw = view.first(query_params(), "locality") or st.session_state.get("locality")
    return view.resolve_locality(raw, default_areas(), [])


def read_view(indicators: list[Indicator] | None = None) -> View:
    """The view the URL asks for, corrected where it asks for something unknown (indicators.view)."""
    return view.parse_view(
        query_params(),
        default_areas(),
        default_catalogue(),
        visible_catalogue().indicators,
        indicators,
        st.session_state.get("locality"),
    )


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
