"""Optional sign-in: restricted indicators only for signed-in users on the allow list.

Sign-in is switched on by an `[auth]` section in `.streamlit/secrets.toml` (Streamlit's
OpenID Connect login, e.g. Microsoft Entra ID) and an allow list in `[dashboard]
allowed_users` (or the DASHBOARD_ALLOWED_USERS environment variable, comma separated).
Without that configuration the dashboard is open to all and the indicators marked
`restricted = true` in the catalogue are hidden, with a note.

Access is granted on a claim the identity provider vouches for, never on an email
address alone: with multi-tenant Entra ID anyone can create an account in their own
tenant whose unverified `email` claim is someone else's address. An allow-list entry
is either a user's object id (`oid`, Entra ID's immutable id), or an email address,
which counts only when the provider marks it verified (`email_verified`, or Entra
ID's `xms_edov`, "email domain owner verified"). `[dashboard] tenant_id` further
limits sign-in to one Entra ID tenant (`tid`).
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Mapping
from pathlib import Path

import streamlit as st

from indicators.catalogue import Catalogue, default_catalogue

# Secrets objects found to have no file behind them. While there is none, Streamlit looks for the
# files again, under a lock, on every access (6% of the server's time under load), so remember.
# By id, holding the object weakly (a Secrets cannot be hashed, and an id is reused once its object is gone).
_WITHOUT_FILE: weakref.WeakValueDictionary[int, object] = weakref.WeakValueDictionary()


def _secrets() -> Mapping[str, object]:
    """st.secrets, or nothing where it has no secrets (no file, or one Streamlit cannot read)."""
    secrets = st.secrets
    if any(Path(p).exists() for p in st.get_option("secrets.files")):
        _WITHOUT_FILE.clear()  # a file has appeared: look again
    elif _WITHOUT_FILE.get(id(secrets)) is secrets:
        return {}
    if secrets.load_if_toml_exists():
        return secrets
    _WITHOUT_FILE[id(secrets)] = secrets
    return {}


def sign_in_configured() -> bool:
    return "auth" in _secrets()


def allowed_users() -> set[str]:
    listed: list[str] = []
    listed = list(_secrets().get("dashboard", {}).get("allowed_users", []))  # type: ignore[union-attr]
    listed += os.environ.get("DASHBOARD_ALLOWED_USERS", "").split(",")
    return {email.strip().lower() for email in listed if email.strip()}


def _configured_tenant() -> str | None:
    tenant = _secrets().get("dashboard", {}).get("tenant_id")  # type: ignore[union-attr]
    return str(tenant).lower() if tenant else os.environ.get("DASHBOARD_TENANT_ID", "").lower() or None


def claims_allowed(claims: Mapping[str, object], allowed: set[str], tenant: str | None = None) -> bool:
    """Whether these identity claims match the allow list on something the provider verified."""
    if tenant and str(claims.get("tid", "")).lower() != tenant:
        return False
    object_id = str(claims.get("oid", "")).lower()
    if object_id and object_id in allowed:
        return True
    verified = claims.get("email_verified") is True or claims.get("xms_edov") is True
    return verified and str(claims.get("email", "")).lower() in allowed


_THIS_RUN = "_can_see_restricted"  # settled once at the start of each page run (dashboard.py)


def _allowed_now() -> bool:
    if not sign_in_configured() or not st.user.is_logged_in:
        return False
    return claims_allowed(st.user.to_dict(), allowed_users(), _configured_tenant())


def settle_access() -> None:
    """Work out once, at the start of a page run, whether this visitor may see restricted indicators.
    A page asks several times a run; each answer read the secrets files and the user's claims again."""
    st.session_state[_THIS_RUN] = _allowed_now()


def can_see_restricted() -> bool:
    settled = st.session_state.get(_THIS_RUN)
    return settled if settled is not None else _allowed_now()


def catalogue_for(restricted: bool) -> Catalogue:
    """The whole catalogue, or without its restricted indicators."""
    catalogue = default_catalogue()
    return catalogue if restricted else catalogue.without_restricted()


def visible_catalogue() -> Catalogue:
    """The catalogue this visitor may see."""
    return catalogue_for(can_see_restricted())


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
