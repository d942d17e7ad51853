"""Restricted indicators: hidden when sign-in is not set up, shown only to allowed signed-in users."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app_support import all_text, open_page, tables

RESTRICTED = "Children identified as at risk of harm outside the home"
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-only-not-a-secret",
    "client_id": "test-client",
    "client_secret": "test-only",
    "server_metadata_url": "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
}
ALLOWED = {"dashboard": {"allowed_users": ["Officer@Dorset.example"]}}
PAGE = ("safe-at-home-and-in-the-community", {"locality": "east"})


@pytest.fixture(scope="module")
def warehouse(shipped_warehouse: Path) -> Path:
    return shipped_warehouse  # read only


def indicator_options(app) -> list[str]:
    return list(app.selectbox(key="indicator-safe-at-home-and-in-the-community").options)


def test_without_sign_in_set_up_restricted_indicators_are_hidden_with_a_note(warehouse):
    app = open_page(warehouse, *PAGE)
    assert not app.exception
    assert RESTRICTED not in indicator_options(app)
    assert RESTRICTED not in all_text(app) and RESTRICTED not in tables(app)[0]["Indicator"].tolist()
    assert "1 restricted indicator is not shown: they are shown only where sign-in is set up." in all_text(app)
    assert not [b for b in app.button if b.label.startswith("Sign in")]


def test_a_link_to_a_restricted_indicator_says_it_needs_sign_in(warehouse):
    app = open_page(warehouse, PAGE[0], {"indicator": "children-at-risk-of-extra-familial-harm"})
    assert any("only shown to signed-in partnership staff" in i.value for i in app.info)


def test_a_visitor_who_is_not_signed_in_sees_a_sign_in_button_and_no_restricted_data(warehouse):
    app = open_page(warehouse, *PAGE, secrets={"auth": AUTH, **ALLOWED}, user={"is_logged_in": False})
    assert [b.label for b in app.button if b.label.startswith("Sign in")] == ["Sign in (partnership staff)"]
    assert RESTRICTED not in indicator_options(app)
    assert "sign in with a partnership account on the allow list" in all_text(app)


def test_a_signed_in_user_on_the_allow_list_sees_restricted_indicators(warehouse):
    app = open_page(
        warehouse,
        *PAGE,
        secrets={"auth": AUTH, **ALLOWED},
        user={"is_logged_in": True, "email": "officer@dorset.example", "email_verified": True},
    )
    assert not app.exception
    assert RESTRICTED in indicator_options(app)
    assert "Signed in as officer@dorset.example" in all_text(app)


def test_signing_in_and_out_in_one_visit_shows_and_hides_them_at_once(warehouse):
    """Access is settled once a page run (ui/access.settle_access), so it must be settled on every run."""
    app = open_page(warehouse, *PAGE, secrets={"auth": AUTH, **ALLOWED}, user={"is_logged_in": False})
    assert RESTRICTED not in indicator_options(app)
    app.user = {"is_logged_in": True, "email": "officer@dorset.example", "email_verified": True}
    assert RESTRICTED in indicator_options(app.run())
    app.user = {"is_logged_in": False}
    assert RESTRICTED not in indicator_options(app.run())


def test_a_signed_in_user_not_on_the_allow_list_does_not(warehouse):
    app = open_page(
        warehouse,
        *PAGE,
        secrets={"auth": AUTH, **ALLOWED},
        user={"is_logged_in": True, "email": "someone@else.example"},
    )
    assert RESTRICTED not in indicator_options(app)


def test_an_unverified_email_claim_on_the_allow_list_is_not_enough(warehouse):
    # Multi-tenant Entra ID: anyone can make an account whose unverified email claim is an officer's address.
    app = open_page(
        warehouse,
        *PAGE,
        secrets={"auth": AUTH, **ALLOWED},
        user={"is_logged_in": True, "email": "officer@dorset.example"},
    )
    assert RESTRICTED not in indicator_options(app)


@pytest.mark.parametrize(
    ("claims", "allowed"),
    [
        ({"oid": "6F1C0C2A-0000-4000-8000-000000000001"}, True),  # object id on the list
        ({"email": "officer@dorset.example", "xms_edov": True}, True),  # Entra ID: domain owner verified
        ({"email": "officer@dorset.example", "email_verified": True, "tid": "other-tenant"}, False),
        ({"email": "officer@dorset.example", "email_verified": "true"}, False),  # a string is not a verification
        ({"oid": "someone-else", "email": "officer@dorset.example"}, False),
    ],
)
def test_access_rests_on_verified_claims_and_the_tenant(claims, allowed):
    from ui.access import claims_allowed

    allow_list = {"officer@dorset.example", "6f1c0c2a-0000-4000-8000-000000000001"}
    tenant = "dorset-tenant" if "tid" in claims else None
    assert claims_allowed(claims, allow_list, tenant) is allowed
