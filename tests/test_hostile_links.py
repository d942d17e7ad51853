"""Links from outside are untrusted: random and hostile query parameters never break a page."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.warehouse import build
from tests.app_support import PAGE_KEYS, all_text, open_page
from tests.conftest import TINY_DIR

HOSTILE = [
    "purbeck' OR '1'='1",
    "'; DROP TABLE published; --",
    "purbeck\x00",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%00%27",
    "Ｐｕｒｂｅｃｋ",  # full-width letters
    "purbeck" * 500,
    "E06000059",
    "",
    " ",
    "🙂",
    "NaN",
]
value = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=300),
    st.sampled_from(["purbeck", "chesil", "persistent-absence", "england"]),
)
values = st.one_of(value, st.lists(value, min_size=2, max_size=4))  # repeated keys
params = st.dictionaries(
    st.sampled_from(["locality", "indicator", "comparator", "compare", "page", "x"]), values, max_size=4
)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "warehouse.duckdb"
    build([TINY_DIR], path)
    return path


@pytest.mark.parametrize("page_key", PAGE_KEYS)
def test_any_query_string_gives_a_working_page_and_no_traceback(warehouse, page_key):
    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(query=params)
    def check(query: dict) -> None:
        app = open_page(warehouse, page_key, query, extracts=TINY_DIR)
        assert not app.exception, (query, app.exception)
        text = all_text(app)
        assert "Traceback" not in text
        assert app.title, query  # the page still drew its heading

    check()


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "Call 0800 123456 urgently re your child", "Ring 999"])
def test_a_visitors_text_is_never_quoted_back(warehouse, text):
    # A notice on an official page would lend the link's words authority.
    app = open_page(warehouse, "overview", {"locality": text, "compare": text}, extracts=TINY_DIR)
    page = all_text(app)
    assert "locality we do not know" in page
    for word in ("script", "0800", "123456", "urgently", "999"):
        assert word not in page.lower()
    assert app.title[0].value == "How is All of Dorset doing?"
