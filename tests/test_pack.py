"""Issue 12, item 2: the briefing pack is an A4 PDF that names the locality, every priority, and what is illustrative."""

from __future__ import annotations

import subprocess
import sys

from pypdf import PdfReader

from tests.conftest import PROJECT_DIR


def test_the_pack_command_writes_a_pdf_naming_chesil_every_priority_and_the_status_of_its_figures(
    tmp_path, catalogue, shipped_warehouse
):
    out = tmp_path / "chesil.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "indicators", "pack", "--locality", "chesil", "--since", "2026-08-01",
         "--out", str(out), "--warehouse", str(shipped_warehouse)],
        cwd=PROJECT_DIR, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    pages = [page.extract_text() for page in reader.pages]
    text = "\n".join(pages)
    assert "Briefing pack: Chesil" in pages[0] and "What is new since 01 August 2026" in pages[0]
    for priority in catalogue.priorities:
        assert priority.title in text, priority.title
    assert all("(illustrative) are made up for demonstration" in p.replace("\n", " ") for p in pages)  # every page
    assert "Glossary" in text and "Funded projects: Chesil" in text
    flat = " ".join(text.split())  # the PDF's lines break anywhere
    assert "risk of harm outside" not in flat  # restricted: left out of packs unless asked for
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert sum(len(page.images) for page in reader.pages) >= 7  # the key charts, as images


def test_an_unknown_locality_is_a_usage_error(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "indicators", "pack", "--locality", "atlantis", "--out", str(tmp_path / "x.pdf")],
        cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2 and "not a locality" in result.stderr


def test_the_overview_button_makes_the_pack_for_the_chosen_locality(shipped_warehouse):
    from tests.app_support import open_page

    warehouse = shipped_warehouse
    app = open_page(warehouse, "overview", {"locality": "purbeck"})
    app.button(key="make-pack-purbeck").click().run(timeout=180)
    assert not app.exception and not app.error
    download = app.get("download_button")[0]
    assert download.label == "Download the briefing pack (PDF)"
