"""Secondary suppression: withhold enough further figures that no small number can be worked out.

Two parts of a row can give a small number away: its count (numerator, value and interval)
and its group (the denominator). Each is protected in two ways:

- within the area hierarchy (Dorset = the six localities; Chesil = Weymouth + Portland), a
  group of areas with one withheld member and every other member known gives that member
  by subtraction, so one more member is withheld. Known means shown, whatever the form (a
  Dorset percentage given as a value alone, with the localities' denominators, gives its
  count), or a top-level total without a row (Dorset's figure is published elsewhere).
  Subtraction chains through areas that have no row: with Chesil's row absent, Portland =
  Dorset - the other localities - Weymouth;
- across indicators that share people (catalogue `Link`s): a count withheld in one is
  withheld in the other; a denominator that is another indicator's count, or the same
  denominator as another's, is withheld with it.

A withheld denominator always takes its row with it: a value and its numerator, or its
interval, would give the denominator back.

This is the quick pass that settles the usual cases; the audit (`audit.py`) then checks
every withheld figure against everything shown and withholds more where it is needed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from indicators.areas import Areas
from indicators.catalogue import DENOMINATOR_IS_COUNT, SAME_COUNT, SAME_DENOMINATOR, Catalogue

COUNT, GROUP = "count", "group"  # the two parts of a row that can be withheld
Members = dict[str, tuple[object, float]]  # area -> (row index, size) for one part, indicator and period


@dataclass
class Withheld:
    """Which rows are withheld (count, value, interval) and which also lose their denominator."""

    rows: dict[object, bool]
    groups: dict[object, bool]

    def hidden(self, part: str, index: object) -> bool:
        return self.groups[index] if part == GROUP else self.rows[index]

    def hide(self, part: str, index: object) -> bool:
        """Withhold one part of a row (a denominator takes its row with it); True if anything changed."""
        changed = not self.rows[index] or (part == GROUP and not self.groups[index])
        self.rows[index] = True
        if part == GROUP:
            self.groups[index] = True
        return changed


def hierarchy_groups(areas: Areas) -> list[tuple[str, list[str]]]:
    """(parent, children) for every area that has children which add up to it."""
    parents = sorted({a.parent for a in areas.by_id.values() if a.parent})
    return [(p, [c.id for c in areas.children(p)]) for p in parents]


def _recovered_by(part: str, members: Members, withheld: Withheld, groups, tops: set[str]):
    """A group through which a withheld figure can be worked out, or None.

    Works out every figure that can be: a group whose members are all known but one gives
    that one. Known: shown, or a top-level total without a row of its own.
    """
    known = {area for area, (index, _) in members.items() if not withheld.hidden(part, index)}
    known |= {parent for parent, _ in groups if parent in tops and parent not in members}
    progress = True
    while progress:
        progress = False
        for parent, children in groups:
            unknown = [m for m in (parent, *children) if m not in known]
            if len(unknown) != 1:
                continue
            (found,) = unknown
            if found in members and withheld.hidden(part, members[found][0]):
                return parent, children
            known.add(found)
            progress = True
    return None


def _hide_one_more(part: str, members: Members, withheld: Withheld, parent: str, children: list[str]) -> bool:
    """Withhold the smallest shown member of the group (a child before the total); False if none is left."""
    shown = sorted(
        (math.inf if math.isnan(size) else size, area == parent, area)  # an unknown size last
        for area, (index, size) in members.items()
        if area in (parent, *children) and not withheld.hidden(part, index)
    )
    if not shown:
        return False
    area = shown[0][2]
    return withheld.hide(part, members[area][0])


def _protect_hierarchy(cells: dict[tuple[str, str, str], Members], withheld: Withheld, areas: Areas) -> bool:
    groups = hierarchy_groups(areas)
    tops = {parent for parent, _ in groups if areas[parent].parent is None}
    changed = False
    for (part, _, _), members in cells.items():
        if not any(withheld.hidden(part, index) for index, _ in members.values()):
            continue
        while (group := _recovered_by(part, members, withheld, groups, tops)) is not None:
            if not _hide_one_more(part, members, withheld, *group):
                break
            changed = True
    return changed


# For each kind of link: which part of the first indicator's row equals which part of the second's.
_LINKED_PARTS = {SAME_COUNT: (COUNT, COUNT), DENOMINATOR_IS_COUNT: (GROUP, COUNT), SAME_DENOMINATOR: (GROUP, GROUP)}


def _protect_links(cells: dict[tuple[str, str, str], Members], withheld: Withheld, catalogue: Catalogue) -> bool:
    """A part withheld in one indicator is withheld where another indicator shows the same people."""
    changed = False
    periods: dict[str, set[str]] = {}
    for _, indicator_id, period in cells:
        periods.setdefault(indicator_id, set()).add(period)
    for link in catalogue.links():
        first_part, second_part = _LINKED_PARTS[link.kind]
        for period in periods.get(link.first, set()) & periods.get(link.second, set()):
            first = cells[(first_part, link.first, period)]  # every row has both its cells
            second = cells[(second_part, link.second, period)]
            for area in first.keys() & second.keys():
                a, b = first[area][0], second[area][0]
                if withheld.hidden(first_part, a) != withheld.hidden(second_part, b):
                    changed |= withheld.hide(first_part, a) | withheld.hide(second_part, b)
    return changed


def secondary_suppression(
    frame: pd.DataFrame,
    sizes: pd.DataFrame,
    small_rows: pd.Series,
    small_groups: pd.Series,
    catalogue: Catalogue,
    areas: Areas,
) -> Withheld:
    """Extend the small numbers withheld until none can be worked out by subtraction or through a link.

    `sizes` has each row's `count` and `group` (see counts.people_counts).
    """
    withheld = Withheld((small_rows | small_groups).to_dict(), small_groups.to_dict())  # all on frame's index
    cells: dict[tuple[str, str, str], Members] = {}
    rows = frame[["indicator_id", "period", "area_id"]].join(sizes[["count", "group"]])
    for index, indicator_id, period, area_id, count, group in rows.itertuples(name=None):
        cells.setdefault((COUNT, indicator_id, period), {})[area_id] = (index, count)
        # A count's group cell never has a member withheld (it has no denominator), so it is skipped at once.
        cells.setdefault((GROUP, indicator_id, period), {})[area_id] = (index, group)
    # Withholding for one reason can expose a figure to the other: repeat until neither changes anything.
    while _protect_hierarchy(cells, withheld, areas) | _protect_links(cells, withheld, catalogue):
        pass
    return withheld
