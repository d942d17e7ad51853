"""Mistakes that no single row shows: figures that disagree with each other across rows and files.

Errors stop a load; warnings are printed with it and listed on the About page, because a
real figure may look like them.
"""

from __future__ import annotations

import re

import pandas as pd

from indicators.areas import Areas
from indicators.catalogue import DENOMINATOR_IS_COUNT, SAME_COUNT, SAME_DENOMINATOR, Catalogue
from indicators.extracts.problems import Problem

KEY = ["indicator_id", "area_id", "period"]
MADE_UP = re.compile(
    r"\b(?:made[ -]up|dummy|test(?:ing)? data|fake|invented|not real|for testing|illustrative)\b", re.IGNORECASE
)
PARENT_SLACK = 1  # a count may fall short of its parts by one child of rounding in an estimate, no more


def fractions_for_percentages(rows: pd.DataFrame, given_values: pd.Series, catalogue: Catalogue) -> list[Problem]:
    """A percentage indicator whose every value in a file lies between 0 and 1: fractions (0.62) for percentages (62)."""
    problems = []
    given = rows[given_values.reindex(rows.index, fill_value=False).astype(bool)]
    checked = given["indicator_id"].map(
        lambda i: catalogue.indicators[i].unit == "percentage" and not catalogue.indicators[i].usually_below_one_percent
    )
    percentages = given[checked.astype(bool)]
    for (file, indicator_id), group in percentages.groupby(["source_file", "indicator_id"], sort=True):
        values = pd.to_numeric(group["value"])
        if len(values) >= 2 and values.max() <= 1 and values.max() > 0:
            first = group.iloc[0]
            problems.append(
                Problem(
                    str(file),
                    int(first["source_row"]),
                    "value",
                    f"every {indicator_id} value in this file is between 0 and 1 (e.g. {values.iloc[0]:g}): "
                    "they look like fractions, not percentages",
                    "Give percentages as numbers from 0 to 100 (62 for 62%), or give the numerator and denominator.",
                )
            )
    return problems


def parents_below_children(rows: pd.DataFrame, catalogue: Catalogue, areas: Areas) -> list[Problem]:
    """A count given for an area that is smaller than the counts of the areas inside it (Dorset below its localities)."""
    counted = rows.assign(count=_counts(rows, catalogue)).dropna(subset=["count"])
    counted = counted[counted["data_status"] != "estimated"]  # estimates of parts need not add up to a published whole
    by_key = {
        tuple(k): (c, f, r)
        for k, c, f, r in zip(
            counted[KEY].to_numpy(), counted["count"], counted["source_file"], counted["source_row"], strict=True
        )
    }
    problems = []
    for parent in {a.parent for a in areas.by_id.values() if a.parent}:
        children = [c.id for c in areas.children(parent)]
        for (indicator_id, area_id, period), (count, file, row) in by_key.items():
            if area_id != parent:
                continue
            parts = [by_key.get((indicator_id, child, period)) for child in children]
            total = sum(p[0] for p in parts if p is not None)
            if total > count + PARENT_SLACK:
                names = ", ".join(children)
                problems.append(
                    Problem(
                        str(file),
                        int(row),
                        "numerator",
                        f"{indicator_id} for {area_id} in {period} counts {count:,.0f}, fewer than its areas ({names}) "
                        f"add up to ({total:,.0f})",
                        "A total cannot be smaller than its parts: check whether children are counted twice, or the "
                        "total is for a different period or definition.",
                    )
                )
    return problems


def _counts(rows: pd.DataFrame, catalogue: Catalogue) -> pd.Series:
    units = rows["indicator_id"].map(lambda i: catalogue.indicators[i].unit)
    numerator = pd.to_numeric(rows["numerator"])
    value = pd.to_numeric(rows["value"])
    return numerator.where(numerator.notna(), value.where(units == "count")).where(
        units.isin(["count", "percentage", "rate"])
    )


def made_up_but_published(rows: pd.DataFrame) -> list[Problem]:
    """Warnings: rows marked published whose source or note says the figures are made up or for testing."""
    published = rows[rows["data_status"] == "published"]
    said = published["source"].fillna("").astype(str) + " " + published["note"].fillna("").astype(str)
    flagged = published[said.str.contains(MADE_UP)]
    problems = []
    for file, group in flagged.groupby("source_file", sort=True):
        first = group.iloc[0]
        words = MADE_UP.search(f"{first['source']} {first['note']}").group(0)  # type: ignore[union-attr]
        problems.append(
            Problem(
                str(file),
                int(first["source_row"]),
                "data_status",
                f"{len(group):,} row(s) are marked published but their source or note says '{words}'",
                "Mark made-up figures 'illustrative' (pages then say so beside every one), or correct the source.",
            )
        )
    return problems


def linked_figures_disagree(rows: pd.DataFrame, catalogue: Catalogue) -> list[Problem]:
    """Warnings: indicators declared to share people (catalogue links) whose figures differ."""
    counts = _counts(rows, catalogue)
    parts = {
        "count": dict(zip(map(tuple, rows[KEY].to_numpy()), counts, strict=True)),
        "group": dict(zip(map(tuple, rows[KEY].to_numpy()), pd.to_numeric(rows["denominator"]), strict=True)),
    }
    where = dict(
        zip(map(tuple, rows[KEY].to_numpy()), zip(rows["source_file"], rows["source_row"], strict=True), strict=True)
    )
    sides = {
        SAME_COUNT: ("count", "count"),
        DENOMINATOR_IS_COUNT: ("group", "count"),
        SAME_DENOMINATOR: ("group", "group"),
    }
    problems = []
    for link in catalogue.links():
        first_part, second_part = sides[link.kind]
        for key, value in parts[first_part].items():
            if key[0] != link.first or pd.isna(value):
                continue
            other = parts[second_part].get((link.second, *key[1:]))
            if other is not None and not pd.isna(other) and other != value:
                file, row = where[key]
                problems.append(
                    Problem(
                        str(file),
                        int(row),
                        "denominator" if first_part == "group" else "numerator",
                        f"{link.first} for {key[1]} in {key[2]} gives {value:,.0f} where {link.second} gives {other:,.0f} "
                        f"for the same children ({link.kind})",
                        "Check both figures: they count the same children, so they should agree.",
                    )
                )
    return problems
