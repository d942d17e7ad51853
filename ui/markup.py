"""Markup this dashboard writes, sent to the page: tables and links, made once and sent as they stand.

No page writes st.html itself: `html()` hands Streamlit markup it need not dedent, and `table()`
keeps each table's HTML (ui/html.py writes it) for every session, by the frame or its content.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
import weakref
from collections import OrderedDict

import pandas as pd
import streamlit as st

from ui.html import html_table


def table(frame: pd.DataFrame, caption: str, **options: object) -> None:
    """A real HTML table (see ui/html.py): read by screen readers, whole on a phone and on paper."""
    html(_TABLES.html(frame, caption, options))


class _Markup(str):
    """HTML this dashboard wrote, handed to st.html as it is. A plain string is dedented and stripped
    first (textwrap over the whole text, on every run: 4% of the server's time under load); an object
    with `_repr_html_` is taken as it stands. Ours has no indent to take away."""

    def _repr_html_(self) -> str:
        return str.__str__(self)


def html(markup: str, run_scripts: bool = False) -> None:
    """st.html for markup made here (tables, links, styles): sent as it is (see _Markup). `run_scripts`:
    the markup's own <script> runs in the page (only for script written here, never for data)."""
    st.html(_Markup(markup), unsafe_allow_javascript=run_scripts)


class TableMarkup:
    """Each table's HTML made once, for every session: the same table comes back on every page run.

    Keyed by the table's content (its pickle's digest: 0.3 ms for a 58-row table, against 3.3 ms
    to write its HTML again), so a frame a page selects afresh on each run still finds it.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._made: OrderedDict[bytes, str] = OrderedDict()
        # The frames the memos hand out (ui/memo.py) are the same objects run after run, and never
        # changed: for those, the object itself finds its markup, without the digest.
        self._by_frame: dict[int, tuple[weakref.ref, str, dict[str, object], str]] = {}
        self._lock = threading.Lock()

    def html(self, frame: pd.DataFrame, caption: str, options: dict[str, object]) -> str:
        known = self._by_frame.get(id(frame))
        if known is not None and known[0]() is frame and known[1] == caption and known[2] == options:
            return known[3]
        markup = self._by_content(frame, caption, options)
        with self._lock:
            if len(self._by_frame) >= self._size:  # forget the frames gone (a page's own), or all
                alive = {k: v for k, v in self._by_frame.items() if v[0]() is not None}
                self._by_frame = alive if len(alive) < self._size // 2 else {}
            self._by_frame[id(frame)] = (weakref.ref(frame), caption, options, markup)
        return markup

    def _by_content(self, frame: pd.DataFrame, caption: str, options: dict[str, object]) -> str:
        key = hashlib.blake2b(pickle.dumps((frame, caption, options), protocol=5), digest_size=20).digest()
        with self._lock:
            if key in self._made:
                self._made.move_to_end(key)
                return self._made[key]
        markup = html_table(frame, caption, **options)  # type: ignore[arg-type]
        with self._lock:
            self._made[key] = markup
            while len(self._made) > self._size:
                self._made.popitem(last=False)
        return markup


_TABLES = TableMarkup(size=2048)  # a few MB: every table of every view of two warehouse versions
