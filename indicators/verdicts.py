"""Every verdict the dashboard gives, said once: its words, symbol, kind, CSS class and colour.

Colour is only ever an extra: the words and the symbol carry the meaning, on every page,
chart, table, download and the briefing pack. The map and the Board fill with the same
colour for the same verdict (one palette, Okabe-Ito, safe for colour-blind readers, with
black text above 4.5:1 on every fill: tests/test_palette.py).
"""

from __future__ import annotations

from dataclasses import dataclass

# One colour per kind of verdict.
KIND_COLOURS = {
    "better": "#56B4E9",  # sky blue
    "worse": "#E69F00",  # orange
    "same": "#E6E6E6",  # pale grey
    "higher": "#CC79A7",  # reddish purple: a direction with no better or worse
    "lower": "#F0E442",  # yellow
    "none": "#FFFFFF",  # no verdict: nothing compared
}


@dataclass(frozen=True)
class Verdict:
    label: str
    symbol: str
    kind: str  # a key of KIND_COLOURS

    @property
    def colour(self) -> str:
        return KIND_COLOURS[self.kind]

    @property
    def css_class(self) -> str:
        return f"v-{self.kind}"


VERDICTS = {
    "better": Verdict("Better", "▲", "better"),
    "worse": Verdict("Worse", "▼", "worse"),
    "similar": Verdict("Similar", "●", "same"),
    "higher": Verdict("Higher", "△", "higher"),
    "lower": Verdict("Lower", "▽", "lower"),
    # Statistically: no significant change (the About page's methods say so exactly).
    "no-significant-change": Verdict("About the same", "●", "same"),
    "met": Verdict("Target met", "✔", "better"),
    "not-met": Verdict("Target not met", "✖", "worse"),
    "getting-better": Verdict("Getting better", "▲", "better"),
    "getting-worse": Verdict("Getting worse", "▼", "worse"),
    "increasing": Verdict("Increasing", "△", "higher"),
    "decreasing": Verdict("Decreasing", "▽", "lower"),
    "no-clear-trend": Verdict("No clear trend", "◇", "same"),
    # The baseline is the latest figure (a 2018/19 census, the 2022/23 results): nothing later to compare yet.
    "no-figures-since-baseline": Verdict("No later figure yet", "–", "none"),
    "not-compared": Verdict("Not compared", "–", "none"),
    # A made-up (illustrative) figure beside a real one: any verdict between them would be invented.
    "not-compared-made-up": Verdict("Not compared: made-up figure", "–", "none"),
    # A sub-area whose own figures begin after the baseline (Portland's LAG, October 2023) and whose units do not reach back.
    "not-compared-began-later": Verdict("Not compared: no figure at the baseline", "–", "none"),
    # Nothing real is loaded for this indicator and area (made-up figures switched off, or none yet).
    "no-figures": Verdict("No figures loaded yet", "–", "none"),
}
NO_FIGURES = "no-figures"
NOT_COMPARED = frozenset(status for status, verdict in VERDICTS.items() if verdict.kind == "none")


def verdict(status: str | None) -> Verdict:
    """The verdict for a status, "Not compared" for none or one not known."""
    return VERDICTS.get(status or "", VERDICTS["not-compared"])


def status_text(status: str) -> str:
    """'▲ Better': the symbol and the word, so colour is never needed. One vocabulary everywhere."""
    chosen = verdict(status)
    return f"{chosen.symbol} {chosen.label}"
