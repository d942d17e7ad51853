"""Page runs take turns (ui/turns.py): one at a time, none kept waiting past the longest wait."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager

import pytest
from streamlit.navigation.page import StreamlitPage

from tests.app_support import open_page
from ui import turns


def test_a_second_run_starts_only_when_the_first_is_done():
    events: list[str] = []
    first_inside, first_may_leave = threading.Event(), threading.Event()

    def first() -> None:
        with turns.page_run_turn():
            events.append("first in")
            first_inside.set()
            first_may_leave.wait(5)
            events.append("first out")

    def second() -> None:
        with turns.page_run_turn():
            events.append("second in")

    one = threading.Thread(target=first)
    one.start()
    first_inside.wait(5)
    two = threading.Thread(target=second)
    two.start()
    time.sleep(0.2)  # long enough for the second to get in, were it let
    first_may_leave.set()
    one.join(5)
    two.join(5)
    assert events == ["first in", "first out", "second in"]


def test_a_run_that_never_ends_holds_the_rest_only_for_the_longest_wait():
    holder_inside, holder_may_leave = threading.Event(), threading.Event()

    def holder() -> None:
        with turns.page_run_turn():
            holder_inside.set()
            holder_may_leave.wait(10)

    thread = threading.Thread(target=holder)
    thread.start()
    holder_inside.wait(5)
    try:
        started = time.perf_counter()
        with turns.page_run_turn(longest_wait=0.3) as got_turn:
            waited = time.perf_counter() - started
        assert not got_turn
        assert 0.25 < waited < 2
        # it gave back no turn it never had: the holder still holds the only one
        with turns.page_run_turn(longest_wait=0.1) as got_turn:
            assert not got_turn
    finally:
        holder_may_leave.set()
        thread.join(5)
    with turns.page_run_turn(longest_wait=0.1) as got_turn:
        assert got_turn


def test_a_run_stopped_part_way_gives_its_turn_back():
    class StoppedForRerun(Exception):
        """As Streamlit stops a run when the reader clicks again."""

    with pytest.raises(StoppedForRerun), turns.page_run_turn():
        raise StoppedForRerun
    with turns.page_run_turn(longest_wait=0.1) as got_turn:
        assert got_turn


def test_a_dashboard_page_draws_inside_its_turn(shipped_warehouse, monkeypatch):
    turn_held: list[bool] = []
    inside = threading.Event()

    @contextmanager
    def recording_turn(longest_wait: float = turns.LONGEST_WAIT):
        inside.set()
        try:
            yield True
        finally:
            inside.clear()

    real_run = StreamlitPage.run

    def run(page: StreamlitPage) -> None:
        turn_held.append(inside.is_set())
        real_run(page)

    monkeypatch.setattr(turns, "page_run_turn", recording_turn)
    monkeypatch.setattr(StreamlitPage, "run", run)
    app = open_page(shipped_warehouse, "best-start-in-life", {"locality": "chesil"})
    assert not app.exception, app.exception
    assert turn_held == [True]
    assert not inside.is_set(), "the turn is given back when the run ends"
