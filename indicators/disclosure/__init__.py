"""Disclosure control: small numbers about children never leave the data layer, by any route.

Runs once, when the warehouse is built; pages read only its result.

1. Small numbers (`counts.py`): any figure built on fewer people than its indicator's
   threshold (default 5), whether the extract gives the count, or a value and denominator,
   or a value and interval that imply it; a percentage whose complement is that small
   ("all but two care leavers"); and a group that small (3 care leavers in Portland).
2. The quick pass (`secondary.py`): withhold further figures against subtraction through
   the area hierarchy and through indicators that share people.
3. The audit (`audit.py`): everything shown, as equations over the true counts; withhold
   more until no small number can be narrowed below `threshold` possible values.
4. The check (`check`), the last step of every build: the published table audited afresh,
   from what it shows. A build that would publish a number that can be worked out fails,
   naming every such cell.
"""

from __future__ import annotations

import pandas as pd

from indicators.areas import Areas
from indicators.catalogue import Catalogue
from indicators.disclosure.audit import DisclosureError, Exposure, exposures, protect
from indicators.disclosure.counts import hides_group, is_small, people_counts, small_number_reasons
from indicators.disclosure.secondary import Withheld, secondary_suppression

PRIMARY = "small number"
SECONDARY = "withheld so that a small number elsewhere cannot be worked out"
WITHHELD_WITH_ROW = ("numerator", "value", "lower_ci", "upper_ci")

__all__ = ["PRIMARY", "SECONDARY", "DisclosureError", "Exposure", "apply_disclosure_control", "check"]


def apply_disclosure_control(frame: pd.DataFrame, catalogue: Catalogue, areas: Areas) -> pd.DataFrame:
    """Return `frame` with figures withheld: adds `suppressed`, `denominator_suppressed` and `suppression_reason`.

    Raises DisclosureError if a small number cannot be protected whatever else is withheld.
    """
    frame = frame.copy()
    sizes = people_counts(frame, catalogue)
    reasons = small_number_reasons(frame, sizes, catalogue)
    small = is_small(reasons)
    withheld = secondary_suppression(frame, sizes, small, hides_group(reasons), catalogue, areas)
    withheld = protect(frame, sizes, reasons, withheld, catalogue, areas)
    hidden = pd.Series(withheld.rows, dtype=bool).reindex(frame.index)
    frame["suppressed"] = hidden
    frame["denominator_suppressed"] = pd.Series(withheld.groups, dtype=bool).reindex(frame.index)
    frame["suppression_reason"] = None
    frame.loc[hidden & ~small, "suppression_reason"] = SECONDARY
    frame.loc[small, "suppression_reason"] = PRIMARY
    for column in WITHHELD_WITH_ROW:
        frame.loc[hidden, column] = None
    # A denominator stays where it is only the size of the group (not small, and not another's count).
    frame.loc[frame["denominator_suppressed"], "denominator"] = None
    return frame


def check(published: pd.DataFrame, truth: pd.DataFrame, catalogue: Catalogue, areas: Areas) -> list[Exposure]:
    """Audit what `published` shows, against the true figures (`truth`, the same rows before withholding).

    Returns every small number that is shown or can be worked out (an empty list when none can).
    A withheld figure left in a column, or a small number not withheld, is reported as exact.
    """
    truth = truth.loc[published.index]
    sizes = people_counts(truth, catalogue)
    reasons = small_number_reasons(truth, sizes, catalogue)
    hidden = published["suppressed"].astype(bool)
    group_hidden = published["denominator_suppressed"].astype(bool)
    leaked = hidden & published[list(WITHHELD_WITH_ROW)].notna().any(axis=1)
    leaked |= group_hidden & published["denominator"].notna()
    leaked |= is_small(reasons) & ~hidden
    found = [
        Exposure(r.indicator_id, r.area_id, r.period, "count", 0, 0, row=index)
        for index, r in published[leaked].iterrows()
    ]
    # What a visitor sees is the published table: audit its figures, with the true ones for the reasons.
    shown = truth.copy()
    for column in (*WITHHELD_WITH_ROW, "denominator"):
        shown[column] = published[column].where(published[column].notna(), truth[column])
    withheld = Withheld(
        dict(zip(published.index, hidden, strict=True)), dict(zip(published.index, group_hidden, strict=True))
    )
    return found + exposures(shown, sizes, reasons, withheld, catalogue, areas)
