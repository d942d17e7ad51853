"""The warehouse as the pages see it: built on first run, reopened after a reload."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from indicators.warehouse import DEFAULT_EXTRACTS_DIR, DEFAULT_WAREHOUSE, WarehouseReader, ensure_built


def warehouse_path() -> Path:
    return Path(os.environ.get("DASHBOARD_WAREHOUSE", DEFAULT_WAREHOUSE))


def extracts_dir() -> Path:
    return Path(os.environ.get("DASHBOARD_EXTRACTS", DEFAULT_EXTRACTS_DIR))


@st.cache_resource(show_spinner="Preparing the data for first use...")
def _ensure_built_once(warehouse: str, extracts: str) -> None:
    ensure_built(Path(warehouse), Path(extracts))


@st.cache_resource(max_entries=2)
def _reader_for(warehouse: str, identity: tuple[int, int]) -> WarehouseReader:
    # `identity` (inode, modification time) changes when a reload swaps the file in,
    # so the next run opens the new warehouse while open readers keep the old one.
    return WarehouseReader(Path(warehouse))


def reader() -> WarehouseReader:
    path = warehouse_path()
    _ensure_built_once(str(path), str(extracts_dir()))
    stat = path.stat()
    return _reader_for(str(path), (stat.st_ino, stat.st_mtime_ns))
