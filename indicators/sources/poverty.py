"""Children in relative low income by MSOA (DWP), on the same basis as Dorset's published figure.

The MSOA export is a Stat-Xplore table of the March 2023 release. Its own Great Britain
total row says what it counts: 2,809,755 children in FYE 2019 and 2,989,006 in FYE 2020,
where DWP's bulletins give 2.74 million (Great Britain, FYE 2019) and 2.99 million (the
UK, FYE 2020) children **aged 0 to 19** in relative low income. So its counts are of
dependent children under 20, not under 16, and of that release's method; Dorset's
published line (13.4% in 2021/22, March 2026 release) is children under 16 over the
population under 16. Added up as they stand, Dorset's MSOAs make 11,481 children, 19.9% of
its children aged 0-15: every locality would sit above its own Dorset line.

So each year's MSOA counts are rebased to Dorset's basis by one factor, chosen so that
2021/22 (the one year both cover) gives Dorset's published 13.4%: the localities keep
their own shares and years their own changes, and the level is Dorset's. Denominators are
children aged 0-15 in the MSOA: ONS small-area estimates for mid-2017, 2019 and 2020 where
they exist (2011 areas, nearest year), Census 2021 for the years after. All `estimated`,
with the method in every row's note. MSOA E02004277 (2011) was split into E02007006 and
E02007007 in 2021; its count is shared between them by their children.
"""

from __future__ import annotations

from indicators.sources.common import Check, number, read, row

CILIF = ("dwp-cilif", "cilif_children_relative_low_income_msoa11_fye2015_2022__dorset.csv")
SPLIT_MSOA = {"E02004277": ("E02007006", "E02007007")}
SAPE_YEARS = {"2016/17": 2017, "2017/18": 2017, "2018/19": 2019, "2019/20": 2019, "2020/21": 2020}
BASE_YEAR = "2021/22"
SOURCE = (
    "Department for Work and Pensions, Children in low income families (relative), by MSOA (Stat-Xplore, "
    "March 2023 release), rebased to Dorset's published figure; ONS population estimates and Census 2021."
)


def _children_by_msoa21() -> dict[str, float]:
    census = read("population", "census2021_lsoa21_usual_residents_by_age6__dorset.csv")
    census = census[census["age_group"] == "Aged 15 years and under"]
    postcodes = read("ons-nspl-postcodes", "derived_postcode_to_lsoa21_msoa21_ward25_best_fit__dorset.csv")
    msoa_of = dict(zip(postcodes["lsoa21_code"], postcodes["msoa21_code"], strict=True))
    children: dict[str, float] = {}
    for lsoa, count in zip(census["lsoa21_code"], census["usual_residents"], strict=True):
        children[msoa_of[lsoa]] = children.get(msoa_of[lsoa], 0.0) + number(count)
    return children


def _children_by_msoa11(year: int, names: dict[str, str]) -> dict[str, float]:
    """Children aged 0-15 by MSOA 2011 in a mid-year (LSOA 2011 names are their MSOA's name and a letter)."""
    sape = read("ons-sape-lsoa11-single-year", f"ons_sape_mid{year}_lsoa11_single_year_age__dorset_england.csv")
    children: dict[str, float] = {}
    for name, count in zip(sape["lsoa11_name"], sape["aged_0_15"], strict=True):
        msoa = names.get(name[:-1].strip())
        if msoa:
            children[msoa] = children.get(msoa, 0.0) + number(count)
    return children


def low_income(published: dict[tuple[str, str], float]) -> tuple[list[dict[str, object]], list[Check]]:
    counts = read(*CILIF)
    counts = counts[counts["msoa11_code"].str.startswith("E02")]
    years = [c for c in counts.columns if c[:4].isdigit() and "Annotations" not in c]
    census = _children_by_msoa21()
    names = dict(zip(counts["msoa11_name_statxplore"], counts["msoa11_code"], strict=True))
    sape = {year: _children_by_msoa11(year, names) for year in sorted(set(SAPE_YEARS.values()))}
    base = next(y for y in years if y.startswith(BASE_YEAR))
    factor = (
        published[("children-in-relative-low-income", BASE_YEAR)]
        / 100
        * sum(census.values())
        / sum(number(c) for c in counts[base])
    )
    rows = []
    for record in counts.to_dict("records"):
        parts = SPLIT_MSOA.get(record["msoa11_code"], (record["msoa11_code"],))
        weights = {p: census[p] for p in parts}
        for year in years:
            label = year[:7]
            count = number(record[year]) * factor
            mid_year = SAPE_YEARS.get(label)
            for part in parts:
                share = weights[part] / sum(weights.values())
                if mid_year and len(parts) == 1:
                    population, denominator_words = sape[mid_year][part], f"ONS mid-{mid_year} estimate"
                else:
                    population, denominator_words = weights[part], "Census 2021"
                note = (
                    f"DWP's count of children aged 0-19 rebased to Dorset's published figure for children under 16 "
                    f"(one factor, {factor:.3f}, for every year), over children aged 0-15 ({denominator_words})"
                    + (". Provisional." if "(p)" in year else ".")
                )
                rows.append(
                    row(
                        "children-in-relative-low-income",
                        part,
                        label,
                        round(count * share),
                        round(population),
                        "estimated",
                        SOURCE,
                        note,
                    )
                )
    base_rows = [r for r in rows if r["period"] == BASE_YEAR]
    value = 100 * sum(r["numerator"] for r in base_rows) / sum(r["denominator"] for r in base_rows)
    check = Check(
        "children-in-relative-low-income",
        BASE_YEAR,
        len(base_rows),
        len(base_rows),
        sum(r["denominator"] for r in base_rows),
        None,
        value,
        published.get(("children-in-relative-low-income", BASE_YEAR)),
        0.1,
        "rebased to it by construction: this checks the rebasing, not the source",
        [],
    )
    return rows, [check]
