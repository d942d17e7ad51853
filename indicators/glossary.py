"""The words the dashboard uses, each said once in plain English.

Pages show plain verdicts ("better", "about the same", "withheld (small number)"); this
glossary is where a reader finds what they mean, linked from wherever they appear, and
the briefing pack prints it. The exact statistical methods stay on the About page.
"""

from __future__ import annotations

from dataclasses import dataclass

from indicators.formatting import SUPPRESSED_MARK


@dataclass(frozen=True)
class Term:
    term: str
    meaning: str
    made_up_only: bool = False  # only said where the dashboard holds made-up figures


GLOSSARY = [
    Term("Baseline", "The figure when the plan started (usually 2022/23). Changes are measured from it."),
    Term(
        "Better / Worse",
        "The change (or the gap with Dorset or England) is bigger than chance alone would explain, "
        "and goes the way that is better (or worse) for children.",
    ),
    Term(
        "About the same",
        "Any change could be chance: localities are small, and a few children more or fewer move the figure.",
    ),
    Term("Similar", "Dorset's (or England's) figure is within the range this area's figure could take by chance."),
    Term("Higher / Lower", "Used where neither direction is better in itself, such as the number of children in care."),
    Term(
        "Direction only",
        "The figure was published without counts (or estimated), so we can say which way it moved, "
        "but not whether chance could explain it.",
    ),
    Term("How sure are we?", "A note under each figure's words saying whether chance could explain a change."),
    Term(
        "Recent trend", "The last five comparable periods: getting better or worse only where the movement is steady."
    ),
    Term("No clear trend", "It moved overall, but the latest figure went the other way."),
    Term("Not compared", "No baseline yet, too few figures, figures withheld, or a change in how it is counted."),
    Term(
        "Illustrative",
        "Made up for demonstration, in line with Dorset's real figures. Never compared with a real one.",
        made_up_only=True,
    ),
    Term("Estimated", "Worked out from published figures with an assumption the dashboard states."),
    Term("Local records", "From the council's or its partners' own records: real, but not published."),
    Term(
        SUPPRESSED_MARK.capitalize(),
        "Left out because the number of children is small enough that someone could be identified.",
    ),
]

GLOSSARY_TAB = "Words used here"


def glossary(holds_made_up: bool) -> list[Term]:
    """The terms a reader can meet here: 'Illustrative' only where made-up figures are shown."""
    return [t for t in GLOSSARY if holds_made_up or not t.made_up_only]
