"""Settings the council chooses, read the same way by the pages and the commands.

`DASHBOARD_ILLUSTRATIVE` (or `illustrative` under `[dashboard]` in `.streamlit/secrets.toml`):
`show` (the default, for the shipped demonstration) or `hide` (for real use: no made-up
figure is loaded, so none can reach a page, chart, download or the briefing pack).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SECRETS_FILE = PROJECT_DIR / ".streamlit" / "secrets.toml"
ILLUSTRATIVE_SETTING = "DASHBOARD_ILLUSTRATIVE"
SHOW, HIDE = "show", "hide"


def illustrative_mode(secrets_file: Path = SECRETS_FILE) -> str:
    """'show' or 'hide': the environment first, then secrets.toml. Anything else hides made-up figures,
    the safe side for a council that meant to switch them off and mistyped the word."""
    given = os.environ.get(ILLUSTRATIVE_SETTING)
    if given is None:
        given = _from_secrets(secrets_file)
    given = (given or SHOW).strip().lower()
    return given if given in (SHOW, HIDE) else HIDE


def illustrative_shown(secrets_file: Path = SECRETS_FILE) -> bool:
    return illustrative_mode(secrets_file) == SHOW


def _from_secrets(secrets_file: Path) -> str | None:
    try:
        with open(secrets_file, "rb") as handle:
            value = tomllib.load(handle).get("dashboard", {}).get("illustrative")
    except OSError:
        return None  # no secrets file: the environment or the default decides
    except tomllib.TOMLDecodeError:
        return "unreadable"  # a broken file may have meant hide: hide (see illustrative_mode)
    return str(value) if value is not None else None
