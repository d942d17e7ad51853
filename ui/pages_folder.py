"""The one place that touches Streamlit's private pages API, and why.

The client requires a `pages/` folder beside `dashboard.py`. Streamlit 1.67 takes such a
folder to mean its legacy folder router (`PagesManager.uses_pages_directory`, detected from
the folder when the class attribute is still None) and serves the very first request on a
freshly started server with it, so a deep link shows "Page not found". Our pages come from
`st.navigation`; no configuration option or public API says so (checked in 1.67: nothing in
`streamlit config show`, and `st.navigation` only sets the flag once it has run). Guarded by
tests/browser/test_deep_links.py (a deep link on a fresh server) and the AppTest suite.
"""

from __future__ import annotations

from typing import Any

from streamlit.runtime.pages_manager import PagesManager


def pages_come_from_navigation() -> None:
    """Tell Streamlit, before the first visitor, that st.navigation owns the pages (server start)."""
    PagesManager.uses_pages_directory = False


def for_every_app_test() -> None:
    """AppTest builds a PagesManager for every run and re-detects the folder; tell each one the same."""
    original = PagesManager.__init__

    def init_like_the_server(self: PagesManager, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        pages_come_from_navigation()

    PagesManager.__init__ = init_like_the_server  # type: ignore[method-assign]
