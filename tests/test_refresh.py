"""A reload while people read: atomic, survivable when killed, and picked up by open sessions."""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from indicators.settings import ILLUSTRATIVE_SETTING, SHOW
from indicators.warehouse import WarehouseReader, build
from tests.app_support import all_text, open_page
from tests.conftest import PROJECT_DIR, TINY_DIR, good_row, write_extract

SHIPPED = PROJECT_DIR / "data" / "extracts"


def row_count(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT count(*) FROM published").fetchone()[0]


@pytest.mark.parametrize("kill_after", ["Checking", "Working out", "Assessing", "Writing"])
def test_a_load_killed_part_way_leaves_the_previous_warehouse_intact(tmp_path, kill_after, shipped_warehouse):
    warehouse = tmp_path / "warehouse.duckdb"
    build([TINY_DIR], warehouse)
    old_rows = row_count(warehouse)
    killed = kill_a_load(warehouse, kill_after)
    assert killed == -signal.SIGKILL, f"the load was not killed part way (exit {killed})"
    # Either the old warehouse or, if the swap had happened, the complete new one: never half.
    assert row_count(warehouse) in {old_rows, row_count(shipped_warehouse)}
    WarehouseReader(warehouse).assessments()  # and it opens and answers


# Each stage of a load pauses this long, so a kill lands inside it rather than after the load has finished.
STAGE_PAUSE = 0.3


def kill_a_load(warehouse: Path, kill_after: str, delay: float = 0.0) -> int:
    """Start a load of the shipped extracts and SIGKILL it `delay` s after it prints `kill_after`; its exit status."""
    process = subprocess.Popen(
        [sys.executable, "-m", "indicators", "load", str(SHIPPED), "--warehouse", str(warehouse)],
        cwd=PROJECT_DIR,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        # Made-up figures are shown, as in the session's shipped warehouse this is compared with.
        env=os.environ | {"INDICATORS_TEST_PAUSE_SECONDS": str(STAGE_PAUSE), ILLUSTRATIVE_SETTING: SHOW},
    )
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith(kill_after):
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
            break
    return process.wait(timeout=120)


def test_killed_loads_leave_nothing_behind_after_the_next_load(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    build([TINY_DIR], warehouse)
    for _ in range(2):
        # Past "Writing"'s own pause, while the tables are written (a pause after each).
        assert kill_a_load(warehouse, "Writing", delay=1.5 * STAGE_PAUSE) == -signal.SIGKILL
    leftovers = list(tmp_path.glob("warehouse.duckdb.building-*"))
    assert leftovers, "a load killed while writing leaves its half-built file (the case this test is about)"
    build([TINY_DIR], warehouse)
    assert not list(tmp_path.glob("warehouse.duckdb.building-*"))
    assert not list(tmp_path.glob("*.wal"))
    assert row_count(warehouse) == 80


def test_a_page_open_during_a_reload_shows_the_new_data_on_its_next_run(tmp_path):
    extracts = tmp_path / "extracts"
    shutil.copytree(TINY_DIR, extracts)
    warehouse = tmp_path / "warehouse.duckdb"
    build([extracts], warehouse)
    app = open_page(
        warehouse, "best-education-for-all", {"locality": "east", "indicator": "persistent-absence"}, extracts=extracts
    )
    assert "East: 16.9% (illustrative) in 2024/25" in all_text(app)
    # The data team replaces the extract with a corrected one and reloads while the page is open.
    extract = extracts / "tiny_extract.csv"
    rows = list(csv.DictReader(extract.open(newline="")))
    for row in rows:
        if (row["indicator_id"], row["area"], row["period"]) == ("persistent-absence", "east", "2024/25"):
            row["numerator"] = "1000"  # lower: Dorset stays at least the sum of its localities
    write_extract(extract, rows)
    build([extracts], warehouse)
    app.run()
    assert not app.exception
    assert "East: 11.2% (illustrative) in 2024/25" in all_text(app)


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
