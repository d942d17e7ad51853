"""The copy of a warehouse that replicas serve: only what pages read.

A full warehouse keeps the figures before withholding (`observation`), which a rebuild
needs; pages never read them. The serving copy leaves them out, with the source files'
paths and each row's reason for being withheld, so a copied or leaked file holds no
small number and nothing about the data team's folders. It records that it is a serving
copy: nothing can be loaded into it, and `check --sound-only` checks it.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd

from indicators.extracts import ExtractError, Problem
from indicators.warehouse.files import open_snapshot

SERVED_TABLES = (
    "published",
    "assessment",
    "verdict_change",
    "indicator",
    "area",
    "project",
    "load_log",
    "locality_ward",
    "build_info",
)
LEFT_OUT_COLUMNS = {"published": ("suppression_reason", "source_file", "source_row"), "load_log": ("path",)}
SERVING_COPY = "serving_copy"


def is_serving_copy(info: dict[str, str]) -> bool:
    return info.get(SERVING_COPY) == "True"


def write_serving_copy(warehouse: Path, out: Path) -> int:
    """Write `out`, holding only what pages read from `warehouse`; returns its published rows."""
    staging = out.with_name(f".{out.name}.partial")
    staging.unlink(missing_ok=True)
    with open_snapshot(warehouse) as source:
        tables = {row[0] for row in source.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        missing = [t for t in SERVED_TABLES if t not in tables]
        if missing:
            raise ExtractError(
                [
                    Problem(
                        warehouse.name,
                        None,
                        None,
                        f"is not a warehouse (no {', '.join(missing)})",
                        "Give the warehouse built by python -m indicators load.",
                    )
                ]
            )
        frames = {}
        for table in SERVED_TABLES:
            frame = source.sql(f"SELECT * FROM {table}").df()  # table is from SERVED_TABLES
            frames[table] = frame.drop(columns=[c for c in LEFT_OUT_COLUMNS.get(table, ()) if c in frame])
    info = frames["build_info"]
    info = info[~info["key"].str.startswith("rows_") & (info["key"] != SERVING_COPY)]
    counts = [(f"rows_{t}", str(len(frames[t]))) for t in ("published", "assessment")]
    added = pd.DataFrame([{"key": k, "value": v} for k, v in [*counts, (SERVING_COPY, "True")]])
    frames["build_info"] = pd.concat([info, added], ignore_index=True)
    try:
        with duckdb.connect(str(staging)) as target:
            for table, frame in frames.items():
                target.register("frame", frame)
                target.execute(f"CREATE TABLE {table} AS SELECT * FROM frame")  # table is from SERVED_TABLES
                target.unregister("frame")
            target.execute("CREATE INDEX published_lookup ON published (indicator_id, area_id)")
            target.execute("CHECKPOINT")
        os.replace(staging, out)
    finally:
        staging.unlink(missing_ok=True)
        Path(f"{staging}.wal").unlink(missing_ok=True)
    return len(frames["published"])
