"""Tables people can read or download: exactly the figures a chart shows, made safe.

Withheld figures are already missing from the data; here they become "c". Text that a
spreadsheet would run as a formula (starting with =, +, -, @) is neutralised with a
leading apostrophe, as OWASP advises for CSV downloads.
"""

from __future__ import annotations

import io

import pandas as pd

from indicators.catalogue import Indicator
from indicators.formatting import FORMULA_START, SUPPRESSED_MARK, format_number

STATUS_WORDS = {
    "published": "Published",
    "estimated": "Estimated from published figures",
    "local": "Local records",
    "illustrative": "Illustrative (not real)",
}


def chart_table(rows: pd.DataFrame, indicator: Indicator) -> pd.DataFrame:
    """One row per area and period, as shown on a chart: values formatted, withheld ones in words (SUPPRESSED_MARK)."""
    ordered = rows.sort_values(["period_end_date", "area_name"])

    def shown(column: str) -> list[str]:
        return [
            SUPPRESSED_MARK if hidden else ("" if pd.isna(v) else format_number(v, indicator))
            for v, hidden in zip(ordered[column], ordered["suppressed"], strict=True)
        ]

    unit = indicator.unit_label
    return pd.DataFrame(
        {
            "Area": ordered["area_name"].tolist(),
            "Period": ordered["period"].tolist(),
            f"Value ({unit})": shown("value"),
            "Lower 95% limit": shown("lower_ci"),
            "Upper 95% limit": shown("upper_ci"),
            "Numerator": shown("numerator"),
            "Denominator": [
                SUPPRESSED_MARK if hidden else ("" if pd.isna(v) else f"{v:,.0f}")
                for v, hidden in zip(ordered["denominator"], _denominator_withheld(ordered), strict=True)
            ],
            "Data": [STATUS_WORDS.get(s, s) for s in ordered["data_status"]],
            "Note": [
                "Withheld: small number" if hidden else ("" if pd.isna(note) else str(note))
                for note, hidden in zip(ordered["note"], ordered["suppressed"], strict=True)
            ],
        }
    )


def _denominator_withheld(rows: pd.DataFrame) -> list[bool]:
    """A denominator is withheld with its row when it is itself small or another indicator's count."""
    if "denominator_suppressed" not in rows:
        return [False] * len(rows)
    return [bool(v) for v in rows["denominator_suppressed"].fillna(False)]


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _is_plain_number(value):
        return "'" + value
    return value


def _is_plain_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def to_safe_csv(table: pd.DataFrame) -> bytes:
    """CSV bytes (UTF-8 with BOM, so Excel reads '£' and '–' correctly) with formulas neutralised."""
    safe = table.map(neutralise)
    safe.columns = [neutralise(c) for c in safe.columns]
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False, lineterminator="\r\n")
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
