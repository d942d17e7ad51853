"""Issue 19, layer by layer: the quick pass, the audit and protect, each on its own (tests/test_disclosure.py
attacks what the layers publish together)."""

from __future__ import annotations

from indicators.disclosure.counts import people_counts
from indicators.publish import add_confidence_limits
from indicators.stats import wilson_ci
from tests.test_disclosure import (
    COUNT,
    EET,
    FOSTER,
    IN_CARE,
    LOCALITIES,
    TWO_SMALL_IN_TWO_GROUPS,
    frame_of,
    percentage_rows,
)


def layers(rows: list[dict], catalogue, period: str = "2022/23"):
    from indicators.disclosure.counts import hides_group, is_small, small_number_reasons

    frame = add_confidence_limits(frame_of(rows, period), catalogue)
    sizes = people_counts(frame, catalogue)
    reasons = small_number_reasons(frame, sizes, catalogue)
    return frame, sizes, reasons, is_small(reasons), hides_group(reasons)


def quick_pass(rows: list[dict], catalogue, areas, period: str = "2022/23") -> tuple[set, set]:
    from indicators.disclosure.secondary import secondary_suppression

    frame, sizes, _, small, groups = layers(rows, catalogue, period)
    withheld = secondary_suppression(frame, sizes, small, groups, catalogue, areas)
    key = {i: (frame.at[i, "indicator_id"], frame.at[i, "area_id"]) for i in frame.index}
    return {key[i] for i, h in withheld.rows.items() if h}, {key[i] for i, h in withheld.groups.items() if h}


def audit_of(
    rows: list[dict], hidden: set, catalogue, areas, hidden_groups: set = frozenset(), period: str = "2022/23"
):
    from indicators.disclosure.audit import exposures
    from indicators.disclosure.secondary import Withheld

    frame, sizes, reasons, _, _ = layers(rows, catalogue, period)
    key = {i: (frame.at[i, "indicator_id"], frame.at[i, "area_id"]) for i in frame.index}
    withheld = Withheld({i: key[i] in hidden for i in frame.index}, {i: key[i] in hidden_groups for i in frame.index})
    return exposures(frame, sizes, reasons, withheld, catalogue, areas)


VALUE_ONLY_DORSET = [
    *percentage_rows(EET, {"purbeck": (2, 100)} | {a: (33, 100) for a in LOCALITIES if a != "purbeck"}),
    {"indicator_id": EET, "area_id": "dorset", "value": 27.8},
]


def count_rows(figures: dict[str, int], indicator: str = COUNT) -> list[dict]:
    return [{"indicator_id": indicator, "area_id": a, "numerator": v, "value": v} for a, v in figures.items()]


def test_the_quick_pass_protects_every_group_of_a_period_not_only_the_first(catalogue, areas):
    figures = TWO_SMALL_IN_TWO_GROUPS
    hidden, _ = quick_pass(count_rows(figures | {"dorset": 356}), catalogue, areas)
    areas_hidden = {a for _, a in hidden}
    assert len(areas_hidden & {"chesil", "dorchester", "east", "north", "purbeck", "west"}) >= 2
    assert len(areas_hidden & {"chesil", "weymouth", "portland"}) >= 2


def test_the_quick_pass_takes_a_dorset_value_alone_as_known(catalogue, areas):
    hidden, _ = quick_pass(VALUE_ONLY_DORSET, catalogue, areas)
    assert (EET, "purbeck") in hidden and len(hidden) == 2


def test_the_quick_pass_withholds_a_linked_denominator_with_its_row(catalogue, areas):
    rows = count_rows(IN_CARE) + [
        {"indicator_id": FOSTER, "area_id": a, "numerator": round(v * 0.7), "denominator": v}
        for a, v in IN_CARE.items()
    ]
    hidden, groups = quick_pass(rows, catalogue, areas)
    assert {(COUNT, "portland"), (FOSTER, "portland")} <= hidden and (FOSTER, "portland") in groups
    # Chesil's or Weymouth's count is withheld to protect Portland's: its foster care denominator goes with it.
    protector = next(a for _, a in hidden & {(COUNT, "chesil"), (COUNT, "weymouth")})
    assert (FOSTER, protector) in groups


def test_the_quick_pass_protects_a_small_group_through_the_hierarchy(catalogue, areas):
    # Portland's 3 care leavers: Chesil's and Weymouth's denominators would give the 3 by subtraction.
    counts = {"chesil": (30, 40), "weymouth": (28, 37), "portland": (2, 3)} | {
        a: (30, 40) for a in LOCALITIES if a != "chesil"
    }
    _, groups = quick_pass(percentage_rows(EET, counts), catalogue, areas)
    assert (EET, "portland") in groups and groups & {(EET, "chesil"), (EET, "weymouth")}


def test_the_audit_finds_a_count_worked_out_from_a_dorset_value(catalogue, areas):
    found = audit_of(VALUE_ONLY_DORSET, {(EET, "purbeck")}, catalogue, areas)
    assert [(e.area_id, e.reason, e.low, e.high) for e in found] == [("purbeck", "count", 2.0, 2.0)]
    assert audit_of(VALUE_ONLY_DORSET, {(EET, "purbeck"), (EET, "west")}, catalogue, areas) == []


def test_the_audit_finds_a_count_given_away_by_another_indicators_denominator(catalogue, areas):
    rows = count_rows(IN_CARE) + [
        {"indicator_id": FOSTER, "area_id": a, "numerator": round(v * 0.7), "denominator": v}
        for a, v in IN_CARE.items()
    ]
    hidden = {(COUNT, "portland"), (COUNT, "weymouth"), (FOSTER, "portland"), (FOSTER, "weymouth")}
    found = audit_of(rows, hidden, catalogue, areas)
    assert ("portland", 4.0, 4.0) in [(e.area_id, e.low, e.high) for e in found if e.indicator_id == COUNT]
    groups = {(FOSTER, "portland"), (FOSTER, "weymouth")}
    assert not [e for e in audit_of(rows, hidden, catalogue, areas, hidden_groups=groups) if e.indicator_id == COUNT]


def test_the_audit_reads_the_count_a_dorset_interval_gives_away(catalogue, areas):
    # Dorset given as a value and interval only (no counts): the interval fixes its denominator, so its count.
    figures = {"purbeck": (2, 100)} | {a: (33, 100) for a in LOCALITIES if a != "purbeck"}
    lower, upper = wilson_ci(167, 600)
    dorset = {
        "indicator_id": EET,
        "area_id": "dorset",
        "value": 27.83,
        "lower_ci": round(lower * 100, 2),
        "upper_ci": round(upper * 100, 2),
    }
    rows = [{"indicator_id": EET, "area_id": a, "numerator": n} for a, (n, _) in figures.items()] + [
        dorset
    ]  # no denominators shown
    found = audit_of(rows, {(EET, "purbeck")}, catalogue, areas)
    assert found and found[0].area_id == "purbeck" and found[0].high - found[0].low < 4


def test_protect_withholds_one_more_figure_where_one_is_enough(catalogue, areas):
    from indicators.disclosure.audit import protect
    from indicators.disclosure.secondary import Withheld

    frame, sizes, reasons, small, groups = layers(VALUE_ONLY_DORSET, catalogue)
    withheld = protect(frame, sizes, reasons, Withheld(small.to_dict(), groups.to_dict()), catalogue, areas)
    assert sum(withheld.rows.values()) == 2 and not any(withheld.groups.values())
