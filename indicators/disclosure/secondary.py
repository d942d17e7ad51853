"""Disclosure control: small numbers about children never leave the data layer.

Primary suppression withholds any figure built on a count below the indicator's
threshold (default 5), and any percentage whose complement is that small ("all but
two care leavers..." identifies the two). Secondary suppression then withholds
enough further figures that no hidden one can be worked out from what is shown:

- by subtraction within the area hierarchy (Dorset = the six localities; Chesil =
  Weymouth + Portland), chaining through areas that have no row at all (with
  Chesil's row absent, Portland = Dorset - the other localities - Weymouth), and
  treating a missing top-level total as known, since Dorset's figure is usually
  published somewhere;
- from a second indicator counting the same children (a rate and its count,
  declared with `same_count_as` in the catalogue).

It runs once, when the warehouse is built. Pages read only the suppressed result.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from indicators.areas import Areas
from indicators.catalogue import Catalogue

PRIMARY = "small number"
SECONDARY = "withheld so that a small number elsewhere cannot be worked out"

Cell = dict[str, tuple[object, float]]  # area -> (row index, count) for one indicator and period


def _count_of(frame: pd.DataFrame, catalogue: Catalogue) -> pd.Series:
    """The number of children each row is built on.

    The numerator; for a count, its value; for a score, its pupils (the denominator);
    for a percentage or rate given as a value
    and a denominator without a numerator, the numerator those imply (40% of 5 is 2
    children: leaving the numerator out must not leave them visible).
    """
    indicators = frame["indicator_id"].map(catalogue.indicators.__getitem__)
    is_count = indicators.map(lambda i: i.unit == "count")
    multiplier = indicators.map(lambda i: i.multiplier).astype("float64")
    implied = (frame["value"] * frame["denominator"] / multiplier).round()
    implied = implied.where(indicators.map(lambda i: i.has_ratio))
    count = frame["numerator"].where(frame["numerator"].notna(), frame["value"].where(is_count))
    count = count.where(count.notna(), implied)
    # An average score's numerator is points, not children: its pupils are the denominator.
    is_score = indicators.map(lambda i: i.unit == "score")
    return count.where(~is_score, frame["denominator"])


def primary_suppression(frame: pd.DataFrame, catalogue: Catalogue) -> pd.Series:
    """True where a row's own count (or its complement) is below the threshold."""
    # A threshold of 0 marks figures that are not about people (e.g. schools' judgements).
    threshold = frame["indicator_id"].map(lambda i: catalogue.indicators[i].suppression_threshold)
    count = _count_of(frame, catalogue)
    small = count.notna() & (count < threshold)
    is_percentage = frame["indicator_id"].map(lambda i: catalogue.indicators[i].unit == "percentage")
    complement = frame["denominator"] - count
    small_complement = is_percentage & complement.notna() & (complement >= 0) & (complement < threshold)
    return small | small_complement


def _hierarchy_groups(areas: Areas) -> list[tuple[str, list[str]]]:
    """(parent, children) for every area that has children which add up to it."""
    parents = sorted({a.parent for a in areas.by_id.values() if a.parent})
    return [(p, [c.id for c in areas.children(p)]) for p in parents]


def _recovered_by(cell: Cell, hidden: dict[object, bool], groups: list[tuple[str, list[str]]], tops: set[str]):
    """A group through which a hidden figure can be worked out, or None.

    Works out every figure that can be: a group whose members are all known but one
    gives that one. Known: shown with a count, or a top-level total even without a row.
    """
    known = {area for area, (index, count) in cell.items() if not hidden[index] and not math.isnan(count)}
    known |= {parent for parent, _ in groups if parent in tops and parent not in cell}
    progress = True
    while progress:
        progress = False
        for parent, children in groups:
            members = [parent, *children]
            unknown = [m for m in members if m not in known]
            if len(unknown) != 1:
                continue
            (found,) = unknown
            if found in cell and hidden[cell[found][0]]:
                return parent, children
            known.add(found)
            progress = True
    return None


def _hide_one_more(cell: Cell, hidden: dict[object, bool], parent: str, children: list[str]) -> bool:
    """Hide the smallest shown member of the group (a child before the total); False if none is left."""
    shown = sorted(
        (count, area != parent, area)
        for area, (index, count) in cell.items()
        if area in (parent, *children) and not hidden[index] and not math.isnan(count)
    )
    shown_children = [s for s in shown if s[1]]
    if not (shown_children or shown):
        return False
    _, _, area = (shown_children or shown)[0]
    hidden[cell[area][0]] = True
    return True


def _protect_groups(cells: dict[tuple[str, str], Cell], hidden: dict[object, bool], areas: Areas) -> bool:
    groups = _hierarchy_groups(areas)
    tops = {parent for parent, _ in groups if areas[parent].parent is None}
    changed = False
    for cell in cells.values():
        if not any(hidden[index] for index, _ in cell.values()):
            continue
        while (group := _recovered_by(cell, hidden, groups, tops)) is not None:
            if not _hide_one_more(cell, hidden, *group):
                break
            changed = True
    return changed


def _protect_linked(cells: dict[tuple[str, str], Cell], hidden: dict[object, bool], catalogue: Catalogue) -> bool:
    """A figure withheld in one indicator is withheld in any indicator counting the same children."""
    changed = False
    for first, second in catalogue.count_links():
        for (indicator_id, period), cell in cells.items():
            if indicator_id != first or (second, period) not in cells:
                continue
            other = cells[(second, period)]
            for area in cell.keys() & other.keys():
                a, b = cell[area][0], other[area][0]
                if hidden[a] != hidden[b]:
                    hidden[a] = hidden[b] = True
                    changed = True
    return changed


def secondary_suppression(frame: pd.DataFrame, suppressed: pd.Series, catalogue: Catalogue, areas: Areas) -> pd.Series:
    """Extend `suppressed` until no hidden figure can be worked out from shown ones."""
    hidden = dict(zip(frame.index, suppressed.tolist(), strict=True))
    counts = _count_of(frame, catalogue).astype("float64").fillna(np.nan).tolist()
    cells: dict[tuple[str, str], Cell] = {}
    for index, indicator_id, period, area_id, count in zip(
        frame.index, frame["indicator_id"], frame["period"], frame["area_id"], counts, strict=True
    ):
        cells.setdefault((indicator_id, period), {})[area_id] = (index, count)
    # Hiding for one reason can expose a figure to the other: repeat until neither changes anything.
    while _protect_groups(cells, hidden, areas) | _protect_linked(cells, hidden, catalogue):
        pass
    return pd.Series(hidden, dtype=bool).reindex(frame.index)


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
