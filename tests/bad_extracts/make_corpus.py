"""Writes the bad-extract corpus in this folder: `python tests/bad_extracts/make_corpus.py`.

Each file is one kind of broken extract the data team has met or could meet; the
message the loader must give for it is in `expected.csv` beside it. The files are
committed; this script documents how each was made and can make them again. The
100 MB file is not committed: the test makes it (sparse, so it costs no disk).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).parent
HEADER = "indicator_id,area,period,period_end,numerator,denominator,value,lower_ci,upper_ci,data_status,source,note"
GOOD = "persistent-absence,purbeck,2022/23,,820,4100,,,,illustrative,Test,"


def row(**changes: str) -> str:
    fields = dict(zip(HEADER.split(","), GOOD.split(","), strict=True))
    fields.update(changes)
    return ",".join(fields.values())


TEXT_CASES: dict[str, tuple[str, str]] = {
    # file name: (content, expected message: the start of the first problem line)
    "01_empty.csv": ("", "01_empty.csv: the file is empty. Export the extract again"),
    "02_header_only.csv": (
        HEADER + "\n",
        "02_header_only.csv: the file has a header but no data rows. Add at least one row",
    ),
    "03_truncated_mid_row.csv": (
        HEADER + "\n" + GOOD + "\npersistent-absence,east,2022",
        "03_truncated_mid_row.csv, row 3: this row has 3 values but the header has 12 columns",
    ),
    "04_semicolons.csv": (
        HEADER.replace(",", ";") + "\n" + GOOD.replace(",", ";") + "\n",
        "04_semicolons.csv, row 1: the columns are not separated by commas",
    ),
    "05_missing_column.csv": (
        "indicator_id,area,period,value,source\npersistent-absence,purbeck,2022/23,20,Test\n",
        "05_missing_column.csv, row 1: missing required column(s) data_status",
    ),
    "06_unknown_indicator.csv": (
        HEADER + "\n" + row(indicator_id="persistant-absence") + "\n",
        "06_unknown_indicator.csv, row 2, column 'indicator_id': unknown indicator 'persistant-absence'",
    ),
    "07_unknown_area.csv": (
        HEADER + "\n" + row(area="Weymouth and Portland") + "\n",
        "07_unknown_area.csv, row 2, column 'area': unknown area 'Weymouth and Portland'",
    ),
    "08_duplicate_different_values.csv": (
        HEADER + "\n" + GOOD + "\n" + row(numerator="830") + "\n",
        "08_duplicate_different_values.csv, row 2, column 'period': persistent-absence for purbeck in 2022/23 is given more than once",
    ),
    "09_text_na.csv": (
        HEADER + "\n" + row(numerator="n/a") + "\n",
        "09_text_na.csv, row 2, column 'numerator': 'n/a' is not a number",
    ),
    "10_decimal_comma.csv": (
        HEADER + "\n" + row(numerator="", denominator="", value='"12,5"') + "\n",
        "10_decimal_comma.csv, row 2, column 'value': '12,5' contains a comma",
    ),
    "11_dash_for_missing.csv": (
        HEADER + "\n" + row(denominator="-") + "\n",
        "11_dash_for_missing.csv, row 2, column 'denominator': '-' is not a number",
    ),
    "12_negative_count.csv": (
        HEADER
        + "\n"
        + row(indicator_id="early-help-requests", period="2023-04", numerator="-3", denominator="")
        + "\n",
        "12_negative_count.csv, row 2, column 'numerator': -3 is negative",
    ),
    "13_numerator_over_denominator.csv": (
        HEADER + "\n" + row(numerator="5000") + "\n",
        "13_numerator_over_denominator.csv, row 2, column 'numerator': the numerator (5000) is larger than the denominator (4100)",
    ),
    "14_value_disagrees.csv": (
        HEADER + "\n" + row(value="35") + "\n",
        "14_value_disagrees.csv, row 2, column 'value': the value 35 does not match numerator / denominator (20.00)",
    ),
    "15_bad_period_end.csv": (
        HEADER + "\n" + row(period_end="31st March 2023") + "\n",
        "15_bad_period_end.csv, row 2, column 'period_end': '31st March 2023' is not a date",
    ),
    "16_future_period.csv": (
        HEADER + "\n" + row(period="2031/32") + "\n",
        "16_future_period.csv, row 2, column 'period_end': the period ends on 31 August 2032, in the future",
    ),
    "18_very_large_value.csv": (
        HEADER + "\n" + row(numerator="9e15", denominator="9.1e15") + "\n",
        "18_very_large_value.csv, row 2, column 'numerator': 9e15 is implausibly large",
    ),
    "19_formula_in_text.csv": (
        HEADER + "\n" + row(note='"=HYPERLINK(""http://example.invalid"",""click"")"') + "\n",
        "19_formula_in_text.csv, row 2, column 'note': the text looks like a spreadsheet formula",
    ),
    "21_us_date_order.csv": (
        HEADER + "\n" + row(period_end="08/31/2023") + "\n",
        "21_us_date_order.csv, row 2, column 'period_end': '08/31/2023' is not a date",
    ),
    "22_wrong_period_format.csv": (
        HEADER + "\n" + row(period="2022-23") + "\n",
        "22_wrong_period_format.csv, row 2, column 'period': '2022-23' is not a label for a school year",
    ),
    "23_unknown_data_status.csv": (
        HEADER + "\n" + row(data_status="real") + "\n",
        "23_unknown_data_status.csv, row 2, column 'data_status': 'real' is not a data status",
    ),
    "24_sub_area_before_it_existed.csv": (
        HEADER
        + "\n"
        + row(area="portland", indicator_id="early-help-requests", period="2023-04", numerator="9", denominator="")
        + "\n",
        "24_sub_area_before_it_existed.csv, row 2, column 'area': Portland is only an area from October 2023",
    ),
    "25_unknown_column.csv": (
        HEADER.replace("note", "notes") + "\n" + GOOD + "\n",
        "25_unknown_column.csv, row 1: unknown column(s) 'notes'",
    ),
    "26_no_figure.csv": (
        HEADER + "\n" + row(numerator="", denominator="") + "\n",
        "26_no_figure.csv, row 2, column 'value': there is neither a value nor a numerator",
    ),
    "27_not_finite.csv": (
        HEADER + "\n" + row(numerator="", denominator="", value="inf") + "\n",
        "27_not_finite.csv, row 2, column 'value': 'inf' is not a number",
    ),
    # Issue 19: mistakes that were accepted silently, or that gave a traceback.
    "31_fractions_for_percentages.csv": (
        HEADER
        + "\n"
        + "\n".join(
            row(area=a, numerator="", denominator="", value=v)
            for a, v in (("dorset", "0.62"), ("england", "0.58"), ("south-west", "0.60"))
        )
        + "\n",
        "31_fractions_for_percentages.csv, row 2, column 'value': every persistent-absence value in this file is between 0 and 1",
    ),
    "32_total_below_its_parts.csv": (
        HEADER
        + "\n"
        + row(area="dorset", numerator="800", denominator="40000")
        + "\n"
        + GOOD
        + "\n"
        + row(area="east", numerator="900", denominator="8000")
        + "\n",
        "32_total_below_its_parts.csv, row 2, column 'numerator': persistent-absence for dorset in 2022/23 counts 800, "
        "fewer than its areas",
    ),
    "33_locality_value_alone.csv": (
        HEADER + "\n" + row(numerator="", denominator="", value="20.0") + "\n",
        "33_locality_value_alone.csv, row 2, column 'numerator': Purbeck's percentage is given as a value alone",
    ),
    "34_cell_over_128_kb.csv": (
        HEADER + "\n" + GOOD[:-1] + '"' + "x" * 140_000 + "\n",
        "34_cell_over_128_kb.csv, row 2: a cell is longer than 131,072 characters",
    ),
}


def write_corpus() -> None:
    expected: list[tuple[str, str]] = []
    for name, (content, message) in TEXT_CASES.items():
        (HERE / name).write_text(content, encoding="utf-8", newline="")
        expected.append((name, message))

    cp1252 = HERE / "17_windows_1252_pound.csv"
    cp1252.write_bytes((HEADER + "\n" + row(source="Cost in £ from Dorset Council") + "\n").encode("cp1252"))
    expected.append((cp1252.name, "17_windows_1252_pound.csv, row 2: the text is not UTF-8"))

    binary = HERE / "20_binary_named_csv.csv"
    binary.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4)
    expected.append((binary.name, "20_binary_named_csv.csv: this is not a text file"))

    columns = HEADER.split(",")
    good = dict(zip(columns, GOOD.split(","), strict=True))
    with pd.ExcelWriter(HERE / "28_excel_second_sheet.xlsx") as writer:
        pd.DataFrame({"About": ["Persistent absence by locality, prepared by the data team"]}).to_excel(
            writer, sheet_name="Notes", index=False
        )
        pd.DataFrame([good], columns=columns).to_excel(writer, sheet_name="Data", index=False)
    expected.append(
        (
            "28_excel_second_sheet.xlsx",
            "28_excel_second_sheet.xlsx: the first sheet ('Notes') has no extract header, but sheet 'Data' does",
        )
    )

    merged = HERE / "29_excel_merged_header.xlsx"
    with pd.ExcelWriter(merged) as writer:
        pd.DataFrame([["Persistent absence extract", *[""] * 11], columns, list(good.values())]).to_excel(
            writer, sheet_name="Extract", index=False, header=False
        )
        writer.sheets["Extract"].merge_cells("A1:L1")
    expected.append(
        (merged.name, "29_excel_merged_header.xlsx, row 1: row 1 of sheet 'Extract' is not the column header")
    )

    table = pa.table({**{k: [v] for k, v in good.items() if k != "denominator"}, "denominator": pa.array([True])})
    pq.write_table(table, HERE / "30_parquet_wrong_types.parquet")
    expected.append(
        (
            "30_parquet_wrong_types.parquet",
            "30_parquet_wrong_types.parquet, column 'denominator': the column has type bool",
        )
    )

    bom = HERE / "ok_utf8_bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + (HEADER + "\n" + row(source="Dorset Council – £ figures") + "\n").encode("utf-8"))

    with open(HERE / "expected.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "expected"])
        writer.writerows(sorted(expected))


if __name__ == "__main__":
    write_corpus()
