"""The one "did you mean ...?" every error message about a mistyped name gives (catalogue keys,
indicator ids in extracts). Imports nothing of the package, so any module may use it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(text: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """' (did you mean 'x'?)' for the choice closest to a mistyped `text`, or '' when none is close."""
    close = difflib.get_close_matches(text.strip().lower(), list(choices), n=1, cutoff=cutoff)
    return f" (did you mean '{close[0]}'?)" if close else ""
