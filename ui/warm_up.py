"""What a fresh server does before its first visitor's page run, in a thread started as it begins serving.

While the first visitor's browser loads Streamlit's JavaScript (seconds), the server imports the
pages, checks (or builds) the warehouse and makes what a first page needs, so that page is not
kept waiting. Measured with benchmarks/benchmark.py's first click (deep link on a fresh server to
the first chart drawn in Chromium).

The thread starts from the app's lifespan (Streamlit's runtime up, the server about to listen), not
at import: started at import it ran alongside the server's own start, which then answered its
health check 0.45 s later (1.5 s against the bare app's 1.05 s). Six pairs each way, alternated
(7 December 2026): first click 1.22x the bare page started at import, 1.18x started here.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import logging
import threading
from collections.abc import AsyncIterator

log = logging.getLogger("dashboard")


def once_a_process_work() -> None:
    """Work Streamlit and Pillow do once a process, in the first visitor's page run unless done before:
    a look at the whole call stack for Streamlit's REPL check on the first element (it fills inspect's
    module-by-file table), Pillow's image plugins for the favicon, and Streamlit's emoji pattern for the
    banner's icon. 0.15 s, 0.07 s and 0.07 s of a fresh server's first run (py-spy, 7 December 2026);
    the first run went from 0.57 s to 0.33 s."""
    from PIL import Image

    inspect.stack()
    Image.preinit()
    with contextlib.suppress(ImportError):  # a Streamlit without the module simply does this later
        importlib.import_module("streamlit.emojis")


def warm_up() -> None:
    from ui import data, views
    from ui.navigation import page_specs

    for module in ("ui.navigation", *{spec.module for spec in page_specs()}):
        importlib.import_module(module)
    once_a_process_work()
    try:
        # The start-up check, its outcome kept for the first page run. A replica (serve_only) serves the
        # file it is given and never builds, refreshes or replaces one: refresh_status only reports there.
        data.refresh_status()
        views.prepare_first_views(data.current_version())
    except Exception:
        if data.serve_only():
            raise
        log.exception("Warm-up could not refresh the warehouse")  # the first page run checks again (About page)


@contextlib.asynccontextmanager
async def warm_up_once_serving(_app: object) -> AsyncIterator[None]:
    """st.App's lifespan: start the warm-up as the server begins serving."""
    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    yield
