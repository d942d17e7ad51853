"""The one place that changes how Streamlit's server sends a page, and why.

Streamlit's server loop (`Runtime._loop_coroutine`, Streamlit 1.67) sends each session's
queued messages with `await asyncio.sleep(0)` after every single one. Each of those is a
whole turn of the event loop: a `select` call, which gives up Python's lock (the GIL), and
then a wait to get it back from the page runs of other readers, up to the 5 ms switch
interval. A priority page is about 55 messages (one per element), so under load a page's
messages left the server one every few milliseconds, long after its run had finished.

Measured with 25 readers reading 1 s (benchmarks/capacity.py's readers, 7 December 2026):
a page run took 0.10 s at p50 on the server, yet readers waited 0.48 s for the first
element and then had the whole page within 2 ms: the messages had queued behind the
yields. With the sends batched, readers had pages at p50 0.04-0.06 s and p95 0.11-0.33 s
over five runs (before: p50 0.45-0.49 s, p95 0.64-0.74 s). `make capacity` prints each run's.

Only that one yield changes, and only on the Streamlit version read for it (`REVIEWED`):
on any other version the server runs as Streamlit ships it and says so in the log, and
tests/test_sending.py fails until someone reads the new loop and measures again. The yield
still comes every `BATCH` messages, so a long queue cannot hold the event loop, and the
send queue of each websocket (500 messages in 1.67) never fills from one batch.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable
from types import ModuleType
from typing import Any

import streamlit
from streamlit.runtime import runtime

REVIEWED = "1.67.0"
# Messages sent between two turns of the event loop. A priority page is about 55 and the overview 105,
# so a page's messages go together; 200 stays well inside a websocket's send queue (500). Measured with
# 25 readers: a turn every 8 messages kept p95 at 0.59 s, every 32 at 0.44-0.55 s, every 200 at 0.11-0.33 s.
BATCH = 200
YIELD_PER_MESSAGE = "# Yield for a tick after sending a message. await asyncio.sleep(0)"
log = logging.getLogger("dashboard")


class _BatchedYields:
    """The `asyncio` that Streamlit's runtime module sees: the same module, except that
    `sleep(0)` (its yield after each message) gives way only every `BATCH` calls."""

    def __init__(self, real: ModuleType):
        self._real = real
        self.calls = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def sleep(self, delay: float, result: Any = None) -> Awaitable[Any]:
        if delay == 0:
            self.calls += 1
            if self.calls % BATCH:
                return _at_once(result)
        return self._real.sleep(delay, result)


async def _at_once(result: Any) -> Any:
    return result


def streamlit_is_as_reviewed() -> bool:
    """True when the installed Streamlit is the one whose send loop this module was written for."""
    words = " ".join(inspect.getsource(runtime.Runtime._loop_coroutine).split())
    return streamlit.__version__ == REVIEWED and words.count("asyncio.sleep(0)") == 1 and YIELD_PER_MESSAGE in words


def send_pages_in_batches() -> bool:
    """At server start: yield to the event loop every `BATCH` messages sent, not after each one.
    Returns whether it did; idempotent."""
    if isinstance(runtime.asyncio, _BatchedYields):
        return True
    if not streamlit_is_as_reviewed():
        log.warning(
            "Streamlit %s is not the version ui/sending.py was written for (%s): pages are sent as Streamlit "
            "ships it. Read its send loop and measure with `make capacity` before changing REVIEWED.",
            streamlit.__version__,
            REVIEWED,
        )
        return False
    runtime.asyncio = _BatchedYields(asyncio)  # type: ignore[assignment]
    return True
