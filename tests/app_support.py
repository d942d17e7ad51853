"""Running pages with Streamlit's AppTest, for the app tests."""

from __future__ import annotations

import os
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from tests.conftest import PROJECT_DIR
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


_original_init = PagesManager.__init__


def _init_like_the_server(self: PagesManager, *args: object, **kwargs: object) -> None:
    # AppTest re-detects the pages/ folder on every run; the real server is told once, at
    # start-up, that st.navigation owns the pages (see dashboard.py). Do the same here.
    _original_init(self, *args, **kwargs)
    PagesManager.uses_pages_directory = False


# For the whole test process: every AppTest run, and rerun after a widget change.
PagesManager.__init__ = _init_like_the_server  # type: ignore[method-assign]


def all_text(app: AppTest) -> str:
    """Every piece of text the page shows, for content assertions."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "metric", "text"):
        for element in getattr(app, kind):
            parts.append(str(getattr(element, "value", "")) + " " + str(getattr(element, "label", "")))
    return "\n".join(parts)
