"""One memo for the parts a page run reads again and again: made once, shared by every session.

st.cache_resource and st.cache_data hash every argument with Streamlit's own hasher on
each call, and st.cache_data then unpickles a fresh copy of what it kept. On a warm
priority page, eleven such calls were a fifth of the run (20 of 90 ms profiled). The
arguments here are plain and hashable already (the warehouse version, ids, flags), so
Python's own hash finds the entry, and the same object is handed back, as
st.cache_resource does: **what a memoised function returns is never changed by its
callers** (take a copy first where a page needs to change a frame).

As with Streamlit's caches, each key is made once even when sessions ask for it at the
same time, an exception is not kept, and the oldest entries go when a memo is full.
A new warehouse version is a new key, so a reload never serves old figures.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


class _Memo:
    def __init__(self, function: Callable[..., Any], max_entries: int) -> None:
        self._function, self._max_entries = function, max_entries
        self._kept: OrderedDict[Hashable, Any] = OrderedDict()
        self._making: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()

    def __call__(self, *args: Hashable, **kwargs: Hashable) -> Any:
        key = (args, tuple(sorted(kwargs.items())))
        found = self._get(key)
        if found is not _MISSING:
            return found
        with self._lock:
            making = self._making.setdefault(key, threading.Lock())
        with making:  # a second session asking for the same key waits for the first's result
            found = self._get(key)
            if found is _MISSING:
                found = self._function(*args, **kwargs)
                self._keep(key, found)
        with self._lock:
            self._making.pop(key, None)
        return found

    def _get(self, key: Hashable) -> Any:
        with self._lock:
            if key not in self._kept:
                return _MISSING
            self._kept.move_to_end(key)
            return self._kept[key]

    def _keep(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._kept[key] = value
            while len(self._kept) > self._max_entries:
                self._kept.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


_MISSING = object()
EVERY_MEMO: list[_Memo] = []  # for the test that no page changes what it was handed


def kept_and_made_again(first_argument: Hashable) -> list[tuple[str, Any, Any]]:
    """Every value the memos hold for calls whose first argument is `first_argument` (a warehouse
    version), beside the same made afresh: (function, kept, made again)."""
    found = []
    for memo in EVERY_MEMO:
        with memo._lock:
            kept = [(key, value) for key, value in memo._kept.items() if key[0][:1] == (first_argument,)]
        for (args, kwargs), value in kept:
            found.append((memo._function.__qualname__, value, memo._function(*args, **dict(kwargs))))
    return found


def shared(max_entries: int) -> Callable[[F], F]:
    """Memoise a function of hashable arguments for every session (see the module's docstring)."""

    def wrap(function: F) -> F:
        memo = _Memo(function, max_entries)
        EVERY_MEMO.append(memo)
        functools.update_wrapper(memo, function)
        return memo  # type: ignore[return-value]

    return wrap
