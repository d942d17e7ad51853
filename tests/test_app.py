"""Every page, for every locality, runs and shows real content (Streamlit AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators.warehouse import build
from tests.app_support import PAGE_KEYS, all_text, open_page
from tests.conftest import PROJECT_DIR

LOCALITIES = ["dorset", "chesil", "dorchester", "east", "north", "purbeck", "west", "weymouth", "portland"]
NAMES = {"dorset": "All of Dorset", "weymouth": "Weymouth (part of Chesil)", "portland": "Portland (part of Chesil)"}


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    warehouse = tmp_path_factory.mktemp("app") / "warehouse.duckdb"
    build([PROJECT_DIR / "data" / "extracts"], warehouse)
    return warehouse


@pytest.mark.parametrize("page_key", PAGE_KEYS)
@pytest.mark.parametrize("locality", LOCALITIES)
def test_every_page_runs_for_every_locality_with_its_title_and_banner(shipped, page_key, locality):
    app = open_page(shipped, page_key, {"locality": locality})
    assert not app.exception, app.exception
    text = all_text(app)
    # Every page with figures says what on it is illustrative; the projects page has no figures.
    assert ("Illustrative figures on this page" in text) == (page_key != "projects")
    assert "Traceback" not in text
    name = NAMES.get(locality, locality.title())
    if page_key in {"overview", "profile"} or page_key.startswith(("best-", "young", "good", "local", "safe")):
        assert name in text, name


def test_the_overview_gives_each_priority_and_a_plain_english_count(shipped):
    app = open_page(shipped, "overview", {"locality": "purbeck"})
    assert app.title[0].value == "How is Purbeck doing?"
    assert [h.value for h in app.header] == [
        "Best start in life", "Young and thriving", "Good care provision", "Best education for all",
        "Best place to live", "Local family help", "Safe at home and in the community",
    ]  # fmt: skip
    labels = [m.label for m in app.metric]
    assert "▲ Better than at the baseline" in labels and "▼ Worse than at the baseline" in labels
    assert sum(int(m.value) for m in app.metric) == 50  # every indicator counted once (one is restricted)


def test_a_priority_page_shows_the_indicators_assessment_sentence(shipped):
    app = open_page(shipped, "best-education-for-all", {"locality": "chesil", "indicator": "persistent-absence"})
    text = all_text(app)
    assert app.selectbox(key="indicator-best-education-for-all").value == "persistent-absence"
    assert "Chesil: " in text and "in 2024/25" in text and "(the baseline)" in text
    assert "In words:" in text
    assert app.query_params["indicator"] == "persistent-absence"


def test_the_url_follows_the_controls(shipped):
    app = open_page(shipped, "best-start-in-life", {"locality": "east"})
    app.selectbox(key="indicator-best-start-in-life").set_value("reception-overweight-or-obese").run()
    assert app.query_params["indicator"] == "reception-overweight-or-obese"
    app.sidebar.selectbox(key="locality_picker").set_value("west").run()
    assert app.query_params["locality"] == "west"
    # Not just "West": the banner always says "South West".
    assert "Showing **West**." in all_text(app)


def test_an_unknown_locality_gives_a_notice_and_all_of_dorset(shipped):
    app = open_page(shipped, "overview", {"locality": "atlantis"})
    assert not app.exception
    assert any("locality we do not know" in i.value for i in app.info)
    assert app.title[0].value == "How is All of Dorset doing?"


def test_a_retired_area_name_opens_its_successor(shipped):
    app = open_page(shipped, "overview", {"locality": "weymouth-and-portland"})
    assert any("old name" in i.value for i in app.info)
    assert app.title[0].value == "How is Chesil doing?"


def test_an_unknown_indicator_gives_a_notice_and_the_first_indicator(shipped):
    app = open_page(shipped, "local-family-help", {"locality": "north", "indicator": "early-help-refferals"})
    assert not app.exception
    assert any("indicator we do not know" in i.value for i in app.info)
    assert app.selectbox(key="indicator-local-family-help").value == "early-help-requests"


def test_an_indicator_from_another_priority_says_where_it_is(shipped):
    app = open_page(shipped, "local-family-help", {"indicator": "persistent-absence"})
    assert any("is under Best education for all" in i.value for i in app.info)


def test_a_sub_area_explains_why_change_since_the_baseline_is_not_shown(shipped):
    app = open_page(shipped, "local-family-help", {"locality": "weymouth"})
    assert "Weymouth has its own figures only from October 2023" in all_text(app)
    assert "Choose Chesil to see it." in all_text(app)


def test_the_profile_compares_two_localities_side_by_side(shipped):
    app = open_page(shipped, "profile", {"locality": "east", "compare": "west"})
    table = app.dataframe[1].value
    assert {"East: latest", "West: latest"} <= set(table.columns)
    assert len(table) == 50


def test_the_board_shows_every_indicator_for_every_locality(shipped):
    app = open_page(shipped, "board")
    first = app.dataframe[0].value
    assert {"Chesil", "Dorchester", "East", "North", "Purbeck", "West", "Dorset"} <= set(first.columns)
    assert sum(len(d.value) for d in app.dataframe[:7]) == 50


def test_the_about_page_lists_every_indicator_from_the_catalogue(shipped, catalogue):
    app = open_page(shipped, "about")
    listed = {title for frame in app.dataframe for title in frame.value.get("Indicator", [])}
    assert {i.title for i in catalogue.indicators.values() if not i.restricted} <= listed


def test_the_illustrative_banner_goes_when_only_real_data_are_loaded(tmp_path):
    import shutil

    extracts = tmp_path / "extracts"
    extracts.mkdir()
    for published in (PROJECT_DIR / "data" / "extracts").glob("published_*.csv"):
        shutil.copy2(published, extracts)
    warehouse = tmp_path / "real-only.duckdb"
    build([extracts], warehouse)
    for page_key in ("overview", "best-start-in-life", "board"):
        app = open_page(warehouse, page_key, {"locality": "dorset"}, extracts=extracts)
        assert not app.exception
        assert "Illustrative figures on this page" not in all_text(app), page_key
