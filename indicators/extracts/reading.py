"""Reading extract files (CSV, Excel, Parquet) into text cells, a block of rows at a time.

Every cell comes back as text with the row number the data team sees in a spreadsheet
(the header is row 1), so each problem can name its row. Files are read in blocks of
`BLOCK_ROWS` rows and never held whole as Python objects: a 50 MB postcode-level CSV
stays within a few hundred megabytes. Only the first sheet of a workbook is read
(python-calamine reads sheets on demand; openpyxl parses every sheet to size it).
"""

from __future__ import annotations

import codecs
import csv
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from indicators.extracts.problems import ExtractError, fail

REQUIRED_COLUMNS = ("indicator_id", "area", "period", "data_status", "source")
OPTIONAL_COLUMNS = ("period_end", "numerator", "denominator", "value", "lower_ci", "upper_ci", "note")
ALL_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
# A file of records (one row per request or child, as a case management system exports them) gives
# each record's `date` instead of a period and a count: see records.py.
RECORD_COLUMNS = ("indicator_id", "area", "date", "data_status", "source")
NUMBER_COLUMNS = ("numerator", "denominator", "value", "lower_ci", "upper_ci")
SUPPORTED_SUFFIXES = {".csv", ".parquet", ".xlsx"}
MAX_FILE_BYTES = 50 * 1024 * 1024  # far above any real extract; stops a runaway file exhausting memory
BLOCK_ROWS = 20_000
MAX_CELL_CHARACTERS = csv.field_size_limit()  # 128 KB: a cell that long is a missing closing quote


@dataclass(frozen=True)
class RawTable:
    """Every cell as text, with the spreadsheet row number of each data row (one block of a file)."""

    file: str
    columns: list[str]
    rows: list[list[str]]
    row_numbers: list[int]


def read_blocks(path: Path) -> Iterator[RawTable]:
    """The extract's rows in blocks, or ExtractError for a file that cannot be read as an extract."""
    name = path.name
    if not path.is_file():
        raise fail(name, "file not found", "Check the path.")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise fail(
            name,
            f"'{suffix or 'no extension'}' files are not supported",
            "Save the extract as .csv, .xlsx or .parquet.",
        )
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise fail(
            name,
            f"the file is {size / 1024 / 1024:.0f} MB, over the {MAX_FILE_BYTES // 1024 // 1024} MB limit",
            "Split it into smaller extracts (for example one per indicator or per year).",
        )
    if size == 0:
        raise fail(name, "the file is empty", "Export the extract again: it should start with a header row.")
    reader = {".csv": _csv_blocks, ".parquet": _parquet_blocks, ".xlsx": _excel_blocks}[suffix]
    try:
        yield from reader(path)
    except PermissionError as error:
        raise fail(
            name,
            "the file cannot be read (permission denied)",
            "Ask for read access to it, or copy it somewhere readable.",
        ) from error


def read_table(path: Path) -> RawTable:
    """The whole extract as one table (for small files and tests)."""
    blocks = list(read_blocks(path))
    return RawTable(
        blocks[0].file,
        blocks[0].columns,
        [r for b in blocks for r in b.rows],
        [n for b in blocks for n in b.row_numbers],
    )


def normalise_header(name: object) -> str:
    return str(name).strip().lower().replace(" ", "_")


def check_header(name: str, columns: list[str], header_row: int) -> None:
    if len(columns) == 1 and any(sep in columns[0] for sep in (";", "\t", "|")):
        raise fail(
            name,
            "the columns are not separated by commas (found ';', tab or '|')",
            "Save as 'CSV UTF-8 (comma delimited)'.",
            row=header_row,
        )
    records = is_records(columns)
    required, allowed = (RECORD_COLUMNS, (*RECORD_COLUMNS, "note")) if records else (REQUIRED_COLUMNS, ALL_COLUMNS)
    missing = [c for c in required if c not in columns]
    if missing:
        raise fail(
            name,
            f"missing required column(s) {', '.join(missing)}",
            f"The header row must include: {', '.join(required)}"
            + ("" if records else f" (or, for one row per record: {', '.join(RECORD_COLUMNS)})")
            + ".",
            row=header_row,
        )
    unknown = [c for c in columns if c not in allowed]
    if unknown:
        raise fail(
            name,
            f"unknown column(s) {', '.join(repr(c) for c in unknown)}",
            f"Use only: {', '.join(allowed)}"
            + (" (a file of records, one row each, gives a date and no counts)" if records else "")
            + ".",
            row=header_row,
        )
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    if repeated:
        raise fail(name, f"column(s) {', '.join(repeated)} appear more than once", "Keep one of each.", row=header_row)


def _blocks_of(name: str, records: Iterator[tuple[list[str], int]]) -> Iterator[RawTable]:
    """Header from the first non-empty record, then blocks of data rows of the same width."""
    header = next(((r, n) for r, n in records if any(cell.strip() for cell in r)), None)
    if header is None:
        raise fail(
            name, "the file has no header row", "The first row must name the columns, e.g. indicator_id,area,period,..."
        )
    columns = [normalise_header(c) for c in header[0]]
    check_header(name, columns, header[1])
    rows: list[list[str]] = []
    numbers: list[int] = []
    any_rows = False
    for record, line in records:
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(columns):
            raise fail(
                name,
                f"this row has {len(record)} values but the header has {len(columns)} columns "
                "(the file may be cut short, or a value contains an unquoted comma)",
                "Re-export the file in full; put quotes around text that contains commas.",
                row=line,
            )
        rows.append([cell.strip() for cell in record])
        numbers.append(line)
        if len(rows) >= BLOCK_ROWS:
            yield RawTable(name, columns, rows, numbers)
            rows, numbers, any_rows = [], [], True
    if rows:
        yield RawTable(name, columns, rows, numbers)
    elif not any_rows:
        raise fail(name, "the file has a header but no data rows", "Add at least one row of figures below the header.")


# --- CSV ------------------------------------------------------------------------------


def _check_text(path: Path) -> None:
    """Binary data or text that is not UTF-8, found without holding the file in memory."""
    name = path.name
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines = 1
    with open(path, "rb") as handle:
        first = True
        while block := handle.read(1 << 20):
            if first and b"\x00" in block[:8192]:
                raise fail(
                    name,
                    "this is not a text file (it contains binary data)",
                    "Save the extract as 'CSV UTF-8' and try again.",
                )
            first = False
            try:
                decoder.decode(block)
            except UnicodeDecodeError as error:
                raise fail(
                    name,
                    f"the text is not UTF-8 (byte 0x{block[error.start]:02x}, often a '£' or curly quote saved by Excel "
                    "as Windows-1252)",
                    "In Excel use 'Save as' > 'CSV UTF-8 (comma delimited)'.",
                    row=lines + block[: error.start].count(b"\n"),
                ) from error
            lines += block.count(b"\n")


def _csv_blocks(path: Path) -> Iterator[RawTable]:
    _check_text(path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)

        def records() -> Iterator[tuple[list[str], int]]:
            start = 1  # a quoted cell may hold line breaks: a record starts on the line after the last one ended
            try:
                for record in reader:
                    yield record, start
                    start = reader.line_num + 1
            except csv.Error as error:
                too_long = "field larger than field limit" in str(error)
                raise fail(
                    path.name,
                    f"a cell is longer than {MAX_CELL_CHARACTERS:,} characters"
                    if too_long
                    else f"this row cannot be read as CSV ({error})",
                    "Check for a quote mark that is opened and never closed: it turns the rest of the file into one cell."
                    if too_long
                    else "Save the extract again as 'CSV UTF-8 (comma delimited)'.",
                    row=start,
                ) from error

        yield from _blocks_of(path.name, records())


# --- Excel -----------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


def is_records(columns: list[str]) -> bool:
    """A file of records: a `date` for each row and no `period`."""
    return "date" in columns and "period" not in columns


def _has_header(first_row: list[str]) -> bool:
    names = [normalise_header(x) for x in first_row]
    return all(c in names for c in REQUIRED_COLUMNS) or all(c in names for c in RECORD_COLUMNS)


def _excel_blocks(path: Path) -> Iterator[RawTable]:
    from python_calamine import CalamineWorkbook

    name = path.name
    try:
        # Calamine reads a sheet only when asked for it: an unused sheet of millions of cells costs nothing.
        workbook = CalamineWorkbook.from_path(str(path))
        rows = [[_cell_text(v) for v in row] for row in workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)]
    except Exception as error:  # calamine raises several types for a damaged workbook
        raise fail(
            name,
            f"Excel could not read this workbook ({type(error).__name__})",
            "Open it in Excel, check it, and save it again as .xlsx.",
        ) from error
    first = rows[0] if rows else []
    if not _has_header(first):
        raise _no_header(name, workbook)
    width = max((i + 1 for i, cell in enumerate(first) if cell), default=0)

    def records() -> Iterator[tuple[list[str], int]]:
        for number, row in enumerate(rows, start=1):
            yield (row + [""] * width)[:width], number

    yield from _blocks_of(name, records())


def _no_header(name: str, workbook) -> ExtractError:
    """Say where the header is, reading only the first row of the other sheets."""
    names = workbook.sheet_names
    for index, sheet_name in enumerate(names[1:], start=1):
        row = next(iter(workbook.get_sheet_by_index(index).to_python(nrows=1)), [])
        if _has_header([_cell_text(v) for v in row]):
            return fail(
                name,
                f"the first sheet ('{names[0]}') has no extract header, but sheet '{sheet_name}' does",
                "Move the data to the first sheet, or save that sheet on its own.",
            )
    return fail(
        name,
        f"row 1 of sheet '{names[0] if names else ''}' is not the column header (titles or merged header cells above the data?)",
        f"Delete any title rows so that row 1 holds exactly: {', '.join(REQUIRED_COLUMNS)}, ...",
        row=1,
    )


# --- Parquet ---------------------------------------------------------------------------


def _parquet_blocks(path: Path) -> Iterator[RawTable]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    name = path.name
    try:
        parquet = pq.ParquetFile(path)
        schema = parquet.schema_arrow
    except Exception as error:  # pyarrow raises several types for a damaged file
        raise fail(
            name, f"this is not a readable Parquet file ({type(error).__name__})", "Export the extract again."
        ) from error
    columns = [normalise_header(c) for c in schema.names]
    check_header(name, columns, 1)
    for column, kind in zip(columns, schema.types, strict=True):
        text_ok = pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_null(kind)
        number_ok = pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind)
        date_ok = pa.types.is_date(kind) or pa.types.is_timestamp(kind)
        allowed = (
            number_ok or text_ok
            if column in NUMBER_COLUMNS
            else (date_ok or text_ok if column == "period_end" else text_ok)
        )
        if not allowed:
            raise fail(
                name,
                f"the column has type {kind}, which cannot hold this field",
                "Numbers must be integer or floating point; ids, labels and text must be strings; period_end a date or string.",
                column=column,
            )
    row = 2
    try:
        for batch in parquet.iter_batches(batch_size=BLOCK_ROWS):
            frame = batch.to_pandas()
            records = [[_cell_text(v) for v in values] for values in frame.itertuples(index=False)]
            yield RawTable(name, columns, records, list(range(row, row + len(records))))
            row += len(records)
    except ExtractError:
        raise
    except Exception as error:
        raise fail(
            name, f"the Parquet file cannot be read to the end ({type(error).__name__})", "Export the extract again."
        ) from error
    if row == 2:
        raise fail(name, "the file has a header but no data rows", "Add at least one row of figures below the header.")
