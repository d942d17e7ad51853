"""A reload while people read: atomic, survivable when killed, and picked up by open sessions."""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from indicators.warehouse import WarehouseReader, build
from tests.app_support import all_text, open_page
from tests.conftest import PROJECT_DIR, TINY_DIR, good_row, write_extract

SHIPPED = PROJECT_DIR / "data" / "extracts"


def row_count(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT count(*) FROM published").fetchone()[0]


@pytest.mark.parametrize("kill_after", ["Checking", "Working out", "Assessing", "Writing"])
def test_a_load_killed_part_way_leaves_the_previous_warehouse_intact(tmp_path, kill_after):
    warehouse = tmp_path / "warehouse.duckdb"
    build([TINY_DIR], warehouse)
    old_rows = row_count(warehouse)
    process = subprocess.Popen(
        [sys.executable, "-m", "indicators", "load", str(SHIPPED), "--warehouse", str(warehouse)],
        cwd=PROJECT_DIR,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith(kill_after):
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    # Either the old warehouse or, if the swap had happened, the complete new one: never half.
    assert row_count(warehouse) in {old_rows, row_count_of_full_build(tmp_path)}
    WarehouseReader(warehouse).assessments()  # and it opens and answers


def row_count_of_full_build(tmp_path: Path) -> int:
    reference = tmp_path / "reference.duckdb"
    if not reference.exists():
        build([SHIPPED], reference)
    return row_count(reference)


def test_a_kill_leaves_no_half_built_file_that_a_later_load_trips_over(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    build([TINY_DIR], warehouse)
    leftover = warehouse.with_name("warehouse.duckdb.building-99999")
    leftover.write_bytes(b"half a database")  # as a killed load on another process id would leave
    build([TINY_DIR], warehouse)
    assert row_count(warehouse) == 80


def test_a_page_open_during_a_reload_shows_the_new_data_on_its_next_run(tmp_path):
    extracts = tmp_path / "extracts"
    shutil.copytree(TINY_DIR, extracts)
    warehouse = tmp_path / "warehouse.duckdb"
    build([extracts], warehouse)
    app = open_page(
        warehouse, "best-education-for-all", {"locality": "east", "indicator": "persistent-absence"}, extracts=extracts
    )
    assert "East: 16.9% in 2024/25" in all_text(app)
    # The data team replaces the extract with a corrected one and reloads while the page is open.
    extract = extracts / "tiny_extract.csv"
    rows = list(csv.DictReader(extract.open(newline="")))
    for row in rows:
        if (row["indicator_id"], row["area"], row["period"]) == ("persistent-absence", "east", "2024/25"):
            row["numerator"] = "2225"
    write_extract(extract, rows)
    build([extracts], warehouse)
    app.run()
    assert not app.exception
    assert "East: 25.0% in 2024/25" in all_text(app)


def test_a_reader_holding_the_old_file_keeps_answering_after_the_swap(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    build([TINY_DIR], warehouse)
    old = WarehouseReader(warehouse)
    inode = os.stat(warehouse).st_ino
    correction = write_extract(
        tmp_path / "more.csv", [good_row(area="east", period="2024/25", numerator=2225, denominator=8900)]
    )
    build([correction], warehouse, replace=False)
    assert os.stat(warehouse).st_ino != inode  # a new file was swapped in
    assert len(old.series("persistent-absence", ["east"])) == 5
