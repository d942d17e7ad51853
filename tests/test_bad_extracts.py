"""The bad-extract corpus: each broken file is refused, explained, and changes nothing."""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pytest

from indicators.cli import main
from indicators.warehouse import WarehouseReader, build
from tests.conftest import TINY_DIR

CORPUS = Path(__file__).parent / "bad_extracts"
with open(CORPUS / "expected.csv", newline="", encoding="utf-8") as _handle:
    EXPECTED = {row["file"]: row["expected"] for row in csv.DictReader(_handle)}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "warehouse.duckdb"
    build([TINY_DIR], path)
    return path


@pytest.fixture()
def warehouse(built, tmp_path) -> Path:
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy2(built, copy)
    return copy


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_corpus_has_at_least_25_kinds_of_broken_extract():
    assert len(EXPECTED) >= 25
    assert {p.name for p in CORPUS.iterdir() if p.suffix in {".csv", ".xlsx", ".parquet"}} - {"expected.csv"} == {
        *EXPECTED,
        "ok_utf8_bom.csv",
    }


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_load_refuses_the_file_says_where_and_how_to_fix_and_leaves_the_warehouse_alone(name, warehouse, capsys):
    before = digest(warehouse)
    code = main(["load", str(CORPUS / name), "--warehouse", str(warehouse)])
    err = capsys.readouterr().err
    assert code == 1
    problems = [line.removeprefix("  - ") for line in err.splitlines() if line.startswith("  - ")]
    assert problems and problems[0].startswith(EXPECTED[name]), err
    assert all(p.rstrip().endswith(".") and p.count(". ") >= 1 for p in problems)  # what is wrong. How to fix it.
    assert digest(warehouse) == before


def test_a_utf8_byte_order_mark_is_accepted(warehouse, capsys):
    assert main(["load", str(CORPUS / "ok_utf8_bom.csv"), "--warehouse", str(warehouse)]) == 0
    rows = WarehouseReader(warehouse).series("persistent-absence", ["purbeck"])
    assert "Dorset Council – £ figures" in set(rows["source"])


def test_a_100_mb_file_is_refused_before_it_is_read(warehouse, tmp_path, capsys):
    huge = tmp_path / "huge.csv"
    with open(huge, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB long, no disk used
    before = digest(warehouse)
    assert main(["load", str(huge), "--warehouse", str(warehouse)]) == 1
    assert (
        "huge.csv: the file is 100 MB, over the 50 MB limit. Split it into smaller extracts" in capsys.readouterr().err
    )
    assert digest(warehouse) == before


def test_a_good_file_and_a_bad_file_together_load_nothing(warehouse, capsys):
    before = digest(warehouse)
    good = CORPUS / "ok_utf8_bom.csv"
    assert main(["load", str(good), str(CORPUS / "07_unknown_area.csv"), "--warehouse", str(warehouse)]) == 1
    assert digest(warehouse) == before
