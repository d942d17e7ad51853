"""The warehouse's files: where they are, what they were built from, and who may write them.

A warehouse records every extract it was built from (name and content hash) and a
fingerprint of everything else its tables depend on (the code, the catalogue, the areas,
events, projects and the unit lookups), so that a stale warehouse can be told from a fresh one by content.
One load at a time holds the lock; what killed loads and readers leave behind is removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

try:
    import fcntl  # POSIX
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

from indicators.areas import areas_file
from indicators.catalogue import catalogue_dir
from indicators.extracts import SUPPORTED_SUFFIXES
from indicators.projects import PROJECTS_DIR
from indicators.units import LOOKUP_FILES, REFERENCE_DIR

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # indicators/
PROJECT_DIR = PACKAGE_DIR.parent
DEFAULT_EXTRACTS_DIR = PROJECT_DIR / "data" / "extracts"
DEFAULT_WAREHOUSE = PROJECT_DIR / "data" / "warehouse.duckdb"
WAREHOUSE_SETTING = "DASHBOARD_WAREHOUSE"


def warehouse_path(given: Path | None = None) -> Path:
    """The warehouse a command or page uses: the one given, else DASHBOARD_WAREHOUSE, else data/warehouse.duckdb."""
    return given or Path(os.environ.get(WAREHOUSE_SETTING) or DEFAULT_WAREHOUSE)


def extract_files(paths: list[Path]) -> list[Path]:
    """The extract files named, with folders expanded to the extracts inside them."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(folder_files(path))
        else:
            files.append(path)
    return list(dict.fromkeys(p.resolve() for p in files))


def folder_files(folder: Path) -> list[Path]:
    """The extracts in a folder (hidden files, such as an importer's staging file, are not)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.startswith("."))


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fingerprinted_files() -> list[Path]:
    """Everything the stored tables depend on besides the extracts: code, catalogue, areas, events, projects,
    and the lookups that add units up to localities (editing ward_localities.csv rebuilds every figure)."""
    code = sorted(PACKAGE_DIR.rglob("*.py"))  # every module of the domain package, subpackages included
    declared = [*sorted(catalogue_dir().glob("*.toml")), areas_file(), *sorted(PACKAGE_DIR.glob("*.toml"))]
    projects = (
        sorted(p for p in PROJECTS_DIR.glob("*") if p.suffix in {".csv", ".toml"}) if PROJECTS_DIR.is_dir() else []
    )
    lookups = [REFERENCE_DIR / name for name in LOOKUP_FILES if (REFERENCE_DIR / name).exists()]
    return [*code, *declared, *projects, *lookups]


def code_fingerprint() -> str:
    """Changes whenever anything in `fingerprinted_files` changes, by content, not modification time:
    a fresh clone or a copy gives the same answer. Every module counts (formatting, for one, makes
    the stored sentences)."""
    digest = hashlib.sha256()
    for path in fingerprinted_files():
        name = path.relative_to(PACKAGE_DIR).as_posix() if path.is_relative_to(PACKAGE_DIR) else path.name
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def folder_signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """A cheap summary of a folder's extracts (names, sizes, times): changes when one does."""
    stats = ((p.name, p.stat()) for p in folder_files(folder))  # one stat a file: this runs on every page run
    return tuple((name, stat.st_size, stat.st_mtime_ns) for name, stat in stats)


@contextlib.contextmanager
def exclusive_lock(warehouse: Path) -> Iterator[None]:
    """One load at a time per warehouse (a second waits for the first)."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    with open(warehouse.with_name(warehouse.name + ".lock"), "w") as handle:
        if fcntl is None:  # Windows: lock the first byte (msvcrt retries for about ten seconds)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _pid_alive(pid: int) -> bool:
    if os.name == "nt":
        return True  # os.kill(pid, 0) would send Ctrl+C on Windows: keep the file, it is small
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(warehouse: Path) -> list[Path]:
    """Delete what killed loads and readers left behind; call with the load lock held.

    A half-built file (`<name>.building-<pid>`, with its `.wal`) can only belong to a
    load that died, since the lock lets one load run at a time; a reader's private
    link (`.<name>.read-<pid>-...`) is stale once its process is gone.
    """
    removed = []
    for path in warehouse.parent.glob(f"{warehouse.name}.building-*"):
        path.unlink(missing_ok=True)
        removed.append(path)
    for path in warehouse.parent.glob(f".{warehouse.name}.read-*"):
        pid = path.name.rsplit(".read-", 1)[1].split("-")[0]
        if pid.isdigit() and not _pid_alive(int(pid)):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def open_snapshot(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """Open the warehouse as it is now, even if an older version is open in this process.

    DuckDB shares one database instance per path within a process, so after a reload
    swaps a new file in, connecting to the same path would hand back the old one. A
    private hard link gives this version its own path; it is removed once open (the
    open file keeps the data alive until the reader closes).
    """
    link = warehouse.with_name(f".{warehouse.name}.read-{os.getpid()}-{time.monotonic_ns()}")
    os.link(warehouse, link)
    try:
        return duckdb.connect(str(link), read_only=True)
    finally:
        # Windows cannot delete an open file: the link then stays until the next load tidies up.
        with contextlib.suppress(PermissionError):
            link.unlink(missing_ok=True)
