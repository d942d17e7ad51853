"""Issue 19, item 5: the data team's mistakes and the machine's faults are messages that say how to fix them.

Never a traceback, never a damaged warehouse: a full disk or a read-only folder during a
build, figures that look made up but are marked published, linked figures that disagree,
and thousands of postcodes that cannot be placed (listed as a count and a few examples).
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil

import pytest

from indicators.cli import main
from indicators.extracts import read_and_check
from indicators.warehouse import build
from tests.conftest import TINY_DIR, good_row, write_extract


@pytest.fixture()
def warehouse(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    build([TINY_DIR], path)
    return path


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_full_disk_during_a_build_is_a_message_and_the_warehouse_is_kept(warehouse, monkeypatch, capsys):
    before = digest(warehouse)
    real_fsync = os.fsync

    def disk_full(fd):  # the new file is written; making it durable is where a full disk shows
        real_fsync(fd)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    code = main(["load", str(TINY_DIR), "--warehouse", str(warehouse)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert "is full. Free some space there and load again; the warehouse in use has not changed." in err
    assert digest(warehouse) == before
    assert not list(warehouse.parent.glob("*.building-*"))  # nothing half-built left behind


def test_a_read_only_folder_is_a_message_naming_it(capsys):
    code = main(["load", str(TINY_DIR), "--warehouse", "/sys/kernel/warehouse.duckdb"])  # read-only even for root
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert "/sys/kernel cannot be written to. Load into a folder you can write to" in err


def test_an_extracts_folder_that_cannot_be_read_is_a_message(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "extracts"
    shutil.copytree(TINY_DIR, folder)

    def refused(*_args, **_kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(folder / "tiny_extract.csv"))

    monkeypatch.setattr("indicators.extracts.reading._check_text", refused)
    code = main(["load", str(folder), "--warehouse", str(tmp_path / "w.duckdb")])
    err = capsys.readouterr().err
    assert (
        code == 1 and "Traceback" not in err and "tiny_extract.csv: the file cannot be read (permission denied)" in err
    )


def test_a_folder_with_replace_is_loaded_as_the_whole_warehouse(tmp_path, capsys):
    # It gave "Give one folder ... or extract files ..., not both", though no files were given.
    assert main(["load", str(TINY_DIR), "--replace", "--warehouse", str(tmp_path / "w.duckdb")]) == 0
    assert "Loaded 80 rows" in capsys.readouterr().out


def test_published_rows_whose_source_says_made_up_load_with_a_warning(tmp_path, catalogue, areas, capsys):
    rows = [good_row(area="dorset", data_status="published", source="Dummy figures for testing the dashboard")]
    path = write_extract(tmp_path / "odd.csv", rows)
    frame = read_and_check([path], catalogue, areas)
    assert [str(w) for w in frame.attrs["warnings"]] == [
        "odd.csv, row 2, column 'data_status': 1 row(s) are marked published but their source or note says 'Dummy'. "
        "Mark made-up figures 'illustrative' (pages then say so beside every one), or correct the source."
    ]
    assert main(["load", str(path), "--warehouse", str(tmp_path / "w.duckdb")]) == 0
    assert "1 warning(s): loaded, but worth a second look" in capsys.readouterr().out


def test_linked_figures_that_disagree_load_with_a_warning(tmp_path, catalogue, areas):
    rows = [
        good_row(indicator_id="children-in-care-count", period="2022/23", numerator=60, denominator=""),
        good_row(indicator_id="children-in-care-in-foster-care", period="2022/23", numerator=40, denominator=62),
    ]
    frame = read_and_check([write_extract(tmp_path / "care.csv", rows)], catalogue, areas)
    assert any(
        "gives 62 where children-in-care-count gives 60 for the same children" in str(w)
        for w in frame.attrs["warnings"]
    )


def test_thousands_of_unplaced_postcodes_are_counted_not_listed(tmp_path, catalogue, areas, capsys):
    # Issue 19: 32,895 unplaced postcodes printed 8.4 MB of problems.
    rows = [
        good_row(
            indicator_id="early-help-requests",
            area=f"SW{n // 10 % 10}{n % 10} {n % 9}AA",
            period="2024-03",
            numerator=1,
            denominator="",
        )
        for n in range(3000)
    ]
    path = write_extract(tmp_path / "postcodes.csv", rows)
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert len(err) < 20_000
    assert err.count("cannot be placed in a locality") == 50 and "more problems like those above (not listed)" in err
    frame = read_and_check([path], catalogue, areas, allow_unplaced=True)
    report = str(frame.attrs["placement"])
    assert "row(s) could not be placed and were left out" in report and "... and" in report and len(report) < 5_000
