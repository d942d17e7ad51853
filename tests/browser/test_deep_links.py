"""Links shared in emails open exactly the view that was shared, even on a freshly started server.

Streamlit 1.67 serves the first request after start-up with its legacy pages-folder
router when a pages/ folder sits beside the entry script, which showed "Page not
found" for a deep link. Each test here starts its own server and opens a deep link
as that server's very first request.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import SHIPPED_EXTRACTS, fresh_copy, screenshot, start_server, stop_server, wait_until_ready

pytestmark = pytest.mark.browser

# Every priority page, and between them every locality (including Chesil's sub-areas).
DEEP_LINKS = [
    ("best-start-in-life", "chesil", "good-level-of-development", "Best start in life", "Chesil"),
    ("young-and-thriving", "dorchester", "neet-or-not-known-16-17", "Young and thriving", "Dorchester"),
    ("good-care-provision", "east", "care-leavers-in-education-employment-training", "Good care provision", "East"),
    ("best-education-for-all", "purbeck", "persistent-absence", "Best education for all", "Purbeck"),
    ("best-place-to-live", "north", "children-in-relative-low-income", "Best place to live", "North"),
    ("local-family-help", "west", "early-help-requests", "Local family help", "West"),
    (
        "safe-at-home-and-in-the-community",
        "weymouth",
        "repeat-child-protection-plans",
        "Safe at home and in the community",
        "Weymouth",
    ),
    ("locality-profile", "portland", None, "Locality profile: Portland (part of Chesil)", "Portland"),
    ("", "dorset", None, "How is All of Dorset doing?", "All of Dorset"),
]


@pytest.mark.parametrize(
    ("path", "locality", "indicator", "title", "area"), DEEP_LINKS, ids=[d[0] or "overview" for d in DEEP_LINKS]
)
def test_a_deep_link_is_the_first_request_of_a_fresh_server(
    browser, shipped_warehouse, tmp_path, path, locality, indicator, title, area
):
    server = start_server(fresh_copy(shipped_warehouse, tmp_path), SHIPPED_EXTRACTS, tmp_path / "server.log")
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        query = f"?locality={locality}" + (f"&indicator={indicator}" if indicator else "")
        page.goto(f"{server.url}/{path}{query}")
        wait_until_ready(page)
        content = page.content()
        assert "Page not found" not in content and "does not seem to exist" not in content
        assert "Traceback" not in content and "something went wrong" not in content
        assert page.locator("h1").first.inner_text() == title
        # The page says which area it shows (not merely the word: the banner always says "South West").
        main = page.locator("[data-testid=stMain]").inner_text()
        assert f"Showing {area}" in main or area in title
        assert f"locality={locality}" in page.url
        if indicator:
            assert f"indicator={indicator}" in page.url
            # Each kind of control's code is fetched when the page first draws one: a fresh server's first
            # page can finish its run, heading and all, a moment before the picker is drawn.
            page.get_by_label("Indicator", exact=True).first.wait_for(state="attached", timeout=30_000)
        if path == "best-education-for-all":
            screenshot(page, "deep-link-priority")
        page.close()
    finally:
        stop_server(server)
