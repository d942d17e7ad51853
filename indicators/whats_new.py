"""What is new since a date, and which figures are usually published before the next meeting."""

from __future__ import annotations

from datetime import date

import pandas as pd

from indicators.catalogue import Catalogue
from indicators.formatting import SUPPRESSED_MARK, format_value, status_mark
from indicators.periods import next_period
from indicators.releases import published_on, release_of
from indicators.verdicts import status_text

WHATS_NEW_COLUMNS = ["Indicator", "What is new", "Published", "First loaded"]


def whats_new(figures: pd.DataFrame, changes: pd.DataFrame, catalogue: Catalogue, since: date) -> pd.DataFrame:
    """Per indicator: figures *published* since a date (releases.published_on: a source's timetable, the
    day local records were loaded), and verdicts that changed since then. When a load first brought a
    figure is a note for the data team (a warehouse built today has loaded everything today), not news.

    `figures`: an area's figures (WarehouseReader.new_since with an early date: every one)."""
    rows = []
    start = since.replace(day=1)
    # Plain records, not a pandas group per indicator: this runs on every area's first overview, and
    # pandas' per-group indexing cost ten times the work itself.
    by_indicator: dict[str, list[dict]] = {}
    for record in figures.to_dict("records"):
        by_indicator.setdefault(record["indicator_id"], []).append(record)
    for indicator_id, group in by_indicator.items():
        if indicator_id not in catalogue.indicators:
            continue  # restricted
        indicator = catalogue.indicators[indicator_id]
        published = [
            published_on(
                indicator, str(r["period"]), _day(r["period_end_date"]), str(r["data_status"]), _day(r["first_seen"])
            )
            for r in group
        ]
        fresh = [(r, day) for r, day in zip(group, published, strict=True) if day is not None and day >= start]
        if not fresh:
            continue
        last = fresh[-1][0]
        latest = (
            SUPPRESSED_MARK
            if last["suppressed"]
            else format_value(last["value"], indicator) + status_mark(last["data_status"])
        )
        rows.append(
            {
                "Indicator": indicator.title,
                "What is new": f"{len(fresh)} figure(s), latest {latest} in {last['period']}",
                "Published": f"{max(day for _, day in fresh):%B %Y}",
                "First loaded": str(max(r["first_seen"] for r, _ in fresh)),
            }
        )
    names = {"vs_baseline": "since the plan started", "trend": "recent trend"}
    for change in changes.itertuples():
        if change.indicator_id not in catalogue.indicators:
            continue
        rows.append(
            {
                "Indicator": catalogue.indicators[change.indicator_id].title,
                "What is new": f"{names.get(change.verdict, change.verdict)}: {status_text(change.was)} → {status_text(change.now)}",
                "Published": "–",
                "First loaded": change.changed_on,
            }
        )
    return pd.DataFrame(rows, columns=WHATS_NEW_COLUMNS)


def _day(value: object) -> date:
    """A date from what DuckDB hands back: a date, a timestamp or its text."""
    return date.fromisoformat(str(value)[:10])


def expected_before(catalogue: Catalogue, latest: dict[str, str | None], today: date, meeting: date) -> pd.DataFrame:
    """Indicators whose next figure is usually published by the meeting date (or is due already)."""
    rows = []
    for indicator in catalogue.indicators.values():
        release = release_of(indicator, latest.get(indicator.id))
        if release is None or release.next_expected > meeting:
            continue
        when = "due now" if release.next_expected <= today else f"{release.next_expected:%B %Y}"
        rows.append(
            {
                "Indicator": indicator.title,
                "Next figure usually published": when,
                "It will cover": next_period(indicator.frequency, latest[indicator.id]) or "",
            }
        )
    return pd.DataFrame(rows, columns=["Indicator", "Next figure usually published", "It will cover"])
