"""What the warehouse being replaced held, carried into the new one: the day each figure first
appeared (kept while the figure is unchanged) and every change of verdict (for "what is new since...")."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from indicators.warehouse.files import open_snapshot

KEY = ["indicator_id", "area_id", "period"]
OBSERVATION_COLUMNS = [
    "indicator_id",
    "area_id",
    "period",
    "period_end_date",
    "numerator",
    "denominator",
    "value",
    "lower_ci",
    "upper_ci",
    "data_status",
    "source",
    "note",
    "source_file",
    "source_row",
    "origin",
]
# Where a row came from: part of the extracts folder, or a file loaded on its own on top.
FOLDER, ADDED = "folder", "added"
VERDICTS = ("vs_baseline", "trend")  # the verdicts whose changes are remembered for "what is new"


@dataclass(frozen=True)
class Loaded:
    """What a warehouse holds: its rows, the files they came from and the folder it follows."""

    observations: pd.DataFrame
    sources: pd.DataFrame  # file, path, sha256, origin, rows
    folder: str
    first_seen: pd.DataFrame  # indicator_id, area_id, period, value, first_seen
    verdicts: pd.DataFrame  # indicator_id, area_id and the VERDICTS as last assessed
    changes: pd.DataFrame  # verdict_change: every change remembered so far


def _read_loaded(warehouse: Path) -> Loaded | None:
    if not warehouse.exists():
        return None
    with open_snapshot(warehouse) as con:
        observations = con.execute("SELECT * FROM observation").df()
        sources = con.execute("SELECT * FROM load_log").df()
        info = dict(con.execute("SELECT key, value FROM build_info").fetchall())
        verdicts = con.execute(f"SELECT indicator_id, area_id, {', '.join(VERDICTS)} FROM assessment").df()
        tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        changes = con.execute("SELECT * FROM verdict_change").df() if "verdict_change" in tables else _no_changes()
    if "origin" not in observations:  # a warehouse from before origins were recorded
        observations["origin"] = FOLDER
    # DuckDB hands dates back as timestamps; the checked rows hold plain dates.
    observations["period_end_date"] = pd.to_datetime(observations["period_end_date"]).dt.date
    if "first_seen" not in observations:
        observations["first_seen"] = info.get("built_at", "")[:10] or None
    seen = observations[[*KEY, "value", "first_seen"]]
    return Loaded(observations[OBSERVATION_COLUMNS], sources, info.get("folder", ""), seen, verdicts, changes)


def _no_changes() -> pd.DataFrame:
    return pd.DataFrame(columns=["indicator_id", "area_id", "verdict", "was", "now", "changed_on"])


def verdict_changes(assessed: pd.DataFrame, previous: Loaded | None, today: str) -> pd.DataFrame:
    """Every remembered change of verdict, plus those this build makes (for 'what is new since...')."""
    if previous is None:
        return _no_changes()
    key = ["indicator_id", "area_id"]
    joined = assessed[[*key, *VERDICTS]].merge(previous.verdicts, on=key, suffixes=("", "_was"))
    new = [
        {
            "indicator_id": r["indicator_id"],
            "area_id": r["area_id"],
            "verdict": v,
            "was": r[f"{v}_was"],
            "now": r[v],
            "changed_on": today,
        }
        for _, r in joined.iterrows()
        for v in VERDICTS
        if r[v] != r[f"{v}_was"]
    ]
    return pd.concat([previous.changes, pd.DataFrame(new, columns=_no_changes().columns)], ignore_index=True)


def stamp_first_seen(observations: pd.DataFrame, previous: Loaded | None, today: str) -> pd.DataFrame:
    """When each figure first appeared in a load: kept from the last warehouse if the figure is unchanged."""
    stamped = observations.copy()
    stamped["first_seen"] = today
    if previous is None or previous.first_seen.empty:
        return stamped
    before = previous.first_seen.rename(columns={"value": "value_before", "first_seen": "seen_before"})
    joined = stamped[[*KEY, "value"]].merge(before, on=KEY, how="left")
    same = (joined["value"] == joined["value_before"]) | (joined["value"].isna() & joined["value_before"].isna())
    same &= joined["seen_before"].notna()
    stamped["first_seen"] = joined["seen_before"].where(same, today).to_numpy()
    return stamped


def previous_build(warehouse: Path) -> Loaded | None:
    """The warehouse being replaced, if it can be read (a damaged one is simply not carried over)."""
    try:
        return _read_loaded(warehouse)
    except (duckdb.Error, OSError):
        return None
