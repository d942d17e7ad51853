"""Issue 13: summary tables are real HTML tables that screen readers, phones and printers can read."""

from __future__ import annotations

import pandas as pd

from tests.app_support import read_tables
from ui.html import html_table, sparkline_svg


def test_a_table_has_a_caption_header_cells_with_scope_and_right_aligned_numbers():
    frame = pd.DataFrame({"Area": ["Chesil", "East"], "Worse": [3, 12], "Latest": ["7.8% (illustrative)", "6.1%"]})
    markup = html_table(frame, "Verdicts by area")
    assert "<caption>Verdicts by area</caption>" in markup
    assert '<th scope="col">Area</th>' in markup and '<th scope="col" class="num">Worse</th>' in markup
    assert '<th scope="row">Chesil</th>' in markup  # each row is named by its first cell
    assert '<td data-label="Worse" class="num">12</td>' in markup  # on a phone the cell says its column
    [back] = read_tables(markup)
    assert back.attrs["caption"] == "Verdicts by area" and back.to_dict("list") == {
        "Area": ["Chesil", "East"],
        "Worse": ["3", "12"],
        "Latest": ["7.8% (illustrative)", "6.1%"],
    }


def test_cell_text_is_escaped_and_links_and_fills_are_added_where_asked():
    frame = pd.DataFrame({"Indicator": ["<script>alert(1)</script>"], "Chesil": ["▼ Worse"]})
    markup = html_table(
        frame, "t", links={"Indicator": ["./page?locality=chesil&indicator=x"]}, cell_classes={"Chesil": ["v-worse"]}
    )
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert 'href="./page?locality=chesil&amp;indicator=x"' in markup
    assert '<td data-label="Chesil" class="v-worse">▼ Worse</td>' in markup


def test_a_sparkline_is_drawn_on_the_scale_it_is_given_and_has_a_text_alternative():
    low = sparkline_svg([10.0, 20.0], 0.0, 100.0, "Chesil: from 10 to 20")
    high = sparkline_svg([10.0, 20.0], 10.0, 20.0, "Chesil: from 10 to 20")
    assert 'role="img" aria-label="Chesil: from 10 to 20"' in low
    assert low != high  # the same figures on another scale draw another line: one scale per indicator matters
    assert 'points="3.0,25.0 117.0,3.0"' in high  # the lowest at the bottom, the highest at the top
