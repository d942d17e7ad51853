"""The disclosure audit: can any withheld small number be worked out from what is shown?

For one period of a set of indicators that share people (catalogue `Link`s), everything a
visitor can see becomes linear constraints on the true figures:

- a shown numerator or denominator fixes it; a shown value ties the numerator to the
  denominator (to the value's own rounding); an interval shown without counts bounds them
  (the denominator a Wilson interval implies, the count a Poisson interval implies);
- areas add up (Dorset = its localities, Chesil = Weymouth + Portland), and linked
  indicators share figures, as nearly as the figures allow: where they do not agree
  exactly (a published Dorset figure beside localities added up from schools) the gap
  found is allowed, and no more. A top-level total (Dorset) is taken as known even when
  it is withheld here or has no row: it is published elsewhere;
- counts are whole numbers of at least 0, and a percentage's count is at most its group.
  Pages say the same of every withheld figure ("withheld: small number"), so a visitor
  cannot tell a small number from a figure withheld to protect one.

For each withheld small number, the smallest and largest values these constraints allow
are found by mixed-integer linear programming (HiGHS, through scipy). It is protected
when at least `threshold` whole numbers remain possible: with a threshold of 5, a withheld
count could still be any of 0-4. `protect` withholds further figures until every small
number is protected; `exposures` is the check the warehouse build ends with.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

from indicators.areas import Areas
from indicators.catalogue import Catalogue
from indicators.disclosure.counts import SMALL_COMPLEMENT, SMALL_COUNT, SMALL_GROUP
from indicators.disclosure.equations import (
    KNOWS_NO_TOTALS,
    KNOWS_TOTALS,
    KNOWS_TOTALS_AND_EMPTY_AREAS,
    TOLERANCE,
    Row,
    System,
    build_system,
    is_missing,
    objectives,
    settle_gaps,
    solver_inputs,
    value_range,
)
from indicators.disclosure.secondary import GROUP, Withheld
from indicators.extracts.problems import ExtractError, Problem

UNCHECKED = "unchecked"  # the figures contradict every reading of them, so cannot be proven safe
WHAT = {SMALL_COUNT: "count", SMALL_COMPLEMENT: "complement (denominator minus count)", SMALL_GROUP: "denominator"}


@dataclass(frozen=True)
class Exposure:
    """A withheld small number that what is shown narrows to fewer than `threshold` values."""

    indicator_id: str
    area_id: str
    period: str
    reason: str  # SMALL_COUNT, SMALL_COMPLEMENT or SMALL_GROUP
    low: float
    high: float
    row: object = None  # the frame index of the row

    def __str__(self) -> str:
        where = f"{self.indicator_id}, {self.area_id}, {self.period}"
        if self.reason == UNCHECKED:
            return f"{where}: the figures shown with it contradict each other, so it cannot be proven safe"
        span = f"exactly {self.low:g}" if self.high - self.low < 0.5 else f"{self.low:g} to {self.high:g}"
        return f"{where}: its {WHAT[self.reason]} can be worked out as {span}"


class DisclosureError(ExtractError):
    """A build would publish small numbers that can be worked out: nothing is published, every one is named."""

    def __init__(self, exposures: list[Exposure]):
        self.exposures = exposures
        fix = (
            "Nothing was published and the last good warehouse is still served. This is a fault in the "
            "dashboard's disclosure control, not in the extracts: report it with this message."
        )
        super().__init__(
            [Problem("disclosure check", None, None, f"{e} from the figures shown", fix) for e in exposures]
        )


def _needs_protecting(row: Row) -> bool:
    return row.hidden and bool(row.reasons) and row.indicator.suppression_threshold > 0


def _settled(
    rows: list[Row], catalogue: Catalogue, areas: Areas, knows: int | None = None
) -> tuple[System, int] | None:
    """The system of these figures, with the most a visitor could know that the figures allow (or `knows`)."""
    levels = [knows] if knows is not None else [KNOWS_TOTALS_AND_EMPTY_AREAS, KNOWS_TOTALS, KNOWS_NO_TOTALS]
    for level in levels:
        system, _ = build_system(rows, catalogue, areas, level)
        if settle_gaps(system):
            return system, level
    return None


def _public_width(rows: list[Row], row: Row, reason: str, catalogue: Catalogue, areas: Areas, knows: int) -> float:
    """How narrow the published top-level totals alone make this figure: no withholding here can do better.

    When Dorset's own total is 2 (published elsewhere), each locality's count is 0, 1 or 2
    for anyone, whatever this dashboard shows.
    """
    tops = {a.id for a in areas.by_id.values() if a.parent is None}
    public = [r if r.area in tops else replace(r, hidden=True, group_hidden=True) for r in rows]
    settled = _settled(public, catalogue, areas, knows)
    if settled is None:
        return math.inf
    system, _ = settled
    span = value_range(system, solver_inputs(system), dict(objectives(system, row))[reason])
    return math.inf if span is None else span[1] - span[0]


def _system_exposures(
    rows: list[Row], catalogue: Catalogue, areas: Areas, period: str, only: Row | None = None
) -> list[Exposure]:
    """The withheld small numbers of one system (or only one of them) that are not protected.

    Figures that contradict every reading of them cannot be checked, and are reported as exposed.
    """
    key = (period, tuple(_row_key(r) for r in rows), None if only is None else only.index)
    if key in _AUDITED:
        return _AUDITED[key]
    settled = _settled(rows, catalogue, areas)
    candidates = [r for r in (rows if only is None else [only]) if _needs_protecting(r)]
    found = []
    if settled is None:
        found = [
            Exposure(r.indicator.id, r.area, period, UNCHECKED, math.nan, math.nan, row=r.index) for r in candidates
        ]
        candidates = []
    else:
        system, knows = settled
        inputs = solver_inputs(system)
    for row in candidates:
        if row.area in system.tops:  # a top-level total is public anyway
            continue
        for reason, objective in objectives(system, row):
            span = value_range(system, inputs, objective)
            needed = row.indicator.suppression_threshold - 1 - TOLERANCE
            if span is None:
                found.append(Exposure(row.indicator.id, row.area, period, UNCHECKED, math.nan, math.nan, row=row.index))
            elif (
                span[1] - span[0] < needed
                and span[1] - span[0] < _public_width(rows, row, reason, catalogue, areas, knows) - TOLERANCE
            ):
                found.append(Exposure(row.indicator.id, row.area, period, reason, *span, row=row.index))
    if len(_AUDITED) > 100_000:
        _AUDITED.clear()
    _AUDITED[key] = found
    return found


# The same figures always give the same answer: the build's final check re-audits what `protect`
# has just settled, so it is remembered (keyed by every figure and flag of the system).
_AUDITED: dict[tuple, list[Exposure]] = {}


def _row_key(row: Row) -> tuple:
    figures = (row.count, row.group, row.numerator, row.denominator, row.value, row.lower, row.upper)
    return (
        row.index,
        row.indicator.id,
        row.indicator.suppression_threshold,
        row.area,
        *(None if is_missing(x) else x for x in figures),
        row.reasons,
        row.hidden,
        row.group_hidden,
    )


# --- which figures to check together -----------------------------------------------------


def _components(catalogue: Catalogue) -> dict[str, str]:
    """Each indicator's group of linked indicators, named by its first member."""
    parent = {i: i for i in catalogue.indicators}

    def root(i: str) -> str:
        while parent[i] != i:
            i = parent[i]
        return i

    for link in catalogue.links():
        parent[root(link.first)] = root(link.second)
    return {i: root(i) for i in catalogue.indicators}


def _rows(frame: pd.DataFrame, sizes: pd.DataFrame, reasons: pd.Series, withheld: Withheld, catalogue: Catalogue):
    columns = zip(
        frame.index,
        frame["indicator_id"],
        frame["area_id"],
        sizes["count"],
        sizes["group"],
        frame["numerator"],
        frame["denominator"],
        frame["value"],
        frame["lower_ci"],
        frame["upper_ci"],
        reasons,
        strict=True,
    )
    for index, indicator_id, area, count, group, numerator, denominator, value, lower, upper, why in columns:
        yield Row(
            index,
            catalogue.indicators[indicator_id],
            area,
            float(count),
            float(group),
            float(numerator),
            float(denominator),
            float(value),
            float(lower),
            float(upper),
            why,
            withheld.rows[index],
            withheld.groups[index],
        )


def _systems(frame, sizes, reasons, withheld, catalogue) -> dict[tuple[str, str], list[Row]]:
    component = _components(catalogue)
    systems: dict[tuple[str, str], list[Row]] = {}
    for period, row in zip(frame["period"], _rows(frame, sizes, reasons, withheld, catalogue), strict=True):
        systems.setdefault((component[row.indicator.id], period), []).append(row)
    return {key: rows for key, rows in systems.items() if any(_needs_protecting(r) for r in rows)}


def exposures(
    frame: pd.DataFrame, sizes: pd.DataFrame, reasons: pd.Series, withheld: Withheld, catalogue: Catalogue, areas: Areas
) -> list[Exposure]:
    """Every withheld small number that the shown figures narrow to fewer than `threshold` values."""
    found = []
    for (_, period), rows in sorted(_systems(frame, sizes, reasons, withheld, catalogue).items()):
        found.extend(_system_exposures(rows, catalogue, areas, period))
    return found


def _candidates(system: System, by_index: dict[object, Row], exposed: Row, areas: Areas) -> list[tuple[object, str]]:
    """Shown figures near the exposed one in the web of constraints: withholding one of them may protect it.

    The cheapest first (a denominator before a whole row), then the one giving the most room.
    """
    tops = {a.id for a in areas.by_id.values() if a.parent is None}
    start = {j for key, j in system.variables.items() if key[1:] == (exposed.indicator.id, exposed.area)}
    seen, frontier, found = set(start), set(start), set()
    for depth in range(6):
        found |= {
            c.shown_by
            for c in system.constraints
            if c.shown_by is not None and frontier & c.coefficients.keys() and by_index[c.shown_by[0]].area not in tops
        }
        if found and depth >= 1:
            break
        reached = {
            j
            for c in system.constraints
            if c.shown_by is None and frontier & c.coefficients.keys()
            for j in c.coefficients
        }
        frontier = reached - seen
        seen |= reached
    return sorted(found, key=lambda item: (_cost(by_index[item[0]], item[1]), -_room(by_index[item[0]], item[1])))


def _cost(row: Row, part: str) -> float:
    """What withholding costs a reader: a figure, and a denominator half as much."""
    return (0.0 if row.hidden else 1.0) + (0.5 if part == GROUP else 0.0)


def _room(row: Row, part: str) -> float:
    """How much room withholding this part of a row could give."""
    if part == GROUP:
        return 0.0 if is_missing(row.group) else row.group
    if row.indicator.unit == "percentage" and not (is_missing(row.count) or is_missing(row.group)):
        return min(row.count, row.group - row.count)
    return 0.0 if is_missing(row.count) else row.count


def _withholding(rows: list[Row], index: object, part: str) -> list[Row]:
    return [
        replace(r, hidden=True, group_hidden=r.group_hidden or part == GROUP) if r.index == index else r for r in rows
    ]


def _best_choice(rows: list[Row], exposure: Exposure, catalogue: Catalogue, areas: Areas) -> tuple[object, str] | None:
    """The figure to withhold next: the first (cheapest) that protects the exposed one, else the one that helps most."""
    system, by_index = build_system(rows, catalogue, areas)
    exposed = by_index[exposure.row]
    options = _candidates(system, by_index, exposed, areas)
    width = exposure.high - exposure.low
    best, best_width = (options[0] if options else None), width
    for index, part in options[:12]:
        trial = _withholding(rows, index, part)
        left = _system_exposures(
            trial, catalogue, areas, exposure.period, only=next(r for r in trial if r.index == exposed.index)
        )
        mine = [e for e in left if e.reason == exposure.reason]
        if not mine:
            return index, part
        if mine[0].high - mine[0].low > best_width + TOLERANCE:
            best, best_width = (index, part), mine[0].high - mine[0].low
    return best


def protect(
    frame: pd.DataFrame, sizes: pd.DataFrame, reasons: pd.Series, withheld: Withheld, catalogue: Catalogue, areas: Areas
) -> Withheld:
    """Withhold further figures until no small number can be narrowed below `threshold` values.

    Raises DisclosureError if some small number cannot be protected whatever else is withheld.
    """
    stuck: list[Exposure] = []
    for (_, period), rows in sorted(_systems(frame, sizes, reasons, withheld, catalogue).items()):
        while found := _system_exposures(rows, catalogue, areas, period):
            choice = _best_choice(rows, found[0], catalogue, areas)
            if choice is None:
                stuck.extend(found)
                break
            withheld.hide(choice[1], choice[0])
            rows = _withholding(rows, *choice)
    if stuck:
        raise DisclosureError(stuck)
    return withheld
