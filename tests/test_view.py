"""What a link opens (indicators/view.py): every value checked, the nearest sensible view, a notice for the reader.

Table-driven, on plain dicts as the query string: no Streamlit, no server.
"""

from __future__ import annotations

import pytest

from indicators.areas import default_areas
from indicators.catalogue import default_catalogue
from indicators.view import (
    MAX_PARAMETER_LENGTH,
    View,
    area_label,
    comparator_options,
    first,
    locality_choices,
    parse_board,
    parse_view,
)

AREAS = default_areas()
CATALOGUE = default_catalogue()
EVERY_ID = set(CATALOGUE.indicators)
RESTRICTED = "children-at-risk-of-extra-familial-harm"
EDUCATION = CATALOGUE.indicators_for("best-education-for-all")


def view(params: dict[str, list[str]], allowed=EDUCATION, visible=EVERY_ID - {RESTRICTED}, remembered=None) -> View:
    return parse_view(params, AREAS, CATALOGUE, visible, allowed, remembered)


@pytest.mark.parametrize(
    ("params", "locality", "indicator", "comparator", "compare_with", "notice"),
    [
        ({}, "dorset", None, "england", None, None),  # no parameters: all of Dorset against England
        ({"locality": ["chesil"]}, "chesil", None, "dorset", None, None),  # a locality against Dorset
        ({"locality": ["  ChEsIl "]}, "chesil", None, "dorset", None, None),  # case and spaces from an email
        ({"locality": ["purbeck", "chesil"]}, "purbeck", None, "dorset", None, None),  # a repeated key: the first
        ({"locality": ["weymouth"]}, "weymouth", None, "dorset", None, None),  # a sub-area
        ({"locality": ["weymouth-and-portland"]}, "chesil", None, "dorset", None, "old name"),  # an alias
        ({"locality": ["atlantis"]}, "dorset", None, "england", None, "locality we do not know"),
        ({"locality": ["e10000009"]}, "dorset", None, "england", None, "old name"),  # the county's old code
        ({"indicator": ["overall-absence"]}, "dorset", "overall-absence", "england", None, None),
        ({"indicator": ["OVERALL-ABSENCE"]}, "dorset", "overall-absence", "england", None, None),
        ({"indicator": ["children-in-care-rate"]}, "dorset", None, "england", None, "is under Good care provision"),
        ({"indicator": [RESTRICTED]}, "dorset", None, "england", None, "signed-in partnership staff"),
        ({"indicator": ["no-such-thing"]}, "dorset", None, "england", None, "indicator we do not know"),
        ({"comparator": ["south-west"]}, "dorset", None, "south-west", None, None),
        ({"comparator": ["England"]}, "dorset", None, "england", None, None),
        ({"comparator": ["mars"], "locality": ["east"]}, "east", None, "dorset", None, "comparison is not available"),
        ({"compare": ["north"], "locality": ["east"]}, "east", None, "dorset", "north", None),
        (
            {"compare": ["narnia"], "locality": ["east"]},
            "east",
            None,
            "dorset",
            None,
            "compare with that we do not know",
        ),
        ({"compare": ["North"]}, "dorset", None, "england", "north", None),
    ],
)
def test_a_link_opens_the_view_it_names_or_the_nearest_with_a_notice(
    params, locality, indicator, comparator, compare_with, notice
):
    seen = view(params)
    assert (seen.locality, seen.indicator, seen.comparator, seen.compare_with) == (
        locality,
        indicator,
        comparator,
        compare_with,
    )
    if notice is None:
        assert seen.notices == ()
    else:
        assert len(seen.notices) == 1 and notice in seen.notices[0]


def test_a_notice_never_quotes_the_links_text_back():
    seen = view({"locality": ["<script>call-this-number"], "indicator": ["free-money"], "compare": ["evil"]})
    assert len(seen.notices) == 3
    assert not any("script" in n or "free-money" in n or "evil" in n for n in seen.notices)


def test_the_remembered_locality_is_used_only_when_the_link_names_none():
    assert view({}, remembered="west").locality == "west"
    assert view({"locality": ["north"]}, remembered="west").locality == "north"
    assert view({}, remembered="west").comparator == "dorset"


def test_a_page_without_an_indicator_choice_ignores_the_indicator():
    seen = view({"indicator": ["overall-absence"]}, allowed=None)
    assert seen.indicator is None and seen.notices == ()


def test_a_signed_in_reader_may_open_a_restricted_indicator():
    allowed = CATALOGUE.indicators_for(CATALOGUE.indicators[RESTRICTED].priority)
    assert view({"indicator": [RESTRICTED]}, allowed=allowed, visible=EVERY_ID).indicator == RESTRICTED


def test_parameters_are_bounded_and_blank_keys_are_none():
    assert first({"locality": ["x" * 500]}, "locality") == "x" * MAX_PARAMETER_LENGTH
    assert first({"locality": []}, "locality") is None
    assert first({}, "locality") is None


def test_the_locality_choices_and_their_names():
    assert locality_choices(AREAS) == [
        "dorset",
        "chesil",
        "dorchester",
        "east",
        "north",
        "purbeck",
        "west",
        "weymouth",
        "portland",
    ]
    assert area_label(AREAS, "dorset") == "All of Dorset"
    assert area_label(AREAS, "portland") == "Portland (part of Chesil)"
    assert area_label(AREAS, "east") == "East"


@pytest.mark.parametrize(
    ("indicator_id", "locality", "offered"),
    [
        ("overall-absence", "east", ["dorset", "england", "south-west"]),
        ("overall-absence", "dorset", ["england", "south-west"]),  # Dorset is never compared with itself
        ("fsm-eligibility", "east", ["dorset"]),  # the catalogue gives this one Dorset only
        ("fsm-eligibility", "dorset", []),
    ],
)
def test_the_comparators_offered(indicator_id, locality, offered):
    assert comparator_options(CATALOGUE.indicators[indicator_id], locality) == offered


MEASURES, SORTS = {"baseline": "", "comparator": "", "trend": ""}, {"plan": "", "worse": ""}
EVERY_PRIORITY = tuple(p.id for p in CATALOGUE.priorities)


@pytest.mark.parametrize(
    ("params", "measure", "sort", "priorities", "detail"),
    [
        ({}, "baseline", "plan", EVERY_PRIORITY, "best-start-in-life"),
        ({"measure": ["Trend"], "sort": ["WORSE"]}, "trend", "worse", EVERY_PRIORITY, "best-start-in-life"),
        ({"measure": ["all"], "sort": ["random"]}, "baseline", "plan", EVERY_PRIORITY, "best-start-in-life"),
        (
            {"priorities": ["local-family-help,best-start-in-life"]},
            "baseline",
            "plan",
            ("best-start-in-life", "local-family-help"),
            "best-start-in-life",
        ),  # the plan's order
        (
            {"priorities": ["nonsense,local-family-help"], "detail": ["local-family-help"]},
            "baseline",
            "plan",
            ("local-family-help",),
            "local-family-help",
        ),
        (
            {"priorities": ["local-family-help"], "detail": ["best-start-in-life"]},
            "baseline",
            "plan",
            ("local-family-help",),
            "local-family-help",
        ),  # the detail must be one shown
        ({"priorities": [""]}, "baseline", "plan", (), "best-start-in-life"),  # none chosen
        ({"measure": ["comparator", "trend"]}, "comparator", "plan", EVERY_PRIORITY, "best-start-in-life"),
    ],
)
def test_the_boards_link(params, measure, sort, priorities, detail):
    seen = parse_board(params, CATALOGUE, MEASURES, SORTS)
    assert (seen.measure, seen.sort, seen.priorities, seen.detail) == (measure, sort, priorities, detail)
