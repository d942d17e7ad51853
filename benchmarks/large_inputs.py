"""Large extracts: memory and time of checking them, and how much a bad one prints.

    python -m benchmarks.large_inputs        (also run by `make benchmark`)

1. A postcode-level CSV of early help requests, one row per request as a case management
   system exports it: 513,150 rows (about 29 MB) and 860,000 (about 49 MB, near the largest accepted).
   Aim: peak memory of `python -m indicators validate` under 600 MB for the 50 MB file.
2. A 1 MB workbook whose first sheet is the extract and whose unused second sheet holds
   4.8 million cells. Aim: checked in under 10 s (every sheet used to be parsed: 134 s).
3. 32,895 postcodes that cannot be placed. Aim: under 20 KB printed (it was 8.4 MB).

Each is measured in a process of its own (its peak resident memory from the kernel).
"""

from __future__ import annotations

import csv
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from benchmarks.harness import PROJECT_DIR

HEADER = ["indicator_id", "area", "period", "numerator", "data_status", "source"]
SOURCE = "DCC case system"  # a short source, as an export repeats it on every row
POSTCODES = PROJECT_DIR / "data" / "reference" / "postcode_lsoas.csv"


def postcode_file(path: Path, rows: int, postcodes: list[str]) -> Path:
    """One row per request: a postcode and a month, as an export of individual requests would be."""
    rng = random.Random(19)
    months = [f"{year}-{month:02d}" for year in (2023, 2024) for month in range(1, 13)]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        for _ in range(rows):
            writer.writerow(["early-help-requests", rng.choice(postcodes), rng.choice(months), 1, "local", SOURCE])
    return path


def run(*args: str) -> tuple[float, float, int, str]:
    """Seconds, peak memory (MB) and exit code of a command of the dashboard's, and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "indicators", *args], cwd=PROJECT_DIR, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of the children is the largest of any so far: each measurement runs a larger file than the last.
    return seconds, max(peak, before) / 1024, result.returncode, result.stdout + result.stderr


def workbook_with_a_huge_unused_sheet(path: Path, cells: int = 4_800_000) -> Path:
    """A small extract on the first sheet; the second sheet's XML, written straight into the zip, holds `cells` cells."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Extract"
    book.active.append(HEADER)
    book.active.append(["early-help-requests", "chesil", "2024-03", 40, "local", SOURCE])
    book.create_sheet("Notes").append(["x"])
    plain = path.with_suffix(".plain.xlsx")
    book.save(plain)
    columns, width = 100, 100
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet2.xml":
                target.writestr(item, source.read(item.filename))
        with target.open("xl/worksheets/sheet2.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main"><sheetData>'
            )
            for row in range(1, cells // width + 1):
                sheet.write(
                    f'<row r="{row}">'.encode() + b"".join(b'<c t="n"><v>1</v></c>' for _ in range(columns)) + b"</row>"
                )
            sheet.write(b"</sheetData></worksheet>")
    plain.unlink()
    return path


def main() -> int:
    with open(POSTCODES, newline="") as handle:
        dorset = [row["postcode"] for row in csv.DictReader(handle)]
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        print("1. Postcode-level extracts, one row per request (validate: read, check, add up)")
        for rows in (513_150, 860_000):  # about 29 MB, as measured in issue 19, and just under the 50 MB limit
            path = postcode_file(folder / f"requests_{rows}.csv", rows, dorset)
            seconds, peak, code, _ = run("validate", str(path))
            size = path.stat().st_size / 1024 / 1024
            print(f"   {rows:>9,} rows, {size:5.1f} MB: {seconds:5.1f} s, peak memory {peak:5.0f} MB (exit {code})")
            results.append((f"{size:.0f} MB postcode CSV, peak memory (MB)", peak, 600))
        print("2. A workbook whose unused second sheet holds 4.8 million cells")
        book = workbook_with_a_huge_unused_sheet(folder / "with_notes.xlsx")
        seconds, _, code, _ = run("validate", str(book))
        print(f"   {book.stat().st_size / 1024:.0f} KB: checked in {seconds:.1f} s (exit {code})")
        results.append(("workbook with a 4.8M-cell second sheet (s)", seconds, 10))
        print("3. 32,895 postcodes that cannot be placed")
        outside = [
            f"SW{n // 1000 % 10}{n // 100 % 10} {n % 10}{chr(65 + n // 10 % 26)}{chr(65 + n % 26)}"
            for n in range(32_895)
        ]
        path = folder / "outside.csv"
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(HEADER)
            writer.writerows(["early-help-requests", p, "2024-03", 1, "local", SOURCE] for p in outside)
        _, _, code, printed = run("validate", str(path))
        print(
            f"   {len(printed.encode()) / 1024:.1f} KB printed (exit {code}); the last line: {printed.strip().splitlines()[-1][:100]}"
        )
        results.append(("32,895 unplaced postcodes: printed (KB)", len(printed.encode()) / 1024, 20))
        shutil.rmtree(folder, ignore_errors=True)
    print("\nAims for large inputs, measured in this run")
    for what, measured, limit in results:
        print(f"   {what:<52}{measured:>10.1f}{limit:>8g}  {'yes' if measured <= limit else 'NO'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
