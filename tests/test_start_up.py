"""Issue 14, items 1, 4, 5 and 7: start-up never loses loaded rows, never goes down, notices damage."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from indicators.warehouse import build, damage, refresh, staleness
from tests.app_support import all_text, open_page, tables
from tests.conftest import PROJECT_DIR, TINY_DIR, good_row, write_extract

NEW_ROW = good_row(area="north", period="2025/26", numerator=1234, denominator=5000)  # 24.7%


def values(warehouse: Path, area: str = "north", period: str = "2025/26") -> list[float]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return [
            r[0]
            for r in con.execute(
                "SELECT numerator FROM observation WHERE indicator_id = 'persistent-absence' AND area_id = ? AND period = ?",
                [area, period],
            ).fetchall()
        ]


@pytest.fixture
def extracts(tmp_path: Path) -> Path:
    folder = tmp_path / "extracts"
    shutil.copytree(TINY_DIR, folder)
    return folder


def load(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "indicators", *args], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120
    )


def test_rows_added_with_load_file_survive_the_next_start_up(tmp_path, extracts):
    warehouse = tmp_path / "w.duckdb"
    assert load("load", str(extracts), "--warehouse", str(warehouse)).returncode == 0
    new = write_extract(tmp_path / "new.csv", [NEW_ROW])
    assert load("load", str(new), "--warehouse", str(warehouse)).returncode == 0
    assert values(warehouse) == [1234]
    assert staleness(warehouse, extracts) == []  # an added file does not make the folder stale
    assert refresh(warehouse, extracts).state == "fresh"
    assert values(warehouse) == [1234]


def test_a_rebuild_at_start_up_keeps_the_added_rows(tmp_path, extracts):
    warehouse = tmp_path / "w.duckdb"
    build([extracts], warehouse)
    build([write_extract(tmp_path / "new.csv", [NEW_ROW])], warehouse, replace=False)
    # A change in the folder (or the code) makes it stale: the rebuild must keep the added row.
    write_extract(extracts / "more.csv", [good_row(area="west", period="2025/26", numerator=900, denominator=5000)])
    result = refresh(warehouse, extracts)
    assert result.state == "rebuilt" and "more.csv is new in" in " ".join(result.reasons)
    assert values(warehouse) == [1234]
    assert values(warehouse, "west") == [900]


def test_loading_a_folder_makes_it_the_whole_warehouse(tmp_path, extracts):
    warehouse = tmp_path / "w.duckdb"
    write_extract(extracts / "more.csv", [good_row(area="west", period="2025/26", numerator=900, denominator=5000)])
    assert load("load", str(extracts), "--warehouse", str(warehouse)).returncode == 0
    assert values(warehouse, "west") == [900]
    (extracts / "more.csv").unlink()
    assert staleness(warehouse, extracts) == [f"more.csv is no longer in {extracts.resolve()}"]
    assert load("load", str(extracts), "--warehouse", str(warehouse)).returncode == 0
    assert values(warehouse, "west") == []  # the deleted file's rows are gone


def test_a_folder_and_files_together_are_refused(tmp_path, extracts):
    new = write_extract(tmp_path / "new.csv", [NEW_ROW])
    result = load("load", str(extracts), str(new), "--warehouse", str(tmp_path / "w.duckdb"))
    assert result.returncode == 2 and "not both" in result.stderr


def test_a_bad_extract_at_start_up_keeps_the_last_good_warehouse(tmp_path, extracts):
    warehouse = tmp_path / "w.duckdb"
    build([extracts], warehouse)
    before = warehouse.read_bytes()
    (extracts / "empty.csv").write_bytes(b"")
    result = refresh(warehouse, extracts)
    assert result.state == "kept" and result.serving
    assert any("empty.csv: the file is empty" in p for p in result.problems)
    assert warehouse.read_bytes() == before


def test_pages_keep_serving_and_about_names_the_bad_file(tmp_path, extracts, monkeypatch):
    warehouse = tmp_path / "w.duckdb"
    build([extracts], warehouse)
    (extracts / "empty.csv").write_bytes(b"")
    import ui.data

    calls = []
    real_refresh = ui.data.refresh
    monkeypatch.setattr(ui.data, "refresh", lambda *a: calls.append(a) or real_refresh(*a))
    for page in ("overview", "board", "best-education-for-all"):
        app = open_page(warehouse, page, {"locality": "east"}, extracts=extracts)
        assert not app.exception and not app.error, page
        assert len(tables(app)) > 0, page  # figures shown, from the last good warehouse
    about = open_page(warehouse, "about", {"tab": "Data sources"}, extracts=extracts)
    assert "empty.csv: the file is empty" in all_text(about)
    assert len(calls) == 1  # the failed check is remembered, not repeated on every page view


def test_with_no_warehouse_and_a_bad_extract_pages_say_so_instead_of_failing(tmp_path, extracts):
    (extracts / "empty.csv").write_bytes(b"")
    warehouse = tmp_path / "never-built.duckdb"
    app = open_page(warehouse, "overview", extracts=extracts)
    assert not app.exception
    assert "data could not be loaded" in all_text(app)
    about = open_page(warehouse, "about", {"tab": "Data sources"}, extracts=extracts)
    assert not about.exception and "empty.csv: the file is empty" in all_text(about)


def test_a_damaged_warehouse_is_noticed_and_replaced_by_its_sound_backup(tmp_path, extracts):
    warehouse = tmp_path / "w.duckdb"
    build([extracts], warehouse)
    build([extracts], warehouse)  # the first becomes the backup
    size = warehouse.stat().st_size
    with open(warehouse, "r+b") as handle:
        handle.truncate(size // 2)
    assert damage(warehouse) is not None
    result = refresh(warehouse, extracts)
    assert result.restored_backup and result.state == "fresh"
    assert damage(warehouse) is None
    assert values(warehouse, "east", "2024/25") == [1500]


def test_a_damaged_warehouse_without_a_backup_is_rebuilt(tmp_path, extracts):
    warehouse = tmp_path / "w.duckdb"
    build([extracts], warehouse)
    warehouse.write_bytes(warehouse.read_bytes()[:4096])
    result = refresh(warehouse, extracts)
    assert result.state == "rebuilt" and "damaged" in result.reasons[0]
    assert damage(warehouse) is None


def test_check_reports_health_for_monitoring(tmp_path, extracts):
    warehouse = tmp_path / "w.duckdb"
    check = ("check", "--warehouse", str(warehouse), "--extracts", str(extracts))
    assert load(*check).returncode == 1  # missing
    build([extracts], warehouse)
    ok = load(*check)
    assert ok.returncode == 0 and ": ok" in ok.stdout
    write_extract(extracts / "more.csv", [good_row(area="west", period="2025/26", numerator=900, denominator=5000)])
    stale = load(*check)
    assert stale.returncode == 1 and ": stale" in stale.stdout and "more.csv is new" in stale.stdout
    (extracts / "more.csv").write_text("indicator_id,area\n")
    unbuildable = load(*check)
    assert unbuildable.returncode == 1 and ": unbuildable" in unbuildable.stdout and "more.csv" in unbuildable.stdout
    (extracts / "more.csv").unlink()
    with open(warehouse, "r+b") as handle:
        handle.truncate(warehouse.stat().st_size // 2)
    damaged = load(*check)
    assert damaged.returncode == 1 and ": damaged" in damaged.stdout


def test_a_page_run_reads_the_warehouse_version_once(tmp_path, extracts, monkeypatch):
    # Every query of one run uses the version read at its start: a reload half-way cannot mix two.
    import ui.data

    warehouse = tmp_path / "w.duckdb"
    build([extracts], warehouse)
    calls = []
    real = ui.data._current_version
    monkeypatch.setattr(ui.data, "_current_version", lambda: calls.append(1) or real())
    app = open_page(
        warehouse, "best-education-for-all", {"locality": "east", "indicator": "persistent-absence"}, extracts=extracts
    )
    assert not app.exception
    assert len(calls) == 1


def test_each_figure_remembers_when_a_load_first_brought_it(tmp_path, extracts):
    warehouse = tmp_path / "w.duckdb"
    build([extracts], warehouse)
    with duckdb.connect(str(warehouse)) as con:  # as if it had been loaded long ago
        con.execute("UPDATE observation SET first_seen = '2020-01-01'")
    extract = extracts / "tiny_extract.csv"
    text = extract.read_text().replace(
        "east,2024/25,illustrative,Test fixture (made up),,1500,8900",
        "east,2024/25,illustrative,Test fixture (made up),,1000,8900",
    )
    assert text != extract.read_text(), "the fixture row to change was not found"
    extract.write_text(text)
    build([extracts], warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        seen = dict(
            con.execute(
                "SELECT area_id || ' ' || period, first_seen FROM published WHERE indicator_id = 'persistent-absence' AND area_id = 'east'"
            ).fetchall()
        )
    assert seen["east 2023/24"] == "2020-01-01"  # unchanged: keeps the day it first came
    assert seen["east 2024/25"] != "2020-01-01"  # changed: new today


def test_the_freshness_check_covers_every_module_and_notices_a_code_change(tmp_path, extracts):
    from indicators.warehouse import fingerprinted_files

    names = {p.name for p in fingerprinted_files()}
    assert {
        "formatting.py",
        "compare.py",
        "verdicts.py",
        "events.toml",
        "links.toml",
    } <= names  # formatting.py was missing
    assert {
        "ward_localities.csv",
        "school_lsoas.csv",
        "school_places.csv",
    } <= names  # the locality definition (issue 20)
    warehouse = tmp_path / "w.duckdb"
    build([extracts], warehouse)
    with duckdb.connect(str(warehouse)) as con:  # as if built by other code
        con.execute("UPDATE build_info SET value = 'older code' WHERE key = 'code_fingerprint'")
    assert staleness(warehouse, extracts) == [
        "the catalogue, the areas or the code that builds the warehouse has changed"
    ]
