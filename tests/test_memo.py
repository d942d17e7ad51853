"""The shared memo (ui/memo.py), the finished figures and the table markup kept per content (issue 23):
each hands back what was made before, exactly as made, and nothing a page does changes it."""

from __future__ import annotations

import dataclasses
import pickle
import threading
import time

import pandas as pd
import plotly.graph_objects as go
import plotly.io
import pytest

from tests.app_support import PAGE_KEYS, open_page
from ui import markup, memo
from ui.figures import finished
from ui.html import html_table


def test_a_memo_makes_each_key_once_and_hands_back_the_same_object() -> None:
    made: list[tuple[str, int]] = []

    @memo.shared(max_entries=4)
    def frame(name: str, size: int) -> pd.DataFrame:
        made.append((name, size))
        return pd.DataFrame({"n": range(size)})

    first = frame("a", 3)
    assert frame("a", 3) is first
    assert frame("a", 4) is not first
    assert made == [("a", 3), ("a", 4)]


def test_a_memo_forgets_its_oldest_entry_when_full_and_keeps_no_exception() -> None:
    calls: list[int] = []

    @memo.shared(max_entries=2)
    def square(n: int) -> int:
        calls.append(n)
        if n < 0:
            raise ValueError("negative")
        return n * n

    square(1), square(2), square(1), square(3)  # 2 is now the oldest: 1 was asked for again
    square(1), square(2)
    assert calls == [1, 2, 3, 2]
    for _ in range(2):
        with pytest.raises(ValueError):
            square(-1)
    assert calls[-2:] == [-1, -1]


def test_sessions_asking_at_once_wait_for_one_making() -> None:
    calls: list[str] = []

    @memo.shared(max_entries=4)
    def slow(key: str) -> list[str]:
        calls.append(key)
        time.sleep(0.2)
        return [key]

    results: list[list[str]] = []
    threads = [threading.Thread(target=lambda: results.append(slow("view"))) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == ["view"]
    assert all(result is results[0] for result in results)


def test_a_finished_figure_sends_the_same_chart_made_once() -> None:
    figure = go.Figure(go.Scatter(x=["2021/22", "2022/23"], y=[1.5, 2.5], name="Purbeck"))
    figure.update_layout(title="Persistent absence")
    expected = plotly.io.to_json(figure.to_dict(), validate=False)
    shown = finished(figure)
    assert shown is figure
    assert shown.to_dict() is shown.to_dict()  # made once, not copied on every page run
    assert plotly.io.to_json(shown, validate=False) == expected
    assert shown.layout.title.text == "Persistent absence"


def test_a_table_is_written_once_per_content(monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[str] = []

    def counting(frame: pd.DataFrame, caption: str, **options: object) -> str:
        written.append(caption)
        return html_table(frame, caption, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(markup, "html_table", counting)
    tables = markup.TableMarkup(size=2)
    frame = pd.DataFrame({"Area": ["East", "West"], "Rate": [12.5, 13.0]})
    first = tables.html(frame, "Rates", {})
    assert tables.html(frame.copy(), "Rates", {}) == first == html_table(frame, "Rates")
    assert written == ["Rates"]
    changed = frame.assign(Rate=[12.5, 13.1])
    assert "13.1" in tables.html(changed, "Rates", {})
    assert tables.html(frame, "Rates", {"numeric": ["Area"]}) != first  # options are part of the key
    assert written == ["Rates", "Rates", "Rates"]
    shown = frame.copy()
    assert tables.html(shown, "Rates", {}) == first
    digests: list[str] = []
    monkeypatch.setattr(tables, "_by_content", lambda *args: digests.append("made") or "")
    assert tables.html(shown, "Rates", {}) == first  # the same object again: found without a digest
    assert digests == []


def _content(value: object) -> object:
    """What a kept value says, comparable with the same made afresh."""
    if isinstance(value, go.Figure):
        return plotly.io.to_json(value, validate=False)
    if isinstance(value, pd.DataFrame | pd.Series):  # a frame's pickle can differ for equal frames
        return value.to_json(orient="split", date_format="iso", default_handler=str), str(value.dtypes)
    if dataclasses.is_dataclass(value):
        return [_content(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, tuple | list):
        return [_content(item) for item in value]
    if isinstance(value, dict):
        return {key: _content(item) for key, item in value.items()}
    return pickle.dumps(value)


def test_no_page_changes_what_the_memos_hand_it(shipped_warehouse) -> None:
    """Every session is handed the same objects: a page that changed a frame in place would change
    every other reader's page. After every page for two areas, each kept value is as made."""
    for page in PAGE_KEYS:
        for locality in ("purbeck", "weymouth"):
            open_page(shipped_warehouse, page, {"locality": locality})
    from ui import data

    kept = memo.kept_and_made_again(data._current_version())  # open_page pointed the app at this warehouse
    assert len(kept) > 50
    changed = [name for name, value, again in kept if _content(value) != _content(again)]
    assert not changed


def test_the_start_up_warm_up_makes_what_a_first_page_needs(shipped_warehouse, monkeypatch) -> None:
    """dashboard.py's warm-up thread, while the first visitor's browser loads: Dorset's summary and a chart."""
    from ui import data, figures, views

    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(shipped_warehouse))
    version = data.current_version()
    views.prepare_first_views(version)
    made = {name for name, _, _ in memo.kept_and_made_again(version)}
    assert {"summary", "trend", "illustrative_notice"} <= made
    assert isinstance(figures.trend(version, *_first_trend()).figure, go.Figure)


def _first_trend() -> tuple[str, tuple[str, ...]]:
    from indicators.catalogue import default_catalogue
    from ui import figures

    first = next(iter(default_catalogue().without_restricted().indicators))
    return first, figures.trend_lines(first, "dorset", "england")
