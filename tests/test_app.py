"""Every page, for every locality, runs and shows real content (Streamlit AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators.catalogue import default_catalogue
from indicators.verdicts import VERDICTS, status_text
from indicators.warehouse import build
from tests.app_support import PAGE_KEYS, all_text, copy_boxes, open_page, tables
from tests.conftest import PROJECT_DIR

LOCALITIES = ["dorset", "chesil", "dorchester", "east", "north", "purbeck", "west", "weymouth", "portland"]
NAMES = {"dorset": "All of Dorset", "weymouth": "Weymouth (part of Chesil)", "portland": "Portland (part of Chesil)"}


@pytest.fixture(scope="module")
def shipped(shipped_warehouse: Path) -> Path:
    return shipped_warehouse


@pytest.mark.parametrize("page_key", PAGE_KEYS)
@pytest.mark.parametrize("locality", LOCALITIES)
def test_every_page_runs_for_every_locality_with_its_title_and_banner(shipped, page_key, locality):
    app = open_page(shipped, page_key, {"locality": locality})
    assert not app.exception, app.exception
    text = all_text(app)
    # Every page with figures says what on it is illustrative; the projects and readiness pages show none.
    assert ("Illustrative figures on this page" in text) == (page_key not in ("projects", "readiness"))
    assert "Traceback" not in text
    name = NAMES.get(locality, locality.title())
    if page_key in {"overview", "profile"} or page_key.startswith(("best-", "young", "good", "local", "safe")):
        assert name in text, name


@pytest.mark.parametrize("page_key", PAGE_KEYS)
def test_no_page_draws_a_code_box_whose_script_would_slow_its_first_chart(shipped, page_key):
    # st.code brings 1.5 MB of syntax-highlighting JavaScript to a reader's first page (ui/copy_box.py).
    app = open_page(shipped, page_key, {"locality": "chesil"})
    assert not app.exception, app.exception
    assert not app.get("code")


def test_the_overview_gives_each_priority_and_a_plain_english_count(shipped):
    app = open_page(shipped, "overview", {"locality": "purbeck"})
    assert app.title[0].value == "How is Purbeck doing?"
    assert [h.value for h in app.header] == [
        "Best start in life",
        "Young and thriving",
        "Good care provision",
        "Best education for all",
        "Best place to live",
        "Local family help",
        "Safe at home and in the community",
    ]
    labels = [m.label for m in app.metric]
    assert "▲ Better than at the baseline" in labels and "▼ Worse than at the baseline" in labels
    assert sum(int(m.value) for m in app.metric) == len(default_catalogue().indicators) - 1  # one is restricted


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
    assert "Weymouth's Local Alliance Group began in October 2023" in all_text(app)
    assert "Chesil's figures reach back." in all_text(app)
    assert "Not compared: no figure at the baseline" in all_text(
        app
    )  # each such cell says why, not just "Not compared"


def test_the_profile_compares_two_localities_side_by_side(shipped):
    app = open_page(shipped, "profile", {"locality": "east", "compare": "west"})
    table = tables(app)[1]
    assert {"East: latest", "West: latest"} <= set(table.columns)
    assert len(table) == len(default_catalogue().indicators) - 1  # one is restricted


def test_the_board_shows_every_indicator_for_every_area_with_a_verdict_in_every_cell(shipped):
    app = open_page(shipped, "board")
    heat = [t for t in tables(app) if t.attrs["caption"].endswith("since the plan started, by area")]
    assert len(heat) == 7  # one per priority
    areas = ["Chesil", "Dorchester", "East", "North", "Purbeck", "West", "Weymouth", "Portland", "Dorset", "England"]
    assert list(heat[0].columns) == ["Indicator", *areas]
    assert sum(len(t) for t in heat) == len(default_catalogue().indicators) - 1  # one is restricted
    words = (
        "Better",
        "Worse",
        "About the same",
        "Higher",
        "Lower",
        "Not compared",
        "No later figure",
        "No figures loaded yet",
    )
    fills = {status_text(status): chosen.css_class for status, chosen in VERDICTS.items()}
    for table in heat:
        for area in areas:
            assert all(any(w in cell for w in words) for cell in table[area]), area
        for row, classes in zip(table.itertuples(index=False), table.attrs["classes"], strict=True):
            for cell, fill in zip(row[1:], classes[1:], strict=True):  # the colour repeats the words
                said = max((text for text in fills if cell.startswith(text)), key=len)  # every cell has a verdict
                assert fill == fills[said], cell


def test_the_board_counts_verdicts_per_area_and_lists_what_needs_attention(shipped):
    app = open_page(shipped, "board")
    found = tables(app)
    counts = next(t for t in found if t.attrs["caption"].startswith("Verdicts by area"))
    assert list(counts["Area"])[:6] == ["Chesil", "Dorchester", "East", "North", "Purbeck", "West"]
    heat = [t for t in found if t.attrs["caption"].endswith("by area") and "Indicator" in t.columns]
    for row in counts.itertuples():  # each count is the number of that area's cells saying so
        worse = sum(cell.startswith("▼ Worse") for t in heat for cell in t[row.Area])
        assert int(counts.loc[row.Index, "▼ Worse"]) == worse, row.Area
    attention = next(t for t in found if t.attrs["caption"].startswith("Needs attention"))
    assert len(attention) > 0 and all("getting worse" in why for why in attention["Why"])


def test_the_boards_filters_live_in_the_link_and_clearing_them_says_what_to_do(shipped):
    app = open_page(shipped, "board", {"priorities": "best-start-in-life", "measure": "trend", "sort": "worse"})
    heat = [t for t in tables(app) if t.attrs["caption"].endswith("by area") and "Indicator" in t.columns]
    assert [t.attrs["caption"].split(":")[0] for t in heat] == ["Best start in life"]
    assert "recent trend" in heat[0].attrs["caption"]
    assert app.query_params["priorities"] in ("best-start-in-life", ["best-start-in-life"])
    assert app.query_params["sort"] in ("worse", ["worse"])
    empty = open_page(shipped, "board", {"priorities": ""})
    assert "Choose at least one priority" in all_text(empty)


def test_the_about_page_lists_every_indicator_from_the_catalogue(shipped, catalogue):
    app = open_page(shipped, "about", {"tab": "Methods and definitions"})  # the tab a reader opens
    listed = {title for frame in tables(app) for title in frame.get("Indicator", [])}
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


def copy_summary(app) -> str:
    return copy_boxes(app)["Summary for an email"]


def test_copy_summary_gives_the_comparison_the_reader_chose_and_both_where_they_disagree(shipped):
    chesil = copy_summary(
        open_page(
            shipped,
            "best-education-for-all",
            {"locality": "chesil", "indicator": "gcse-english-and-maths", "comparator": "england"},
        )
    )
    assert "Chesil is worse than England (65.0%)" in chesil and "Dorset (" not in chesil  # both worse: one is enough
    purbeck = copy_summary(
        open_page(
            shipped,
            "best-education-for-all",
            {"locality": "purbeck", "indicator": "gcse-english-and-maths", "comparator": "england"},
        )
    )
    first, second = purbeck.index("similar to England"), purbeck.index("better than Dorset")
    assert first < second  # the chosen comparator first, then the one that points another way
