"""The quick pass of secondary suppression on its own (`disclosure/secondary.py`).

The build runs this pass and then the audit, which withholds more wherever a figure can
still be worked out; end to end, a weak quick pass would be hidden by the audit. These
tests check which figures the quick pass itself withholds, so each rule it has (which
member goes next, chains through absent rows, the links between indicators) fails a test
when it is broken (`make mutation`).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from indicators.disclosure.secondary import COUNT, GROUP, Withheld, hierarchy_groups, secondary_suppression

COUNT_INDICATOR = "children-in-care-count"
RATE = "children-in-care-rate"  # the same children as the count
FOSTERED = "children-in-care-in-foster-care"  # its denominator is the count
SUITABLE, EET = "care-leavers-in-suitable-accommodation", "care-leavers-in-education-employment-training"  # one group
NAN = math.nan
SIX = {"chesil": 120, "dorchester": 60, "east": 70, "north": 80, "purbeck": 3, "west": 65}


def key(indicator: str, area: str, period: str = "2022/23") -> str:
    return f"{indicator}/{area}/{period}"


def quick_pass(rows, catalogue, areas, small=(), small_groups=()) -> Withheld:
    """rows: (indicator, area, count, group[, period]); small: the keys withheld to begin with."""
    rows = [(*r, "2022/23") if len(r) == 4 else r for r in rows]
    index = [key(i, a, p) for i, a, _, _, p in rows]
    frame = pd.DataFrame(
        {"indicator_id": [r[0] for r in rows], "area_id": [r[1] for r in rows], "period": [r[4] for r in rows]},
        index=index,
    )
    sizes = pd.DataFrame({"count": [r[2] for r in rows], "group": [r[3] for r in rows]}, index=index)
    small_rows = pd.Series([k in small for k in index], index=index)
    groups = pd.Series([k in small_groups for k in index], index=index)
    return secondary_suppression(frame, sizes, small_rows, groups, catalogue, areas)


def counts(values: dict[str, float], indicator: str = COUNT_INDICATOR, period: str = "2022/23"):
    return [(indicator, area, v, NAN, period) for area, v in values.items()]


def rows_withheld(withheld: Withheld) -> list[str]:
    return sorted(k for k, hidden in withheld.rows.items() if hidden)


def groups_withheld(withheld: Withheld) -> list[str]:
    return sorted(k for k, hidden in withheld.groups.items() if hidden)


# --- Withheld -------------------------------------------------------------------------------


def test_withholding_a_denominator_takes_its_row_and_says_what_changed():
    withheld = Withheld({"a": False, "b": False}, {"a": False, "b": False})
    assert withheld.hide(COUNT, "a") is True and withheld.rows["a"] and not withheld.groups["a"]
    assert withheld.hide(COUNT, "a") is False  # already withheld
    assert withheld.hide(GROUP, "a") is True and withheld.groups["a"]  # the row was, its denominator was not
    assert withheld.hide(GROUP, "a") is False
    assert withheld.hide(GROUP, "b") is True and withheld.rows["b"] and withheld.groups["b"]
    assert withheld.hidden(GROUP, "a") and withheld.hidden(COUNT, "b")


def test_the_hierarchy_is_dorset_of_its_localities_and_chesil_of_weymouth_and_portland(areas):
    groups = dict(hierarchy_groups(areas))
    assert sorted(groups) == ["chesil", "dorset"]
    assert sorted(groups["dorset"]) == ["chesil", "dorchester", "east", "north", "purbeck", "west"]
    assert sorted(groups["chesil"]) == ["portland", "weymouth"]


# --- the hierarchy --------------------------------------------------------------------------


def test_one_small_locality_beside_a_shown_dorset_takes_the_next_smallest_locality_with_it(catalogue, areas):
    rows = counts(SIX | {"dorset": 398})
    withheld = quick_pass(rows, catalogue, areas, small={key(COUNT_INDICATOR, "purbeck")})
    assert rows_withheld(withheld) == [key(COUNT_INDICATOR, "dorchester"), key(COUNT_INDICATOR, "purbeck")]
    assert groups_withheld(withheld) == []  # counts only: no denominator withheld


def test_dorsets_published_total_counts_as_known_when_its_row_is_absent(catalogue, areas):
    withheld = quick_pass(counts(SIX), catalogue, areas, small={key(COUNT_INDICATOR, "purbeck")})
    assert rows_withheld(withheld) == [key(COUNT_INDICATOR, "dorchester"), key(COUNT_INDICATOR, "purbeck")]


def test_two_small_localities_protect_each_other(catalogue, areas):
    small = {key(COUNT_INDICATOR, "purbeck"), key(COUNT_INDICATOR, "east")}
    withheld = quick_pass(counts(SIX | {"east": 2, "dorset": 330}), catalogue, areas, small=small)
    assert rows_withheld(withheld) == sorted(small)


def test_of_two_localities_the_same_size_the_first_by_name_goes(catalogue, areas):
    rows = counts(SIX | {"east": 60, "dorset": 388})
    withheld = quick_pass(rows, catalogue, areas, small={key(COUNT_INDICATOR, "purbeck")})
    assert key(COUNT_INDICATOR, "dorchester") in rows_withheld(withheld)
    assert key(COUNT_INDICATOR, "east") not in rows_withheld(withheld)


def test_a_member_of_unknown_size_goes_after_every_member_of_known_size(catalogue, areas):
    rows = counts(SIX | {"dorset": 398, "dorchester": NAN, "west": 0.0})
    withheld = quick_pass(rows, catalogue, areas, small={key(COUNT_INDICATOR, "purbeck")})
    assert rows_withheld(withheld) == [key(COUNT_INDICATOR, "purbeck"), key(COUNT_INDICATOR, "west")]


def test_of_a_locality_and_its_total_the_same_size_the_locality_goes(catalogue, areas):
    # Weymouth (0) withheld; Chesil and Portland both 40: Portland goes, Chesil stays.
    rows = counts({"weymouth": 0, "portland": 40, "chesil": 40})
    withheld = quick_pass(rows, catalogue, areas, small={key(COUNT_INDICATOR, "weymouth")})
    assert rows_withheld(withheld) == [key(COUNT_INDICATOR, "portland"), key(COUNT_INDICATOR, "weymouth")]


def test_a_group_with_two_unknown_members_gives_neither_away(catalogue, areas):
    # No Portland row: Chesil less Portland is not a figure anyone has, so Weymouth is safe.
    rows = counts({"weymouth": 2, "chesil": 10})
    withheld = quick_pass(rows, catalogue, areas, small={key(COUNT_INDICATOR, "weymouth")})
    assert rows_withheld(withheld) == [key(COUNT_INDICATOR, "weymouth")]
    rows = counts({"weymouth": 2, "portland": 8, "chesil": 10})
    small = {key(COUNT_INDICATOR, "weymouth"), key(COUNT_INDICATOR, "portland")}
    assert rows_withheld(quick_pass(rows, catalogue, areas, small=small)) == sorted(small)


def test_subtraction_chains_through_an_area_without_a_row(catalogue, areas):
    # No Chesil row: Chesil = Dorset - the other five, then Portland = Chesil - Weymouth.
    values = {"dorchester": 60, "east": 70, "north": 80, "purbeck": 90, "west": 65, "weymouth": 100, "portland": 3}
    rows = counts(values | {"dorset": 568})
    withheld = quick_pass(rows, catalogue, areas, small={key(COUNT_INDICATOR, "portland")})
    # Chesil's group gives Portland: its only shown member, Weymouth, goes (then Chesil, known from
    # Dorset, has two unknown members).
    assert rows_withheld(withheld) == [key(COUNT_INDICATOR, "portland"), key(COUNT_INDICATOR, "weymouth")]


def test_nothing_more_is_withheld_where_nothing_was(catalogue, areas):
    withheld = quick_pass(counts(SIX | {"purbeck": 30, "dorset": 425}), catalogue, areas)
    assert rows_withheld(withheld) == [] and groups_withheld(withheld) == []


def test_each_period_is_protected_on_its_own(catalogue, areas):
    rows = counts(SIX | {"dorset": 398}) + counts(SIX | {"purbeck": 30, "dorset": 425}, period="2023/24")
    withheld = quick_pass(rows, catalogue, areas, small={key(COUNT_INDICATOR, "purbeck")})
    assert all(k.endswith("2022/23") for k in rows_withheld(withheld)) and len(rows_withheld(withheld)) == 2


def test_a_withheld_denominator_takes_the_next_smallest_denominator(catalogue, areas):
    rows = [*((EET, area, n // 3, float(n)) for area, n in SIX.items()), (EET, "dorset", 132.0, 398.0)]
    withheld = quick_pass(rows, catalogue, areas, small_groups={key(EET, "purbeck")})
    assert groups_withheld(withheld) == [key(EET, "dorchester"), key(EET, "purbeck")]
    assert rows_withheld(withheld) == [key(EET, "dorchester"), key(EET, "purbeck")]


def test_a_percentage_with_an_unknown_denominator_still_takes_part(catalogue, areas):
    # A percentage's denominator is a group even when this extract does not give its size.
    rows = [(EET, area, 20.0, NAN) for area in SIX] + [(EET, "dorset", 120.0, 398.0)]
    withheld = quick_pass(rows, catalogue, areas, small_groups={key(EET, "purbeck")})
    assert len(groups_withheld(withheld)) == 2


# --- links between indicators -----------------------------------------------------------------


def test_a_count_withheld_is_withheld_where_another_indicator_counts_the_same_children(catalogue, areas):
    rows = counts({"purbeck": 3, "east": 70}) + counts({"purbeck": 3, "east": 70}, indicator=RATE)
    withheld = quick_pass(rows, catalogue, areas, small={key(COUNT_INDICATOR, "purbeck")})
    assert key(RATE, "purbeck") in rows_withheld(withheld)
    assert key(RATE, "east") not in rows_withheld(withheld) and groups_withheld(withheld) == []


def test_a_count_withheld_withholds_the_denominator_it_is_of_another_indicator(catalogue, areas):
    rows = [*counts({"purbeck": 3, "east": 70}), (FOSTERED, "purbeck", 2.0, 3.0), (FOSTERED, "east", 50.0, 70.0)]
    withheld = quick_pass(rows, catalogue, areas, small={key(COUNT_INDICATOR, "purbeck")})
    assert key(FOSTERED, "purbeck") in groups_withheld(withheld) and key(FOSTERED, "purbeck") in rows_withheld(withheld)
    assert key(FOSTERED, "east") not in rows_withheld(withheld)


def test_a_withheld_denominator_withholds_the_count_it_is_and_the_other_way_round(catalogue, areas):
    rows = [*counts({"purbeck": 30, "east": 70}), (FOSTERED, "purbeck", 2.0, 30.0), (FOSTERED, "east", 50.0, 70.0)]
    withheld = quick_pass(rows, catalogue, areas, small_groups={key(FOSTERED, "purbeck")})
    assert key(COUNT_INDICATOR, "purbeck") in rows_withheld(withheld)


def test_a_denominator_shared_by_two_indicators_is_withheld_in_both(catalogue, areas):
    rows = [(EET, "purbeck", 2.0, 4.0), (SUITABLE, "purbeck", 3.0, 4.0), (SUITABLE, "east", 30.0, 40.0)]
    withheld = quick_pass(rows, catalogue, areas, small_groups={key(EET, "purbeck")})
    assert key(SUITABLE, "purbeck") in groups_withheld(withheld)
    assert key(SUITABLE, "east") not in rows_withheld(withheld)


def test_a_link_holds_only_within_one_period(catalogue, areas):
    rows = counts({"purbeck": 3}) + counts({"purbeck": 3}, indicator=RATE, period="2023/24")
    withheld = quick_pass(rows, catalogue, areas, small={key(COUNT_INDICATOR, "purbeck")})
    assert rows_withheld(withheld) == [key(COUNT_INDICATOR, "purbeck")]


def test_withholding_through_a_link_can_need_the_hierarchy_again(catalogue, areas):
    # The rate's Purbeck goes because the count's did; then the rate's Dorset and five others
    # would give it back, so the rate loses its next smallest locality too.
    rows = counts(SIX | {"dorset": 398}) + counts(SIX | {"dorset": 398, "dorchester": 61}, indicator=RATE)
    withheld = quick_pass(rows, catalogue, areas, small={key(COUNT_INDICATOR, "purbeck")})
    assert {key(RATE, "purbeck"), key(RATE, "dorchester")} <= set(rows_withheld(withheld))


@pytest.mark.parametrize("part", [COUNT, GROUP])
def test_hidden_reads_the_part_asked_for(part):
    withheld = Withheld({"a": True}, {"a": False})
    assert withheld.hidden(part, "a") is (part == COUNT)


def test_a_shared_denominator_is_withheld_in_both_whichever_indicator_withholds_it_first(catalogue, areas):
    rows = [(EET, "purbeck", 2.0, 4.0), (SUITABLE, "purbeck", 3.0, 4.0)]
    for first, other in [(SUITABLE, EET), (EET, SUITABLE)]:
        withheld = quick_pass(rows, catalogue, areas, small_groups={key(first, "purbeck")})
        assert groups_withheld(withheld) == sorted([key(first, "purbeck"), key(other, "purbeck")])


def test_a_small_numerator_withholds_its_row_but_not_the_denominator_another_indicator_shares(catalogue, areas):
    rows = [(EET, "purbeck", 2.0, 40.0), (SUITABLE, "purbeck", 30.0, 40.0)]
    withheld = quick_pass(rows, catalogue, areas, small={key(SUITABLE, "purbeck")})
    assert rows_withheld(withheld) == [key(SUITABLE, "purbeck")] and groups_withheld(withheld) == []
    withheld = quick_pass(rows, catalogue, areas, small={key(EET, "purbeck")})
    assert rows_withheld(withheld) == [key(EET, "purbeck")] and groups_withheld(withheld) == []


def test_a_small_numerator_in_a_percentage_leaves_the_count_it_is_out_of_shown(catalogue, areas):
    rows = [*counts({"purbeck": 30}), (FOSTERED, "purbeck", 2.0, 30.0)]
    withheld = quick_pass(rows, catalogue, areas, small={key(FOSTERED, "purbeck")})
    assert rows_withheld(withheld) == [key(FOSTERED, "purbeck")] and groups_withheld(withheld) == []


def test_the_hierarchy_is_checked_again_after_a_link_withholds_a_figure(catalogue, areas):
    # The count's localities are not all given, so its hierarchy gives nothing away; the rate's
    # are, so once the link withholds the rate's Purbeck, the rate loses its next smallest locality.
    rows = counts({"purbeck": 3, "east": 70}) + counts(SIX | {"dorset": 398}, indicator=RATE)
    withheld = quick_pass(rows, catalogue, areas, small={key(COUNT_INDICATOR, "purbeck")})
    assert rows_withheld(withheld) == sorted(
        [key(COUNT_INDICATOR, "purbeck"), key(RATE, "purbeck"), key(RATE, "dorchester")]
    )
