"""Shared fixtures. One tiny dataset (tests/fixtures/tiny) feeds every test layer."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from indicators.areas import Areas, default_areas
from indicators.catalogue import Catalogue, default_catalogue
from indicators.extracts import ALL_COLUMNS
from indicators.warehouse import build

TINY_DIR = Path(__file__).parent / "fixtures" / "tiny"
PROJECT_DIR = Path(__file__).parent.parent
BROWSER_DIR = Path(__file__).parent / "browser"
EXTRACT_HEADER = list(ALL_COLUMNS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/browser is a browser test, so `-m` can pick them out (make test runs them alone)."""
    for item in items:
        if BROWSER_DIR in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return default_catalogue()


@pytest.fixture(scope="session")
def areas() -> Areas:
    return default_areas()


SHIPPED_EXTRACTS = PROJECT_DIR / "data" / "extracts"


@pytest.fixture(scope="session")
def shipped_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped extracts built once for the whole run (every layer's tests read it; none may change it)."""
    path = tmp_path_factory.mktemp("shipped") / "warehouse.duckdb"
    build([SHIPPED_EXTRACTS], path, illustrative=True)  # the demonstration, whatever DASHBOARD_ILLUSTRATIVE says here
    return path


@pytest.fixture(scope="session")
def tiny_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny fixture built once into a warehouse; tests must not change it."""
    path = tmp_path_factory.mktemp("tiny") / "warehouse.duckdb"
    build([TINY_DIR], path, illustrative=True)
    return path


def write_extract(path: Path, rows: list[dict[str, object]], header: list[str] | None = None) -> Path:
    """Write rows as an extract CSV; missing columns are left empty."""
    header = header or EXTRACT_HEADER
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, header, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
    return path


def good_row(**overrides: object) -> dict[str, object]:
    """One valid extract row; override fields to make it bad."""
    row: dict[str, object] = {
        "indicator_id": "persistent-absence",
        "area": "purbeck",
        "period": "2022/23",
        "numerator": 820,
        "denominator": 4100,
        "data_status": "illustrative",
        "source": "Test",
    }
    row.update(overrides)
    return row
