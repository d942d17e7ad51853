"""Files of records: one row per request, referral or child, as a case management system exports them.

Each row gives an indicator, a unit (postcode, school, ward or small area), the record's
`date`, a status and a source. A record counts once in the indicator's period that holds its
date; the rows become ordinary unit rows (numerator 1) and are added up on load by unit and
period like any unit-level export, so no record is ever stored, only the totals.
"""

from __future__ import annotations

from indicators.areas import Areas
from indicators.catalogue import Catalogue
from indicators.extracts.problems import Problem
from indicators.extracts.reading import REQUIRED_COLUMNS, RawTable
from indicators.periods import FREQUENCIES, parse_date, period_containing

COLUMNS = [*REQUIRED_COLUMNS, "period_end", "numerator", "note"]


def records_as_rows(table: RawTable, catalogue: Catalogue, areas: Areas) -> tuple[RawTable, list[Problem]]:
    """The records as extract rows (one count each, in the period of its date), and the rows that cannot be."""
    index = {c: i for i, c in enumerate(table.columns)}
    rows, numbers, problems = [], [], []
    for cells, row in zip(table.rows, table.row_numbers, strict=False):
        cell = {c: cells[i] for c, i in index.items()}
        period, problem = _period_of(cell, catalogue, table.file, row)
        if problem is None and cell["area"].strip().lower() in areas.by_id:
            problem = Problem(
                table.file,
                row,
                "area",
                f"'{cell['area']}' is an area, and a record needs the postcode, school, ward or small area it is in",
                "Export each record with its postcode (or school URN), or give counts by area and period instead.",
            )
        if problem:
            problems.append(problem)
            continue
        # An unknown indicator keeps an empty period: the row checks then name it, with suggestions.
        end = (
            FREQUENCIES[catalogue.indicators[cell["indicator_id"]].frequency].default_end(period).isoformat()
            if period
            else ""
        )
        rows.append(
            [
                cell["indicator_id"],
                cell["area"],
                period,
                cell["data_status"],
                cell["source"],
                end,
                "1",
                cell.get("note", ""),
            ]
        )
        numbers.append(row)
    return RawTable(table.file, COLUMNS, rows, numbers), problems


def _period_of(cell: dict[str, str], catalogue: Catalogue, file: str, row: int) -> tuple[str, Problem | None]:
    indicator = catalogue.indicators.get(cell["indicator_id"])
    if indicator is None:
        return "", None  # the row checks name the unknown indicator, with suggestions
    if indicator.unit != "count":
        return "", Problem(
            file,
            row,
            "indicator_id",
            f"{indicator.id} is a {indicator.unit}, and a file of records can only count",
            "Give counts by unit and period instead (numerator and denominator columns), as the template does.",
        )
    day = parse_date(cell["date"])
    if day is None:
        return "", Problem(
            file, row, "date", f"'{cell['date']}' is not a date", "Write it as 2024-05-13 or 13/05/2024."
        )
    period = period_containing(indicator.frequency, day)
    if period is None:
        return "", Problem(
            file,
            row,
            "date",
            f"{indicator.id} is counted over {FREQUENCIES[indicator.frequency].noun}, which a dated record cannot be placed in",
            "Give counts by unit and period instead.",
        )
    return period, None
