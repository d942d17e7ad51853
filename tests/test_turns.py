"""Page runs take turns (ui/turns.py): `RUNS_AT_ONCE` at a time, none kept waiting past the longest wait."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from streamlit.navigation.page import StreamlitPage

from tests.app_support import open_page
from ui import turns


@contextmanager
def every_turn_held() -> Iterator[threading.Event]:
    """`RUNS_AT_ONCE` runs inside their turns, all at once, until the event yielded is set."""
    inside = threading.Barrier(turns.RUNS_AT_ONCE + 1)
    may_leave = threading.Event()
    got_turns: list[bool] = []

    def holder() -> None:
        # a wait longer than the barrier's: a holder let in only by the longest wait breaks the barrier
        with turns.page_run_turn(longest_wait=30) as got_turn:
            got_turns.append(got_turn)
            inside.wait(5)
            may_leave.wait(10)

    holders = [threading.Thread(target=holder) for _ in range(turns.RUNS_AT_ONCE)]
    for thread in holders:
        thread.start()
    inside.wait(5)
    assert got_turns == [True] * turns.RUNS_AT_ONCE
    try:
        yield may_leave
    finally:
        may_leave.set()
        for thread in holders:
            thread.join(15)


def test_two_runs_go_at_once():
    assert turns.RUNS_AT_ONCE == 2  # the number README and the module measure; change all three together
    with every_turn_held():
        pass  # both holders got in together, or the barrier above would have broken


def test_a_further_run_starts_only_when_one_is_done():
    events: list[str] = []

    def next_run() -> None:
        with turns.page_run_turn():
            events.append("next in")

    with every_turn_held() as may_leave:
        waiting = threading.Thread(target=next_run)
        waiting.start()
        time.sleep(0.2)  # long enough for it to get in, were it let
        events.append("a holder out")
        may_leave.set()
        waiting.join(5)
    assert events == ["a holder out", "next in"]


def test_runs_that_never_end_hold_the_rest_only_for_the_longest_wait():
    with every_turn_held():
        started = time.perf_counter()
        with turns.page_run_turn(longest_wait=0.3) as got_turn:
            waited = time.perf_counter() - started
        assert not got_turn
        assert 0.25 < waited < 2
        # it gave back no turn it never had: the holders still hold every one
        with turns.page_run_turn(longest_wait=0.1) as got_turn:
            assert not got_turn
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
