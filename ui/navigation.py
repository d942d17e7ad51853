"""The app's pages and their URLs, declared once: one template for all seven priorities.

Pages link to each other through `page()`, which builds the same st.Page the menu
holds, so no page module needs the menu (and the menu needs no page but by name).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import streamlit as st

from indicators.catalogue import default_catalogue


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    url_path: str
    module: str  # the page module; its render() draws the page (a priority's takes the priority id)
    icon: str | None = None


def _fixed_pages() -> list[PageSpec]:
    return [
        PageSpec("overview", "Overview", "overview", "pages.overview", ":material/home:"),
        PageSpec("profile", "Locality profile", "locality-profile", "pages.profile", ":material/location_on:"),
        PageSpec("board", "Board view", "board", "pages.board", ":material/table_chart:"),
        PageSpec(
            "projects", "LAG funded projects", "lag-projects", "pages.lag_projects", ":material/volunteer_activism:"
        ),
    ]


@cache
def page_specs() -> tuple[PageSpec, ...]:
    """Every page in menu order: overview, profile, Board, the seven priorities, About (made once: every page
    run draws the menu from it)."""
    priorities = [PageSpec(p.id, p.title, p.id, "pages.priority") for p in default_catalogue().priorities]
    readiness = PageSpec(
        "readiness", "Data readiness", "data-readiness", "pages.data_readiness", ":material/fact_check:"
    )
    about = PageSpec("about", "About and help", "about", "pages.about", ":material/help:")
    return (*_fixed_pages(), *priorities, readiness, about)


@cache
def _specs_by_key() -> dict[str, PageSpec]:
    return {spec.key: spec for spec in page_specs()}


def url_paths() -> dict[str, str]:
    """Page key -> URL path: 'overview', each priority id, 'profile', 'board', 'about'."""
    return {spec.key: spec.url_path for spec in page_specs()}


def _renderer(spec: PageSpec) -> Callable[[], None]:
    def render() -> None:
        module = importlib.import_module(spec.module)
        if spec.module == "pages.priority":
            module.render(spec.key)
        else:
            module.render()

    # Streamlit names a page function's page by its __name__; make each one distinct.
    render.__name__ = spec.key.replace("-", "_")
    return render


def page(key: str) -> st.Page:
    """The page with this key, for the menu or a link (st.Page objects belong to one run)."""
    spec = _specs_by_key()[key]
    return st.Page(_renderer(spec), title=spec.title, url_path=spec.url_path, default=key == "overview", icon=spec.icon)


def sections() -> list[st.Page]:
    """Every page, in reading order, for st.navigation (which is hidden: see `menu`)."""
    return [page(spec.key) for spec in page_specs()]


def menu(locality: str, pages: list[st.Page]) -> None:
    """The page menu, drawn by us rather than Streamlit so every link carries the chosen locality.

    Streamlit's own menu links drop the query string, so a page opened from it in a new
    tab (a new session) showed All of Dorset. These links are real links to the full view.
    `pages`: this run's `sections()`, as given to st.navigation (made once a run, not twice).
    """
    with st.sidebar.container(key="page-menu"):
        st.caption("Pages")
        for linked in pages:  # each page's title and icon come from its st.Page (checked once, when made)
            st.page_link(linked, query_params={"locality": locality})
