"""Each page's tables for one view, made once per warehouse version and handed to every session.

The pages chose rows and columns from the warehouse's frames, and wrote CSV downloads, on
every run: under load that pandas indexing was a tenth of the server's time. Made here once
per (version, view), the same objects come back run after run, so their HTML is found by
the object itself (ui/markup.table) too. Like everything ui/memo.py keeps: read only.
"""

from __future__ import annotations

import pandas as pd

from indicators.exports import to_safe_csv
from indicators.projects import projects_by_priority, projects_table
from indicators.tables import SUMMARY_COLUMNS, status_counts
from ui import data
from ui.access import catalogue_for
from ui.memo import shared
from ui.state import area_label, chart_link

PROFILE_COLUMNS = ["Priority", *SUMMARY_COLUMNS]
READINESS_COLUMNS = ["Indicator", "Status", "Latest period", "First loaded", "Next expected"]


def _with_links(rows: pd.DataFrame, priority_id: str, area_id: str) -> tuple[pd.DataFrame, list[str]]:
    return rows[SUMMARY_COLUMNS], [chart_link(priority_id, area_id, i) for i in rows["indicator_id"]]


@shared(max_entries=64)
def verdict_counts(version: data.Version, area_id: str, restricted: bool) -> dict[str, int]:
    """How many of an area's indicators are better, worse, about the same or not compared since the baseline."""
    return status_counts(data.summary(version, area_id, restricted))


@shared(max_entries=256)
def priority_table(
    version: data.Version, area_id: str, restricted: bool, priority_id: str
) -> tuple[pd.DataFrame, list[str]]:
    """A priority page's summary table for an area, and each indicator's chart link."""
    return _with_links(data.summary(version, area_id, restricted, priority_id), priority_id, area_id)


@shared(max_entries=64)
def overview_tables(version: data.Version, area_id: str, restricted: bool) -> dict[str, tuple[pd.DataFrame, list[str]]]:
    """The overview's table for each priority (by id), and each indicator's chart link."""
    summary = data.summary(version, area_id, restricted)
    return {
        p.id: _with_links(summary[summary["Priority"] == p.title], p.id, area_id)
        for p in catalogue_for(restricted).priorities
    }


@shared(max_entries=64)
def profile_table(version: data.Version, area_id: str, restricted: bool) -> tuple[pd.DataFrame, bytes]:
    """Every indicator for an area, and the same as the CSV download."""
    rows = data.summary(version, area_id, restricted)[PROFILE_COLUMNS]
    return rows, to_safe_csv(rows)


@shared(max_entries=256)
def side_by_side(version: data.Version, area_id: str, other_id: str, restricted: bool) -> pd.DataFrame:
    """Two areas' latest figures and verdicts since the baseline, indicator by indicator."""
    mine, theirs = (data.summary(version, a, restricted).set_index("indicator_id") for a in (area_id, other_id))
    side = mine[["Priority", "Indicator", "Latest", "Since the plan started"]].rename(
        columns={
            "Latest": f"{area_label(area_id)}: latest",
            "Since the plan started": f"{area_label(area_id)}: since baseline",
        }
    )
    side[f"{area_label(other_id)}: latest"] = theirs["Latest"]
    side[f"{area_label(other_id)}: since baseline"] = theirs["Since the plan started"]
    return side.reset_index(drop=True)


@shared(max_entries=8)
def ward_table(version: data.Version) -> pd.DataFrame:
    """The wards in each locality and sub-area, as the figures were built."""
    from indicators import provenance
    from indicators.areas import default_areas

    return provenance.ward_lists(data.ward_list(version), default_areas())


@shared(max_entries=64)
def readiness_detail(version: data.Version, today: str, restricted: bool, area_id: str) -> tuple[pd.DataFrame, str]:
    """Each indicator's latest figure in one area (status, period, dates), and its CSV download."""
    cells = data.readiness(version, today, restricted)
    rows = cells[cells["area_id"] == area_id]
    return rows[READINESS_COLUMNS], rows[["Priority", *READINESS_COLUMNS]].to_csv(index=False)


@shared(max_entries=8)
def readiness_requests(version: data.Version, today: str, restricted: bool) -> tuple[pd.DataFrame, str]:
    """The data requests still to make, as shown and as the CSV download."""
    shown = data.readiness_requests(version, today, restricted).drop(columns=["indicator_id"])
    return shown, shown.to_csv(index=False)


@shared(max_entries=32)
def project_tables(version: data.Version, locality: str | None, restricted: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A LAG's (or every LAG's: None) agreed funding by priority, and every decision."""
    projects, catalogue = data.projects(version, locality), catalogue_for(restricted)
    return projects_by_priority(projects, catalogue), projects_table(projects, catalogue)


def prepare_first_views(version: data.Version) -> None:
    """While the first visitor's browser loads Streamlit's JavaScript: the assessments, Dorset's summary
    and one chart, so their first page finds these made and Plotly's chart code loaded (a fresh server's
    first deep link: 0.69 to 0.47 s). Every area's charts would take the processor from that visitor."""
    from ui import figures

    catalogue = catalogue_for(False)
    data.summary(version, "dorset", False)
    first = next(iter(catalogue.indicators))
    figures.trend(version, first, figures.trend_lines(first, "dorset", "england"))
    data.illustrative_notice(version, tuple(catalogue.indicators))
