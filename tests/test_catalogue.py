"""The indicator catalogue: complete for the plan, and strict about mistakes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indicators.catalogue import CATALOGUE_DIR, CatalogueError, load_catalogue
from indicators.periods import FREQUENCIES

PLAN_PRIORITIES = [
    "Best start in life",
    "Young and thriving",
    "Good care provision",
    "Best education for all",
    "Best place to live",
    "Local family help",
    "Safe at home and in the community",
]


def test_covers_all_seven_priorities_of_the_plan_in_order(catalogue):
    assert [p.title for p in catalogue.priorities] == PLAN_PRIORITIES


def test_has_at_least_forty_indicators_and_every_priority_has_some(catalogue):
    assert len(catalogue.indicators) >= 40
    assert all(len(p.indicator_ids) >= 3 for p in catalogue.priorities)


def test_every_baseline_is_a_label_of_the_indicators_own_frequency(catalogue):
    for indicator in catalogue.indicators.values():
        assert FREQUENCIES[indicator.frequency].is_label(indicator.baseline_period), indicator.id
        assert indicator.baseline_note


def test_plan_indicators_named_in_the_brief_are_present(catalogue):
    for wanted in [
        "good-level-of-development",
        "care-leavers-in-education-employment-training",
        "persistent-absence",
        "early-help-requests",
        "children-in-care-rate",
        "children-in-care-count",
        "neet-or-not-known-16-17",
    ]:
        assert wanted in catalogue.indicators


def test_early_help_requests_are_monthly_counts(catalogue):
    indicator = catalogue.indicators["early-help-requests"]
    assert (indicator.frequency, indicator.unit) == ("monthly", "count")


@pytest.fixture()
def catalogue_copy(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_reports_an_unknown_key_with_file_entry_and_suggestion(catalogue_copy):
    _edit(catalogue_copy / "best-start-in-life.toml", 'polarity = "higher-is-better"', 'polarty = "higher-is-better"')
    with pytest.raises(
        CatalogueError,
        match=r"best-start-in-life\.toml, indicator 'good-level-of-development': unknown key 'polarty' \(did you mean 'polarity'\?\)",
    ):
        load_catalogue(catalogue_copy)


def test_reports_an_id_defined_in_two_files(catalogue_copy):
    _edit(catalogue_copy / "young-and-thriving.toml", 'id = "under-18-conceptions"', 'id = "good-level-of-development"')
    with pytest.raises(
        CatalogueError,
        match=r"young-and-thriving\.toml, indicator 'good-level-of-development': id is already used in best-start-in-life\.toml",
    ):
        load_catalogue(catalogue_copy)


def test_rejects_a_polarity_that_is_not_declared(catalogue_copy):
    _edit(catalogue_copy / "local-family-help.toml", 'polarity = "lower-is-better"', 'polarity = "down"')
    with pytest.raises(
        CatalogueError,
        match=r"local-family-help\.toml, indicator 're-referrals-to-childrens-social-care': polarity 'down'",
    ):
        load_catalogue(catalogue_copy)


def test_rejects_a_rate_without_its_base(catalogue_copy):
    _edit(catalogue_copy / "young-and-thriving.toml", "per = 1000\n", "")
    with pytest.raises(CatalogueError, match=r"under-18-conceptions'.*needs 'per'"):
        load_catalogue(catalogue_copy)


def test_rejects_a_baseline_in_the_wrong_format(catalogue_copy):
    _edit(catalogue_copy / "local-family-help.toml", 'baseline_period = "2023-03"', 'baseline_period = "2022/23"')
    with pytest.raises(CatalogueError, match=r"early-help-requests'.*not a monthly label"):
        load_catalogue(catalogue_copy)


def test_rejects_a_missing_required_key(catalogue_copy):
    _edit(catalogue_copy / "best-place-to-live.toml", 'source = "Dorset schools health and wellbeing survey"\n', "")
    with pytest.raises(CatalogueError, match=r"children-feel-safe-where-they-live'.*missing required key 'source'"):
        load_catalogue(catalogue_copy)


def test_rejects_a_file_whose_priority_id_does_not_match_its_name(catalogue_copy):
    (catalogue_copy / "best-start-in-life.toml").rename(catalogue_copy / "best-start.toml")
    with pytest.raises(CatalogueError, match=r"best-start\.toml, \[priority\]: id 'best-start-in-life' must match"):
        load_catalogue(catalogue_copy)


def test_rejects_invalid_toml_naming_the_file(catalogue_copy):
    (catalogue_copy / "best-place-to-live.toml").write_text("[priority\n")
    with pytest.raises(CatalogueError, match=r"best-place-to-live\.toml: not valid TOML"):
        load_catalogue(catalogue_copy)
