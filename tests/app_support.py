"""Running pages with Streamlit's AppTest, for the app tests."""

from __future__ import annotations

import functools
import os
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.conftest import PROJECT_DIR
from ui import pages_folder
from ui.navigation import url_paths

PAGE_KEYS = list(url_paths())  # every page, as the menu lists them


def open_page(
    warehouse: Path,
    page_key: str,
    query: dict[str, str | list[str]] | None = None,
    extracts: Path | None = None,
    secrets: dict[str, object] | None = None,
    user: dict[str, object] | None = None,
) -> AppTest:
    """Run dashboard.py on one page with the given query parameters, as a visitor's link would."""
    from streamlit.util import calc_hash

    os.environ["DASHBOARD_WAREHOUSE"] = str(warehouse)
    os.environ["DASHBOARD_EXTRACTS"] = str(extracts or PROJECT_DIR / "data" / "extracts")
    app = AppTest.from_file(str(PROJECT_DIR / "dashboard.py"), default_timeout=60)
    for key, value in (query or {}).items():
        app.query_params[key] = value
    for key, value in (secrets or {}).items():
        app.secrets[key] = value
    if user is not None:
        app.user = user
    # AppTest.switch_page() only knows file pages; ours are functions, which Streamlit
    # identifies by the hash of their URL path, as a browser request for that path does.
    app._page_hash = calc_hash(url_paths()[page_key])
    return app.run()


# For the whole test process: every AppTest run, and rerun after a widget change, is told what the
# server is told at start-up (ui/pages_folder.py).
pages_folder.for_every_app_test()


def _scan_installed_components_once() -> None:
    """Each new AppTest scans every installed package's metadata for Streamlit components (0.55 s of a
    0.78 s page run here, on each of several hundred AppTests); a server scans once at start. The packages
    installed do not change while the tests run, so the first scan's answer is the answer."""
    from streamlit.components.v2 import manifest_scanner

    manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)


_scan_installed_components_once()


def all_text(app: AppTest) -> str:
    """Every piece of text the page shows, for content assertions."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "metric", "text"):
        for element in getattr(app, kind):
            parts.append(str(getattr(element, "value", "")) + " " + str(getattr(element, "label", "")))
    for frame in tables(app):
        parts.append(frame.attrs["caption"] + " " + " ".join(frame.columns) + " " + " ".join(frame.to_numpy().ravel()))
    return "\n".join(parts)


class _TableReader(HTMLParser):
    """The dashboard's HTML tables (ui/html.py) read back: caption, headings and cell text."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, object]] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._in: str = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append({"caption": "", "head": [], "rows": [], "classes": []})
        elif tag == "caption":
            self._in = "caption"
        elif tag == "thead":
            self._in = "head"
        elif tag == "tbody":
            self._in = "body"
        elif tag == "tr" and self._in == "body":
            self._row = []
            self.tables[-1]["classes"].append([])  # type: ignore[union-attr]
        elif tag in {"th", "td"}:
            self._cell = []
            if self._in == "body":
                self.tables[-1]["classes"][-1].append(dict(attrs).get("class") or "")  # type: ignore[index]

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self._in = ""
        elif tag in {"th", "td"} and self._cell is not None:
            text = "".join(self._cell).strip()
            if self._in == "head":
                self.tables[-1]["head"].append(text)  # type: ignore[union-attr]
            elif self._row is not None:
                self._row.append(text)
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1]["rows"].append(self._row)  # type: ignore[union-attr]
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self._in == "caption":
            self.tables[-1]["caption"] += data  # type: ignore[operator]


def read_tables(markup: str) -> list[pd.DataFrame]:
    """Each HTML table in `markup` as a DataFrame of cell text; its caption in .attrs['caption']."""
    reader = _TableReader()
    reader.feed(markup)
    frames = []
    for found in reader.tables:
        frame = pd.DataFrame(found["rows"], columns=found["head"])
        frame.attrs["caption"] = found["caption"]
        frame.attrs["classes"] = found["classes"]
        frames.append(frame)
    return frames


COPY_BOX = re.compile(r'<textarea[^>]*aria-label="([^"]*)"[^>]*>(.*?)</textarea>', re.DOTALL)


def copy_boxes(app: AppTest) -> dict[str, str]:
    """The text of each box with a Copy button (ui/copy_box.py), by its label."""
    found = (COPY_BOX.findall(element.proto.body) for element in app.get("html"))
    return {unescape(label): unescape(text) for boxes in found for label, text in boxes}


def tables(app: AppTest) -> list[pd.DataFrame]:
    """Every table the page shows, in order."""
    return [frame for element in app.get("html") for frame in read_tables(element.proto.body)]
