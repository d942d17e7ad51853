"""The app's pages and their URLs, declared once: one template for all seven priorities.

Pages link to each other through `page()`, which builds the same st.Page the menu
holds, so no page module needs the menu (and the menu needs no page but by name).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from html import escape
from urllib.parse import urlencode

import streamlit as st

from indicators.catalogue import default_catalogue
from ui.copy_box import COPY_SCRIPT


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


def menu(locality: str, current: st.Page) -> None:
    """The page menu: one block of real links, each carrying the chosen locality.

    Streamlit's own menu links drop the query string, so a page opened from one in a new tab (a new
    session) showed All of Dorset. One st.page_link per page kept the locality but made 13 elements
    on every page run, 13% of the server's time with 25 readers (benchmarks/profile_pages.py). These
    links are one element, made once per locality and page. A plain click moves within the visit as
    Streamlit's own links do (`IN_SESSION_SCRIPT`); a link opened in a new tab opens the full view.
    """
    # Imported here, not at the top: ui.markup brings pandas (0.5 s), and the link preview of a fresh
    # server's first HTML response needs only page_specs (ui/preview.py), which waited for it.
    from ui.markup import html

    with st.sidebar:
        html(_menu_markup(locality, current.url_path), run_scripts=True)


# A plain click on a menu link puts its address in the browser's history and tells Streamlit, as the
# back button does (Streamlit answers `popstate` by running the page the address names, in this same
# session, with the address's query string). Clicks with a modifier key or another button are left to
# the browser: a new tab or window opens the link's full view. Added once per browser tab.
IN_SESSION_SCRIPT = """<script>
if (!window.dashboardMenuLinks) {
  window.dashboardMenuLinks = true;
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[data-in-session]");
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (link.href !== window.location.href) window.history.pushState(null, "", link.href);
    window.dispatchEvent(new PopStateEvent("popstate"));
  });
}
</script>"""

MENU_STYLE = """<style>
.page-menu-caption { font-size: 0.875rem; margin: 0 0 0.25rem 0; }
.page-menu ul { list-style: none; margin: 0; padding: 0; }
.page-menu li { margin: 2px 0; padding: 0; }
.page-menu a { display: flex; align-items: center; gap: 0.5rem; min-height: 2rem; padding: 0 0.5rem; border-radius: 0.5rem;
  color: #0b0c0c; font-size: 0.9rem; text-decoration: none; line-height: 1.4; }
.page-menu a:hover { background: rgba(11, 12, 12, 0.05); text-decoration: underline; }
.page-menu a[aria-current="page"] { background: rgba(11, 12, 12, 0.08); font-weight: 600; }
.page-menu-icon { font-family: "Material Symbols Rounded"; font-size: 1.25rem; line-height: 1; width: 1.25rem; flex: none;
  color: #0b0c0c; font-weight: 400; }
</style>"""


@lru_cache(maxsize=256)  # one per locality and page: a few dozen
def _menu_markup(locality: str, current_path: str) -> str:
    items = []
    for spec in page_specs():
        path = "" if spec.key == "overview" else spec.url_path  # the overview is the app's address itself
        href = f"./{path}?{urlencode({'locality': locality})}"
        is_current = spec.url_path == current_path or (spec.key == "overview" and not current_path)
        marked = ' aria-current="page"' if is_current else ""
        icon = _material_icon(spec.icon)
        drawn = f'<span class="page-menu-icon" aria-hidden="true">{icon}</span>' if icon else ""
        items.append(f'<li><a href="{escape(href)}" data-in-session{marked}>{drawn}{escape(spec.title)}</a></li>')
    return (
        f'{MENU_STYLE}<nav class="page-menu" aria-label="Pages"><p class="page-menu-caption">Pages</p>'
        # The copy boxes' script comes here too: every page draws the menu, the one block that runs scripts.
        f"<ul>{''.join(items)}</ul></nav>{IN_SESSION_SCRIPT}{COPY_SCRIPT}"
    )


def _material_icon(icon: str | None) -> str:
    """':material/home:' -> 'home': the name Streamlit's icon font draws as the icon."""
    if not icon:
        return ""
    return icon.removeprefix(":material/").removesuffix(":")
