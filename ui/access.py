"""Optional sign-in: restricted indicators only for signed-in users on the allow list.

Sign-in is switched on by an `[auth]` section in `.streamlit/secrets.toml` (Streamlit's
OpenID Connect login, e.g. Microsoft Entra ID) and an allow list of email addresses
in `[dashboard] allowed_users` (or the DASHBOARD_ALLOWED_USERS environment variable,
comma separated). Without that configuration the dashboard is open to all and the
indicators marked `restricted = true` in the catalogue are hidden, with a note.
"""

from __future__ import annotations

import os

import streamlit as st

from indicators.catalogue import Catalogue, default_catalogue


def sign_in_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises rather than answering False
        return False


def allowed_users() -> set[str]:
    listed: list[str] = []
    try:
        listed = list(st.secrets.get("dashboard", {}).get("allowed_users", []))
    except Exception:  # no secrets file
        listed = []
    listed += os.environ.get("DASHBOARD_ALLOWED_USERS", "").split(",")
    return {email.strip().lower() for email in listed if email.strip()}


def can_see_restricted() -> bool:
    if not sign_in_configured() or not st.user.is_logged_in:
        return False
    return str(st.user.get("email", "")).lower() in allowed_users()


def visible_catalogue() -> Catalogue:
    """The catalogue this visitor may see."""
    catalogue = default_catalogue()
    return catalogue if can_see_restricted() else catalogue.without_restricted()


def sign_in_controls() -> None:
    """Sign in or out, in the sidebar, where sign-in is configured."""
    if not sign_in_configured():
        return
    with st.sidebar:
        if st.user.is_logged_in:
            st.caption(f"Signed in as {st.user.get('email', 'unknown')}")
            if st.button("Sign out", key="sign_out"):
                st.logout()
        elif st.button("Sign in (partnership staff)", key="sign_in", icon=":material/login:"):
            st.login()


def restricted_note(priority_id: str | None = None) -> None:
    """Say that restricted indicators are hidden (on a priority page, only if it has any)."""
    catalogue = default_catalogue()
    ids = catalogue.priority(priority_id).indicator_ids if priority_id else tuple(catalogue.indicators)
    hidden = sum(catalogue.indicators[i].restricted for i in ids)
    if hidden and not can_see_restricted():
        reason = (
            "sign in with a partnership account on the allow list"
            if sign_in_configured()
            else "they are shown only where sign-in is set up"
        )
        st.caption(f"{hidden} restricted indicator{'s are' if hidden > 1 else ' is'} not shown: {reason}.")
