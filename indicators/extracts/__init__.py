"""Indicator extracts (CSV, Excel or Parquet): read, checked and added up, all or nothing.

An extract is one long table, one row per indicator, area and period. `reading` turns any
supported file into rows of text with the row numbers the data team sees in a spreadsheet
(the header is row 1), a block at a time; `rows` checks each row; `consistency` checks
rows against each other; `loading` puts it together and adds unit-level rows up to
localities. Every problem names the file, the row and the column, says what is wrong and
how to fix it.
"""

from indicators.extracts.loading import find_duplicates, read_and_check
from indicators.extracts.problems import MAX_PROBLEMS_PER_FILE, ExtractError, Problem
from indicators.extracts.reading import (
    ALL_COLUMNS,
    MAX_FILE_BYTES,
    NUMBER_COLUMNS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    SUPPORTED_SUFFIXES,
    RawTable,
    read_blocks,
    read_table,
)
from indicators.extracts.rows import DATA_STATUSES, check_table

__all__ = [
    "ALL_COLUMNS",
    "DATA_STATUSES",
    "MAX_FILE_BYTES",
    "MAX_PROBLEMS_PER_FILE",
    "NUMBER_COLUMNS",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "SUPPORTED_SUFFIXES",
    "ExtractError",
    "Problem",
    "RawTable",
    "check_table",
    "find_duplicates",
    "read_and_check",
    "read_blocks",
    "read_table",
]
