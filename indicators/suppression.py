"""Disclosure control: small numbers about children never leave the data layer.

Primary suppression withholds any figure built on a count below the indicator's
threshold (default 5), and any percentage whose complement is that small ("all but
two care leavers..." identifies the two). Secondary suppression then withholds
enough further localities that a hidden one cannot be worked out by subtracting
the others from their total (Dorset = six localities; Chesil = Weymouth + Portland).

It runs once, when the warehouse is built. Pages read only the suppressed result.
"""

from __future__ import annotations

import math

import pandas as pd

from indicators.areas import Areas
from indicators.catalogue import Catalogue

PRIMARY = "small number"
SECONDARY = "withheld so that a small number elsewhere cannot be worked out"


def _count_of(frame: pd.DataFrame, catalogue: Catalogue) -> pd.Series:
    """The number of children each row is built on: the numerator, or the value of a count."""
    is_count = frame["indicator_id"].map(lambda i: catalogue.indicators[i].unit == "count")
    return frame["numerator"].where(frame["numerator"].notna(), frame["value"].where(is_count))


def primary_suppression(frame: pd.DataFrame, catalogue: Catalogue) -> pd.Series:
    """True where a row's own count (or its complement) is below the threshold."""
    # A threshold of 0 marks figures that are not about people (e.g. schools' judgements).
    threshold = frame["indicator_id"].map(lambda i: catalogue.indicators[i].suppression_threshold)
    count = _count_of(frame, catalogue)
    small = count.notna() & (count < threshold)
    is_percentage = frame["indicator_id"].map(lambda i: catalogue.indicators[i].unit == "percentage")
    complement = frame["denominator"] - frame["numerator"]
    small_complement = is_percentage & complement.notna() & (complement >= 0) & (complement < threshold)
    return small | small_complement


def _hierarchy_groups(areas: Areas) -> list[tuple[str, list[str]]]:
    """(parent, children) for every area that has children which add up to it."""
    parents = sorted({a.parent for a in areas.by_id.values() if a.parent})
    return [(p, [c.id for c in areas.children(p)]) for p in parents]


def secondary_suppression(frame: pd.DataFrame, suppressed: pd.Series, catalogue: Catalogue, areas: Areas) -> pd.Series:
    """Extend `suppressed` until no group has exactly one hidden member.

    A group is a parent and its children for one indicator and period. With one
    member hidden, it equals parent minus the others; hiding the next smallest
    child as well stops that. Repeats until stable, since hiding a locality can
    expose a sub-area and the reverse.
    """
    hidden = dict(zip(frame.index, suppressed.tolist(), strict=True))
    counts = _count_of(frame, catalogue).tolist()
    # (indicator, period) -> area -> (row index, count), only where something is hidden.
    cells: dict[tuple[str, str], dict[str, tuple[object, float]]] = {}
    for index, indicator_id, period, area_id, count in zip(
        frame.index, frame["indicator_id"], frame["period"], frame["area_id"], counts, strict=True
    ):
        cells.setdefault((indicator_id, period), {})[area_id] = (index, count)
    touched = [cell for cell in cells.values() if any(hidden[i] for i, _ in cell.values())]
    groups = _hierarchy_groups(areas)
    changed = True
    while changed:
        changed = False
        for cell in touched:
            for parent, children in groups:
                if _hide_one_more(cell, parent, children, hidden):
                    changed = True
    return pd.Series(hidden, dtype=bool).reindex(frame.index)


def _hide_one_more(
    cell: dict[str, tuple[object, float]], parent: str, children: list[str], hidden: dict[object, bool]
) -> bool:
    """Hide one more member of this group if exactly one is hidden; True if it did."""
    # Without the parent's figure there is no total to subtract from.
    if parent not in cell:
        return False
    members = {a: cell[a] for a in (parent, *children) if a in cell}
    if len(members) < 2 or all(math.isnan(count) for _, count in members.values()):
        return False
    if sum(hidden[index] for index, _ in members.values()) != 1:
        return False
    shown_children = sorted(
        (count, area)
        for area, (index, count) in members.items()
        if area != parent and not hidden[index] and not math.isnan(count)
    )
    # The smallest shown child, or the parent when every child is hidden already.
    target = members[shown_children[0][1]][0] if shown_children else members[parent][0]
    hidden[target] = True
    return True


def apply_disclosure_control(frame: pd.DataFrame, catalogue: Catalogue, areas: Areas) -> pd.DataFrame:
    """Return `frame` with figures withheld: adds `suppressed` and `suppression_reason`."""
    frame = frame.copy()
    primary = primary_suppression(frame, catalogue)
    final = secondary_suppression(frame, primary, catalogue, areas)
    frame["suppressed"] = final
    frame["suppression_reason"] = None
    frame.loc[final & ~primary, "suppression_reason"] = SECONDARY
    frame.loc[primary, "suppression_reason"] = PRIMARY
    for column in ("numerator", "value", "lower_ci", "upper_ci"):
        frame.loc[final, column] = None
    # The denominator stays: it is the size of the group, not the children counted.
    return frame
