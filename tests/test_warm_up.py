"""ui/warm_up.py: the once-a-process work of a first page run, done before the first visitor."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import PROJECT_DIR

# In a fresh interpreter, as a fresh server is: what the first page run would otherwise do itself.
STATE = """
import inspect, json, sys
from PIL import Image
def state():
    return {"pillow plugins": Image._initialized >= 1, "emoji pattern": "streamlit.emojis" in sys.modules,
            "modules by file": len(inspect.modulesbyfile) > 0}
before = state()
from ui.warm_up import once_a_process_work
once_a_process_work()
print(json.dumps([before, state()]))
"""


def test_the_first_page_runs_work_is_done_before_it():
    done = subprocess.run(
        [sys.executable, "-c", STATE], cwd=PROJECT_DIR, capture_output=True, text=True, check=True, timeout=120
    )
    before, after = json.loads(done.stdout.strip().splitlines()[-1])
    assert not any(before.values()), before  # else this test proves nothing
    assert all(after.values()), after


def test_the_warm_up_starts_in_the_background_as_the_server_begins_serving(monkeypatch):
    import asyncio
    import threading

    from ui import warm_up

    started, release, finished = threading.Event(), threading.Event(), threading.Event()

    def slow_warm_up() -> None:  # a warm-up still running when serving begins: serving must not wait for it
        started.set()
        release.wait(10)
        finished.set()

    monkeypatch.setattr(warm_up, "warm_up", slow_warm_up)

    async def serve() -> bool:
        async with warm_up.warm_up_once_serving(None):
            return started.wait(5) and not finished.is_set()

    assert asyncio.run(serve())
    release.set()
