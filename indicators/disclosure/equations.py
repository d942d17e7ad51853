"""The figures of one period of linked indicators as equations, and the range each figure can take.

Everything a visitor can see becomes linear constraints on the true figures (see audit.py
for the list); `value_range` then finds the smallest and largest value a figure can take
under them, by mixed-integer linear programming (HiGHS, through scipy).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from indicators.areas import Areas
from indicators.catalogue import DENOMINATOR_IS_COUNT, SAME_COUNT, Catalogue, Indicator
from indicators.disclosure.counts import SMALL_COMPLEMENT, SMALL_COUNT, SMALL_GROUP
from indicators.disclosure.secondary import COUNT, GROUP, hierarchy_groups
from indicators.stats import implied_from_interval

TOLERANCE = 1e-6
NOTHING_LIMITS = 1e12  # every figure's bound: a figure nothing shown limits reaches it (the solver needs a bound)


@dataclass
class Row:
    index: object
    indicator: Indicator
    area: str
    count: float  # the true figures (NaN where the extract did not give them)
    group: float
    numerator: float
    denominator: float
    value: float
    lower: float
    upper: float
    reasons: frozenset[str]
    hidden: bool
    group_hidden: bool


@dataclass
class Constraint:
    coefficients: dict[int, float]
    low: float
    high: float
    shown_by: tuple[object, str] | None = None  # (row index, COUNT or GROUP) when a shown figure makes it


@dataclass
class System:
    variables: dict[tuple, int] = field(default_factory=dict)
    integer: list[int] = field(default_factory=list)
    low: list[float] = field(default_factory=list)
    high: list[float] = field(default_factory=list)
    cost: list[float] = field(default_factory=list)
    constraints: list[Constraint] = field(default_factory=list)
    tops: set[str] = field(default_factory=set)  # top-level areas, whose totals a visitor knows from elsewhere

    def variable(
        self, key: tuple, integer: bool = True, low: float = 0.0, high: float = NOTHING_LIMITS, cost: float = 0.0
    ) -> int:
        if key not in self.variables:
            self.variables[key] = len(self.integer)
            self.integer.append(int(integer))
            self.low.append(low)
            self.high.append(high)
            self.cost.append(cost)
        return self.variables[key]

    def add(self, coefficients: dict[int, float], low: float, high: float, shown_by=None) -> None:
        self.constraints.append(Constraint(coefficients, low, high, shown_by))

    def agree(self, key: tuple, coefficients: dict[int, float]) -> None:
        """sum(coefficients) = 0 as nearly as the figures allow: a gap found by the first pass is allowed."""
        over = self.variable((*key, "over"), integer=False, cost=1.0)
        under = self.variable((*key, "under"), integer=False, cost=1.0)
        self.add(coefficients | {over: -1.0, under: 1.0}, 0.0, 0.0)


def _value_rounding(value: float) -> float:
    """Half a unit of the value's last decimal place: what a shown value leaves open."""
    for places in range(7):
        if math.isclose(value, round(value, places), rel_tol=0, abs_tol=1e-9 * max(1.0, abs(value))):
            return 0.5 * 10.0**-places
    return max(1e-6 * abs(value), 1e-9)


def is_missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


# How much a visitor is assumed to know of the top-level totals, most first: the build uses the
# first that the figures themselves do not contradict (an area with no rows may not be empty).
KNOWS_TOTALS_AND_EMPTY_AREAS, KNOWS_TOTALS, KNOWS_NO_TOTALS = 2, 1, 0


def build_system(
    rows: list[Row], catalogue: Catalogue, areas: Areas, knows: int = KNOWS_TOTALS_AND_EMPTY_AREAS
) -> tuple[System, dict[object, Row]]:
    system = System()
    by_index = {row.index: row for row in rows}
    indicators = {row.indicator.id: row.indicator for row in rows}

    def n(indicator_id: str, area: str) -> int:
        integer = indicators[indicator_id].unit != "score"  # a score's numerator is points, not people
        return system.variable(("count", indicator_id, area), integer=integer)

    def d(indicator_id: str, area: str) -> int:
        return system.variable(("group", indicator_id, area))

    for row in rows:
        _row_constraints(system, row, n(row.indicator.id, row.area), _group_variable(row, d))
    if knows > KNOWS_NO_TOTALS:
        _top_totals_known(system, rows, indicators, areas, n, d, empty_areas=knows == KNOWS_TOTALS_AND_EMPTY_AREAS)
    rows_at = {(row.indicator.id, row.area) for row in rows}
    for parent, children in hierarchy_groups(areas):
        for indicator_id, indicator in indicators.items():
            if not any((indicator_id, m) in rows_at for m in (parent, *children)):
                continue
            parts = [n] + ([d] if has_group(indicator) else [])
            for part in parts:
                coefficients = {part(indicator_id, parent): 1.0}
                for child in children:
                    coefficients[part(indicator_id, child)] = -1.0
                system.agree(("adds up", part.__name__, indicator_id, parent), coefficients)
    for link in catalogue.links():
        if link.first not in indicators or link.second not in indicators:
            continue
        first = d if link.kind != SAME_COUNT else n
        second = n if link.kind in (SAME_COUNT, DENOMINATOR_IS_COUNT) else d
        for area in {row.area for row in rows}:
            if (link.first, area) in rows_at or (link.second, area) in rows_at:
                system.agree(
                    ("link", link.kind, link.first, area),
                    {first(link.first, area): 1.0, second(link.second, area): -1.0},
                )
    return system, by_index


def has_group(indicator: Indicator) -> bool:
    return indicator.has_ratio or indicator.unit == "score"


def _top_totals_known(
    system: System, rows: list[Row], indicators: dict[str, Indicator], areas: Areas, n, d, empty_areas: bool
) -> None:
    """A top-level total (Dorset) is published elsewhere: its count and group are known to a visitor,
    whether it is shown here, withheld, given as a value alone or has no row (then it is the sum of its areas)."""
    # Figures as given (an interval's implied counts are estimates, not the published total).
    truth = {
        (part, row.indicator.id, row.area): value
        for row in rows
        for part, value in (
            ("count", row.value if row.indicator.unit == "count" and is_missing(row.numerator) else row.numerator),
            ("group", row.denominator),
        )
        if not is_missing(value)
    }

    present = {(row.indicator.id, row.area) for row in rows}

    def has_rows(indicator_id: str, area: str) -> bool:
        return (indicator_id, area) in present or any(has_rows(indicator_id, c.id) for c in areas.children(area))

    def total(part: str, indicator_id: str, area: str) -> float:
        """The figure as given, or the sum of its areas'; an area with no rows at all counts as none,
        the tightest a visitor's knowledge of the published total could be (NaN where unknown)."""
        if (part, indicator_id, area) in truth:
            return truth[(part, indicator_id, area)]
        if empty_areas and not has_rows(indicator_id, area):
            return 0.0
        children = areas.children(area)
        if not children:
            return math.nan
        return sum(total(part, indicator_id, child.id) for child in children)  # NaN if any is unknown

    system.tops = {a.id for a in areas.by_id.values() if a.parent is None and areas.children(a.id)}
    for top in system.tops:
        for indicator_id, indicator in indicators.items():
            score = indicator.unit == "score"
            people = total("group" if score else "count", indicator_id, top)
            if not is_missing(people):
                variable = d(indicator_id, top) if score else n(indicator_id, top)
                system.add({variable: 1.0}, people, people)
            group = total("group", indicator_id, top)
            if has_group(indicator) and not score and not is_missing(group):
                system.add({d(indicator_id, top): 1.0}, group, group)


def _group_variable(row: Row, d) -> int | None:
    return d(row.indicator.id, row.area) if has_group(row.indicator) else None


def _row_constraints(system: System, row: Row, n: int, d: int | None) -> None:
    indicator = row.indicator
    if indicator.unit == "percentage" and d is not None and not indicator.value_can_exceed_100:
        system.add({n: 1.0, d: -1.0}, -math.inf, 0.0)
    if not row.group_hidden and d is not None and not is_missing(row.denominator):
        system.add({d: 1.0}, row.denominator, row.denominator, shown_by=(row.index, GROUP))
    if row.hidden:
        return
    shown = (row.index, COUNT)
    if not is_missing(row.numerator):
        system.add({n: 1.0}, row.numerator, row.numerator, shown_by=shown)
    if not is_missing(row.value):
        _value_constraint(system, row, n, d, shown)
    if (
        is_missing(row.numerator)
        and is_missing(row.denominator)
        and not (is_missing(row.lower) or is_missing(row.upper))
    ):
        _interval_constraint(system, row, n, d, shown)


def _value_constraint(system: System, row: Row, n: int, d: int | None, shown) -> None:
    indicator, value = row.indicator, row.value
    rounding = _value_rounding(value)
    if indicator.unit == "count":
        low, high = _widened(value - rounding, value + rounding, row.count)
        system.add({n: 1.0}, low, high, shown_by=shown)
        return
    if d is None or not (is_missing(row.numerator) or is_missing(row.denominator)):
        return  # both counts shown: the value adds nothing
    multiplier = 1.0 if indicator.unit == "score" else float(indicator.multiplier)
    low, high = value - rounding, value + rounding
    # multiplier * n between low * d and high * d
    system.add({n: multiplier, d: -high}, -math.inf, 0.0, shown_by=shown)
    system.add({n: multiplier, d: -low}, 0.0, math.inf, shown_by=shown)


def _interval_constraint(system: System, row: Row, n: int, d: int | None, shown) -> None:
    """An interval shown without counts tells them, to the interval's rounding."""
    indicator = row.indicator
    if not indicator.has_ratio or d is None:
        return
    implied = []
    for lower, upper in _rounding_corners(row.lower, row.upper):
        count, group = implied_from_interval(indicator.unit, indicator.multiplier, row.value, lower, upper)
        implied.append(group if indicator.unit == "percentage" else count)
    implied = [x for x in implied if not is_missing(x)]
    if not implied:
        return
    truth = row.group if indicator.unit == "percentage" else row.count
    low, high = _widened(min(implied) - 0.5, max(implied) + 0.5, truth)
    system.add({d if indicator.unit == "percentage" else n: 1.0}, low, high, shown_by=shown)


def _rounding_corners(lower: float, upper: float) -> list[tuple[float, float]]:
    """The widest and narrowest intervals the shown limits could have been rounded from."""
    lr, ur = _value_rounding(lower), _value_rounding(upper)
    return [(lower, upper), (max(lower - lr, 0.0), upper + ur), (lower + lr, max(upper - ur, lower + lr + 1e-12))]


def _widened(low: float, high: float, truth: float) -> tuple[float, float]:
    """A shown figure's range, widened to hold the true figure where that is known (the source's own rounding)."""
    if is_missing(truth):
        return low, high
    return min(low, truth), max(high, truth)


# --- solving ---------------------------------------------------------------------------


def solver_inputs(system: System):
    from scipy.optimize import Bounds, LinearConstraint
    from scipy.sparse import coo_array

    rows, columns, values = [], [], []
    for i, constraint in enumerate(system.constraints):
        for j, coefficient in constraint.coefficients.items():
            rows.append(i)
            columns.append(j)
            values.append(coefficient)
    shape = (len(system.constraints), len(system.integer))
    matrix = coo_array((values, (rows, columns)), shape=shape).tocsr()
    low = np.array([c.low for c in system.constraints], dtype=float)
    high = np.array([c.high for c in system.constraints], dtype=float)
    bounds = Bounds(np.array(system.low, dtype=float), np.array(system.high, dtype=float))
    return LinearConstraint(matrix, low, high), bounds


def settle_gaps(system: System) -> bool:
    """First pass: the smallest gaps in adding up and in links that the figures need; then allow only those."""
    from scipy.optimize import milp

    constraints, bounds = solver_inputs(system)
    result = milp(np.array(system.cost), constraints=constraints, bounds=bounds, integrality=np.zeros(len(system.cost)))
    if result.x is None:
        return False
    for j, cost in enumerate(system.cost):
        if cost:
            system.high[j] = result.x[j] * (1 + 1e-7) + TOLERANCE
    return True


def value_range(system: System, inputs, objective: dict[int, float]) -> tuple[float, float] | None:
    """The smallest and largest value of sum(objective) the constraints allow (None if they allow none)."""
    from scipy.optimize import milp

    constraints, bounds = inputs
    c = np.zeros(len(system.integer))
    for j, coefficient in objective.items():
        c[j] = coefficient
    ends = []
    for sign in (1.0, -1.0):
        result = milp(sign * c, constraints=constraints, bounds=bounds, integrality=np.array(system.integer))
        if result.x is None:  # whole numbers may not fit a gap allowed as a fraction: relax them
            result = milp(sign * c, constraints=constraints, bounds=bounds, integrality=np.zeros(len(c)))
        if result.x is None:
            return None
        ends.append(float(c @ result.x))
    return ends[0], ends[1]


def objectives(system: System, row: Row) -> Iterable[tuple[str, dict[int, float]]]:
    n = system.variables[("count", row.indicator.id, row.area)]
    d = system.variables.get(("group", row.indicator.id, row.area))
    for reason in sorted(row.reasons):
        if reason == SMALL_COUNT:
            yield reason, {d if row.indicator.unit == "score" else n: 1.0}
        elif reason == SMALL_COMPLEMENT and d is not None:
            yield reason, {d: 1.0, n: -1.0}
        elif reason == SMALL_GROUP and d is not None:
            yield reason, {d: 1.0}
