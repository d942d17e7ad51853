"""Pupils by school from the school census and the absence tables: absence, free school meals, EHC plans.

- Absence 2018/19 (the performance tables' pupil absence file, whose Dorset total matches
  the published 2018/19 figures: 4.9% of sessions, 10.7% persistently absent): each
  school's percentage over its pupils on roll in January 2019 (`estimated`: the tables give
  percentages, not counts; overall absence is a share of sessions, shown in pupil-equivalents).
- Free school meals: January 2019 counts over pupils on roll (`published`); January 2023
  (the school's percentage over its May 2025 roll) and January 2025 (GIAS) are `estimated`.
- Pupils with an EHC plan, January 2019 school census (TSENELSE over NOR): `published`.
State-funded schools in Dorset Council only (Christchurch's are BCP's since April 2019).
"""

from __future__ import annotations

from indicators.sources.common import Check, counted, current_urn, number, read, row

CENSUS_2019 = ("dfe-school-level", "perf_tables_2018-19_england_census__dorset835.csv")
ABSENCE_2019 = ("dfe-school-level", "perf_tables_2018-19_england_abs__dorset835.csv")
GIAS = ("schools", "gias_open_establishments_2025-05-24__dorset.csv")
SPC_2023 = ("dfe-school-level", "spc_2022-23_school_fsm_percent__dorset.csv")
PERFORMANCE_2019 = "Department for Education, school performance tables 2018/19"
FSM_SOURCE = "Department for Education, school census: pupils known to be eligible for free school meals"
LEFT_OUT_TYPES = {"Pupil referral unit"}  # not in the Department's school-level absence or attainment figures


def _census():
    census = read(*CENSUS_2019)
    return census[
        census.apply(lambda r: counted(r["URN"], r["SCHOOLTYPE"]) and r["SCHOOLTYPE"] not in LEFT_OUT_TYPES, axis=1)
    ]


def absence(published: dict[tuple[str, str], float]) -> tuple[list[dict[str, object]], list[Check]]:
    census = _census().set_index("URN")
    table = read(*ABSENCE_2019)
    rows, checks = [], []
    for column, indicator_id, what in (
        ("PPERSABS10", "persistent-absence", "Pupils persistently absent"),
        ("PERCTOT", "overall-absence", "Sessions missed (in pupil-equivalents)"),
    ):
        mine, left_out = [], []
        for school in table.itertuples():
            if school.URN not in census.index:
                continue
            percent, pupils = number(getattr(school, column)), number(census.at[school.URN, "NOR"])
            if percent is None or not pupils:
                left_out.append(f"URN {school.URN} (figure suppressed by the Department)")
                continue
            cohort = max(round(pupils), 1)
            mine.append(
                row(
                    indicator_id,
                    f"URN:{school.URN}",
                    "2018/19",
                    min(round(percent / 100 * cohort), cohort),
                    cohort,
                    "estimated",
                    f"{PERFORMANCE_2019} (absence; January 2019 census).",
                    f"{what} estimated from the school's published percentage and its pupils on roll.",
                )
            )
        rows += mine
        checks.append(
            _check(
                indicator_id,
                "2018/19",
                mine,
                len(mine) + len(left_out),
                published,
                left_out,
                "the former Dorset County (835), which included Christchurch's schools",
                0.5,
            )
        )
    return rows, checks


def _check(indicator_id, period, rows, schools, published, left_out, basis, tolerance) -> Check:
    pupils = sum(r["denominator"] for r in rows)
    return Check(
        indicator_id,
        period,
        schools,
        len(rows),
        pupils,
        None,
        100 * sum(r["numerator"] for r in rows) / pupils,
        published.get((indicator_id, period)),
        tolerance,
        basis,
        left_out,
    )


def fsm(published: dict[tuple[str, str], float]) -> tuple[list[dict[str, object]], list[Check]]:
    rows, checks = [], []
    mine = []
    for school in _census().itertuples():
        eligible, pupils = number(school.NUMFSM), number(school.NOR)
        if eligible is None or not pupils:
            continue
        mine.append(
            row(
                "fsm-eligibility",
                f"URN:{school.URN}",
                "2018/19",
                eligible,
                pupils,
                "published",
                f"{FSM_SOURCE}, January 2019 (school performance tables 2018/19).",
                "Pupils eligible over all pupils on roll.",
            )
        )
    rows += mine
    checks.append(
        _check(
            "fsm-eligibility", "2018/19", mine, len(mine), published, [], "no published Dorset Council figure here", 1.0
        )
    )
    gias = read(*GIAS)
    roll = dict(zip(gias["urn"], gias["number_of_pupils"], strict=True))
    spc = read(*SPC_2023)
    for urns, percents, period, where, how in (
        (
            spc["urn"],
            spc["fsm_prop"],
            "2022/23",
            "January 2023 (schools, pupils and their characteristics)",
            "The school's published percentage over its pupils on roll in May 2025 (pupil numbers for January 2023 are not in the file).",
        ),
        (
            gias["urn"],
            gias["percentage_fsm"],
            "2024/25",
            "January 2025 (Get Information about Schools, May 2025)",
            "The school's published percentage over its published pupils on roll, rounded to whole pupils.",
        ),
    ):
        mine = []
        for urn, percent_text in zip(urns, percents, strict=True):
            percent, pupils = number(percent_text), number(roll.get(current_urn(urn)))
            if percent is None or not pupils or not counted(urn):
                continue
            cohort = max(round(pupils), 1)
            mine.append(
                row(
                    "fsm-eligibility",
                    f"URN:{urn}",
                    period,
                    min(round(percent / 100 * cohort), cohort),
                    cohort,
                    "estimated",
                    f"{FSM_SOURCE}, {where}.",
                    how,
                )
            )
        rows += mine
        checks.append(
            _check(
                "fsm-eligibility",
                period,
                mine,
                len(mine),
                published,
                [],
                "no published Dorset Council figure here",
                1.0,
            )
        )
    return rows, checks


def ehc_plans() -> tuple[list[dict[str, object]], list[Check]]:
    rows = []
    for school in _census().itertuples():
        plans, pupils = number(school.TSENELSE), number(school.NOR)
        if plans is None or not pupils:
            continue
        rows.append(
            row(
                "pupils-with-ehc-plans",
                f"URN:{school.URN}",
                "2018/19",
                plans,
                pupils,
                "published",
                "Department for Education, school census January 2019 (school performance tables 2018/19): "
                "pupils with an education, health and care plan or statement.",
                "Pupils at the schools in the locality, wherever they live.",
            )
        )
    return rows, [
        _check(
            "pupils-with-ehc-plans", "2018/19", rows, len(rows), {}, [], "no published Dorset Council figure here", 1.0
        )
    ]


def write(published: dict[tuple[str, str], float]) -> tuple[list[dict[str, object]], list[Check]]:
    rows, checks = [], []
    for made in (absence(published), fsm(published), ehc_plans()):
        rows += made[0]
        checks += made[1]
    return rows, checks
