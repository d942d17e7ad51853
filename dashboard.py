"""Entry point: `streamlit run dashboard.py` (or `make run`).

Streamlit imports this file once at server start (it finds the `st.App` below) and
then runs it as the page script for every visitor (`__name__ == "__main__"`).
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

# A local icon: a Material icon here would make every visitor's browser fetch it from Google's font server.
FAVICON = Path(__file__).parent / "ui" / "assets" / "favicon.png"

if __name__ != "__main__":
    # Server start: our pages come from st.navigation below, not the pages/ folder beside this
    # script; tell Streamlit before the first visitor arrives (ui/pages_folder.py says why).
    from ui.pages_folder import pages_come_from_navigation

    pages_come_from_navigation()
    from ui.sending import send_pages_in_batches

    send_pages_in_batches()  # a page's messages leave together, not one per turn of the event loop

    def _log_script_error(error: Exception) -> bool:
        logging.getLogger("dashboard").exception("Page failed", exc_info=error)
        st.error(
            "Sorry, something went wrong showing this page. It has been logged; please try again or choose another page."
        )
        return True  # the visitor sees the message above, never a traceback

    from starlette.middleware import Middleware

    from ui.preview import PreviewMiddleware
    from ui.throttle import ThrottleMiddleware
    from ui.warm_up import warm_up_once_serving  # while the first visitor's browser loads, what their page needs

    # Each view's own title and description in the first HTML response, for link previews; and
    # page runs coalesced per session, sessions capped per address, so one client cannot crowd out the rest.
    app = st.App(
        __file__,
        on_script_error=_log_script_error,
        middleware=[Middleware(PreviewMiddleware), Middleware(ThrottleMiddleware)],
        lifespan=warm_up_once_serving,
    )
else:
    from ui import data
    from ui.access import settle_access, sign_in_controls
    from ui.layout import print_style
    from ui.navigation import menu, sections
    from ui.state import current_locality
    from ui.turns import page_run_turn

    st.set_page_config(page_title="Dorset locality outcomes", page_icon=str(FAVICON), layout="wide")
    with page_run_turn():
        settle_access()
        sign_in_controls()
        print_style()
        page = st.navigation(sections(), position="hidden")
        menu(current_locality(), page)
        if not data.pin_version() and page.url_path != "about":
            st.error(
                "The figures cannot be shown at the moment because the data could not be loaded. The data team has "
                "been told; the About page says what is wrong."
            )
            st.stop()
        page.run()
