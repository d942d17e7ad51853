"""Tables as real HTML: what screen readers, keyboards, phones and printers can all read.

Streamlit's data grids are drawn on a canvas: a screen reader finds only their toolbar,
a keyboard user passes several tab stops inside each, a phone shows one column, and
they print cut off. These tables have a caption, header cells with scope, numbers
aligned right, wrap to fit a laptop screen, and become one card per row on a phone
(each cell then says which column it is). No Streamlit here: the functions return HTML.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

import pandas as pd

from indicators.verdicts import KIND_COLOURS

TABLE_STYLE = """<style>
.dash-table-wrap { width: 100%; overflow-x: auto; }
/* The Board's heat-table: many areas across, so smaller type; the indicator column stays in view. */
table.dash-table.heat { font-size: 0.8rem; }
table.dash-table.heat td { min-width: 4.3rem; }
table.dash-table.heat tbody th { min-width: 8rem; position: sticky; left: 0; background: #ffffff; }
table.dash-table { border-collapse: collapse; width: 100%; font-size: 0.92rem; line-height: 1.35; }
table.dash-table caption { caption-side: top; text-align: left; font-weight: 600; padding: 0 0 0.4rem 0; }
table.dash-table th, table.dash-table td {
  border-bottom: 1px solid #b1b4b6; padding: 0.4rem 0.5rem; text-align: left; vertical-align: top;
}
table.dash-table thead th { border-bottom: 2px solid #0b0c0c; background: #f3f2f1; }
table.dash-table tbody th { font-weight: 500; }
table.dash-table .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.dash-table a { color: #1d70b8; }
table.dash-table a:focus { outline: 3px solid #ffdd00; background: #ffdd00; color: #0b0c0c; }
/* Verdict cells (the Board): the map's fills (indicators/verdicts.py); the symbol and word carry the meaning. */
{verdict_fills}
.v-none { color: #505a5f; }
@media (max-width: 640px) {
  table.dash-table, table.dash-table tbody, table.dash-table tr, table.dash-table th, table.dash-table td {
    display: block; width: auto;
  }
  table.dash-table caption { display: block; }
  table.dash-table tbody th { position: static; }
  table.dash-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.dash-table tr { border: 1px solid #b1b4b6; border-radius: 0.4rem; margin: 0 0 0.6rem 0; padding: 0.3rem 0.5rem; }
  table.dash-table th, table.dash-table td { border: none; padding: 0.15rem 0; }
  table.dash-table tbody th { font-weight: 600; font-size: 1rem; }
  table.dash-table td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
  table.dash-table .num { text-align: left; white-space: normal; }
}
@media print {
  table.dash-table { font-size: 8.5pt; }
  table.dash-table tr { break-inside: avoid; }
  [class^="v-"] { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>"""

# The Board's cell fills: the same colour for each kind of verdict as the map (indicators/verdicts.py).
VERDICT_FILLS = "\n".join(f".v-{kind} {{ background: {colour}; }}" for kind, colour in KIND_COLOURS.items())
TABLE_STYLE = TABLE_STYLE.replace("{verdict_fills}", VERDICT_FILLS)


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:,.10g}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def _classes(*names: str) -> str:
    """' class="a b"' for the non-empty names, or nothing."""
    chosen = " ".join(n for n in names if n)
    return f' class="{chosen}"' if chosen else ""


def _is_numeric(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def html_table(
    frame: pd.DataFrame,
    caption: str,
    *,
    row_header: str | None = None,
    links: Mapping[str, Sequence[str | None]] | None = None,
    cell_classes: Mapping[str, Sequence[str]] | None = None,
    numeric: Sequence[str] = (),
    markup: Sequence[str] = (),
    compact: bool = False,
) -> str:
    """`frame` as an accessible HTML table.

    row_header: the column whose cells name their row (`<th scope="row">`; the first by default).
    links: column -> one href per row (None for no link), making that column's text a link.
    cell_classes: column -> one CSS class per row (the Board's verdict fills).
    numeric: columns aligned right as numbers, besides those with a numeric type.
    markup: columns holding HTML this module made (sparklines), inserted as they are.
    compact: smaller type for a wide heat-table.
    """
    columns = list(frame.columns)
    row_header = row_header or (columns[0] if columns else None)
    right = {c for c in columns if c in numeric or _is_numeric(frame[c])}
    head = "".join(f'<th scope="col"{_classes("num" if c in right else "")}>{escape(str(c))}</th>' for c in columns)
    links, cell_classes = links or {}, cell_classes or {}
    labels = {c: escape(str(c), quote=True) for c in columns}
    body = []
    for position, row in enumerate(frame.itertuples(index=False, name=None)):
        cells = []
        for column, value in zip(columns, row, strict=True):
            text = str(value) if column in markup else escape(_text(value))
            href = links[column][position] if column in links else None
            if href:
                text = f'<a href="{escape(href, quote=True)}" target="_self">{text}</a>'
            fill = cell_classes[column][position] if column in cell_classes else ""
            attrs = _classes("num" if column in right else "", fill)
            if column == row_header:
                cells.append(f'<th scope="row"{attrs}>{text}</th>')
            else:
                cells.append(f'<td data-label="{labels[column]}"{attrs}>{text}</td>')
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<div class="dash-table-wrap"><table class="dash-table{" heat" if compact else ""}">'
        f"<caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def sparkline_svg(values: Sequence[float], low: float, high: float, label: str) -> str:
    """A small line of `values` on the scale low..high (shared by every area of one indicator)."""
    width, height, pad = 120, 28, 3
    if not values:
        return ""
    span = (high - low) or 1.0
    step = (width - 2 * pad) / max(len(values) - 1, 1)
    points = " ".join(
        f"{pad + n * step:.1f},{height - pad - (v - low) / span * (height - 2 * pad):.1f}" for n, v in enumerate(values)
    )
    last_x, last_y = points.split(" ")[-1].split(",")
    return (
        f'<svg role="img" aria-label="{escape(label, quote=True)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><polyline fill="none" stroke="#0b0c0c" stroke-width="1.5" points="{points}"/>'
        f'<circle cx="{last_x}" cy="{last_y}" r="2.5" fill="#0b0c0c"/></svg>'
    )
