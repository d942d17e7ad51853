"""Issue 15, item 5: a plain HTTP fetch of a deep link returns that view's title and description (no browser)."""

from __future__ import annotations

import gzip
import re
import urllib.request

import pytest

from ui.navigation import page_specs

pytestmark = pytest.mark.browser  # needs the running server the browser tests share
LOCALITIES = {"dorset": "All of Dorset", "chesil": "Chesil", "purbeck": "Purbeck", "portland": "Portland"}


def head_of(url: str) -> tuple[str, str]:
    # As a browser asks: compressed if the server will (a compressed page must still come back whole).
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
    page = body.decode("utf-8")
    title = re.search(r"<title>(.*?)</title>", page).group(1)  # type: ignore[union-attr]
    description = re.search(r'<meta name="description" content="(.*?)">', page).group(1)  # type: ignore[union-attr]
    return title, description


@pytest.mark.parametrize("locality", LOCALITIES)
def test_every_page_and_locality_has_its_own_title_and_description(shipped_server, locality):
    for spec in page_specs():
        path = "" if spec.key == "overview" else spec.url_path
        title, description = head_of(f"{shipped_server.url}/{path}?locality={locality}")
        assert title != "Streamlit" and title.endswith("| Dorset locality outcomes"), (spec.key, title)
        assert LOCALITIES[locality] in title and LOCALITIES[locality] in description, (spec.key, title)


def test_an_indicator_link_names_the_indicator_and_hostile_text_is_not_echoed(shipped_server):
    title, _ = head_of(f"{shipped_server.url}/best-education-for-all?locality=purbeck&indicator=persistent-absence")
    assert title == "Pupils persistently absent from school: Purbeck | Dorset locality outcomes"
    title, description = head_of(f"{shipped_server.url}/board?locality=%3Cscript%3ECall%200800")
    assert "script" not in title + description and "0800" not in title + description
