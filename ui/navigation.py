"""The app's pages and their URLs, built from the catalogue: one template for all seven priorities."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from indicators.catalogue import default_catalogue


def _priority_page(priority_id: str) -> Callable[[], None]:
    from pages import priority

    def render() -> None:
        priority.render(priority_id)

    # Streamlit names a page function's page by its __name__; make each one distinct.
    render.__name__ = priority_id.replace("-", "_")
    return render


def url_paths() -> dict[str, str]:
    """Page key -> URL path: 'overview', each priority id, 'profile', 'board', 'about'."""
    paths = {"overview": "overview"}
    paths |= {p.id: p.id for p in default_catalogue().priorities}
    return paths | {"profile": "locality-profile", "board": "board", "about": "about"}


def registry() -> dict[str, st.Page]:
    """Page key -> page, built afresh for each run (st.Page objects belong to one run)."""
    from pages import about, board, overview, profile

    paths = url_paths()
    pages = {
        "overview": st.Page(
            overview.render, title="Overview", url_path=paths["overview"], default=True, icon=":material/home:"
        )
    }
    for priority in default_catalogue().priorities:
        pages[priority.id] = st.Page(_priority_page(priority.id), title=priority.title, url_path=paths[priority.id])
    pages["profile"] = st.Page(
        profile.render, title="Locality profile", url_path=paths["profile"], icon=":material/location_on:"
    )
    pages["board"] = st.Page(board.render, title="Board view", url_path=paths["board"], icon=":material/table_chart:")
    pages["about"] = st.Page(about.render, title="About and help", url_path=paths["about"], icon=":material/help:")
    return pages


def sections() -> list[st.Page]:
    """The menu, in reading order. A flat list: Streamlit 1.67 draws section headings inside
    the menu's <ul> as non-list items, which screen readers and axe report as a broken list."""
    pages = registry()
    priorities = [pages[p.id] for p in default_catalogue().priorities]
    return [pages["overview"], pages["profile"], pages["board"], *priorities, pages["about"]]
