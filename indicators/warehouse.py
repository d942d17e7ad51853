"""The DuckDB warehouse: the only module that talks to DuckDB.

Building: extracts are read and checked in full before anything is written; the new
warehouse is built into a separate file and swapped in with an atomic rename, so a
bad file, a crash or a kill half-way leaves the previous warehouse exactly as it was.
The warehouse it replaces is kept as `<name>.bak`.

What a warehouse holds is recorded in it: the extracts folder it was built from and
every file (name and content hash), each either part of that folder or added on its
own with `load FILE`. So the dashboard's start-up check (`refresh`) can tell a stale
warehouse from a fresh one by content, rebuild it without losing added rows, notice
a damaged file (and fall back to the backup), and keep serving the last good
warehouse when a new extract is bad.

Reading: pages get a `WarehouseReader`, whose queries read only the `published` and
`assessment` tables, where small numbers are already withheld. Every value from a
user reaches SQL as a bound parameter.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pandas as pd

try:
    import fcntl  # POSIX
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

from indicators.areas import Areas, areas_file, default_areas
from indicators.catalogue import Catalogue, catalogue_dir, default_catalogue
from indicators.extracts import SUPPORTED_SUFFIXES, ExtractError, Problem, read_and_check
from indicators.projects import LINKS_FILE, PROJECTS_DIR, project_files, read_projects
from indicators.publish import assessments, publishable

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_EXTRACTS_DIR = PROJECT_DIR / "data" / "extracts"
DEFAULT_WAREHOUSE = PROJECT_DIR / "data" / "warehouse.duckdb"
KEY = ["indicator_id", "area_id", "period"]
OBSERVATION_COLUMNS = [
    "indicator_id", "area_id", "period", "period_end_date", "numerator", "denominator", "value",
    "lower_ci", "upper_ci", "data_status", "source", "note", "source_file", "source_row", "origin",
]  # fmt: skip
# Where a row came from: part of the extracts folder, or a file loaded on its own on top.
FOLDER, ADDED = "folder", "added"
TABLES = (
    "observation", "published", "assessment", "verdict_change", "indicator", "area", "project", "load_log", "build_info",
)  # fmt: skip
VERDICTS = ("vs_baseline", "trend")  # the verdicts whose changes are remembered for "what is new"
COUNTED_TABLES = ("observation", "published", "assessment")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class LoadSummary:
    files: int
    indicators: int
    areas: int
    periods: int
    rows: int
    illustrative_rows: int
    suppressed_rows: int
    seconds: float
    warehouse: Path
    placement: str = ""  # what adding up unit-level rows did, when there were any

    def __str__(self) -> str:
        loaded = (
            f"Loaded {self.rows:,} rows from {self.files} file(s): {self.indicators} indicators, "
            f"{self.areas} areas, {self.periods} periods ({self.illustrative_rows:,} illustrative rows, "
            f"{self.suppressed_rows:,} withheld as small numbers) into {self.warehouse} in {self.seconds:.1f}s."
        )
        return f"{loaded}\n{self.placement}" if self.placement else loaded


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
    """Everything the stored tables depend on besides the extracts: code, catalogue, areas, events, projects."""
    code = sorted(Path(__file__).parent.glob("*.py"))
    declared = [*sorted(catalogue_dir().glob("*.toml")), areas_file(), *sorted(Path(__file__).parent.glob("*.toml"))]
    projects = sorted(p for p in PROJECTS_DIR.glob("*") if p.suffix in {".csv", ".toml"}) if PROJECTS_DIR.is_dir() else []
    return [*code, *declared, *projects]


def code_fingerprint() -> str:
    """Changes whenever anything in `fingerprinted_files` changes, by content, not modification time:
    a fresh clone or a copy gives the same answer. Every module counts (formatting, for one, makes
    the stored sentences)."""
    digest = hashlib.sha256()
    for path in fingerprinted_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def folder_signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """A cheap summary of a folder's extracts (names, sizes, times): changes when one does."""
    return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder_files(folder))


@contextlib.contextmanager
def _exclusive_lock(warehouse: Path) -> Iterator[None]:
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


@dataclass(frozen=True)
class Loaded:
    """What a warehouse holds: its rows, the files they came from and the folder it follows."""

    observations: pd.DataFrame
    sources: pd.DataFrame  # file, path, sha256, origin, rows
    folder: str
    first_seen: pd.DataFrame  # indicator_id, area_id, period, value, first_seen
    verdicts: pd.DataFrame  # indicator_id, area_id and the VERDICTS as last assessed
    changes: pd.DataFrame  # verdict_change: every change remembered so far


def _read_loaded(warehouse: Path) -> Loaded | None:
    if not warehouse.exists():
        return None
    with _open_snapshot(warehouse) as con:
        observations = con.execute("SELECT * FROM observation").df()
        sources = con.execute("SELECT * FROM load_log").df()
        info = dict(con.execute("SELECT key, value FROM build_info").fetchall())
        verdicts = con.execute(f"SELECT indicator_id, area_id, {', '.join(VERDICTS)} FROM assessment").df()
        tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        changes = con.execute("SELECT * FROM verdict_change").df() if "verdict_change" in tables else _no_changes()
    if "origin" not in observations:  # a warehouse from before origins were recorded
        observations["origin"] = FOLDER
    # DuckDB hands dates back as timestamps; the checked rows hold plain dates.
    observations["period_end_date"] = pd.to_datetime(observations["period_end_date"]).dt.date
    if "first_seen" not in observations:
        observations["first_seen"] = info.get("built_at", "")[:10] or None
    seen = observations[[*KEY, "value", "first_seen"]]
    return Loaded(observations[OBSERVATION_COLUMNS], sources, info.get("folder", ""), seen, verdicts, changes)


def _no_changes() -> pd.DataFrame:
    return pd.DataFrame(columns=["indicator_id", "area_id", "verdict", "was", "now", "changed_on"])


def verdict_changes(assessed: pd.DataFrame, previous: Loaded | None, today: str) -> pd.DataFrame:
    """Every remembered change of verdict, plus those this build makes (for 'what is new since...')."""
    if previous is None:
        return _no_changes()
    key = ["indicator_id", "area_id"]
    joined = assessed[[*key, *VERDICTS]].merge(previous.verdicts, on=key, suffixes=("", "_was"))
    new = [
        {"indicator_id": r["indicator_id"], "area_id": r["area_id"], "verdict": v, "was": r[f"{v}_was"], "now": r[v],
         "changed_on": today}
        for _, r in joined.iterrows() for v in VERDICTS if r[v] != r[f"{v}_was"]
    ]  # fmt: skip
    return pd.concat([previous.changes, pd.DataFrame(new, columns=_no_changes().columns)], ignore_index=True)


def _stamp_first_seen(observations: pd.DataFrame, previous: Loaded | None, today: str) -> pd.DataFrame:
    """When each figure first appeared in a load: kept from the last warehouse if the figure is unchanged."""
    stamped = observations.copy()
    stamped["first_seen"] = today
    if previous is None or previous.first_seen.empty:
        return stamped
    before = previous.first_seen.rename(columns={"value": "value_before", "first_seen": "seen_before"})
    joined = stamped[[*KEY, "value"]].merge(before, on=KEY, how="left")
    same = (joined["value"] == joined["value_before"]) | (joined["value"].isna() & joined["value_before"].isna())
    same &= joined["seen_before"].notna()
    stamped["first_seen"] = joined["seen_before"].where(same, today).to_numpy()
    return stamped


def _previous(warehouse: Path) -> Loaded | None:
    """The warehouse being replaced, if it can be read (a damaged one is simply not carried over)."""
    try:
        return _read_loaded(warehouse)
    except (duckdb.Error, OSError):
        return None


def _merge(existing: pd.DataFrame | None, new: pd.DataFrame) -> pd.DataFrame:
    """New rows replace existing rows for the same indicator, area and period."""
    new = new[OBSERVATION_COLUMNS]
    if existing is None or existing.empty:
        return new.reset_index(drop=True)
    new_keys = pd.MultiIndex.from_frame(new[KEY])
    kept = existing[~pd.MultiIndex.from_frame(existing[KEY]).isin(new_keys)]
    return pd.concat([kept[OBSERVATION_COLUMNS], new], ignore_index=True)


def _sources_of(files: list[Path], checked: pd.DataFrame, origin: str) -> pd.DataFrame:
    counts = checked.groupby("source_file").size() if len(checked) else pd.Series(dtype=int)
    return pd.DataFrame(
        [
            {"file": f.name, "path": str(f), "sha256": file_digest(f), "origin": origin,
             "rows": int(counts.get(f.name, 0)), "loaded_at": datetime.now(UTC).isoformat(timespec="seconds")}
            for f in files
        ],
        columns=["file", "path", "sha256", "origin", "rows", "loaded_at"],
    )  # fmt: skip


def _usable(observations: pd.DataFrame, catalogue: Catalogue, areas: Areas) -> pd.DataFrame:
    """Rows kept from an earlier load whose indicator and area are still declared."""
    return observations[observations["indicator_id"].isin(catalogue.indicators) & observations["area_id"].isin(areas.by_id)]


def build(
    paths: list[Path] | None = None,
    warehouse: Path = DEFAULT_WAREHOUSE,
    *,
    replace: bool = True,
    keep_added: bool = False,
    catalogue: Catalogue | None = None,
    areas: Areas | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    allow_unplaced: bool = False,
) -> LoadSummary:
    """Check the extracts and build the warehouse from them, all or nothing.

    `replace=True` builds from these files alone: a single folder becomes the
    warehouse's extracts folder (the folder *is* the new state), anything else is
    recorded as added files. `keep_added=True` (the start-up refresh) also keeps the
    rows earlier added on their own. `replace=False` adds these files to what is
    loaded, replacing rows for the same indicator, area and period.
    Raises ExtractError, leaving the warehouse untouched.
    """
    started = time.perf_counter()

    def say(message: str) -> None:
        if progress:
            progress(message)
        _pause_for_fault_tests()

    catalogue = catalogue or default_catalogue()
    areas = areas or default_areas()
    paths = paths or [DEFAULT_EXTRACTS_DIR]
    files = extract_files(paths)
    if not files:
        where = ", ".join(str(p) for p in paths)
        raise ExtractError(
            [Problem(where, None, None, "no extract files found", "Put .csv, .xlsx or .parquet extracts there.")]
        )
    say(f"Checking {len(files)} file(s)...")
    checked = read_and_check(files, catalogue, areas, today, allow_unplaced)
    projects = read_projects(project_files(), catalogue, areas, PROJECTS_DIR / LINKS_FILE)
    placement = checked.attrs.get("placement")
    is_folder = replace and len(paths) == 1 and paths[0].is_dir()
    checked["origin"] = FOLDER if is_folder else ADDED
    with _exclusive_lock(warehouse):
        remove_leftovers(warehouse)
        previous = _previous(warehouse)
        loaded = None if replace and not keep_added else previous
        new_sources = _sources_of(files, checked, FOLDER if is_folder else ADDED)
        folder = str(paths[0].resolve()) if is_folder else (loaded.folder if loaded else "")
        if loaded is None:
            observations, sources = _merge(None, checked), new_sources
        elif replace:  # keep_added: the folder afresh, and what was added on its own on top
            added = _usable(loaded.observations[loaded.observations["origin"] == ADDED], catalogue, areas)
            observations = _merge(checked[OBSERVATION_COLUMNS], added)
            sources = pd.concat([new_sources, loaded.sources[loaded.sources["origin"] == ADDED]], ignore_index=True)
        else:
            observations = _merge(_usable(loaded.observations, catalogue, areas), checked)
            renewed = loaded.sources["file"].isin(new_sources["file"]) & (loaded.sources["origin"] == ADDED)
            sources = pd.concat([loaded.sources[~renewed], new_sources], ignore_index=True)
        observations = _stamp_first_seen(observations, previous, datetime.now(UTC).date().isoformat())
        say(f"Working out confidence limits and withholding small numbers for {len(observations):,} rows...")
        published = publishable(observations, catalogue, areas)
        say("Assessing each indicator and area...")
        assessed = assessments(published, catalogue, areas)
        changes = verdict_changes(assessed, previous, datetime.now(UTC).date().isoformat())
        say(f"Writing {warehouse.name}...")
        _write_and_swap(
            warehouse, observations, published, assessed, catalogue, areas, sources, folder, projects, changes
        )
    return LoadSummary(
        files=len(files),
        indicators=observations["indicator_id"].nunique(),
        areas=observations["area_id"].nunique(),
        periods=observations["period"].nunique(),
        rows=len(observations),
        illustrative_rows=int((observations["data_status"] == "illustrative").sum()),
        suppressed_rows=int(published["suppressed"].sum()),
        seconds=time.perf_counter() - started,
        warehouse=warehouse,
        placement=str(placement) if placement is not None and (placement.placed or placement.unplaced) else "",
    )


def _catalogue_frame(catalogue: Catalogue) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"indicator_id": i.id, "title": i.title, "priority": i.priority, "unit": i.unit, "per": i.per, "polarity": i.polarity,
             "frequency": i.frequency, "baseline_period": i.baseline_period, "target": i.target, "source": i.source,
             "suppression_threshold": i.suppression_threshold, "published_series": bool(i.published_series)}
            for i in catalogue.indicators.values()
        ]
    )  # fmt: skip


def _areas_frame(areas: Areas) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"area_id": a.id, "name": a.name, "type": a.type, "code": a.code, "parent": a.parent}
            for a in areas.by_id.values()
        ]
    )


def _pause_for_fault_tests() -> None:
    # Lets the kill tests stop a load inside each stage, not after the load has finished.
    pause = os.environ.get("INDICATORS_TEST_PAUSE_SECONDS")
    if pause:
        time.sleep(float(pause))


def _write_and_swap(
    warehouse: Path,
    observations: pd.DataFrame,
    published: pd.DataFrame,
    assessed: pd.DataFrame,
    catalogue: Catalogue,
    areas: Areas,
    sources: pd.DataFrame,
    folder: str,
    projects: pd.DataFrame,
    changes: pd.DataFrame,
) -> None:
    building = warehouse.with_name(f"{warehouse.name}.building-{os.getpid()}")
    building.unlink(missing_ok=True)
    tables = {
        "observation": observations,
        "published": published.drop(columns=["source_row"]),
        "assessment": assessed,
        "verdict_change": changes.astype(str),
        "indicator": _catalogue_frame(catalogue),
        "area": _areas_frame(areas),
        "project": projects,
        "load_log": sources,
    }
    info = {
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "code_fingerprint": code_fingerprint(),
        "folder": folder,
        "has_illustrative": str(bool((observations["data_status"] == "illustrative").any())),
    } | {f"rows_{name}": str(len(tables[name])) for name in COUNTED_TABLES}
    tables["build_info"] = pd.DataFrame({"key": list(info), "value": list(info.values())})
    try:
        with duckdb.connect(str(building)) as con:
            for name, frame in tables.items():
                con.register("frame", frame)
                con.execute(f"CREATE TABLE {name} AS SELECT * FROM frame")  # name is from the dict above
                con.unregister("frame")
                _pause_for_fault_tests()
            con.execute("CREATE INDEX published_lookup ON published (indicator_id, area_id)")
            con.execute("CHECKPOINT")
        with open(building, "rb") as handle:
            os.fsync(handle.fileno())
        if warehouse.exists():
            backup = warehouse.with_name(warehouse.name + ".bak")
            staging = warehouse.with_name(warehouse.name + ".bak-new")
            staging.unlink(missing_ok=True)
            os.link(warehouse, staging)
            os.replace(staging, backup)
        os.replace(building, warehouse)  # atomic: readers see the old file or the new, never half
    finally:
        building.unlink(missing_ok=True)
        Path(str(building) + ".wal").unlink(missing_ok=True)


# --- health: damaged, stale, or fine --------------------------------------------------------


def damage(warehouse: Path) -> str | None:
    """Why this warehouse file cannot be trusted, or None when every table reads in full.

    Reads every row of every table (DuckDB checks each block it reads) and compares
    the row counts with those recorded when it was built: a truncated or overwritten
    file fails one or the other.
    """
    if not warehouse.exists():
        return "there is no warehouse file"
    try:
        con = _open_snapshot(warehouse)
    except (duckdb.Error, OSError) as error:
        return f"it cannot be opened ({type(error).__name__})"
    try:
        names = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        missing = [t for t in TABLES if t not in names]
        if missing:
            return f"table(s) {', '.join(missing)} are missing"
        info = dict(con.execute("SELECT key, value FROM build_info").fetchall())
        for table in TABLES:
            rows = len(con.sql(f"SELECT * FROM {table}").to_arrow_table())  # table is from TABLES
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
        with _open_snapshot(warehouse) as con:
            info = dict(con.execute("SELECT key, value FROM build_info").fetchall())
            sources = con.execute("SELECT file, sha256 FROM load_log WHERE origin = ?", [FOLDER]).fetchall()
    except (duckdb.Error, OSError):
        return ["the warehouse cannot be read"]
    reasons = []
    if info.get("code_fingerprint") != code_fingerprint():
        reasons.append("the catalogue, the areas or the code that builds the warehouse has changed")
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
    with _open_snapshot(warehouse) as con:
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


# --- reading -------------------------------------------------------------------------


def _open_snapshot(warehouse: Path) -> duckdb.DuckDBPyConnection:
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


class WarehouseReader:
    """Read-only queries for the pages. Every query reads withheld figures only."""

    def __init__(self, warehouse: Path = DEFAULT_WAREHOUSE):
        self.path = warehouse
        self._con = _open_snapshot(warehouse)

    def close(self) -> None:
        self._con.close()

    def _query(self, sql: str, params: list[object] | None = None) -> pd.DataFrame:
        # A cursor per query: DuckDB connections are not shared safely across threads.
        with self._con.cursor() as cursor:
            return cursor.execute(sql, params or []).df()

    def build_info(self) -> dict[str, str]:
        frame = self._query("SELECT key, value FROM build_info")
        return dict(zip(frame["key"], frame["value"], strict=False))

    def has_illustrative_data(self) -> bool:
        return self.build_info().get("has_illustrative") == "True"

    def series(self, indicator_id: str, area_ids: list[str]) -> pd.DataFrame:
        """Every period of one indicator for the given areas, oldest first."""
        return self._query(
            """
            SELECT p.*, a.name AS area_name, a.type AS area_type
            FROM published p JOIN area a USING (area_id)
            WHERE p.indicator_id = ? AND list_contains(?, p.area_id)
            ORDER BY p.period_end_date, a.name
            """,
            [indicator_id, area_ids],
        )

    def area_values(self, area_ids: list[str]) -> pd.DataFrame:
        """Every shown value for some areas, all indicators, oldest first (for sparklines)."""
        return self._query(
            """
            SELECT indicator_id, area_id, period, period_end_date, value
            FROM published
            WHERE list_contains(?, area_id) AND NOT suppressed AND value IS NOT NULL
            ORDER BY indicator_id, area_id, period_end_date
            """,
            [area_ids],
        )

    def latest_period(self, indicator_id: str, area_type: str) -> str | None:
        frame = self._query(
            """
            SELECT p.period FROM published p JOIN area a USING (area_id)
            WHERE p.indicator_id = ? AND a.type = ?
            ORDER BY p.period_end_date DESC LIMIT 1
            """,
            [indicator_id, area_type],
        )
        return None if frame.empty else str(frame.iloc[0, 0])

    def period_snapshot(self, indicator_id: str, period: str) -> pd.DataFrame:
        """Every area's figure for one indicator in one period."""
        return self._query(
            """
            SELECT p.*, a.name AS area_name, a.type AS area_type
            FROM published p JOIN area a USING (area_id)
            WHERE p.indicator_id = ? AND p.period = ?
            ORDER BY a.name
            """,
            [indicator_id, period],
        )

    def assessments(self, area_ids: list[str] | None = None, indicator_ids: list[str] | None = None) -> pd.DataFrame:
        """Latest assessments, optionally for some areas and indicators only."""
        return self._query(
            """
            SELECT * FROM assessment
            WHERE (? IS NULL OR list_contains(?, area_id))
              AND (? IS NULL OR list_contains(?, indicator_id))
            """,
            [area_ids, area_ids, indicator_ids, indicator_ids],
        )

    def new_since(self, area_id: str, since: str) -> pd.DataFrame:
        """Figures for an area that a load first brought on or after `since` (withheld ones stay withheld)."""
        return self._query(
            """
            SELECT indicator_id, area_id, period, value, suppressed, data_status, first_seen FROM published
            WHERE area_id = ? AND first_seen >= ? ORDER BY indicator_id, period_end_date
            """,
            [area_id, since],
        )

    def verdicts_changed_since(self, area_id: str, since: str) -> pd.DataFrame:
        return self._query(
            "SELECT * FROM verdict_change WHERE area_id = ? AND changed_on >= ? ORDER BY changed_on, indicator_id",
            [area_id, since],
        )

    def projects(self, locality: str | None = None) -> pd.DataFrame:
        """Funded projects (all, or one locality's), newest decisions first."""
        return self._query(
            "SELECT * FROM project WHERE (? IS NULL OR locality = ?) ORDER BY decided_on DESC, project_id",
            [locality, locality],
        )

    def illustrative_series(self) -> pd.DataFrame:
        """Each indicator and area, with whether any of its figures are illustrative."""
        return self._query(
            """
            SELECT indicator_id, area_id, bool_or(data_status = 'illustrative') AS illustrative,
                   bool_and(data_status = 'illustrative') AS all_illustrative
            FROM published GROUP BY ALL
            """
        )

    def table_counts(self) -> pd.DataFrame:
        """Rows per indicator and data status, for the catalogue overview."""
        return self._query(
            """
            SELECT indicator_id, data_status, count(*) AS rows, min(period_end_date) AS first, max(period_end_date) AS last
            FROM published GROUP BY ALL ORDER BY indicator_id, data_status
            """
        )

    def load_log(self) -> pd.DataFrame:
        return self._query("SELECT * FROM load_log ORDER BY file")
