"""Is the warehouse sound and current? Damaged, stale or fine, and the start-up refresh."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from indicators.areas import default_areas
from indicators.catalogue import default_catalogue
from indicators.extracts import ExtractError, read_and_check
from indicators.settings import SHOW, illustrative_mode
from indicators.warehouse.build import FOLDER, ILLUSTRATIVE_KEY, TABLES, build
from indicators.warehouse.files import (
    DEFAULT_EXTRACTS_DIR,
    DEFAULT_WAREHOUSE,
    code_fingerprint,
    file_digest,
    folder_files,
    open_snapshot,
)
from indicators.warehouse.serving import SERVED_TABLES, is_serving_copy


def damage(warehouse: Path) -> str | None:
    """Why this warehouse file cannot be trusted, or None when every table reads in full.

    Reads every row of every table (DuckDB checks each block it reads) and compares
    the row counts with those recorded when it was built: a truncated or overwritten
    file fails one or the other.
    """
    if not warehouse.exists():
        return "there is no warehouse file"
    try:
        con = open_snapshot(warehouse)
    except (duckdb.Error, OSError) as error:
        return f"it cannot be opened ({type(error).__name__})"
    try:
        names = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "build_info" not in names:
            return "table build_info is missing"
        info = dict(con.execute("SELECT key, value FROM build_info").fetchall())
        expected_tables = SERVED_TABLES if is_serving_copy(info) else TABLES
        missing = [t for t in expected_tables if t not in names]
        if missing:
            return f"table(s) {', '.join(missing)} are missing"
        for table in expected_tables:
            rows = len(con.sql(f"SELECT * FROM {table}").to_arrow_table())  # table is from the lists above
            expected = info.get(f"rows_{table}")
            if expected is not None and int(expected) != rows:
                return f"table {table} has {rows} rows where {expected} were written"
    except duckdb.Error as error:
        return f"it cannot be read in full ({type(error).__name__})"
    finally:
        con.close()
    return None


def staleness(warehouse: Path, extracts_dir: Path = DEFAULT_EXTRACTS_DIR) -> list[str]:
    """Why the warehouse no longer matches its extracts or code (empty when it does)."""
    if not warehouse.exists():
        return ["there is no warehouse yet"]
    try:
        with open_snapshot(warehouse) as con:
            info = dict(con.execute("SELECT key, value FROM build_info").fetchall())
            sources = con.execute("SELECT file, sha256 FROM load_log WHERE origin = ?", [FOLDER]).fetchall()
    except (duckdb.Error, OSError):
        return ["the warehouse cannot be read"]
    reasons = []
    if info.get("code_fingerprint") != code_fingerprint():
        reasons.append("the catalogue, the areas or the code that builds the warehouse has changed")
    wanted = illustrative_mode()
    if info.get(ILLUSTRATIVE_KEY, SHOW) != wanted:
        reasons.append(
            f"made-up figures are now to be {'shown' if wanted == SHOW else 'hidden'} (DASHBOARD_ILLUSTRATIVE={wanted})"
        )
    folder = follows_folder(info.get("folder", ""), extracts_dir)
    recorded = dict(sources)
    current = {p.name: file_digest(p) for p in folder_files(folder)}
    for name in sorted(current.keys() - recorded.keys()):
        reasons.append(f"{name} is new in {folder}")
    for name in sorted(recorded.keys() - current.keys()):
        reasons.append(f"{name} is no longer in {folder}")
    for name in sorted(n for n in current.keys() & recorded.keys() if current[n] != recorded[n]):
        reasons.append(f"{name} has changed")
    return reasons


def follows_folder(recorded: str, extracts_dir: Path) -> Path:
    """The extracts folder a warehouse keeps up with: the one it was built from, while it exists."""
    return Path(recorded) if recorded and Path(recorded).is_dir() else extracts_dir


def is_stale(warehouse: Path = DEFAULT_WAREHOUSE, extracts_dir: Path = DEFAULT_EXTRACTS_DIR) -> bool:
    """True when the warehouse is missing or was built from other extracts, catalogue or code."""
    return bool(staleness(warehouse, extracts_dir))


@dataclass(frozen=True)
class Refresh:
    """What the start-up check found and did: pages serve on, the About page reports it."""

    state: str  # "fresh", "rebuilt", "kept" (a rebuild failed; the last good warehouse is served), "none"
    reasons: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    restored_backup: bool = False
    checked_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    @property
    def serving(self) -> bool:
        return self.state != "none"


def _restore_backup(warehouse: Path) -> bool:
    """Put a sound backup in place of a damaged warehouse; False if there is none."""
    backup = warehouse.with_name(warehouse.name + ".bak")
    if damage(backup) is not None:
        return False
    staging = warehouse.with_name(warehouse.name + ".restoring")
    shutil.copyfile(backup, staging)
    os.replace(staging, warehouse)
    return True


def refresh(warehouse: Path = DEFAULT_WAREHOUSE, extracts_dir: Path = DEFAULT_EXTRACTS_DIR) -> Refresh:
    """Make the warehouse current before serving it; never lose loaded rows, never go down.

    A damaged warehouse is replaced by its backup if that is sound (or rebuilt). A
    stale one is rebuilt from its extracts folder plus the rows added on their own.
    A rebuild that fails (a bad new extract) leaves the last good warehouse in place
    and reports the problems instead of raising.
    """
    restored = False
    broken = damage(warehouse) if warehouse.exists() else None
    if broken is not None:
        restored = _restore_backup(warehouse)
        if not restored:
            aside = warehouse.with_name(warehouse.name + ".damaged")
            os.replace(warehouse, aside)  # kept for investigation; rebuilt below
    stale = staleness(warehouse, extracts_dir)  # hashes every extract: once
    reasons = ([f"the warehouse was damaged: {broken}"] if broken else []) + stale
    if not stale:
        return Refresh("fresh", reasons, restored_backup=restored)
    try:
        info = _build_info(warehouse)
        folder = follows_folder(info.get("folder", ""), extracts_dir)
        build([folder], warehouse, replace=True, keep_added=True)
    except ExtractError as error:
        state = "kept" if warehouse.exists() else "none"
        return Refresh(state, reasons, [str(p) for p in error.problems], restored)
    return Refresh("rebuilt", reasons, restored_backup=restored)


def _build_info(warehouse: Path) -> dict[str, str]:
    if not warehouse.exists():
        return {}
    with open_snapshot(warehouse) as con:
        return dict(con.execute("SELECT key, value FROM build_info").fetchall())


def health(warehouse: Path = DEFAULT_WAREHOUSE, extracts_dir: Path = DEFAULT_EXTRACTS_DIR) -> tuple[str, list[str]]:
    """For monitoring: ('ok', []) or ('damaged' | 'stale' | 'unbuildable' | 'missing', reasons)."""
    if not warehouse.exists():
        return "missing", ["there is no warehouse file"]
    broken = damage(warehouse)
    if broken:
        return "damaged", [broken]
    reasons = staleness(warehouse, extracts_dir)
    if not reasons:
        return "ok", []
    folder = follows_folder(_build_info(warehouse).get("folder", ""), extracts_dir)
    try:
        read_and_check(folder_files(folder), default_catalogue(), default_areas())
    except ExtractError as error:
        return "unbuildable", reasons + [str(p) for p in error.problems]
    return "stale", reasons
