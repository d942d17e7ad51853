"""Every verdict the dashboard gives, said once: its words and symbol.

Colour is only ever an extra: the words and the symbol carry the meaning, on every page,
chart, table, download and the briefing pack.
"""

from __future__ import annotations

STATUS_LABELS = {
    "better": ("Better", "▲"),
    "worse": ("Worse", "▼"),
    "similar": ("Similar", "●"),
    "higher": ("Higher", "△"),
    "lower": ("Lower", "▽"),
    # Statistically: no significant change (the About page's methods say so exactly).
    "no-significant-change": ("About the same", "●"),
    "met": ("Target met", "✔"),
    "not-met": ("Target not met", "✖"),
    "getting-better": ("Getting better", "▲"),
    "getting-worse": ("Getting worse", "▼"),
    "increasing": ("Increasing", "△"),
    "decreasing": ("Decreasing", "▽"),
    "no-clear-trend": ("No clear trend", "◇"),
    # The baseline is the latest figure (a 2018/19 census, the 2022/23 results): nothing later to compare yet.
    "no-figures-since-baseline": ("No later figure yet", "–"),
    "not-compared": ("Not compared", "–"),
    # A made-up (illustrative) figure beside a real one: any verdict between them would be invented.
    "not-compared-made-up": ("Not compared: made-up figure", "–"),
    # A sub-area whose own figures begin after the baseline (Portland's LAG, October 2023) and whose units do not reach back.
    "not-compared-began-later": ("Not compared: no figure at the baseline", "–"),
    # Nothing real is loaded for this indicator and area (made-up figures switched off, or none yet).
    "no-figures": ("No figures loaded yet", "–"),
}
NO_FIGURES = "no-figures"
NOT_COMPARED = {"not-compared", "not-compared-made-up", "not-compared-began-later", "no-figures-since-baseline", "no-figures"}

# Status colours for maps, tables and the Board (Okabe-Ito, safe for colour-blind readers); the word
# and the symbol always go with them.
STATUS_COLOURS = {
    "better": "#56B4E9",  # sky blue
    "getting-better": "#56B4E9",
    "met": "#56B4E9",
    "worse": "#E69F00",  # orange
    "getting-worse": "#E69F00",
    "not-met": "#E69F00",
    "similar": "#E6E6E6",
    "no-significant-change": "#E6E6E6",
    "higher": "#CC79A7",
    "lower": "#F0E442",
    "increasing": "#CC79A7",
    "decreasing": "#F0E442",
    "no-clear-trend": "#E6E6E6",
} | dict.fromkeys(NOT_COMPARED, "#FFFFFF")
