"""Small-area facts about where children live: Census 2021 households and police-recorded crime.

- Overcrowded households (occupancy rating of bedrooms -1 or less) and households deprived
  in two or more of the Census's four dimensions (employment, education, health, housing),
  Census 2021 tables TS052 and TS011 by LSOA: exact counts added up (`published`). They are
  all households, not only those with children (the child-specific tables were not found).
- Police-recorded violence (with and without injury) and anti-social behaviour, per 1,000
  residents: the Indices of Deprivation 2025's LSOA rates, weighted by each LSOA's residents
  at Census 2021 (`estimated`: a population-weighted average of small-area rates, which the
  Index models from several years of police records; there are no published counts).
"""

from __future__ import annotations

from indicators.sources.common import Check, number, read, row

CENSUS = "Office for National Statistics, Census 2021"
IOD = (
    "Ministry of Housing, Communities and Local Government, English Indices of Deprivation 2025 (underlying indicators)"
)
CENSUS_DAY, IOD_DAY = "2021-03-21", "2025-10-30"
HOUSEHOLDS = {
    "household-overcrowding": (
        "census2021_household_overcrowding21_lsoa21",
        "occupancy_rating",
        ("-1 (overcrowded)", "-2 or less (overcrowded)"),
        "TS052 occupancy rating (bedrooms) by LSOA",
    ),
    "household-deprivation": (
        "census2021_household_deprivation21_lsoa21",
        "deprivation_dimensions",
        (
            "Household is deprived in two dimensions",
            "Household is deprived in three dimensions",
            "Household is deprived in four dimensions",
        ),
        "TS011 households by deprivation dimensions by LSOA",
    ),
}
CRIME = {
    "violent-crime-rate": (
        "violence_with_injury_rate_per_1_000_at_risk_population",
        "violence_without_injury_rate_per_1_000_at_risk_population",
    ),
    "anti-social-behaviour-rate": ("anti_social_behaviour_rate_per_1_000_at_risk_population",),
}


def households() -> tuple[list[dict[str, object]], list[Check]]:
    rows, checks = [], []
    for indicator_id, (stem, column, counted, table) in HOUSEHOLDS.items():
        lsoas = read("census2021-lsoa21-households", f"{stem}__dorset.csv")
        mine = []
        for lsoa, group in lsoas.groupby("lsoa21_code"):
            total = number(group["total_households"].iloc[0])
            count = sum(number(n) or 0 for n in group.loc[group[column].isin(counted), "n"])
            mine.append(
                row(
                    indicator_id,
                    lsoa,
                    CENSUS_DAY,
                    count,
                    total,
                    "published",
                    f"{CENSUS}, {table}.",
                    "All households, not only those with children.",
                )
            )
        england = read("census2021-lsoa21-households", f"{stem}__england_total_derived.csv")
        count = sum(number(n) for n in england.loc[england[column].isin(counted), "n"])
        mine.append(
            row(
                indicator_id,
                "england",
                CENSUS_DAY,
                count,
                number(england["england_total"].iloc[0]),
                "published",
                f"{CENSUS}, {table} (England: every LSOA added up).",
                "All households, not only those with children.",
            )
        )
        rows += mine
        dorset = [r for r in mine if r["area"] != "england"]
        value = 100 * sum(r["numerator"] for r in dorset) / sum(r["denominator"] for r in dorset)
        checks.append(
            Check(
                indicator_id,
                CENSUS_DAY,
                len(dorset),
                len(dorset),
                sum(r["denominator"] for r in dorset),
                None,
                value,
                None,
                0.0,
                "every Dorset LSOA (223); Census counts are perturbed by ONS, so small areas "
                "may not add exactly to published totals",
                [],
            )
        )
    return rows, checks


def residents() -> dict[str, float]:
    """Usual residents of every age, by LSOA, at Census 2021."""
    census = read("population", "census2021_lsoa21_usual_residents_by_age6__dorset.csv")
    people: dict[str, float] = {}
    for lsoa, count in zip(census["lsoa21_code"], census["usual_residents"], strict=True):
        people[lsoa] = people.get(lsoa, 0.0) + (number(count) or 0.0)
    return people


def crime() -> tuple[list[dict[str, object]], list[Check]]:
    iod = read("iod-underlying-indicators-lsoa", "iod2025_indicators_lsoa21__dorset.csv").set_index("lsoa21_code")
    people = residents()
    rows, checks = [], []
    note = (
        "Population-weighted average of the Index's small-area rates (modelled from several years of police records), "
        "weighted by residents at Census 2021; not a count of crimes."
    )
    for indicator_id, columns in CRIME.items():
        mine = []
        for lsoa, record in iod.iterrows():
            rate = sum(number(record[c]) or 0.0 for c in columns)
            population = people.get(lsoa)
            if not population:
                continue
            mine.append(
                row(
                    indicator_id,
                    lsoa,
                    IOD_DAY,
                    round(rate * population / 1000),
                    round(population),
                    "estimated",
                    f"{IOD}, police-recorded crime rates per 1,000 at-risk population; {CENSUS} residents.",
                    note,
                )
            )
        rows += mine
        value = 1000 * sum(r["numerator"] for r in mine) / sum(r["denominator"] for r in mine)
        checks.append(
            Check(
                indicator_id,
                IOD_DAY,
                len(mine),
                len(mine),
                sum(r["denominator"] for r in mine),
                None,
                value,
                None,
                0.0,
                "every Dorset LSOA; no published Dorset rate to compare with",
                [],
            )
        )
    return rows, checks


def write() -> tuple[list[dict[str, object]], list[Check]]:
    made = [households(), crime()]
    return [r for rows, _ in made for r in rows], [c for _, checks in made for c in checks]
