"""No page shows a withheld number: every text, table, chart trace, hover and download, every locality.

The tiny fixture gives the figures withheld to protect small numbers sentinel values
that appear nowhere else (tests/fixtures/make_tiny.py): West's children in care (59)
and Weymouth's early help requests (613). This renders every page for
every area choice and searches everything the visitor could see or download.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import re
from pathlib import Path

import numpy as np
import plotly.io as pio
import pytest
import streamlit as st

from indicators.warehouse import build
from tests.app_support import PAGE_KEYS, open_page, read_tables
from tests.conftest import TINY_DIR

SENTINELS = {59.0, 613.0}
SENTINEL_TEXT = re.compile(r"(?<![\w.,#:-])(59|613)(?![\w.,:])")  # not a time such as 04:59:14
NOT_SHOWN = re.compile(r'^\s*id: ".*"$|#[0-9A-Fa-f]{6}', re.MULTILINE)  # element ids and colours
LOCALITIES = ["dorset", "chesil", "dorchester", "east", "north", "purbeck", "west", "weymouth", "portland"]
# Pages whose indicator picker can point at the indicators that have withheld figures.
FOCUS = {"good-care-provision": "children-in-care-count", "local-family-help": "early-help-requests"}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("leaks") / "warehouse.duckdb"
    build([TINY_DIR], path)
    return path


@pytest.fixture()
def downloads(monkeypatch) -> list[bytes]:
    """Everything any page offers for download, captured as the page hands it over."""
    captured: list[bytes] = []
    original = st.download_button

    def recording(label, data, *args, **kwargs):
        captured.append(data if isinstance(data, bytes) else str(data).encode())
        return original(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", recording)
    return captured


def numbers_in_figure(spec: str) -> tuple[list[float], list[str]]:
    """Every number and string in a Plotly figure's traces (binary arrays decoded)."""
    figure = pio.from_json(spec)
    numbers: list[float] = []
    texts: list[str] = []
    for trace in figure.data:
        for value in trace.to_plotly_json().values():
            _collect(value, numbers, texts)
    _collect(figure.layout.to_plotly_json(), numbers, texts)
    return numbers, texts


def _collect(value: object, numbers: list[float], texts: list[str]) -> None:
    if isinstance(value, str):
        texts.append(value)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        numbers.append(float(value))
    elif isinstance(value, np.ndarray):
        if value.dtype.kind in "fiu":
            numbers.extend(float(v) for v in value.ravel() if np.isfinite(v))
        else:
            for item in value.ravel():
                _collect(item, numbers, texts)
    elif isinstance(value, dict) and {"dtype", "bdata"} <= set(value):
        # Plotly sends number arrays base64-encoded; decode them as the browser does.
        decoded = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        _collect(decoded, numbers, texts)
    elif isinstance(value, dict):
        for item in value.values():
            _collect(item, numbers, texts)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _collect(item, numbers, texts)


def everything_shown(app) -> tuple[list[str], list[float]]:
    texts: list[str] = []
    numbers: list[float] = []
    for node in app._tree:  # every element on the page, wherever it sits
        _walk(node, texts, numbers)
    return texts, numbers


def _walk(node, texts: list[str], numbers: list[float]) -> None:
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            _walk(child, texts, numbers)
    kind = getattr(node, "type", "")
    proto = getattr(node, "proto", None)
    if kind == "plotly_chart" and proto is not None:
        found_numbers, found_texts = numbers_in_figure(proto.spec)
        numbers.extend(found_numbers)
        texts.extend(NOT_SHOWN.sub("", t) for t in found_texts)
    elif kind == "html" and proto is not None and "<table" in proto.body:
        # What a person reads: the cells, captions and headings, and each trend line's text
        # alternative (not the markup's style sheet or the lines' pixel positions).
        for frame in read_tables(proto.body):
            texts.extend(str(v) for v in frame.to_numpy().ravel())
            texts.extend([*map(str, frame.columns), frame.attrs["caption"]])
        texts.extend(re.findall(r'aria-label="([^"]*)"', proto.body))
    elif kind in {"arrow_data_frame", "dataframe"}:
        frame = node.value
        texts.extend(str(v) for v in frame.to_numpy().ravel())
        texts.extend(str(c) for c in frame.columns)
    elif proto is not None:
        texts.append(NOT_SHOWN.sub("", str(proto)))


@pytest.mark.parametrize("page_key", PAGE_KEYS)
def test_no_withheld_number_reaches_any_page_for_any_locality(warehouse, downloads, page_key):
    for locality in LOCALITIES:
        query = {"locality": locality}
        if page_key in FOCUS:
            query["indicator"] = FOCUS[page_key]
        app = open_page(warehouse, page_key, query, extracts=TINY_DIR)
        assert not app.exception, app.exception
        texts, numbers = everything_shown(app)
        leaked_text = [t for t in texts if SENTINEL_TEXT.search(t)]
        assert not leaked_text, (page_key, locality, leaked_text[:3])
        assert not SENTINELS & {round(n, 6) for n in numbers}, (page_key, locality)
    if page_key in FOCUS:
        assert downloads, "the chart downloads were not captured, so they were not searched"
    for data in downloads:
        assert not sentinels_in_csv(data), page_key


def sentinels_in_csv(data: bytes) -> list[str]:
    """Every cell of a downloaded CSV that shows a withheld number (as a number or in words)."""
    found = []
    for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))):
        for cell in row:
            try:
                is_number = float(cell.replace(",", "")) in SENTINELS
            except ValueError:
                is_number = False
            if is_number or SENTINEL_TEXT.search(cell):
                found.append(cell)
    return found


def test_the_leak_search_would_find_a_shown_sentinel():
    # Guard against a search that can never fail: a figure holding 777 is found.
    encoded = base64.b64encode(np.array([1.0, 59.0]).tobytes()).decode()
    spec = json.dumps(
        {
            "data": [{"type": "bar", "x": {"dtype": "f8", "bdata": encoded}, "hovertext": ["West, 2024/25: 59"]}],
            "layout": {},
        }
    )
    numbers, texts = numbers_in_figure(spec)
    assert 59.0 in numbers and any(SENTINEL_TEXT.search(t) for t in texts)
    assert not SENTINEL_TEXT.search("59.3% in 2024/25") and not SENTINEL_TEXT.search("1,590")
    # And in a downloaded CSV row, where every number sits next to a comma.
    assert sentinels_in_csv(b"Area,Period,Number\r\nWest,2024/25,59\r\nEast,2024/25,613.0\r\n") == ["59", "613.0"]
    assert not sentinels_in_csv(b"Area,Period,Number\r\nWest,2024/25,59.3\r\nEast,2024/25,1590\r\n")
