"""Data readiness: which figures are real, which are still made up, and what it takes to make them real.

One cell per indicator and area: the status of its latest figure (published, estimated,
local, illustrative, or none loaded), its period, the day a load first brought it, and when
the next figure is expected. Counted per area and per priority for the readiness page, with
the data request of every indicator whose locality figures are not yet all real.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from indicators.areas import Areas
from indicators.catalogue import REQUEST_LEVELS, Catalogue, Indicator
from indicators.periods import FREQUENCIES, next_period
from indicators.releases import release_of
from indicators.tables import cell_names

STATUSES = ("published", "estimated", "local", "illustrative", "none")
STATUS_WORDS = {
    "published": "Published",
    "estimated": "Estimated",
    "local": "Local records",
    "illustrative": "Illustrative (made up)",
    "none": "None loaded",
}
REAL = {"published", "estimated", "local"}


def readiness_cells(latest: pd.DataFrame, catalogue: Catalogue, areas: Areas, today: date) -> pd.DataFrame:
    """One row per indicator and area (catalogue order). `latest`: the warehouse's latest figure per
    indicator and area (indicator_id, area_id, period, data_status, first_seen)."""
    found = latest.set_index(["indicator_id", "area_id"]) if len(latest) else None
    rows = []
    for priority in catalogue.priorities:
        for indicator in catalogue.indicators_for(priority.id):
            for area_id in (a.id for a in areas.lag_areas):
                key = (indicator.id, area_id)
                hit = found.loc[key] if found is not None and key in found.index else None
                period = None if hit is None else str(hit["period"])
                rows.append(
                    {
                        **cell_names(priority, indicator, areas[area_id]),
                        "status": "none" if hit is None else str(hit["data_status"]),
                        "Latest period": period or "–",
                        "First loaded": "–" if hit is None else str(hit["first_seen"]),
                        "Next expected": next_expected(indicator, period, today),
                    }
                )
    frame = pd.DataFrame(rows)
    frame["Status"] = frame["status"].map(STATUS_WORDS)
    return frame


def next_expected(indicator: Indicator, latest_period: str | None, today: date) -> str:
    """'around March 2027' from the publisher's timetable; else the next period, once it has ended."""
    release = release_of(indicator, latest_period)
    if release is not None:
        return "due now" if release.next_expected <= today else f"around {release.next_expected:%B %Y}"
    following = next_period(indicator.frequency, latest_period)
    if following is None:
        return "when supplied" if latest_period is None or indicator.frequency != "snapshot" else "at the next count"
    ends = FREQUENCIES[indicator.frequency].default_end(following)
    return f"{following}, after {ends:%-d %B %Y}" if ends >= today else f"{following} (its period has ended)"


def counts_by(cells: pd.DataFrame, by: str) -> pd.DataFrame:
    """How many indicators have each status, per area (`by="Area"`) or per priority (`by="Priority"`)."""
    table = pd.crosstab(cells[by], cells["status"]).reindex(columns=list(STATUSES), fill_value=0)
    order = list(dict.fromkeys(cells[by]))
    table = table.reindex(order).rename(columns=STATUS_WORDS).reset_index()
    return table.rename_axis(columns=None)


def still_to_make_real(cells: pd.DataFrame, catalogue: Catalogue, areas: Areas) -> pd.DataFrame:
    """The data request of every indicator without a real latest figure for each of the six localities."""
    localities = {a.id for a in areas.of_type("locality")}
    six = cells[cells["area_id"].isin(localities)]
    real_everywhere = six.groupby("indicator_id")["status"].agg(lambda s: s.isin(REAL).all())
    rows = []
    for indicator_id, real in real_everywhere.items():
        if real:
            continue
        indicator = catalogue.indicators[str(indicator_id)]
        request = indicator.request
        now = six[six["indicator_id"] == indicator_id]["status"].value_counts()
        rows.append(
            {
                "Indicator": indicator.title,
                "indicator_id": indicator.id,
                "Now": ", ".join(f"{STATUS_WORDS[s].split(' (')[0].lower()} {n}" for s, n in now.items()),
                "Count": indicator.request_count,
                "Out of": indicator.request_population,
                "Period": FREQUENCIES[indicator.frequency].description,
                "Usually held in": request.system if request else "not recorded",
                "Give": REQUEST_LEVELS[request.level] if request else "one row per locality",
                "Template": f"python -m indicators template {indicator.id}"
                + (f" --level {request.level}" if request else ""),
            }
        )
    order = list(catalogue.indicators)
    return (
        pd.DataFrame(rows).sort_values("indicator_id", key=lambda s: s.map(order.index)).reset_index(drop=True)
        if rows
        else pd.DataFrame(rows)
    )
