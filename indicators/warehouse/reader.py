"""Reading the warehouse for the pages: withheld figures only, every user value a bound parameter."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from indicators.warehouse.files import DEFAULT_WAREHOUSE, open_snapshot


class WarehouseReader:
    """Read-only queries for the pages. Every query reads withheld figures only."""

    def __init__(self, warehouse: Path = DEFAULT_WAREHOUSE):
        self.path = warehouse
        self._con = open_snapshot(warehouse)

    def close(self) -> None:
        self._con.close()

    def _query(self, sql: str, params: list[object] | None = None) -> pd.DataFrame:
        # A cursor per query: DuckDB connections are not shared safely across threads.
        with self._con.cursor() as cursor:
            return cursor.execute(sql, params or []).df()

    def build_info(self) -> dict[str, str]:
        frame = self._query("SELECT key, value FROM build_info")
        return dict(zip(frame["key"], frame["value"], strict=False))

    def has_illustrative_data(self) -> bool:
        return self.build_info().get("has_illustrative") == "True"

    def series(self, indicator_id: str, area_ids: list[str]) -> pd.DataFrame:
        """Every period of one indicator for the given areas, oldest first."""
        return self._query(
            """
            SELECT p.*, a.name AS area_name, a.type AS area_type
            FROM published p JOIN area a USING (area_id)
            WHERE p.indicator_id = ? AND list_contains(?, p.area_id)
            ORDER BY p.period_end_date, a.name
            """,
            [indicator_id, area_ids],
        )

    def area_values(self, area_ids: list[str]) -> pd.DataFrame:
        """Every shown value for some areas, all indicators, oldest first (for sparklines)."""
        return self._query(
            """
            SELECT indicator_id, area_id, period, period_end_date, value
            FROM published
            WHERE list_contains(?, area_id) AND NOT suppressed AND value IS NOT NULL
            ORDER BY indicator_id, area_id, period_end_date
            """,
            [area_ids],
        )

    def latest_period(self, indicator_id: str, area_type: str) -> str | None:
        frame = self._query(
            """
            SELECT p.period FROM published p JOIN area a USING (area_id)
            WHERE p.indicator_id = ? AND a.type = ?
            ORDER BY p.period_end_date DESC LIMIT 1
            """,
            [indicator_id, area_type],
        )
        return None if frame.empty else str(frame.iloc[0, 0])

    def period_snapshot(self, indicator_id: str, period: str) -> pd.DataFrame:
        """Every area's figure for one indicator in one period."""
        return self._query(
            """
            SELECT p.*, a.name AS area_name, a.type AS area_type
            FROM published p JOIN area a USING (area_id)
            WHERE p.indicator_id = ? AND p.period = ?
            ORDER BY a.name
            """,
            [indicator_id, period],
        )

    def assessments(self, area_ids: list[str] | None = None, indicator_ids: list[str] | None = None) -> pd.DataFrame:
        """Latest assessments, optionally for some areas and indicators only."""
        return self._query(
            """
            SELECT * FROM assessment
            WHERE (? IS NULL OR list_contains(?, area_id))
              AND (? IS NULL OR list_contains(?, indicator_id))
            """,
            [area_ids, area_ids, indicator_ids, indicator_ids],
        )

    def new_since(self, area_id: str, since: str) -> pd.DataFrame:
        """Figures for an area that a load first brought on or after `since` (withheld ones stay withheld)."""
        return self._query(
            """
            SELECT indicator_id, area_id, period, period_end_date, value, suppressed, data_status, first_seen FROM published
            WHERE area_id = ? AND first_seen >= ? ORDER BY indicator_id, period_end_date
            """,
            [area_id, since],
        )

    def verdicts_changed_since(self, area_id: str, since: str) -> pd.DataFrame:
        return self._query(
            "SELECT * FROM verdict_change WHERE area_id = ? AND changed_on >= ? ORDER BY changed_on, indicator_id",
            [area_id, since],
        )

    def projects(self, locality: str | None = None) -> pd.DataFrame:
        """Funded projects (all, or one locality's), newest decisions first."""
        return self._query(
            "SELECT * FROM project WHERE (? IS NULL OR locality = ?) ORDER BY decided_on DESC, project_id",
            [locality, locality],
        )

    def illustrative_series(self) -> pd.DataFrame:
        """Each indicator and area, with whether any of its figures are illustrative."""
        return self._query(
            """
            SELECT indicator_id, area_id, bool_or(data_status = 'illustrative') AS illustrative,
                   bool_and(data_status = 'illustrative') AS all_illustrative
            FROM published GROUP BY ALL
            """
        )

    def table_counts(self) -> pd.DataFrame:
        """Rows per indicator and data status, for the catalogue overview."""
        return self._query(
            """
            SELECT indicator_id, data_status, count(*) AS rows, min(period_end_date) AS first, max(period_end_date) AS last
            FROM published GROUP BY ALL ORDER BY indicator_id, data_status
            """
        )

    def load_log(self) -> pd.DataFrame:
        return self._query("SELECT * FROM load_log ORDER BY file")

    def real_locality_periods(self) -> pd.DataFrame:
        """Each indicator and period with real (not illustrative) figures for every one of the six localities."""
        return self._query(
            """
            SELECT indicator_id, period, min(data_status) AS data_status, max(period_end_date) AS period_end_date
            FROM published
            WHERE area_id IN (SELECT area_id FROM area WHERE type = 'locality') AND data_status <> 'illustrative'
            GROUP BY indicator_id, period
            HAVING count(DISTINCT area_id) = (SELECT count(*) FROM area WHERE type = 'locality')
            ORDER BY indicator_id, period_end_date
            """,
            [],
        )

    def latest_statuses(self) -> pd.DataFrame:
        """Each indicator and area's latest period, the status of its figure and the day it was first loaded."""
        return self._query(
            """
            SELECT indicator_id, area_id, arg_max(period, period_end_date) AS period,
                   arg_max(data_status, period_end_date) AS data_status, arg_max(first_seen, period_end_date) AS first_seen
            FROM published GROUP BY ALL
            """
        )

    def wards(self) -> pd.DataFrame:
        """The ward assignment the figures were built with (code, name, locality, sub_area, could_be, why)."""
        return self._query("SELECT * FROM locality_ward ORDER BY locality, name")
