"""Reading and checking extracts: good files load, bad ones say exactly what to fix."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from indicators.extracts import ExtractError, read_and_check
from tests.conftest import EXTRACT_HEADER, good_row, write_extract

TODAY = date(2026, 1, 1)


def check(paths: list[Path], catalogue, areas) -> pd.DataFrame:
    return read_and_check(paths, catalogue, areas, today=TODAY)


def problems_of(paths: list[Path], catalogue, areas) -> list[str]:
    with pytest.raises(ExtractError) as caught:
        check(paths, catalogue, areas)
    return [str(p) for p in caught.value.problems]


def test_a_good_csv_is_read_with_the_value_worked_out(tmp_path, catalogue, areas):
    rows = check([write_extract(tmp_path / "good.csv", [good_row()])], catalogue, areas)
    assert len(rows) == 1
    assert rows.loc[0, "value"] == pytest.approx(20.0)
    assert rows.loc[0, "period_end_date"] == date(2023, 8, 31)


def test_areas_may_be_given_by_ons_code_and_dates_in_uk_format(tmp_path, catalogue, areas):
    path = write_extract(
        tmp_path / "codes.csv",
        [good_row(area="E06000059", period_end="31/08/2023", numerator=15000, denominator=80000)],
    )
    rows = check([path], catalogue, areas)
    assert rows.loc[0, "area_id"] == "dorset"
    assert rows.loc[0, "period_end_date"] == date(2023, 8, 31)


def test_a_utf8_byte_order_mark_is_accepted(tmp_path, catalogue, areas):
    path = write_extract(tmp_path / "bom.csv", [good_row(source="Dorset Council – £ costs")])
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert check([path], catalogue, areas).loc[0, "source"] == "Dorset Council – £ costs"


def test_excel_and_parquet_extracts_read_like_csv(tmp_path, catalogue, areas):
    frame = pd.DataFrame([good_row()], columns=EXTRACT_HEADER)
    frame.to_excel(tmp_path / "book.xlsx", index=False)
    pq.write_table(pa.Table.from_pandas(pd.DataFrame([good_row(area="east")])), tmp_path / "table.parquet")
    rows = check([tmp_path / "book.xlsx", tmp_path / "table.parquet"], catalogue, areas)
    assert sorted(rows["area_id"]) == ["east", "purbeck"]


def test_a_count_takes_its_value_from_the_numerator(tmp_path, catalogue, areas):
    path = write_extract(
        tmp_path / "count.csv",
        [good_row(indicator_id="early-help-requests", period="2023-04", numerator=57, denominator="")],
    )
    assert check([path], catalogue, areas).loc[0, "value"] == 57


# Each bad input: the rows of the file (or raw bytes) and what the message must say.
BAD_ROWS = {
    "unknown indicator": (
        [good_row(indicator_id="persistant-absence")],
        "row 2, column 'indicator_id': unknown indicator 'persistant-absence'",
    ),
    "unknown area": ([good_row(area="Atlantis")], "row 2, column 'area': unknown area 'Atlantis'"),
    "text in a number": ([good_row(numerator="n/a")], "row 2, column 'numerator': 'n/a' is not a number"),
    "decimal comma": (
        [good_row(value="12,5", numerator="", denominator="")],
        "row 2, column 'value': '12,5' contains a comma",
    ),
    "a dash for missing": ([good_row(denominator="-")], "row 2, column 'denominator': '-' is not a number"),
    "negative count": (
        [good_row(indicator_id="early-help-requests", period="2023-04", numerator=-3, denominator="")],
        "row 2, column 'numerator': -3 is negative",
    ),
    "numerator above denominator": (
        [good_row(numerator=5000, denominator=4100)],
        "row 2, column 'numerator': the numerator (5000) is larger than the denominator (4100)",
    ),
    "value disagrees": (
        [good_row(value=35.0)],
        "row 2, column 'value': the value 35 does not match numerator / denominator (20.00)",
    ),
    "unparseable period end": (
        [good_row(period_end="31st March")],
        "row 2, column 'period_end': '31st March' is not a date",
    ),
    "future period": (
        [good_row(period="2030/31")],
        "row 2, column 'period_end': the period ends on 31 August 2031, in the future",
    ),
    "wrong period format": (
        [good_row(period="2022-23")],
        "row 2, column 'period': '2022-23' is not a label for a school year",
    ),
    "very large value": (
        [good_row(numerator=5e12, denominator=6e12)],
        "row 2, column 'numerator': 5000000000000.0 is implausibly large",
    ),
    "formula in text": (
        [good_row(note='=HYPERLINK("http://x","click")')],
        "row 2, column 'note': the text looks like a spreadsheet formula",
    ),
    "unknown data status": ([good_row(data_status="real")], "row 2, column 'data_status': 'real' is not a data status"),
    "nothing to show": (
        [good_row(numerator="", denominator="")],
        "row 2, column 'value': there is neither a value nor a numerator",
    ),
    "sub-area before it existed": (
        [good_row(area="portland", indicator_id="early-help-requests", period="2023-04", numerator=9, denominator="")],
        "row 2, column 'area': Portland is only an area from October 2023",
    ),
}


@pytest.mark.parametrize("kind", BAD_ROWS)
def test_a_bad_row_is_reported_with_file_row_column_and_a_fix(kind, tmp_path, catalogue, areas):
    rows, expected = BAD_ROWS[kind]
    problems = problems_of([write_extract(tmp_path / "bad.csv", rows)], catalogue, areas)
    assert any(p.startswith(f"bad.csv, {expected}") for p in problems), problems
    assert all(p.rstrip().endswith(".") and ". " in p for p in problems)  # every message ends with how to fix it


BAD_FILES = {
    "empty file": (b"", "bad.csv: the file is empty"),
    "header only": (",".join(EXTRACT_HEADER).encode() + b"\n", "bad.csv: the file has a header but no data rows"),
    "truncated mid-row": (
        ",".join(EXTRACT_HEADER).encode()
        + b"\npersistent-absence,purbeck,2022/23,,820,4100,,,,illustrative,Test,\npersistent-absence,east,2022",
        "bad.csv, row 3: this row has 3 values but the header has 12 columns",
    ),
    "wrong delimiter": (
        ";".join(EXTRACT_HEADER).encode() + b"\n",
        "bad.csv, row 1: the columns are not separated by commas",
    ),
    "missing column": (
        b"indicator_id,area,period,value,source\npersistent-absence,purbeck,2022/23,20,Test\n",
        "bad.csv, row 1: missing required column(s) data_status",
    ),
    "windows-1252 text": (
        ",".join(EXTRACT_HEADER).encode()
        + b"\npersistent-absence,purbeck,2022/23,,820,4100,,,,illustrative,Cost \xa3,\n",
        "bad.csv, row 2: the text is not UTF-8",
    ),
    "binary file named csv": (b"PK\x03\x04\x00\x00binary\x00junk", "bad.csv: this is not a text file"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_file_is_reported_with_what_to_do(kind, tmp_path, catalogue, areas):
    content, expected = BAD_FILES[kind]
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    problems = problems_of([path], catalogue, areas)
    assert problems[0].startswith(expected), problems


def test_the_same_indicator_area_and_period_twice_is_refused_naming_both_places(tmp_path, catalogue, areas):
    first = write_extract(tmp_path / "a.csv", [good_row()])
    second = write_extract(tmp_path / "b.csv", [good_row(numerator=900)])
    problems = problems_of([first, second], catalogue, areas)
    assert problems == [
        "a.csv, row 2, column 'period': persistent-absence for purbeck in 2022/23 is given more than once (a.csv row 2, b.csv row 2). Keep one row for each indicator, area and period."
    ]


def test_every_problem_in_a_file_is_listed_not_just_the_first(tmp_path, catalogue, areas):
    path = write_extract(tmp_path / "bad.csv", [good_row(area="Atlantis"), good_row(area="east", numerator="x")])
    problems = problems_of([path], catalogue, areas)
    assert [p.split(":")[0] for p in problems] == [
        "bad.csv, row 2, column 'area'",
        "bad.csv, row 3, column 'numerator'",
    ]


def test_excel_data_on_the_second_sheet_is_pointed_out(tmp_path, catalogue, areas):
    with pd.ExcelWriter(tmp_path / "book.xlsx") as writer:
        pd.DataFrame({"Notes": ["read me"]}).to_excel(writer, sheet_name="About", index=False)
        pd.DataFrame([good_row()], columns=EXTRACT_HEADER).to_excel(writer, sheet_name="Data", index=False)
    problems = problems_of([tmp_path / "book.xlsx"], catalogue, areas)
    assert problems[0].startswith("book.xlsx: the first sheet ('About') has no extract header, but sheet 'Data' does")


def test_excel_with_a_title_above_the_header_is_pointed_out(tmp_path, catalogue, areas):
    frame = pd.DataFrame(
        [["Dorset extract", *[""] * 11], EXTRACT_HEADER, list(map(str, good_row().values())) + [""] * 5]
    )
    frame.to_excel(tmp_path / "titled.xlsx", index=False, header=False)
    problems = problems_of([tmp_path / "titled.xlsx"], catalogue, areas)
    assert problems[0].startswith("titled.xlsx, row 1: row 1 of sheet 'Sheet1' is not the column header")


def test_parquet_with_a_wrongly_typed_column_is_refused(tmp_path, catalogue, areas):
    table = pa.table({**{k: [str(v)] for k, v in good_row().items() if k != "numerator"}, "numerator": [True]})
    pq.write_table(table, tmp_path / "typed.parquet")
    problems = problems_of([tmp_path / "typed.parquet"], catalogue, areas)
    assert problems[0].startswith("typed.parquet, column 'numerator': the column has type bool")
