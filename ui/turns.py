"""Page runs take turns: two at a time, the others waiting (roughly in order of asking).

Streamlit runs each session's page in a thread of its own, so runs asked for together share
the one processor Python's lock allows, switching every few milliseconds, and all finish
together at the end. Measured with 25 readers reading 1 s (`make capacity`), that is worse
than it sounds: readers who finish together come back together, so they fall into step and
every page waits for a whole crowd's work (p95 0.33-0.45 s, against 0.05 s taking turns).
Taking turns halves the average wait in a crowd and keeps readers out of step.

Why two, not one: two processes behind nginx on this 2-core machine held 1.68-1.77x one process
with two runs at a time, against 1.58-1.59x with one (each the median of three alternate rounds,
four runs and three, 7 December 2026; one process did 54-60 pages a second either way). Why is not
established: the machine was 8-9% idle at saturation either way. The crowd comes back only a little
while the event loop is uvloop (requirements.txt): p95 at 25 readers 0.045-0.047 s against
0.042-0.049 s with one turn (0.11-0.17 s without uvloop), and at 50 readers reading 1 s 0.28-0.32 s
against 0.12-0.13 s.

A run that takes long (a cold view's queries, a warehouse refresh) would hold up the rest, so
no one waits more than `LONGEST_WAIT` seconds for a turn: after that it runs alongside.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

RUNS_AT_ONCE = 2
LONGEST_WAIT = 2.0
_turns = threading.BoundedSemaphore(RUNS_AT_ONCE)
log = logging.getLogger("dashboard")


@contextmanager
def page_run_turn(longest_wait: float = LONGEST_WAIT) -> Iterator[bool]:
    """Hold a turn for the block (a page run); Streamlit's stop or rerun inside gives it back.
    Yields whether the run got its turn (False: it waited `longest_wait` and runs alongside)."""
    got_turn = _turns.acquire(timeout=longest_wait)
    if not got_turn:
        log.warning("A page run waited %.1f s for its turn and runs alongside the one holding it", longest_wait)
    try:
        yield got_turn
    finally:
        if got_turn:
            _turns.release()
