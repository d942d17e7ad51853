"""The warehouse as the pages see it: built on first run, reopened after a reload.

Query results are kept per warehouse version (inode and modification time; ui/memo.py), so a
reload by the data team is picked up by the next page run and never mixed with the
old data, and a page run repeats no query the previous run already made.

The version is read once at the start of each run (`pin_version`, called by
dashboard.py) and every query of that run uses it, so a reload half-way through a
run cannot put new figures beside old ones.
"""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from indicators import geography
from indicators.settings import illustrative_shown
from indicators.warehouse import (
    DEFAULT_EXTRACTS_DIR,
    Refresh,
    WarehouseReader,
    folder_signature,
    refresh,
)
from indicators.warehouse import warehouse_path as _configured_warehouse
from ui.memo import shared

Version = tuple[str, int, int]
_PINNED = "_warehouse_version"
log = logging.getLogger("dashboard")


class NoWarehouse(RuntimeError):
    """There is no warehouse to serve: the first build failed (the About page says why)."""


def warehouse_path() -> Path:
    return _configured_warehouse()


def extracts_dir() -> Path:
    return Path(os.environ.get("DASHBOARD_EXTRACTS", DEFAULT_EXTRACTS_DIR))


@st.cache_resource(max_entries=4, show_spinner="Preparing the data...")
def _refreshed(warehouse: str, extracts: str, _signature: tuple) -> Refresh:
    """The start-up check, run again only when the extracts folder changes (`_signature`).

    Its outcome is remembered, failure included, so a bad extract costs one check, not
    one per page view; pages keep serving the last good warehouse meanwhile.
    """
    try:
        result = refresh(Path(warehouse), Path(extracts))
    except Exception as error:  # whatever goes wrong here, the pages serve what they have
        log.exception("Refreshing the warehouse failed")
        result = Refresh("kept" if Path(warehouse).exists() else "none", problems=[f"{type(error).__name__}: {error}"])
    if result.problems:
        log.error("The extracts could not be loaded; serving the last good warehouse:\n%s", "\n".join(result.problems))
    return result


def serve_only() -> bool:
    """A replica behind a proxy: serve the warehouse file it is given, never build one.

    Set DASHBOARD_SERVE_ONLY=1 where the warehouse is built once and shipped to every
    replica as a finished file (see deploy/): replicas must not each rebuild it.
    """
    return os.environ.get("DASHBOARD_SERVE_ONLY", "") == "1"


def refresh_status() -> Refresh:
    """What the last start-up check found (for the About page). A replica never builds: it reports."""
    if serve_only():
        return _served(str(warehouse_path()))
    folder = extracts_dir()
    return _checked(str(warehouse_path()), str(folder), folder_signature(folder))


@shared(max_entries=8)
def _checked(warehouse: str, extracts: str, signature: tuple) -> Refresh:
    """Every page run asks; once a check has finished, its outcome is found here without st.cache_resource
    hashing the paths again. The first asks go on to _refreshed, which shows a spinner while it checks."""
    return _refreshed(warehouse, extracts, signature)


_LOGGED: set[str] = set()


def _served(warehouse: str) -> Refresh:
    if Path(warehouse).exists():
        stat = Path(warehouse).stat()
        if not illustrative_shown() and _holds_illustrative((warehouse, stat.st_ino, stat.st_mtime_ns)):
            return Refresh(
                "none",
                problems=[
                    f"{warehouse} holds illustrative figures and DASHBOARD_ILLUSTRATIVE=hide: publish a warehouse "
                    "built with DASHBOARD_ILLUSTRATIVE=hide (python -m indicators load --warehouse new.duckdb)"
                ],
            )
        return Refresh("fresh", reasons=["serving a shipped warehouse (DASHBOARD_SERVE_ONLY=1)"])
    _log_once(
        warehouse,
        "DASHBOARD_SERVE_ONLY=1 and there is no warehouse at %s: pages say the figures cannot be shown",
        warehouse,
    )
    return Refresh("none", problems=[f"there is no warehouse at {warehouse}, and a replica never builds one"])


@st.cache_resource(max_entries=2, show_spinner=False)
def _reader_for(version: Version) -> WarehouseReader:
    return WarehouseReader(Path(version[0]))


def current_version() -> Version:
    """The warehouse version now, outside a page run (the start-up warm-up)."""
    return _current_version()


def _current_version() -> Version:
    """Which warehouse file is current: changes when a reload swaps a new one in."""
    path = warehouse_path()
    refresh_status()
    try:
        stat = path.stat()
    except FileNotFoundError as error:
        raise NoWarehouse(str(path)) from error
    version = (str(path), stat.st_ino, stat.st_mtime_ns)
    if not illustrative_shown() and _holds_illustrative(version):
        # Made-up figures are switched off, but this file (a replica's, or the last good one kept after
        # a failed rebuild) still holds some: show nothing rather than one made-up figure.
        _log_once(
            f"illustrative-{path}", "DASHBOARD_ILLUSTRATIVE=hide but %s holds illustrative figures: not served", path
        )
        raise NoWarehouse(f"{path} holds illustrative figures and DASHBOARD_ILLUSTRATIVE=hide")
    return version


@shared(max_entries=4)
def _holds_illustrative(version_key: Version) -> bool:
    return _reader_for(version_key).has_illustrative_data()


def _log_once(key: str, message: str, *args: object) -> None:
    if key not in _LOGGED:  # once per process, not once per page view
        _LOGGED.add(key)
        log.error(message, *args)


def pin_version() -> bool:
    """Fix the warehouse version for this run; False when there is no warehouse to serve."""
    try:
        st.session_state[_PINNED] = _current_version()
    except NoWarehouse:
        st.session_state.pop(_PINNED, None)
        return False
    return True


def serving() -> bool:
    """Whether this run has a warehouse to read (see pin_version)."""
    return st.session_state.get(_PINNED) is not None


def version() -> Version:
    """The warehouse version of this run (see pin_version)."""
    pinned = st.session_state.get(_PINNED)
    return pinned if pinned is not None else _current_version()


def reader() -> WarehouseReader:
    return _reader_for(version())


@shared(max_entries=512)
def series(version_key: Version, indicator_id: str, area_ids: tuple[str, ...]) -> pd.DataFrame:
    return _reader_for(version_key).series(indicator_id, list(area_ids))


@shared(max_entries=512)
def period_snapshot(version_key: Version, indicator_id: str, period: str) -> pd.DataFrame:
    return _reader_for(version_key).period_snapshot(indicator_id, period)


@shared(max_entries=512)
def latest_period(version_key: Version, indicator_id: str, area_type: str) -> str | None:
    return _reader_for(version_key).latest_period(indicator_id, area_type)


@shared(max_entries=16)
def sparklines(version_key: Version, area_ids: tuple[str, ...]) -> dict[tuple[str, str], list[float]]:
    values = _reader_for(version_key).area_values(list(area_ids))
    return {key: group["value"].tolist() for key, group in values.groupby(["indicator_id", "area_id"], sort=False)}


@shared(max_entries=64)
def illustrative_notice(version_key: Version, indicator_ids: tuple[str, ...]) -> str | None:
    """The page's banner text (indicators.tables.illustrative_notice), once per version and page."""
    from indicators.tables import illustrative_notice as notice

    return notice(_reader_for(version_key).illustrative_series(), _catalogue(True), list(indicator_ids))


@shared(max_entries=64)
def assessments(version_key: Version) -> pd.DataFrame:
    return _reader_for(version_key).assessments()


@shared(max_entries=8)
def _assessment_index(version_key: Version) -> dict[tuple[str, str], pd.Series]:
    frame = _reader_for(version_key).assessments()
    return {(row["indicator_id"], row["area_id"]): row for _, row in frame.iterrows()}


def assessment(version_key: Version, indicator_id: str, area_id: str) -> pd.Series | None:
    """One indicator's assessment in one area (None: none), from an index built once per version:
    filtering the whole table on every page run was the priority page's largest cost. Read only."""
    return _assessment_index(version_key).get((indicator_id, area_id))


@shared(max_entries=8)
def build_info(version_key: Version) -> dict[str, str]:
    return _reader_for(version_key).build_info()


@st.cache_data(max_entries=16, show_spinner=False)
def briefing_pack(version_key: Version, locality: str, since: str) -> bytes:
    from datetime import date

    from indicators.areas import default_areas
    from indicators.catalogue import default_catalogue
    from indicators.events import default_events
    from indicators.pack import make_pack

    catalogue = default_catalogue().without_restricted()
    reader = _reader_for(version_key)
    return make_pack(reader, catalogue, default_areas(), default_events(), locality, date.fromisoformat(since)).pdf


@shared(max_entries=64)
def whats_new(version_key: Version, area_id: str, since: str, restricted: bool) -> pd.DataFrame:
    """New figures and changed verdicts for an area since a date (indicators.tables.whats_new)."""
    from indicators.whats_new import whats_new as build

    reader = _reader_for(version_key)
    every = reader.new_since(area_id, "1990-01-01")  # every figure: what is new is what was published since
    return build(
        every, reader.verdicts_changed_since(area_id, since), _catalogue(restricted), date.fromisoformat(since)
    )


@shared(max_entries=64)
def due_before(version_key: Version, today: str, meeting: str, restricted: bool) -> pd.DataFrame:
    """Figures whose source usually publishes before the meeting (indicators.tables.expected_before)."""
    from indicators.whats_new import expected_before

    catalogue, reader = _catalogue(restricted), _reader_for(version_key)
    latest = {i: reader.latest_period(i, "local-authority") for i in catalogue.indicators}
    return expected_before(catalogue, latest, date.fromisoformat(today), date.fromisoformat(meeting))


@shared(max_entries=32)
def projects(version_key: Version, locality: str | None = None) -> pd.DataFrame:
    return _reader_for(version_key).projects(locality)


@shared(max_entries=8)
def load_log(version_key: Version) -> pd.DataFrame:
    return _reader_for(version_key).load_log()


@shared(max_entries=8)
def wards(version_key: Version) -> pd.DataFrame:
    """The ward assignment this warehouse's figures were built with."""
    return _reader_for(version_key).wards()


@shared(max_entries=8)
def real_locality_periods(version_key: Version) -> pd.DataFrame:
    return _reader_for(version_key).real_locality_periods()


@shared(max_entries=8)
def ward_list(version_key: Version) -> list:
    """The assignment as Ward records (indicators.locality_definition)."""
    from indicators.locality_definition import wards_from_frame

    return wards_from_frame(wards(version_key))


@shared(max_entries=8)
def assignment(version_key: Version) -> dict[str, tuple[str, str | None]]:
    """Ward code -> (locality, sub-area), as the figures were built: what the map and facts follow."""
    frame = wards(version_key)
    return {
        code: (locality, sub or None)
        for code, locality, sub in zip(frame["code"], frame["locality"], frame["sub_area"], strict=True)
    }


def locality_boundaries(version_key: Version) -> dict:
    """Dissolved from the shipped ward boundaries by the assignment the figures were built with."""
    return geography.locality_boundaries(assignment(version_key))


# --- summary tables, built once per warehouse version ------------------------------------
# `restricted`: whether the visitor may see restricted indicators (the tables differ).


def _catalogue(restricted: bool):
    from indicators.catalogue import default_catalogue

    catalogue = default_catalogue()
    return catalogue if restricted else catalogue.without_restricted()


@shared(max_entries=256)
def summary(version_key: Version, area_id: str, restricted: bool, priority_id: str | None = None) -> pd.DataFrame:
    from indicators.areas import default_areas
    from indicators.tables import area_summary

    return area_summary(assessments(version_key), _catalogue(restricted), default_areas(), area_id, priority_id)


@shared(max_entries=16)
def board_cells(version_key: Version, area_ids: tuple[str, ...], measure: str, restricted: bool) -> pd.DataFrame:
    from indicators.areas import default_areas
    from indicators.board import board_cells as build

    return build(assessments(version_key), _catalogue(restricted), default_areas(), list(area_ids), measure)


@shared(max_entries=8)
def needs_attention(version_key: Version, area_ids: tuple[str, ...], restricted: bool) -> pd.DataFrame:
    from indicators.areas import default_areas
    from indicators.board import needs_attention as build

    return build(assessments(version_key), _catalogue(restricted), default_areas(), list(area_ids))


@shared(max_entries=8)
def board_detail(version_key: Version, area_ids: tuple[str, ...], restricted: bool) -> pd.DataFrame:
    from indicators.areas import default_areas
    from indicators.board import board_table

    return board_table(
        assessments(version_key),
        _catalogue(restricted),
        default_areas(),
        list(area_ids),
        sparklines(version_key, area_ids),
    )


@shared(max_entries=8)
def readiness(version_key: Version, today: str, restricted: bool) -> pd.DataFrame:
    """Every indicator and area's status for the data readiness page (indicators.readiness)."""
    from indicators.areas import default_areas
    from indicators.readiness import readiness_cells

    latest = _reader_for(version_key).latest_statuses()
    return readiness_cells(latest, _catalogue(restricted), default_areas(), date.fromisoformat(today))


@shared(max_entries=8)
def readiness_requests(version_key: Version, today: str, restricted: bool) -> pd.DataFrame:
    """What to ask for, per indicator not yet real (indicators.readiness.still_to_make_real), once per day and version."""
    from indicators.areas import default_areas
    from indicators.readiness import still_to_make_real

    return still_to_make_real(readiness(version_key, today, restricted), _catalogue(restricted), default_areas())


@shared(max_entries=8)
def readiness_counts(version_key: Version, today: str, restricted: bool, by: str) -> pd.DataFrame:
    from indicators.readiness import counts_by

    return counts_by(readiness(version_key, today, restricted), by)


@shared(max_entries=8)
def real_series(version_key: Version, restricted: bool) -> pd.DataFrame:
    """The About page's table of indicators real for every locality (indicators.provenance.real_series)."""
    from indicators import provenance

    return provenance.real_series(_catalogue(restricted), real_locality_periods(version_key), holds_illustrative())


def holds_illustrative() -> bool:
    """Whether this run's warehouse holds any made-up figure (the keys and notes about them follow it)."""
    return serving() and _holds_illustrative(version())
