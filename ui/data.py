"""The warehouse as the pages see it: built on first run, reopened after a reload.

Query results are cached per warehouse version (inode and modification time), so a
reload by the data team is picked up by the next page run and never mixed with the
old data, and a page run repeats no query the previous run already made.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

import pandas as pd
import streamlit as st

from indicators.geography import LOCALITY_BOUNDARIES
from indicators.warehouse import DEFAULT_EXTRACTS_DIR, DEFAULT_WAREHOUSE, WarehouseReader, ensure_built

Version = tuple[str, int, int]


def warehouse_path() -> Path:
    return Path(os.environ.get("DASHBOARD_WAREHOUSE", DEFAULT_WAREHOUSE))


def extracts_dir() -> Path:
    return Path(os.environ.get("DASHBOARD_EXTRACTS", DEFAULT_EXTRACTS_DIR))


@st.cache_resource(show_spinner="Preparing the data for first use...")
def _ensure_built_once(warehouse: str, extracts: str) -> None:
    ensure_built(Path(warehouse), Path(extracts))


@st.cache_resource(max_entries=2, show_spinner=False)
def _reader_for(version: Version) -> WarehouseReader:
    return WarehouseReader(Path(version[0]))


def version() -> Version:
    """Which warehouse file is current: changes when a reload swaps a new one in."""
    path = warehouse_path()
    _ensure_built_once(str(path), str(extracts_dir()))
    stat = path.stat()
    return (str(path), stat.st_ino, stat.st_mtime_ns)


def reader() -> WarehouseReader:
    return _reader_for(version())


@st.cache_data(max_entries=512, show_spinner=False)
def series(version_key: Version, indicator_id: str, area_ids: tuple[str, ...]) -> pd.DataFrame:
    return _reader_for(version_key).series(indicator_id, list(area_ids))


@st.cache_data(max_entries=512, show_spinner=False)
def period_snapshot(version_key: Version, indicator_id: str, period: str) -> pd.DataFrame:
    return _reader_for(version_key).period_snapshot(indicator_id, period)


@st.cache_data(max_entries=512, show_spinner=False)
def latest_period(version_key: Version, indicator_id: str, area_type: str) -> str | None:
    return _reader_for(version_key).latest_period(indicator_id, area_type)


@st.cache_data(max_entries=16, show_spinner=False)
def sparklines(version_key: Version, area_ids: tuple[str, ...]) -> dict[tuple[str, str], list[float]]:
    values = _reader_for(version_key).area_values(list(area_ids))
    return {key: group["value"].tolist() for key, group in values.groupby(["indicator_id", "area_id"], sort=False)}


@st.cache_data(max_entries=64, show_spinner=False)
def assessments(version_key: Version) -> pd.DataFrame:
    return _reader_for(version_key).assessments()


@st.cache_data(max_entries=8, show_spinner=False)
def build_info(version_key: Version) -> dict[str, str]:
    return _reader_for(version_key).build_info()


@st.cache_data(max_entries=8, show_spinner=False)
def load_log(version_key: Version) -> pd.DataFrame:
    return _reader_for(version_key).load_log()


@st.cache_data(max_entries=8, show_spinner=False)
def latest_periods(version_key: Version) -> pd.DataFrame:
    return _reader_for(version_key).table_counts()


@cache
def locality_boundaries() -> dict:
    return json.loads(LOCALITY_BOUNDARIES.read_text())


# --- summary tables, built once per warehouse version ------------------------------------
# `restricted`: whether the visitor may see restricted indicators (the tables differ).


def _catalogue(restricted: bool):
    from indicators.catalogue import default_catalogue

    catalogue = default_catalogue()
    return catalogue if restricted else catalogue.without_restricted()


@st.cache_data(max_entries=256, show_spinner=False)
def summary(version_key: Version, area_id: str, restricted: bool, priority_id: str | None = None) -> pd.DataFrame:
    from indicators.areas import default_areas
    from indicators.tables import area_summary

    return area_summary(assessments(version_key), _catalogue(restricted), default_areas(), area_id, priority_id)


@st.cache_data(max_entries=16, show_spinner=False)
def board_matrix(version_key: Version, area_ids: tuple[str, ...], measure: str, restricted: bool) -> pd.DataFrame:
    from indicators.areas import default_areas
    from indicators.tables import board_matrix as build

    return build(assessments(version_key), _catalogue(restricted), default_areas(), list(area_ids), measure)


@st.cache_data(max_entries=8, show_spinner=False)
def board_detail(version_key: Version, area_ids: tuple[str, ...], restricted: bool) -> pd.DataFrame:
    from indicators.areas import default_areas
    from indicators.tables import board_table

    return board_table(
        assessments(version_key),
        _catalogue(restricted),
        default_areas(),
        list(area_ids),
        sparklines(version_key, area_ids),
    )
