"""Key stage 2 and 4 results and destinations by school, with the real cohort wherever one is published.

- KS4 2023/24: each school's pupils at the end of KS4 (TPUP), total Attainment 8 points
  (TOTATT8) and % grade 4+ in English and maths: exact counts (the percentage times TPUP is
  a whole number to within 0.14), so the localities add up to Dorset's published 3,811
  pupils, 63.3% and 44.3, and the figures are `published`. A school with no entries (NE) had
  no pupil achieve it; a suppressed result (SUPP) is missing, never 0.
- KS4 2018/19 (provisional release): TPUP with the average score and percentage, so the
  points are the average times TPUP (`estimated`: the average is rounded to 0.1).
- KS4 2022/23 (a derived extract with no cohorts): each school's cohort taken as its
  2023/24 TPUP, a year later (`estimated`, said so).
- KS2 2022/23: the cohort is a school's pupils on roll (May 2025) over the year groups it
  has, by its age range: a primary has 7 (reception to year 6), a junior or middle school 4,
  an infant or first school none at KS2 (`estimated`).
- KS4 destinations (2022/23 performance tables: pupils who finished KS4 in 2020/21, in their
  next year): % in sustained education, apprenticeship or employment, weighted by each
  school's 2023/24 KS4 cohort, as the leavers' own cohorts are not in the file (`estimated`).
Independent schools are left out, as in the Department's local authority figures.
"""

from __future__ import annotations

import re

from indicators.sources.common import Check, counted, current_urn, number, read, resident_year_group, result, row

KS4_2024 = ("dfe-ks4-cohorts", "2023-24", "england_ks4_2023-24_dorset838.csv")
KS4_2019 = ("dfe-ks4-cohorts", "2018-19", "england_ks4provisional_dorset835-838.csv")
DERIVED_2023 = ("dfe-school-level", "derived_ks2_ks4_census_2022-23_by_urn__dorset.csv")
GIAS = ("schools", "gias_open_establishments_2025-05-24__dorset.csv")
PERFORMANCE_2024 = "Department for Education, school performance tables: key stage 4 results 2023/24 (final)."
PERFORMANCE_2019 = "Department for Education, school performance tables: key stage 4 results 2018/19 (provisional)."
PERFORMANCE_2023 = (
    "Department for Education, school performance tables 2022/23 (via Gieffeemme/Areas-Schools-and-Properties)."
)
DESTINATIONS = (
    "Department for Education, school performance tables 2022/23: KS4 destination measures (2020/21 leavers)."
)
EM, A8, KS2 = "gcse-english-and-maths", "attainment-8", "key-stage-2-reading-writing-maths"


def ks4_cohorts_2024() -> dict[str, float]:
    """Each school open now -> its pupils at the end of KS4 in 2023/24."""
    ks4 = read(*KS4_2024)
    schools = ks4[ks4["RECTYPE"].isin(["1", "2"])]
    return {current_urn(u): number(t) for u, t in zip(schools["URN"], schools["TPUP"], strict=True) if number(t)}


def ks4_2024() -> tuple[list[dict[str, object]], list[Check]]:
    ks4 = read(*KS4_2024)
    schools = ks4[ks4["RECTYPE"].isin(["1", "2"]) & ks4.apply(lambda r: counted(r["URN"], r["NFTYPE"]), axis=1)]
    schools = schools[schools["TPUP"].map(number).notna()]
    total = ks4[ks4["RECTYPE"] == "4"].iloc[0]
    rows, left_out = [], []
    for school in schools.itertuples():
        pupils, points, share = number(school.TPUP), result(school.TOTATT8), result(school.PTL2BASICS_94)
        if not pupils:
            left_out.append(f"{school.SCHNAME} (no pupils at the end of key stage 4)")
            continue
        if points is None or share is None:
            left_out.append(f"{school.SCHNAME} (results suppressed by the Department: few pupils)")
            continue
        area, note = f"URN:{school.URN}", "" if school.TOTATT8 != "NE" else "No entries: no pupil achieved it."
        rows.append(row(A8, area, "2023/24", points, pupils, "published", PERFORMANCE_2024, note))
        rows.append(row(EM, area, "2023/24", round(share * pupils / 100), pupils, "published", PERFORMANCE_2024, note))
    basis = "Dorset Council's state-funded schools (the LA total row)"
    return rows, _ks4_checks("2023/24", rows, len(schools), total, (0.2, 0.2), basis, left_out)


def ks4_2019() -> tuple[list[dict[str, object]], list[Check]]:
    ks4 = read(*KS4_2019)
    schools = ks4[
        ks4["RECTYPE"].isin(["1", "2"]) & ks4.apply(lambda r: counted(r["URN"], _nftype(r["NFTYPE"])), axis=1)
    ]
    schools = schools[
        schools["TPUP"].map(number).notna()
    ]  # a URN opened after the year: its results are its predecessor's
    total = ks4[(ks4["RECTYPE"] == "4") & (ks4["LEA"] == "838")].iloc[0]
    rows, left_out = [], []
    note = "Provisional results; total points are the published average times the pupils (the average is rounded)."
    for school in schools.itertuples():
        pupils, score, share = number(school.TPUP), result(school.ATT8SCR), result(school.PTL2BASICS_94)
        if not pupils:
            left_out.append(f"{school.SCHNAME} (no pupils at the end of key stage 4)")
            continue
        if score is None or share is None:
            left_out.append(f"{school.SCHNAME} (results suppressed by the Department: few pupils)")
            continue
        rows.append(
            row(
                A8,
                f"URN:{school.URN}",
                "2018/19",
                round(score * pupils, 1),
                pupils,
                "estimated",
                PERFORMANCE_2019,
                note,
            )
        )
        rows.append(
            row(
                EM,
                f"URN:{school.URN}",
                "2018/19",
                round(share * pupils / 100),
                pupils,
                "estimated",
                PERFORMANCE_2019,
                note,
            )
        )
    basis = "Dorset Council's state-funded schools (LA 838 total row of the provisional release)"
    return rows, _ks4_checks("2018/19", rows, len(schools), total, (0.5, 0.3), basis, left_out)


def _ks4_checks(
    period: str,
    rows: list[dict[str, object]],
    schools: int,
    total: object,
    tolerances: tuple[float, float],
    basis: str,
    left_out: list[str],
) -> list[Check]:
    """GCSE English and maths and Attainment 8 added up from the schools' rows, beside the LA's total row."""
    pupils = sum(r["denominator"] for r in rows if r["indicator_id"] == A8)
    share = 100 * sum(r["numerator"] for r in rows if r["indicator_id"] == EM) / pupils
    points = sum(r["numerator"] for r in rows if r["indicator_id"] == A8) / pupils
    cohort = number(total.TPUP)  # type: ignore[attr-defined]
    return [
        Check(
            EM,
            period,
            schools,
            len(rows) // 2,
            pupils,
            cohort,
            share,
            number(total.PTL2BASICS_94),
            tolerances[0],
            basis,
            left_out,
        ),  # type: ignore[attr-defined]
        Check(
            A8,
            period,
            schools,
            len(rows) // 2,
            pupils,
            cohort,
            points,
            number(total.ATT8SCR),
            tolerances[1],
            basis,
            left_out,
        ),  # type: ignore[attr-defined]
    ]


def _nftype(code: str) -> str:
    """The performance tables' school type code in words the state-funded test reads (INDSPEC = independent special)."""
    return "independent" if code.startswith("IND") else code


def ks4_2023(published: dict[tuple[str, str], float]) -> tuple[list[dict[str, object]], list[Check]]:
    results = read(*DERIVED_2023)
    cohorts = ks4_cohorts_2024()
    rows, schools, left_out = [], 0, []
    note = "Cohort not published in this file: taken as the school's pupils at the end of KS4 a year later (2023/24)."
    for school in results.itertuples():
        share, score = number(school.ks4_em4), number(school.ks4_att8)
        if (share is None and score is None) or not counted(school.urn):
            continue
        schools += 1
        pupils = cohorts.get(current_urn(school.urn))
        if not pupils:
            left_out.append(f"URN {school.urn} (no KS4 cohort in 2023/24)")
            continue
        if share is not None:
            rows.append(
                row(
                    EM,
                    f"URN:{school.urn}",
                    "2022/23",
                    round(share / 100 * pupils),
                    pupils,
                    "estimated",
                    PERFORMANCE_2023,
                    note,
                )
            )
        if score is not None:
            rows.append(
                row(
                    A8,
                    f"URN:{school.urn}",
                    "2022/23",
                    round(score * pupils, 1),
                    pupils,
                    "estimated",
                    PERFORMANCE_2023,
                    note,
                )
            )
    return rows, _checks(rows, {EM: 100, A8: 1}, "2022/23", schools, published, left_out, school_year=11)


def _checks(
    rows, scales: dict[str, float], period: str, schools: int, published, left_out, school_year: int
) -> list[Check]:
    """No cohort is published for these: the cohort is set beside the children of that school year living in Dorset."""
    checks, year_group = [], resident_year_group(school_year, period)
    for indicator_id, scale in scales.items():
        mine = [r for r in rows if r["indicator_id"] == indicator_id]
        if not mine:
            continue
        pupils = sum(r["denominator"] for r in mine)
        value = scale * sum(r["numerator"] for r in mine) / pupils
        checks.append(
            Check(
                indicator_id,
                period,
                schools,
                len(mine),
                pupils,
                None,
                value,
                published.get((indicator_id, period)),
                1.5,
                "Dorset's published figure (LAIT)",
                left_out,
                year_group,
            )
        )
    return checks


def year_groups(name: str, phase: str, age_range: str = "") -> int:
    """How many year groups share a school's roll, for the one at the end of KS2 (year 6): 0 if it has none."""
    if age_range:
        low, high = (int(x) for x in re.findall(r"\d+", age_range)[:2])
        return max(high - low, 1) if low <= 10 < high else 0
    words = name.lower()
    if "infant" in words or "first school" in words:
        return 0
    if "junior" in words or "middle" in phase.lower() or "middle" in words:
        return 4
    return 7 if phase == "Primary" else 0


def ks2_2023(published: dict[tuple[str, str], float]) -> tuple[list[dict[str, object]], list[Check]]:
    results = read(*DERIVED_2023)
    gias = read(*GIAS).set_index("urn")
    ages = dict(zip(read(*KS4_2024)["URN"], read(*KS4_2024)["AGERANGE"], strict=True))
    rows, schools, left_out = [], 0, []
    for school in results.itertuples():
        share = number(school.ks2_rwmExp)
        if share is None or not counted(school.urn):
            continue
        schools += 1
        current = current_urn(school.urn)
        if current not in gias.index or not number(gias.at[current, "number_of_pupils"]):
            left_out.append(f"URN {school.urn} (no pupils on roll in GIAS)")
            continue
        info = gias.loc[current]
        groups = year_groups(info["establishment_name"], info["education_phase"], ages.get(current, ""))
        if not groups:
            left_out.append(f"{info['establishment_name']} (no year 6 by its age range)")
            continue
        pupils = max(round(number(info["number_of_pupils"]) / groups), 1)
        rows.append(
            row(
                KS2,
                f"URN:{school.urn}",
                "2022/23",
                min(round(share / 100 * pupils), pupils),
                pupils,
                "estimated",
                PERFORMANCE_2023,
                f"Cohort not published: the school's pupils on roll in May 2025 over its {groups} year groups.",
            )
        )
    return rows, _checks(rows, {KS2: 100}, "2022/23", schools, published, left_out, school_year=6)


def destinations() -> tuple[list[dict[str, object]], list[Check]]:
    table = read("dfe-destinations-by-school", "derived_ks4_ks5_destinations_csp2022-23_by_urn__dorset.csv")
    cohorts = ks4_cohorts_2024()
    rows, schools, left_out = [], 0, []
    note = (
        "2020/21 KS4 leavers in 2021/22; weighted by the school's 2023/24 KS4 cohort, as the leavers' own cohorts "
        "are not in the file."
    )
    for school in table.itertuples():
        share = number(school.ks4_sustained)
        if share is None or not counted(school.urn):
            continue
        schools += 1
        pupils = cohorts.get(current_urn(school.urn))
        if not pupils:
            left_out.append(f"URN {school.urn} (no KS4 cohort in 2023/24 to weight by)")
            continue
        rows.append(
            row(
                "ks4-sustained-destination",
                f"URN:{school.urn}",
                "2020/21",
                round(share / 100 * pupils),
                pupils,
                "estimated",
                DESTINATIONS,
                note,
            )
        )
    return rows, _checks(rows, {"ks4-sustained-destination": 100}, "2020/21", schools, {}, left_out, school_year=11)


def write(published: dict[tuple[str, str], float]) -> tuple[list[dict[str, object]], list[Check]]:
    rows, checks = [], []
    for made in (ks4_2024(), ks4_2019(), ks4_2023(published), ks2_2023(published), destinations()):
        rows += made[0]
        checks += made[1]
    return rows, checks
