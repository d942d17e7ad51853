"""The page menu (ui/navigation.py): one block of real links, each carrying the chosen locality."""

from __future__ import annotations

import re

import pytest

from tests.app_support import open_page
from ui.navigation import _menu_markup, page_specs

LINK = re.compile(r'<a href="([^"]+)" data-in-session( aria-current="page")?>(?:<span[^>]*>[^<]*</span>)?([^<]+)</a>')


@pytest.mark.parametrize("current", ["", "best-start-in-life", "about"])
def test_every_page_is_linked_once_with_the_locality_and_the_open_page_marked(current):
    links = LINK.findall(_menu_markup("purbeck", current))
    assert [title for _, _, title in links] == [spec.title for spec in page_specs()]
    hrefs = [href for href, _, _ in links]
    assert hrefs[0] == "./?locality=purbeck", "the overview is the app's own address"
    assert hrefs[1:] == [f"./{spec.url_path}?locality=purbeck" for spec in page_specs()[1:]]
    marked = [title for _, mark, title in links if mark]
    opened = next(s.title for s in page_specs() if s.url_path == current or (s.key == "overview" and not current))
    assert marked == [opened]


def test_a_page_run_draws_the_menu_as_one_element(shipped_warehouse):
    app = open_page(shipped_warehouse, "best-start-in-life", {"locality": "chesil"})
    assert not app.exception, app.exception
    menus = [h for h in app.sidebar.get("html") if 'class="page-menu"' in h.proto.body]
    assert len(menus) == 1
    assert not app.sidebar.get("page_link"), "no Streamlit page links: 13 elements a run"
    assert 'href="./best-start-in-life?locality=chesil" data-in-session aria-current="page"' in menus[0].proto.body
