"""Building the warehouse from extracts, all or nothing.

Extracts are read and checked in full before anything is written; the new warehouse is
built into a separate file and swapped in with an atomic rename, so a bad file, a crash,
a full disk or a kill half-way leaves the previous warehouse exactly as it was. The
warehouse it replaces is kept as `<name>.bak`. Rows added on their own with `load FILE`
are remembered as such, so a rebuild from the folder keeps them.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from indicators.areas import Areas, default_areas
from indicators.catalogue import Catalogue, default_catalogue
from indicators.extracts import ExtractError, Problem, read_and_check
from indicators.locality_definition import read_wards, wards_frame
from indicators.projects import LINKS_FILE, PROJECTS_DIR, project_files, read_projects
from indicators.publish import assessments, publishable
from indicators.settings import HIDE, SHOW, illustrative_shown
from indicators.warehouse.files import (
    DEFAULT_EXTRACTS_DIR,
    DEFAULT_WAREHOUSE,
    code_fingerprint,
    exclusive_lock,
    extract_files,
    file_digest,
    open_snapshot,
    remove_leftovers,
)
from indicators.warehouse.history import (
    ADDED,
    FOLDER,
    KEY,
    OBSERVATION_COLUMNS,
    Loaded,
    previous_build,
    stamp_first_seen,
    verdict_changes,
)
from indicators.warehouse.serving import SERVED_TABLES, is_serving_copy

# Every table the build writes: those a serving copy holds, and the observation table of every
# checked row, withheld counts included, which only the build and the audit read.
TABLES = ("observation", *SERVED_TABLES)
COUNTED_TABLES = ("observation", "published", "assessment")
ILLUSTRATIVE_KEY = "illustrative"  # build_info: whether made-up figures were let in (show) or left out (hide)

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
    warnings: tuple[str, ...] = ()  # figures worth a second look (loaded all the same)

    def __str__(self) -> str:
        lines = [
            f"Loaded {self.rows:,} rows from {self.files} file(s): {self.indicators} indicators, "
            f"{self.areas} areas, {self.periods} periods ({self.illustrative_rows:,} illustrative rows, "
            f"{self.suppressed_rows:,} withheld as small numbers) into {self.warehouse} in {self.seconds:.1f}s."
        ]
        if self.placement:
            lines.append(self.placement)
        if self.warnings:
            lines.append(f"{len(self.warnings)} warning(s): loaded, but worth a second look:")
            lines += [f"  - {w}" for w in self.warnings]
        return "\n".join(lines)


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
            {
                "file": f.name,
                "path": str(f),
                "sha256": file_digest(f),
                "origin": origin,
                "rows": int(counts.get(f.name, 0)),
                "loaded_at": datetime.now(UTC).isoformat(timespec="seconds"),
            }
            for f in files
        ],
        columns=["file", "path", "sha256", "origin", "rows", "loaded_at"],
    )


def _usable(observations: pd.DataFrame, catalogue: Catalogue, areas: Areas) -> pd.DataFrame:
    """Rows kept from an earlier load whose indicator and area are still declared."""
    return observations[
        observations["indicator_id"].isin(catalogue.indicators) & observations["area_id"].isin(areas.by_id)
    ]


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
    illustrative: bool | None = None,
) -> LoadSummary:
    """Check the extracts and build the warehouse from them, all or nothing.

    `replace=True` builds from these files alone: a single folder becomes the
    warehouse's extracts folder (the folder *is* the new state), anything else is
    recorded as added files. `keep_added=True` (the start-up refresh) also keeps the
    rows earlier added on their own. `replace=False` adds these files to what is
    loaded, replacing rows for the same indicator, area and period.
    Raises ExtractError, leaving the warehouse untouched: for a bad extract, a small
    number that could be worked out, or a warehouse that cannot be written (a full disk,
    a read-only folder).
    `illustrative=False` (default: the DASHBOARD_ILLUSTRATIVE setting) leaves every made-up
    figure out of the warehouse, so no page, download or pack can show one.
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
    _refuse_published_copy(warehouse)
    say(f"Checking {len(files)} file(s)...")
    checked = read_and_check(files, catalogue, areas, today, allow_unplaced)
    projects = read_projects(project_files(), catalogue, areas, PROJECTS_DIR / LINKS_FILE)
    is_folder = replace and len(paths) == 1 and paths[0].is_dir()
    checked["origin"] = FOLDER if is_folder else ADDED
    shown = illustrative_shown() if illustrative is None else illustrative
    with _writing(warehouse), exclusive_lock(warehouse):
        remove_leftovers(warehouse)
        previous = previous_build(warehouse)
        loaded = None if replace and not keep_added else previous
        folder = str(paths[0].resolve()) if is_folder else (loaded.folder if loaded else "")
        observations, sources = _combined(
            loaded, checked, _sources_of(files, checked, FOLDER if is_folder else ADDED), replace, catalogue, areas
        )
        if not shown:  # these files' made-up rows, and any added by an earlier load when they were shown
            observations = observations[observations["data_status"] != "illustrative"].reset_index(drop=True)
        observations = stamp_first_seen(observations, previous, datetime.now(UTC).date().isoformat())
        say(f"Working out confidence limits and withholding small numbers for {len(observations):,} rows...")
        published = publishable(observations, catalogue, areas)
        say("Assessing each indicator and area...")
        assessed = assessments(published, catalogue, areas)
        changes = verdict_changes(assessed, previous, datetime.now(UTC).date().isoformat())
        say(f"Writing {warehouse.name}...")
        _write_and_swap(
            warehouse, observations, published, assessed, catalogue, areas, sources, folder, projects, changes, shown
        )
    return _summary(files, observations, published, checked, warehouse, time.perf_counter() - started)


def _refuse_published_copy(warehouse: Path) -> None:
    """A replica's published link or a serving copy is never built over: build a new file and publish it."""
    if warehouse.is_symlink():
        raise ExtractError(
            [
                Problem(
                    warehouse.name,
                    None,
                    None,
                    f"{warehouse} is a link to a published version, which a load never replaces",
                    "Load into a warehouse of its own (--warehouse new.duckdb), then publish it with deploy/publish-warehouse.sh.",
                )
            ]
        )
    if warehouse.exists() and is_serving_copy(_info_of(warehouse)):
        raise ExtractError(
            [
                Problem(
                    warehouse.name,
                    None,
                    None,
                    f"{warehouse} is a serving copy (it holds no figures before withholding)",
                    "Load into the full warehouse, then write a new serving copy from it (python -m indicators serving-copy).",
                )
            ]
        )


def _info_of(warehouse: Path) -> dict[str, str]:
    try:
        with open_snapshot(warehouse) as con:
            return dict(con.execute("SELECT key, value FROM build_info").fetchall())
    except (duckdb.Error, OSError):
        return {}


def _combined(
    loaded: Loaded | None,
    checked: pd.DataFrame,
    new_sources: pd.DataFrame,
    replace: bool,
    catalogue: Catalogue,
    areas: Areas,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows and source files the new warehouse holds: these alone, the folder afresh with rows added
    on their own kept (`replace`), or these on top of what is loaded."""
    if loaded is None:
        return _merge(None, checked), new_sources
    if replace:
        added = _usable(loaded.observations[loaded.observations["origin"] == ADDED], catalogue, areas)
        sources = pd.concat([new_sources, loaded.sources[loaded.sources["origin"] == ADDED]], ignore_index=True)
        return _merge(checked[OBSERVATION_COLUMNS], added), sources
    renewed = loaded.sources["file"].isin(new_sources["file"]) & (loaded.sources["origin"] == ADDED)
    sources = pd.concat([loaded.sources[~renewed], new_sources], ignore_index=True)
    return _merge(_usable(loaded.observations, catalogue, areas), checked), sources


def _summary(
    files: list[Path],
    observations: pd.DataFrame,
    published: pd.DataFrame,
    checked: pd.DataFrame,
    warehouse: Path,
    seconds: float,
) -> LoadSummary:
    placement = checked.attrs.get("placement")
    return LoadSummary(
        files=len(files),
        indicators=observations["indicator_id"].nunique(),
        areas=observations["area_id"].nunique(),
        periods=observations["period"].nunique(),
        rows=len(observations),
        illustrative_rows=int((observations["data_status"] == "illustrative").sum()),
        suppressed_rows=int(published["suppressed"].sum()),
        seconds=seconds,
        warehouse=warehouse,
        placement=str(placement) if placement is not None and (placement.placed or placement.unplaced) else "",
        warnings=tuple(str(w) for w in checked.attrs.get("warnings", [])),
    )


@contextlib.contextmanager
def _writing(warehouse: Path) -> Iterator[None]:
    """A warehouse that cannot be written (full disk, read-only or locked folder) is a message, not a traceback."""
    try:
        yield
    except (OSError, duckdb.IOException, duckdb.PermissionException) as error:
        raise ExtractError([Problem(warehouse.name, None, None, *_why_not_written(error, warehouse))]) from error


def _why_not_written(error: Exception, warehouse: Path) -> tuple[str, str]:
    text = str(error).lower()
    code = getattr(error, "errno", None)
    if code == errno.ENOSPC or "no space left" in text or "disk is full" in text:
        return (
            f"the new warehouse could not be written: the disk holding {warehouse.parent} is full",
            "Free some space there and load again; the warehouse in use has not changed.",
        )
    if code in (errno.EACCES, errno.EPERM, errno.EROFS) or "permission" in text or "read-only" in text:
        return (
            f"the new warehouse could not be written: {warehouse.parent} cannot be written to",
            "Load into a folder you can write to (--warehouse), or ask for write access; the warehouse in use has not changed.",
        )
    return (
        f"the new warehouse could not be written ({type(error).__name__}: {error})",
        "Check the folder and the disk, then load again; the warehouse in use has not changed.",
    )


def _catalogue_frame(catalogue: Catalogue) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "indicator_id": i.id,
                "title": i.title,
                "priority": i.priority,
                "unit": i.unit,
                "per": i.per,
                "polarity": i.polarity,
                "frequency": i.frequency,
                "baseline_period": i.baseline_period,
                "target": i.target,
                "source": i.source,
                "suppression_threshold": i.suppression_threshold,
                "published_series": bool(i.published_series),
            }
            for i in catalogue.indicators.values()
        ]
    )


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
    shown: bool,
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
        # The ward assignment every unit was placed with: the map, facts and ward lists follow it, not the file.
        "locality_ward": wards_frame(read_wards()),
    }
    info = {
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "code_fingerprint": code_fingerprint(),
        "folder": folder,
        "has_illustrative": str(bool((observations["data_status"] == "illustrative").any())),
        ILLUSTRATIVE_KEY: SHOW if shown else HIDE,
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
