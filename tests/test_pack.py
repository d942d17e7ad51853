"""Issue 12, item 2: the briefing pack is an A4 PDF that names the locality, every priority, and what is illustrative."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from tests.conftest import PROJECT_DIR


def make_pack_with_the_cli(locality: str, folder: Path, warehouse: Path) -> PdfReader:
    """`python -m indicators pack` for one locality, what is new since 1 August 2026; the PDF it wrote."""
    out = folder / f"{locality}.pdf"
    command = [
        "pack",
        "--locality",
        locality,
        "--since",
        "2026-08-01",
        "--out",
        str(out),
        "--warehouse",
        str(warehouse),
    ]
    result = subprocess.run(
        [sys.executable, "-m", "indicators", *command], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return PdfReader(out)


def test_the_pack_command_writes_a_pdf_naming_chesil_every_priority_and_the_status_of_its_figures(
    tmp_path, catalogue, shipped_warehouse
):
    reader = make_pack_with_the_cli("chesil", tmp_path, shipped_warehouse)
    pages = [page.extract_text() for page in reader.pages]
    text = "\n".join(pages)
    assert "Briefing pack: Chesil" in pages[0] and "What is new since 01 August 2026" in pages[0]
    # The shipped sources published nothing for Chesil since August 2026; loading them today is not news.
    assert "Nothing new has been published for this area since 01 August 2026" in " ".join(pages[0].split())
    for priority in catalogue.priorities:
        assert priority.title in text, priority.title
    assert all("(illustrative) are made up for demonstration" in p.replace("\n", " ") for p in pages)  # every page
    assert "Glossary" in text
    assert "Funded projects" not in text  # no decisions loaded for Chesil: the section is left out, not an empty page
    flat = " ".join(text.split())  # the PDF's lines break anywhere
    assert "risk of harm outside" not in flat  # restricted: left out of packs unless asked for
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert sum(len(page.images) for page in reader.pages) >= 7  # the key charts, as images
    assert len(pages) <= 12  # sections flow on (a page each made 16, five of them half empty)


def test_an_unknown_locality_is_a_usage_error(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "indicators", "pack", "--locality", "atlantis", "--out", str(tmp_path / "x.pdf")],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and "not a locality" in result.stderr


def test_the_overview_button_makes_the_pack_for_the_chosen_locality(shipped_warehouse):
    from tests.app_support import open_page

    warehouse = shipped_warehouse
    app = open_page(warehouse, "overview", {"locality": "purbeck"})
    app.button(key="make-pack-purbeck").click().run(timeout=180)
    assert not app.exception and not app.error
    download = app.get("download_button")[0]
    assert download.label == "Download the briefing pack (PDF)"


def test_what_is_new_is_what_was_published_since_the_date_not_what_was_loaded(catalogue, shipped_warehouse):
    from datetime import date

    from indicators.warehouse import WarehouseReader
    from indicators.whats_new import whats_new

    reader = WarehouseReader(shipped_warehouse)
    every = reader.new_since("chesil", "1990-01-01")  # all loaded today, by the fixture
    none = reader.verdicts_changed_since("chesil", "2099-01-01")
    assert whats_new(every, none, catalogue, date(2026, 9, 1)).empty
    since_2025 = whats_new(every, none, catalogue, date(2025, 9, 1))
    assert {"Pupils eligible for free school meals", "Police-recorded violence, rate per 1,000 residents"} <= set(
        since_2025["Indicator"]
    )
    assert (
        dict(zip(since_2025["Indicator"], since_2025["Published"], strict=True))[
            "Pupils eligible for free school meals"
        ]
        == "June 2026"
    )
    assert not since_2025["What is new"].str.contains("illustrative").any()  # a made-up figure is never 'published'


def _lowest_text_above_footer(page) -> float:
    """How far down the page its words reach, in points from the top (the footer, in the bottom 20 mm, aside)."""
    height = float(page.mediabox.height)
    heights: list[float] = []

    def visit(text, cm, tm, font, size):
        y = tm[5] * cm[3] + cm[5] if cm[3] else tm[5]
        if text.strip() and y > 57:
            heights.append(height - y)

    page.extract_text(visitor_text=visit)
    return max(heights, default=0.0)


def test_a_dorchester_pack_links_its_projects_to_outcomes_and_has_no_half_empty_page(tmp_path, shipped_warehouse):
    reader = make_pack_with_the_cli("dorchester", tmp_path, shipped_warehouse)
    flat = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Funded projects: Dorchester" in flat and "Did the figures they aim at move?" in flat
    assert "before the funding (September 2023 to August 2024)" in flat
    assert "cannot show that a project caused it" in flat and "say nothing about the real project" in flat
    # No half-empty page: every page but the last is filled at least to half way down.
    reach = [_lowest_text_above_footer(page) for page in reader.pages[:-1]]
    assert all(r > float(reader.pages[0].mediabox.height) / 2 for r in reach), reach
