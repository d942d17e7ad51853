"""The DuckDB warehouse: the only module that talks to DuckDB.

Building: extracts are read and checked in full before anything is written; the new
warehouse is built into a separate file and swapped in with an atomic rename, so a
bad file, a crash or a kill half-way leaves the previous warehouse exactly as it was.
The warehouse it replaces is kept as `<name>.bak`.

Reading: pages get a `WarehouseReader`, whose queries read only the `published` and
`assessment` tables, where small numbers are already withheld. Every value from a
user reaches SQL as a bound parameter.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from indicators.areas import Areas, areas_file, default_areas
from indicators.catalogue import Catalogue, catalogue_dir, default_catalogue
from indicators.extracts import SUPPORTED_SUFFIXES, ExtractError, Problem, read_and_check
from indicators.publish import assessments, publishable

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_EXTRACTS_DIR = PROJECT_DIR / "data" / "extracts"
DEFAULT_WAREHOUSE = PROJECT_DIR / "data" / "warehouse.duckdb"
KEY = ["indicator_id", "area_id", "period"]
OBSERVATION_COLUMNS = [
    "indicator_id", "area_id", "period", "period_end_date", "numerator", "denominator", "value",
    "lower_ci", "upper_ci", "data_status", "source", "note", "source_file", "source_row",
]  # fmt: skip

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

    def __str__(self) -> str:
        return (
            f"Loaded {self.rows:,} rows from {self.files} file(s): {self.indicators} indicators, "
            f"{self.areas} areas, {self.periods} periods ({self.illustrative_rows:,} illustrative rows, "
            f"{self.suppressed_rows:,} withheld as small numbers) into {self.warehouse} in {self.seconds:.1f}s."
        )


def extract_files(paths: list[Path]) -> list[Path]:
    """The extract files named, with folders expanded to the extracts inside them."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p for p in path.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.startswith(".")
                )
            )
        else:
            files.append(path)
    unique = list(dict.fromkeys(p.resolve() for p in files))
    return unique


def fingerprint(files: list[Path]) -> str:
    """Changes whenever an extract or the catalogue changes: tells a stale warehouse."""
    digest = hashlib.sha256()
    # The derived tables also depend on the code that derives them.
    derivation = [
        Path(__file__).parent / f"{m}.py"
        for m in ("publish", "assess", "stats", "suppression", "extracts", "warehouse")
    ]
    for path in [*files, *sorted(catalogue_dir().glob("*.toml")), areas_file(), *derivation]:
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@contextlib.contextmanager
def _exclusive_lock(warehouse: Path) -> Iterator[None]:
    """One load at a time per warehouse (a second waits for the first)."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    with open(warehouse.with_name(warehouse.name + ".lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _existing_observations(warehouse: Path) -> pd.DataFrame | None:
    if not warehouse.exists():
        return None
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("SELECT * FROM observation").df()


def _merge(existing: pd.DataFrame | None, new: pd.DataFrame) -> pd.DataFrame:
    """New rows replace existing rows for the same indicator, area and period."""
    new = new[OBSERVATION_COLUMNS]
    if existing is None or existing.empty:
        return new.reset_index(drop=True)
    new_keys = pd.MultiIndex.from_frame(new[KEY])
    kept = existing[~pd.MultiIndex.from_frame(existing[KEY]).isin(new_keys)].copy()
    # DuckDB hands dates back as timestamps; the checked rows hold plain dates.
    kept["period_end_date"] = pd.to_datetime(kept["period_end_date"]).dt.date
    return pd.concat([kept[OBSERVATION_COLUMNS], new], ignore_index=True)


def build(
    paths: list[Path] | None = None,
    warehouse: Path = DEFAULT_WAREHOUSE,
    *,
    replace: bool = True,
    catalogue: Catalogue | None = None,
    areas: Areas | None = None,
    today: date | None = None,
    progress: Progress | None = None,
) -> LoadSummary:
    """Check the extracts and build the warehouse from them, all or nothing.

    `replace=True` builds from these files alone (the extracts folder is the whole
    truth); `replace=False` adds them to what is loaded, replacing rows for the same
    indicator, area and period. Raises ExtractError, leaving the warehouse untouched.
    """
    started = time.perf_counter()
    say = progress or (lambda _message: None)
    catalogue = catalogue or default_catalogue()
    areas = areas or default_areas()
    files = extract_files(paths or [DEFAULT_EXTRACTS_DIR])
    if not files:
        where = ", ".join(str(p) for p in paths or [DEFAULT_EXTRACTS_DIR])
        raise ExtractError(
            [Problem(where, None, None, "no extract files found", "Put .csv, .xlsx or .parquet extracts there.")]
        )
    say(f"Checking {len(files)} file(s)...")
    checked = read_and_check(files, catalogue, areas, today)
    with _exclusive_lock(warehouse):
        observations = _merge(None if replace else _existing_observations(warehouse), checked)
        say(f"Working out confidence limits and withholding small numbers for {len(observations):,} rows...")
        published = publishable(observations, catalogue, areas)
        say("Assessing each indicator and area...")
        assessed = assessments(published, catalogue, areas)
        say(f"Writing {warehouse.name}...")
        _write_and_swap(warehouse, observations, published, assessed, catalogue, areas, files)
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


def _load_log(files: list[Path], observations: pd.DataFrame) -> pd.DataFrame:
    counts = observations.groupby("source_file").size()
    return pd.DataFrame(
        [
            {"file": f.name, "sha256": hashlib.sha256(f.read_bytes()).hexdigest(), "rows": int(counts.get(f.name, 0)),
             "modified": datetime.fromtimestamp(f.stat().st_mtime, UTC)}
            for f in files
        ]
    )  # fmt: skip


def _write_and_swap(
    warehouse: Path,
    observations: pd.DataFrame,
    published: pd.DataFrame,
    assessed: pd.DataFrame,
    catalogue: Catalogue,
    areas: Areas,
    files: list[Path],
) -> None:
    building = warehouse.with_name(f"{warehouse.name}.building-{os.getpid()}")
    building.unlink(missing_ok=True)
    info = pd.DataFrame(
        [
            {"key": "built_at", "value": datetime.now(UTC).isoformat(timespec="seconds")},
            {"key": "fingerprint", "value": fingerprint(files)},
            {"key": "has_illustrative", "value": str(bool((observations["data_status"] == "illustrative").any()))},
        ]
    )
    tables = {
        "observation": observations,
        "published": published.drop(columns=["source_row"]),
        "assessment": assessed,
        "indicator": _catalogue_frame(catalogue),
        "area": _areas_frame(areas),
        "load_log": _load_log(files, observations),
        "build_info": info,
    }
    try:
        with duckdb.connect(str(building)) as con:
            for name, frame in tables.items():
                con.register("frame", frame)
                con.execute(f"CREATE TABLE {name} AS SELECT * FROM frame")  # name is from the dict above
                con.unregister("frame")
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


def is_stale(warehouse: Path = DEFAULT_WAREHOUSE, extracts_dir: Path = DEFAULT_EXTRACTS_DIR) -> bool:
    """True when the warehouse is missing or was built from other extracts or catalogue."""
    if not warehouse.exists():
        return True
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            row = con.execute("SELECT value FROM build_info WHERE key = 'fingerprint'").fetchone()
    except duckdb.Error:
        return True
    return row is None or row[0] != fingerprint(extract_files([extracts_dir]))


def ensure_built(warehouse: Path = DEFAULT_WAREHOUSE, extracts_dir: Path = DEFAULT_EXTRACTS_DIR) -> None:
    """Build the warehouse from the shipped extracts if it is missing or out of date."""
    if is_stale(warehouse, extracts_dir):
        build([extracts_dir], warehouse, replace=True)


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
