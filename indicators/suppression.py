"""Disclosure control: small numbers about children never leave the data layer.

Primary suppression withholds any figure built on a count below the indicator's
threshold (default 5), and any percentage whose complement is that small ("all but
two care leavers..." identifies the two). Secondary suppression then withholds
enough further localities that a hidden one cannot be worked out by subtracting
the others from their total (Dorset = six localities; Chesil = Weymouth + Portland).

It runs once, when the warehouse is built. Pages read only the suppressed result.
"""

from __future__ import annotations

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
    suppressed = suppressed.copy()
    count = _count_of(frame, catalogue)
    groups = _hierarchy_groups(areas)
    keyed = frame.assign(_count=count)
    by_key = {k: g.index for k, g in keyed.groupby(["indicator_id", "period"], sort=False)}
    changed = True
    while changed:
        changed = False
        for rows in by_key.values():
            slice_ = keyed.loc[rows]
            for parent, children in groups:
                members = slice_[slice_["area_id"].isin([parent, *children])]
                # Without the parent's figure there is no total to subtract from.
                if parent not in set(members["area_id"]) or len(members) < 2 or members["_count"].isna().all():
                    continue
                hidden = suppressed.loc[members.index]
                if hidden.sum() != 1:
                    continue
                shown_children = members[~hidden & members["area_id"].isin(children) & members["_count"].notna()]
                if shown_children.empty:
                    # Only the parent is left to hide (its children are all hidden already).
                    candidates = members[~hidden]
                else:
                    candidates = shown_children.sort_values(["_count", "area_id"])
                suppressed.loc[candidates.index[0]] = True
                changed = True
    return suppressed


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
