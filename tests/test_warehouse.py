"""Building the warehouse: all or nothing, idempotent, and safe for readers."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from indicators.extracts import ExtractError
from indicators.warehouse import WarehouseReader, build, is_stale
from tests.conftest import PROJECT_DIR, TINY_DIR, good_row, write_extract


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows_of(path: Path) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT indicator_id, area_id, period, value FROM observation ORDER BY ALL").fetchall()


def test_builds_every_row_of_the_fixture(tiny_warehouse):
    reader = WarehouseReader(tiny_warehouse)
    counts = reader.table_counts()
    assert counts["rows"].sum() == 80
    assert set(counts["indicator_id"]) == {"persistent-absence", "children-in-care-count", "early-help-requests"}
    assert reader.has_illustrative_data()


def test_a_bad_file_leaves_the_warehouse_byte_for_byte_unchanged(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    build([TINY_DIR], warehouse)
    before = digest(warehouse)
    bad = write_extract(tmp_path / "bad.csv", [good_row(area="Atlantis")])
    with pytest.raises(ExtractError):
        build([TINY_DIR, bad], warehouse)
    with pytest.raises(ExtractError):
        build([bad], warehouse, replace=False)
    assert digest(warehouse) == before
    assert not list(tmp_path.glob("*.building-*"))


def test_reloading_the_same_files_gives_the_same_rows(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    build([TINY_DIR], warehouse)
    first = rows_of(warehouse)
    build([TINY_DIR], warehouse)
    assert rows_of(warehouse) == first
    build([TINY_DIR], warehouse, replace=False)
    assert rows_of(warehouse) == first


def test_a_replaced_warehouse_is_kept_as_a_backup(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    build([TINY_DIR], warehouse)
    before = digest(warehouse)
    extra = write_extract(
        tmp_path / "extra.csv", [good_row(area="east", period="2022/23", numerator=1500, denominator=8900)]
    )
    build([extra], warehouse, replace=False)
    assert digest(warehouse.with_name("w.duckdb.bak")) == before


def test_adding_a_file_replaces_rows_for_the_same_indicator_area_and_period(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    build([TINY_DIR], warehouse)
    correction = write_extract(
        tmp_path / "fix.csv", [good_row(area="east", period="2022/23", numerator=1780, denominator=8900)]
    )
    build([correction], warehouse, replace=False)
    rows = rows_of(warehouse)
    east = [r for r in rows if r[:3] == ("persistent-absence", "east", "2022/23")]
    assert east == [("persistent-absence", "east", "2022/23", pytest.approx(20.0))]
    assert len(rows) == 80


def test_a_reader_open_during_a_reload_keeps_working(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    build([TINY_DIR], warehouse)
    reader = WarehouseReader(warehouse)
    extra = write_extract(
        tmp_path / "extra.csv", [good_row(area="east", period="2022/23", numerator=1780, denominator=8900)]
    )
    build([extra], warehouse, replace=False)
    assert len(reader.series("persistent-absence", ["east"])) == 5  # the old file, still readable
    assert WarehouseReader(warehouse).series("persistent-absence", ["east"]).query("period == '2022/23'")["value"].iloc[
        0
    ] == pytest.approx(20.0)


def test_the_warehouse_is_stale_until_built_and_again_when_an_extract_changes(tmp_path):
    extracts = tmp_path / "extracts"
    extracts.mkdir()
    (extracts / "tiny.csv").write_bytes((TINY_DIR / "tiny_extract.csv").read_bytes())
    warehouse = tmp_path / "w.duckdb"
    assert is_stale(warehouse, extracts)
    build([extracts], warehouse)
    assert not is_stale(warehouse, extracts)
    write_extract(extracts / "more.csv", [good_row(area="east", period="2022/23", numerator=1780, denominator=8900)])
    assert is_stale(warehouse, extracts)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "indicators", *args], capture_output=True, text=True, cwd=PROJECT_DIR, timeout=120
    )


def test_cli_load_prints_a_summary_and_exits_0(tmp_path):
    result = run_cli("load", str(TINY_DIR), "--warehouse", str(tmp_path / "w.duckdb"))
    assert result.returncode == 0, result.stderr
    assert "Loaded 80 rows from 1 file(s): 3 indicators, 10 areas" in result.stdout
    assert "Checking 1 file(s)" in result.stderr  # progress goes to stderr


def test_cli_load_of_a_bad_file_exits_1_listing_every_problem(tmp_path):
    bad = write_extract(tmp_path / "bad.csv", [good_row(area="Atlantis"), good_row(numerator="n/a")])
    result = run_cli("load", str(bad), "--warehouse", str(tmp_path / "w.duckdb"))
    assert result.returncode == 1
    assert "Nothing was loaded: 2 problem(s) found." in result.stderr
    assert "bad.csv, row 2, column 'area': unknown area 'Atlantis'" in result.stderr
    assert "bad.csv, row 3, column 'numerator': 'n/a' is not a number" in result.stderr
    assert not (tmp_path / "w.duckdb").exists()


def test_cli_validate_checks_without_writing(tmp_path):
    result = run_cli("validate", str(TINY_DIR))
    assert result.returncode == 0
    assert "80 rows: no problems found" in result.stdout


def test_cli_wrong_usage_exits_2():
    assert run_cli("lod").returncode == 2
    assert run_cli("validate").returncode == 2
