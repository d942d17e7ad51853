"""When figures come out: when the latest one was published and when the next is expected.

From the catalogue's `publication_month` (when the source usually publishes) and the
period the latest figure covers: a figure is published in the first such month after
its period ends, and the next one a year later. These are expectations from a
publisher's usual timetable, and are said as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from indicators.catalogue import Indicator
from indicators.periods import FREQUENCIES

ANNUAL = {"academic-year", "financial-year", "calendar-year", "three-financial-years", "three-calendar-years"}


@dataclass(frozen=True)
class Release:
    published_around: date  # the month the latest figure was (usually) published
    next_expected: date  # the month the next one is expected


def release_of(indicator: Indicator, latest_period: str | None) -> Release | None:
    """None where the catalogue gives no timetable (unpublished, monthly or snapshot figures)."""
    if latest_period is None or indicator.publication_month is None or indicator.frequency not in ANNUAL:
        return None
    ended = FREQUENCIES[indicator.frequency].default_end(latest_period)
    year = ended.year if indicator.publication_month > ended.month else ended.year + 1
    published = date(year, indicator.publication_month, 1)
    return Release(published, date(year + 1, indicator.publication_month, 1))


def release_words(indicator: Indicator, latest_period: str | None, today: date) -> str:
    """'Published around March 2026; the next figure is usually published in March 2027.'"""
    release = release_of(indicator, latest_period)
    if release is None:
        return "No publication timetable is recorded for this indicator."
    due = "due now" if release.next_expected <= today else f"usually published in {release.next_expected:%B %Y}"
    return (
        f"The latest figure ({latest_period}) was published around {release.published_around:%B %Y}; the next is {due}."
    )


def published_on(indicator: Indicator, period: str, period_end: date, status: str, first_loaded: date) -> date | None:
    """When a figure became public, as far as the dashboard can tell; None for a made-up figure.

    From the source's timetable where the catalogue gives one (the month it usually publishes);
    the council's own records (`local`) are released by loading them; a snapshot or a figure with no
    timetable is published no earlier than the date its period ends."""
    if status == "illustrative":
        return None
    if status == "local":
        return first_loaded
    release = release_of(indicator, period)
    return release.published_around if release is not None else period_end
