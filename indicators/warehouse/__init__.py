"""The DuckDB warehouse: the only package that talks to DuckDB.

- `files`: where warehouses live, what they were built from (hashes, the code's
  fingerprint), the load lock and leftovers, opening a snapshot;
- `build`: extracts to tables, all or nothing, swapped in atomically;
- `health`: damaged, stale or fine, and the start-up refresh;
- `reader`: the pages' queries, on withheld figures only;
- `serving`: the copy replicas serve, holding only what pages read.
"""

from indicators.warehouse.build import ADDED, FOLDER, TABLES, LoadSummary, build
from indicators.warehouse.files import (
    DEFAULT_EXTRACTS_DIR,
    DEFAULT_WAREHOUSE,
    code_fingerprint,
    extract_files,
    fingerprinted_files,
    folder_files,
    folder_signature,
    warehouse_path,
)
from indicators.warehouse.health import Refresh, damage, health, is_stale, refresh, staleness
from indicators.warehouse.reader import WarehouseReader

__all__ = [
    "ADDED",
    "DEFAULT_EXTRACTS_DIR",
    "DEFAULT_WAREHOUSE",
    "FOLDER",
    "TABLES",
    "LoadSummary",
    "Refresh",
    "WarehouseReader",
    "build",
    "code_fingerprint",
    "damage",
    "extract_files",
    "fingerprinted_files",
    "folder_files",
    "folder_signature",
    "health",
    "is_stale",
    "refresh",
    "staleness",
    "warehouse_path",
]
