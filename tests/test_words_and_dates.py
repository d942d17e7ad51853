"""Issue 10, items 2, 3 and 6: declared events are checked, words follow the page, dates mean something."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from indicators.events import EventsError, default_events, parse_events
from indicators.releases import release_of, release_words
from indicators.tables import source_lines
from tests.app_support import all_text, copy_boxes, open_page, tables

GOOD_EVENT = """
[[event]]
id = "x"
title = "X"
date = 2020-01-01
description = "d"
indicators = ["persistent-absence"]
"""


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            GOOD_EVENT.replace('indicators = ["persistent-absence"]', 'indicators = ["persistant-absence"]'),
            "unknown indicator",
        ),
        (GOOD_EVENT + 'areas = ["atlantis"]\n', "unknown area"),
        (GOOD_EVENT.replace("date = 2020-01-01", 'date = "2020-01-01"'), "must be a TOML date"),
        (GOOD_EVENT + "breaks = true\n", "unknown key"),
        (GOOD_EVENT + GOOD_EVENT, "unique"),
        (
            '[[not_comparable]]\nindicators = ["persistent-absence"]\nperiods = ["2020/22"]\nreason = "r"\n',
            "is not a period",
        ),
    ],
)
def test_a_wrong_events_file_is_refused_naming_the_entry(tmp_path, catalogue, areas, text, words):
    path = tmp_path / "events.toml"
    path.write_text(text)
    with pytest.raises(EventsError, match=words):
        parse_events(path, catalogue, areas)


def test_the_shipped_events_declare_the_breaks_the_plan_period_has():
    ids = {e.id for e in default_events().events}
    assert {
        "local-government-reorganisation",
        "pandemic",
        "chesil-split",
        "statistical-neighbours-2025",
        "ofsted-single-word-grades-end",
        "eyfs-reform",
    } <= ids
    assert default_events().latest_break("good-level-of-development", "dorset").id == "eyfs-reform"


def test_each_indicator_says_when_its_figures_came_out_and_when_the_next_is_due(catalogue):
    absence = catalogue.indicators["persistent-absence"]  # usually published in March
    release = release_of(absence, "2024/25")
    assert (release.published_around, release.next_expected) == (date(2026, 3, 1), date(2027, 3, 1))
    assert "next is due now" in release_words(
        catalogue.indicators["children-in-care-rate"], "2024/25", date(2026, 12, 1)
    )
    assert release_of(catalogue.indicators["early-help-requests"], "2026-03") is None


def test_a_made_up_figure_is_never_credited_to_a_real_publisher(catalogue):
    indicator = catalogue.indicators["early-help-requests"]
    made_up = pd.DataFrame({"data_status": ["illustrative"], "source": ["ILLUSTRATIVE"]})
    words = source_lines(indicator, "All of Dorset", made_up)
    assert words.startswith("**Source of All of Dorset's illustrative figures:** made up for demonstration")
    assert "**Source:**" not in words  # the real system is named only as where real figures would come from
    published = pd.DataFrame({"data_status": ["published"], "source": ["DfE"]})
    assert source_lines(catalogue.indicators["persistent-absence"], "Dorset", published).startswith(
        "**Source:** Department"
    )


@pytest.fixture(scope="module")
def shipped(shipped_warehouse: Path) -> Path:
    return shipped_warehouse


def test_the_comparison_sentence_follows_the_comparator_chosen_on_the_page(shipped):
    # GCSEs: Purbeck's latest figure (2023/24) is real, added up from its schools, so it is compared.
    query = {"locality": "purbeck", "indicator": "gcse-english-and-maths"}
    usual = all_text(open_page(shipped, "best-education-for-all", query))
    chosen = all_text(open_page(shipped, "best-education-for-all", query | {"comparator": "england"}))
    assert "than Dorset (" in usual or "similar to Dorset (" in usual
    assert "than England (" in chosen or "similar to England (" in chosen
    assert "Purbeck is worse than Dorset" not in chosen and "Purbeck is similar to Dorset" not in chosen


def test_the_marks_are_explained_where_they_appear_and_one_vocabulary_is_used(shipped):
    overview = open_page(shipped, "overview", {"locality": "east"})
    text = all_text(overview)
    assert "**Withheld (small number)**: left out" in text and "**(illustrative)**" in text
    # The one glossary, linked in this tab with the locality kept.
    html = " ".join(element.proto.body for element in overview.get("html"))
    assert '<a href="./about?tab=Words+used+here&amp;locality=east">What these words mean</a>' in html
    board = open_page(shipped, "board")
    cells = " ".join(str(v) for frame in tables(board) for v in frame.to_numpy().ravel())
    assert "Little change" not in cells and "Improving" not in cells and "Worsening" not in cells
    # Plain words first (issue 22): no statistical terms in the cells a Board member reads.
    assert "significant" not in cells.lower() and "not tested" not in cells.lower()


def test_copy_summary_gives_figure_period_verdict_status_and_the_link(shipped):
    app = open_page(shipped, "best-education-for-all", {"locality": "purbeck", "indicator": "persistent-absence"})
    summary = copy_boxes(app)["Summary for an email"]
    first, link = summary.split("\n")
    assert first.startswith("Pupils persistently absent from school, Purbeck: ")
    assert "in 2024/25 (an illustrative figure, not real)." in first and "Since the plan started:" in first
    assert link.endswith("/best-education-for-all?locality=purbeck&indicator=persistent-absence&comparator=dorset")


def test_what_is_new_lists_only_figures_first_loaded_since_the_date_and_changed_verdicts(tmp_path):
    import shutil

    import duckdb

    from indicators.warehouse import WarehouseReader, build
    from tests.conftest import TINY_DIR

    extracts = tmp_path / "extracts"
    shutil.copytree(TINY_DIR, extracts)
    warehouse = tmp_path / "w.duckdb"
    build([extracts], warehouse)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("UPDATE observation SET first_seen = '2020-01-01'")
    extract = extracts / "tiny_extract.csv"
    extract.write_text(
        extract.read_text().replace(
            "east,2024/25,illustrative,Test fixture (made up),,1500,8900",
            "east,2024/25,illustrative,Test fixture (made up),,700,8900",
        )
    )
    build([extracts], warehouse)
    reader = WarehouseReader(warehouse)
    new = reader.new_since("east", "2021-01-01")
    assert list(zip(new["indicator_id"], new["period"], strict=True)) == [("persistent-absence", "2024/25")]
    changes = reader.verdicts_changed_since("east", "2021-01-01")
    assert len(changes) >= 1 and set(changes["indicator_id"]) == {"persistent-absence"}
    assert reader.new_since("west", "2021-01-01").empty


def test_the_overview_lists_what_is_due_before_the_meeting_and_keeps_both_dates_in_the_link(shipped):
    app = open_page(shipped, "overview", {"locality": "chesil", "since": "2026-01-01", "meeting": "2027-03-31"})
    due = next(f for f in tables(app) if "Next figure usually published" in f.columns)
    absence = due[due["Indicator"] == "Pupils persistently absent from school"].iloc[0]
    assert absence["Next figure usually published"] == "March 2027" and absence["It will cover"] == "2025/26"
    assert app.query_params["since"] == "2026-01-01" and app.query_params["meeting"] == "2027-03-31"
    link = copy_boxes(app)["Link to this view"]
    assert "since=2026-01-01" in link and "meeting=2027-03-31" in link
