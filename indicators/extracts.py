"""Reading and checking indicator extracts (CSV, Parquet or Excel).

An extract is one long table, one row per indicator, area and period. The reader
turns any supported file into rows of text with their row numbers as the data team
sees them in a spreadsheet (the header is row 1), so every problem can name the
file, the row and the column, say what is wrong and how to fix it.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from indicators.areas import Areas
from indicators.catalogue import Catalogue, Indicator
from indicators.formatting import FORMULA_START
from indicators.periods import FREQUENCIES, PeriodError, parse_date
from indicators.units import UNIT_WORDS, Placement, add_up, default_lookups, unit_kind

REQUIRED_COLUMNS = ("indicator_id", "area", "period", "data_status", "source")
OPTIONAL_COLUMNS = ("period_end", "numerator", "denominator", "value", "lower_ci", "upper_ci", "note")
ALL_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
NUMBER_COLUMNS = ("numerator", "denominator", "value", "lower_ci", "upper_ci")
TEXT_COLUMNS = ("source", "note")
DATA_STATUSES = {
    "published": "official statistics, as published",
    "local": "the council's or a partner's own records, not published",
    "estimated": "worked out from published figures with a stated assumption",
    "illustrative": "made-up demonstration figures",
}
COUNTED_UNITS = {"percentage", "rate", "count"}  # numerators are children (or events): whole numbers
SUPPORTED_SUFFIXES = {".csv", ".parquet", ".xlsx"}
MAX_FILE_BYTES = 50 * 1024 * 1024  # far above any real extract; stops a runaway file exhausting memory
LARGEST_PLAUSIBLE_VALUE = 1e9  # more than every child in England many times over
MAX_PROBLEMS_PER_FILE = 50
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)  # 0-9 only


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an extract, said so that someone can fix it."""

    file: str
    row: int | None
    column: str | None
    message: str
    fix: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}. {self.fix}"


class ExtractError(Exception):
    """An extract cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class RawTable:
    """Every cell as text, with the spreadsheet row number of each data row."""

    file: str
    columns: list[str]
    rows: list[list[str]]
    row_numbers: list[int]


def _normalise_header(name: object) -> str:
    return str(name).strip().lower().replace(" ", "_")


def _fail(file: str, message: str, fix: str, row: int | None = None, column: str | None = None) -> ExtractError:
    return ExtractError([Problem(file, row, column, message, fix)])


# --- reading files -------------------------------------------------------------------


def read_table(path: Path) -> RawTable:
    """Read a CSV, Parquet or Excel extract into text cells, or raise ExtractError."""
    name = path.name
    if not path.is_file():
        raise _fail(name, "file not found", "Check the path.")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise _fail(
            name,
            f"'{suffix or 'no extension'}' files are not supported",
            "Save the extract as .csv, .xlsx or .parquet.",
        )
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _fail(
            name,
            f"the file is {size / 1024 / 1024:.0f} MB, over the {MAX_FILE_BYTES // 1024 // 1024} MB limit",
            "Split it into smaller extracts (for example one per indicator or per year).",
        )
    if size == 0:
        raise _fail(name, "the file is empty", "Export the extract again: it should start with a header row.")
    reader = {".csv": _read_csv, ".parquet": _read_parquet, ".xlsx": _read_excel}[suffix]
    return reader(path)


def _read_csv(path: Path) -> RawTable:
    name = path.name
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise _fail(
            name, "this is not a text file (it contains binary data)", "Save the extract as 'CSV UTF-8' and try again."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        raise _fail(
            name,
            f"the text is not UTF-8 (byte 0x{data[error.start]:02x}, often a '£' or curly quote saved by Excel as Windows-1252)",
            "In Excel use 'Save as' > 'CSV UTF-8 (comma delimited)'.",
            row=row,
        ) from error
    records = list(csv.reader(io.StringIO(text, newline="")))
    # csv counts a quoted field with line breaks as one record: track real line numbers.
    return _table_from_records(name, records, _line_numbers(text))


def _line_numbers(text: str) -> list[int]:
    """The line each CSV record starts on (records can span lines inside quotes)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    starts, line = [], 1
    for _ in reader:
        starts.append(line)
        line = reader.line_num + 1
    return starts


def _table_from_records(name: str, records: list[list[str]], line_numbers: list[int]) -> RawTable:
    records_and_lines = [(r, n) for r, n in zip(records, line_numbers, strict=False) if any(cell.strip() for cell in r)]
    if not records_and_lines:
        raise _fail(
            name, "the file has no header row", "The first row must name the columns, e.g. indicator_id,area,period,..."
        )
    header, header_line = records_and_lines[0]
    columns = [_normalise_header(c) for c in header]
    _check_header(name, columns, header_line)
    rows, numbers = [], []
    for record, line in records_and_lines[1:]:
        if len(record) != len(columns):
            raise _fail(
                name,
                f"this row has {len(record)} values but the header has {len(columns)} columns "
                "(the file may be cut short, or a value contains an unquoted comma)",
                "Re-export the file in full; put quotes around text that contains commas.",
                row=line,
            )
        rows.append([cell.strip() for cell in record])
        numbers.append(line)
    if not rows:
        raise _fail(name, "the file has a header but no data rows", "Add at least one row of figures below the header.")
    return RawTable(name, columns, rows, numbers)


def _check_header(name: str, columns: list[str], header_row: int) -> None:
    if len(columns) == 1 and any(sep in columns[0] for sep in (";", "\t", "|")):
        raise _fail(
            name,
            "the columns are not separated by commas (found ';', tab or '|')",
            "Save as 'CSV UTF-8 (comma delimited)'.",
            row=header_row,
        )
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise _fail(
            name,
            f"missing required column(s) {', '.join(missing)}",
            f"The header row must include: {', '.join(REQUIRED_COLUMNS)}.",
            row=header_row,
        )
    unknown = [c for c in columns if c not in ALL_COLUMNS]
    if unknown:
        raise _fail(
            name,
            f"unknown column(s) {', '.join(repr(c) for c in unknown)}",
            f"Use only: {', '.join(ALL_COLUMNS)}.",
            row=header_row,
        )
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    if repeated:
        raise _fail(name, f"column(s) {', '.join(repeated)} appear more than once", "Keep one of each.", row=header_row)


def _cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


def _read_excel(path: Path) -> RawTable:
    name = path.name
    try:
        sheets = pd.read_excel(path, sheet_name=None, header=None, dtype=object, engine="openpyxl")
    except Exception as error:  # openpyxl raises many types for a damaged workbook
        raise _fail(
            name,
            f"Excel could not read this workbook ({type(error).__name__})",
            "Open it in Excel, check it, and save it again as .xlsx.",
        ) from error
    first_name, first = next(iter(sheets.items()))
    records = [[_cell_text(v) for v in row] for row in first.itertuples(index=False)]
    if not _has_header(records):
        elsewhere = [
            s
            for s, frame in list(sheets.items())[1:]
            if _has_header([[_cell_text(v) for v in r] for r in frame.itertuples(index=False)])
        ]
        if elsewhere:
            raise _fail(
                name,
                f"the first sheet ('{first_name}') has no extract header, but sheet '{elsewhere[0]}' does",
                "Move the data to the first sheet, or save that sheet on its own.",
            )
        raise _fail(
            name,
            f"row 1 of sheet '{first_name}' is not the column header (titles or merged header cells above the data?)",
            f"Delete any title rows so that row 1 holds exactly: {', '.join(REQUIRED_COLUMNS)}, ...",
            row=1,
        )
    return _table_from_records(name, records, list(range(1, len(records) + 1)))


def _has_header(records: list[list[str]]) -> bool:
    return bool(records) and all(c in [_normalise_header(x) for x in records[0]] for c in REQUIRED_COLUMNS)


def _read_parquet(path: Path) -> RawTable:
    import pyarrow as pa
    import pyarrow.parquet as pq

    name = path.name
    try:
        table = pq.read_table(path)
    except Exception as error:  # pyarrow raises several types for a damaged file
        raise _fail(
            name, f"this is not a readable Parquet file ({type(error).__name__})", "Export the extract again."
        ) from error
    columns = [_normalise_header(c) for c in table.column_names]
    _check_header(name, columns, 1)
    for column, field in zip(columns, table.schema, strict=False):
        kind = field.type
        text_ok = pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_null(kind)
        number_ok = pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind)
        date_ok = pa.types.is_date(kind) or pa.types.is_timestamp(kind)
        allowed = (
            number_ok or text_ok
            if column in NUMBER_COLUMNS
            else (date_ok or text_ok if column == "period_end" else text_ok)
        )
        if not allowed:
            raise _fail(
                name,
                f"the column has type {kind}, which cannot hold this field",
                "Numbers must be integer or floating point; ids, labels and text must be strings; period_end a date or string.",
                column=column,
            )
    frame = table.to_pandas()
    records = [[_cell_text(v) for v in row] for row in frame.itertuples(index=False)]
    return RawTable(name, columns, records, list(range(2, len(records) + 2)))


# --- checking rows ---------------------------------------------------------------------


@dataclass
class _RowChecker:
    table: RawTable
    catalogue: Catalogue
    areas: Areas
    today: date
    problems: list[Problem]

    def add(self, row: int, column: str | None, message: str, fix: str) -> None:
        self.problems.append(Problem(self.table.file, row, column, message, fix))


def _parse_number(text: str) -> float | str | None:
    """A float, None for an empty cell, or a string saying what is wrong."""
    if text == "":
        return None
    if not _NUMBER.fullmatch(text):
        if "," in text:
            return "contains a comma (write 1234.5, not 1,234.5 or 12,5)"
        return "is not a number (leave the cell empty where there is no figure)"
    number = float(text) + 0.0  # "-0" is zero, not a negative number to show as "-0.0%"
    if not math.isfinite(number):
        return "is not a finite number"
    return number


def check_table(
    table: RawTable, catalogue: Catalogue, areas: Areas, today: date | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check every row; return the clean rows and every problem found."""
    checker = _RowChecker(table, catalogue, areas, today or date.today(), [])
    clean: list[dict[str, object]] = []
    index = {c: i for i, c in enumerate(table.columns)}
    for cells, row in zip(table.rows, table.row_numbers, strict=False):
        record = {c: (cells[index[c]] if c in index else "") for c in ALL_COLUMNS}
        checked = _check_row(checker, record, row)
        if checked is not None:
            checked["source_file"] = table.file
            checked["source_row"] = row
            clean.append(checked)
        if len(checker.problems) >= MAX_PROBLEMS_PER_FILE:
            checker.add(
                row, None, f"stopped after {MAX_PROBLEMS_PER_FILE} problems", "Fix these and check the file again."
            )
            break
    frame = pd.DataFrame(
        clean, columns=[*list(ALL_COLUMNS), "area_id", "unit", "period_end_date", "source_file", "source_row"]
    )
    return frame, checker.problems


def _check_row(checker: _RowChecker, record: dict[str, str], row: int) -> dict[str, object] | None:
    before = len(checker.problems)
    indicator = checker.catalogue.indicators.get(record["indicator_id"])
    if indicator is None:
        close = [
            i
            for i in checker.catalogue.indicators
            if record["indicator_id"].lower() in i or i in record["indicator_id"].lower()
        ]
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        checker.add(
            row,
            "indicator_id",
            f"unknown indicator '{record['indicator_id']}'{hint}",
            "Use an id from the catalogue (python -m indicators catalogue lists them).",
        )
    area = checker.areas.resolve(record["area"])
    unit = unit_kind(record["area"]) if area is None else None
    if area is None and unit is None:
        checker.add(
            row,
            "area",
            f"unknown area '{record['area']}'",
            "Use an area id such as 'purbeck', an ONS code such as E06000059, or a unit to add up: "
            "a ward (E05...), LSOA (E01...), MSOA (E02...), school (URN:123456) or postcode.",
        )
    if unit is not None and indicator is not None:
        _check_unit_row(checker, record, row, indicator, unit)
    if record["data_status"] not in DATA_STATUSES:
        checker.add(
            row,
            "data_status",
            f"'{record['data_status']}' is not a data status",
            f"Use one of: {', '.join(DATA_STATUSES)}.",
        )
    for column in TEXT_COLUMNS:
        text = record[column]
        if text.startswith(FORMULA_START) or "\t" in text or "\r" in text:
            checker.add(
                row,
                column,
                "the text looks like a spreadsheet formula or has control characters",
                "Remove the leading '=', '+', '-' or '@' (and tabs or line breaks).",
            )
    if not record["source"]:
        checker.add(row, "source", "the source is empty", "Say where the figure comes from (publisher and dataset).")
    numbers = _check_numbers(checker, record, row)
    if indicator is None or (area is None and unit is None) or numbers is None:
        return None
    period_end = _check_period(checker, record, row, indicator.frequency)
    if area is not None and period_end is not None and area.valid_from and period_end < area.valid_from:
        checker.add(
            row,
            "area",
            f"{area.name} is only an area from {area.valid_from:%B %Y}, after this period",
            f"Report earlier periods under {area.parent}.",
        )
    _check_against_unit(checker, numbers, indicator, row)
    if len(checker.problems) > before or period_end is None:
        return None
    value = _derived_value(numbers, indicator)
    return (
        record
        | numbers
        | {
            "indicator_id": indicator.id,
            "value": value,
            "area_id": area.id if area is not None else None,
            "unit": record["area"].strip().upper() if unit is not None else None,
            "period_end_date": period_end,
        }
    )


def _check_unit_row(checker: _RowChecker, record: dict[str, str], row: int, indicator: Indicator, kind: str) -> None:
    """A unit's figure must be addable: counts, or a numerator and denominator, never a value alone."""
    words = UNIT_WORDS[kind]
    if indicator.unit == "days":
        checker.add(
            row,
            "area",
            f"a {words}'s {indicator.unit} cannot be added up to a locality",
            "Give locality figures for this indicator (averages need weights the extract does not carry).",
        )
    elif indicator.unit == "score" and not (record["numerator"] and record["denominator"]):
        checker.add(
            row,
            "numerator",
            f"a {words}'s average score needs its total (numerator) and the pupils it is shared by (denominator): "
            "averages are added up from totals, never averaged",
            "Give each unit's total points and its number of pupils (the value can be left empty).",
        )
    elif indicator.has_ratio and not (record["numerator"] and record["denominator"]):
        checker.add(
            row,
            "numerator",
            f"a {words}'s row needs its numerator and denominator: percentages and rates are added up "
            "from counts, never averaged",
            "Give the counts for each unit (the value can be left empty).",
        )


def _check_numbers(checker: _RowChecker, record: dict[str, str], row: int) -> dict[str, float | None] | None:
    numbers: dict[str, float | None] = {}
    ok = True
    for column in NUMBER_COLUMNS:
        parsed = _parse_number(record[column])
        if isinstance(parsed, str):
            checker.add(row, column, f"'{record[column]}' {parsed}", "Give a plain number, or leave the cell empty.")
            ok = False
        elif parsed is not None and abs(parsed) > LARGEST_PLAUSIBLE_VALUE:
            checker.add(
                row,
                column,
                f"{record[column]} is implausibly large",
                "Check the figure; counts of children are far smaller.",
            )
            ok = False
        elif parsed is not None and parsed < 0:
            checker.add(
                row, column, f"{record[column]} is negative", "Counts, rates and percentages cannot be negative."
            )
            ok = False
        else:
            numbers[column] = parsed
    return numbers if ok else None


def _check_period(checker: _RowChecker, record: dict[str, str], row: int, frequency_id: str) -> date | None:
    frequency = FREQUENCIES[frequency_id]
    label = record["period"]
    try:
        start, end = frequency.bounds(label)
    except PeriodError as error:
        checker.add(row, "period", f"{error} ({frequency.noun})", f"Write it like '{frequency.example}'.")
        return None
    if record["period_end"]:
        given = parse_date(record["period_end"])
        if given is None:
            checker.add(
                row, "period_end", f"'{record['period_end']}' is not a date", "Write dates as 2023-03-31 or 31/03/2023."
            )
            return None
        if not start <= given <= end:
            checker.add(
                row,
                "period_end",
                f"{given:%d %B %Y} is not within {label} ({start:%d %B %Y} to {end:%d %B %Y})",
                "Check the period label and its end date: one of them is wrong.",
            )
            return None
        end = given
    if end > checker.today:
        checker.add(
            row, "period_end", f"the period ends on {end:%d %B %Y}, in the future", "Check the period and its end date."
        )
        return None
    return end


def _derived_value(numbers: dict[str, float | None], indicator: Indicator) -> float | None:
    """The value as given, or worked out from the counts when the extract left it empty."""
    value, numerator, denominator = numbers.get("value"), numbers.get("numerator"), numbers.get("denominator")
    if value is not None:
        return value
    if indicator.unit == "count":
        return numerator
    if (indicator.has_ratio or indicator.unit == "score") and numerator is not None and denominator:
        return numerator / denominator * indicator.multiplier  # a score's total over its pupils
    return None


def _check_against_unit(
    checker: _RowChecker, numbers: dict[str, float | None], indicator: Indicator, row: int
) -> None:
    numerator, denominator, value = numbers.get("numerator"), numbers.get("denominator"), numbers.get("value")
    if value is None and numerator is None:
        checker.add(
            row,
            "value",
            "there is neither a value nor a numerator",
            "Give the value, or the numerator and denominator.",
        )
        return
    if denominator == 0:
        checker.add(row, "denominator", "the denominator is 0", "A figure cannot be counted out of nothing: leave it empty or correct it.")
        return
    if indicator.has_ratio and numerator is not None and denominator is None:
        checker.add(
            row,
            "denominator",
            "a numerator is given without a denominator",
            "Give the denominator the numerator is counted out of.",
        )
        return
    counted = numerator if numerator is not None else (value if indicator.unit == "count" else None)
    if indicator.unit in COUNTED_UNITS and counted is not None and not float(counted).is_integer():
        column = "numerator" if numerator is not None else "value"
        checker.add(row, column, f"{counted:g} is not a whole number of children", "Give the count as a whole number.")
        return
    over_100 = indicator.unit == "percentage" and not indicator.value_can_exceed_100
    if over_100 and numerator is not None and denominator and numerator > denominator:
        checker.add(
            row,
            "numerator",
            f"the numerator ({numerator:g}) is larger than the denominator ({denominator:g})",
            "A percentage's numerator is part of its denominator: check both.",
        )
        return
    if over_100 and value is not None and value > 100:
        checker.add(row, "value", f"{value:g}% is over 100%", "Give the percentage as a number from 0 to 100.")
    if indicator.has_ratio and value is not None and numerator is not None and denominator:
        expected = numerator / denominator * indicator.multiplier
        if abs(value - expected) > max(0.051, 0.001 * abs(expected)):
            checker.add(
                row,
                "value",
                f"the value {value:g} does not match numerator / denominator ({expected:.2f})",
                "Correct the value, or leave it empty and it will be worked out.",
            )
    _check_limits(checker, numbers, _derived_value(numbers, indicator), over_100, row)


def _check_limits(
    checker: _RowChecker, numbers: dict[str, float | None], value: float | None, within_100: bool, row: int
) -> None:
    lower, upper = numbers.get("lower_ci"), numbers.get("upper_ci")
    if (lower is None) != (upper is None):
        missing = "upper_ci" if upper is None else "lower_ci"
        checker.add(row, missing, "only one confidence limit is given", "Give both limits, or leave both empty.")
    elif lower is not None and upper is not None and lower > upper:
        checker.add(row, "lower_ci", "the lower confidence limit is above the upper one", "Swap or correct the limits.")
    elif within_100 and upper is not None and upper > 100:
        checker.add(row, "upper_ci", f"{upper:g}% is over 100%", "Percentage limits lie between 0 and 100.")
    elif value is not None and ((lower is not None and lower > value) or (upper is not None and upper < value)):
        checker.add(
            row,
            "lower_ci" if lower is not None and lower > value else "upper_ci",
            f"the confidence limits ({lower:g} to {upper:g}) do not contain the value ({value:g})",
            "Check the limits, or leave them empty and they will be worked out.",
        )


def find_duplicates(frame: pd.DataFrame) -> list[Problem]:
    """The same indicator, area and period given more than once, in one file or across files."""
    key = ["indicator_id", "area_id", "period"]
    repeated = frame[frame.duplicated(key, keep=False)]
    problems = []
    for (indicator_id, area_id, period), group in repeated.groupby(key, sort=True):
        places = [f"{f} row {r}" for f, r in zip(group["source_file"], group["source_row"], strict=False)]
        first = group.iloc[0]
        problems.append(
            Problem(
                str(first["source_file"]),
                int(first["source_row"]),
                "period",
                f"{indicator_id} for {area_id} in {period} is given more than once ({', '.join(places)})",
                "Keep one row for each indicator, area and period.",
            )
        )
    return problems


def read_and_check(
    paths: Iterable[Path],
    catalogue: Catalogue,
    areas: Areas,
    today: date | None = None,
    allow_unplaced: bool = False,
) -> pd.DataFrame:
    """Read and check every file; return all rows, or raise ExtractError listing every problem.

    Rows for units (schools, wards, small areas, postcodes) come back added up to
    localities and Dorset; the placement report is in `.attrs["placement"]`. A unit that
    cannot be placed is a problem unless `allow_unplaced`, when it is left out and reported.
    """
    frames, problems = [], []
    for path in paths:
        try:
            table = read_table(path)
        except ExtractError as error:
            problems.extend(error.problems)
            continue
        frame, found = check_table(table, catalogue, areas, today)
        frames.append(frame)
        problems.extend(found)
    combined = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(ALL_COLUMNS))
    placement = Placement()
    if not problems and "unit" in combined and combined["unit"].notna().any():
        combined, placement = _add_up_units(combined, catalogue)
        if placement.unplaced and not allow_unplaced:
            problems.extend(_unplaced_problems(placement))
    if not problems and len(combined):
        combined = _real_before_illustrative(combined)
        problems.extend(find_duplicates(combined))
    if problems:
        raise ExtractError(problems)
    combined = combined.drop(columns=["unit"], errors="ignore")
    combined.attrs["placement"] = placement
    return combined


def _add_up_units(frame: pd.DataFrame, catalogue: Catalogue) -> tuple[pd.DataFrame, Placement]:
    is_unit = frame["unit"].notna()
    totals, placement = add_up(frame[is_unit], default_lookups())
    if len(totals):
        units = totals["indicator_id"].map(catalogue.indicators.__getitem__)
        ratio = totals["numerator"] / totals["denominator"] * units.map(lambda i: i.multiplier)
        totals["value"] = totals["numerator"].where(units.map(lambda i: i.unit == "count"), ratio)
        # A Dorset total made from units gives way to a Dorset figure given as such.
        given = frame[~is_unit].set_index(["indicator_id", "area_id", "period"]).index
        keys = totals.set_index(["indicator_id", "area_id", "period"]).index
        totals = totals[~((totals["area_id"] == "dorset") & keys.isin(given))]
    return pd.concat([frame[~is_unit], totals], ignore_index=True), placement


def _unplaced_problems(placement: Placement) -> list[Problem]:
    problems = []
    for line in placement.unplaced:
        where, unit, reason = line.split(": ", 2)
        file, row = where.rsplit(" row ", 1)
        problems.append(
            Problem(
                file,
                int(row),
                "area",
                f"{unit} cannot be placed in a locality: {reason}",
                "Correct or remove the row, or load with --allow-unplaced to leave it out (the report says how much).",
            )
        )
    return problems


def _real_before_illustrative(frame: pd.DataFrame) -> pd.DataFrame:
    """Where a real figure and an illustrative one are given for the same key, the real one stands."""
    key = ["indicator_id", "area_id", "period"]
    real = frame.loc[frame["data_status"] != "illustrative", key]
    real_keys = pd.MultiIndex.from_frame(real)
    shadowed = (frame["data_status"] == "illustrative") & pd.MultiIndex.from_frame(frame[key]).isin(real_keys)
    return frame[~shadowed].reset_index(drop=True)
