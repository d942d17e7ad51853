"""Real unit-level extracts from the shared reference data, which the loader adds up to localities.

`python -m indicators units` writes, into data/extracts/:

- `units_ofsted_schools.csv`: each Dorset school's latest Ofsted overall effectiveness
  judgement (1 of 1 if good or outstanding, 0 of 1 otherwise) in Ofsted's management
  information as at November 2019 and 31 August 2024 (the last with single-word grades),
  for `schools-good-or-outstanding`. Schools without an overall grade are not counted.
  The May 2026 snapshot is left out: report cards have no overall grade and are not
  forced into one. November 2019 is `estimated`: the schools are those the project can
  place today (open in May 2025, or succeeded by a school that is), so a school open in
  2019 that closed without a successor is missing. August 2024 is `published`.
- `units_dwp_cilif_msoa.csv`: DWP children under 16 in relative low-income families by
  MSOA (financial years ending 2015 to 2022), over the MSOA's children aged 0-15 at
  Census 2021, for `children-in-relative-low-income`. `estimated`: the Census 2021
  population is the denominator for every year. MSOA E02004277 (2011) was split into
  E02007006 and E02007007 in 2021; its count is shared between them by their children.

- `units_dfe_school_results.csv`: school-level published percentages and averages turned
  into counts, all `estimated` because cohort sizes are not published: persistent and
  overall absence 2018/19 (% of pupils / of sessions, weighted by pupils on roll in the
  January 2019 census), KS2 reading, writing and maths at the expected standard 2022/23
  (cohort taken as a seventh of the pupils on roll in May 2025), GCSE English and maths
  grade 4+ 2022/23 and Attainment 8 2018/19 and 2022/23 (cohort taken as a fifth of
  pupils on roll in January 2019 or May 2025; an average score times its cohort gives
  the school's total points). Schools whose figures were suppressed are not counted.
- `units_dfe_fsm.csv`: pupils eligible for free school meals, for `fsm-eligibility`:
  January 2019 (2018/19) is `published`, the exact sum of each school's published
  count over its pupils on roll; January 2023 (2022/23, the school's published
  percentage over its May 2025 roll) and January 2025 (2024/25, GIAS's percentage and
  pupils on roll) are `estimated` because only percentages are published.

Each file names its source and licence on every row; only the locality totals are stored.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from indicators.geography import REFERENCE_DATA
from indicators.units import default_lookups

PROJECT_DIR = Path(__file__).resolve().parent.parent
EXTRACTS_DIR = PROJECT_DIR / "data" / "extracts"
OFSTED_FILE = EXTRACTS_DIR / "units_ofsted_schools.csv"
RESULTS_FILE = EXTRACTS_DIR / "units_dfe_school_results.csv"
CILIF_FILE = EXTRACTS_DIR / "units_dwp_cilif_msoa.csv"
FSM_FILE = EXTRACTS_DIR / "units_dfe_fsm.csv"
OGL = "Contains public sector information licensed under the Open Government Licence v3.0."
OFSTED_SNAPSHOTS = {
    "2019-11": (
        "2019-11-30",
        "estimated",
        "Schools open in November 2019 that later closed without a successor are not counted.",
    ),
    "2024-08-31": ("2024-08-31", "published", ""),
}
GOOD = {"Good", "Outstanding"}
GRADED = GOOD | {"Requires improvement", "Inadequate"}
SPLIT_MSOA = {"E02004277": ("E02007006", "E02007007")}
COLUMNS = ["indicator_id", "area", "period", "numerator", "denominator", "data_status", "source", "note"]


def ofsted_rows(reference: Path = REFERENCE_DATA) -> list[dict[str, object]]:
    lookups = default_lookups()
    rows = []
    for vintage, (period, status, note) in OFSTED_SNAPSHOTS.items():
        path = (
            reference / "ofsted-school-inspections" / f"ofsted_latest_inspections_mi_asat_{vintage}_by_urn__dorset.csv"
        )
        schools = pd.read_csv(path, dtype=str, keep_default_na=False)
        for school in schools.itertuples():
            if school.overall_effectiveness not in GRADED or isinstance(lookups.place(f"URN:{school.urn}"), str):
                continue  # no overall grade, or not a school in Dorset Council's area today
            rows.append(
                {
                    "indicator_id": "schools-good-or-outstanding",
                    "area": f"URN:{school.urn}",
                    "period": period,
                    "numerator": int(school.overall_effectiveness in GOOD),
                    "denominator": 1,
                    "data_status": status,
                    "source": f"Ofsted, state-funded schools inspections and outcomes (management information as at {period}). {OGL}",
                    "note": note,
                }
            )
    return rows


def msoa_children(reference: Path = REFERENCE_DATA) -> dict[str, float]:
    """Children aged 0-15 at Census 2021, by MSOA 2021 (LSOAs added up)."""
    census = pd.read_csv(reference / "population" / "census2021_lsoa21_usual_residents_by_age6__dorset.csv")
    children = census[census["age_group"] == "Aged 15 years and under"].set_index("lsoa21_code")["usual_residents"]
    postcodes = pd.read_csv(
        reference / "ons-nspl-postcodes" / "derived_postcode_to_lsoa21_msoa21_ward25_best_fit__dorset.csv"
    )
    msoa_of = (
        postcodes.dropna(subset=["lsoa21_code"]).drop_duplicates("lsoa21_code").set_index("lsoa21_code")["msoa21_code"]
    )
    return children.groupby(msoa_of.reindex(children.index)).sum().to_dict()


def cilif_rows(reference: Path = REFERENCE_DATA) -> list[dict[str, object]]:
    counts = pd.read_csv(
        reference / "dwp-cilif" / "cilif_children_relative_low_income_msoa11_fye2015_2022__dorset.csv", dtype=str
    )
    counts = counts[counts["msoa11_code"].fillna("").str.startswith("E02")]
    children = msoa_children(reference)
    years = [c for c in counts.columns if c[:4].isdigit() and "Annotations" not in c]
    rows = []
    for record in counts.itertuples(index=False):
        msoa = record.msoa11_code
        parts = SPLIT_MSOA.get(msoa, (msoa,))
        weights = {p: children[p] for p in parts}
        for year in years:
            count = float(getattr(record, _attr(counts, year)))
            for part in parts:
                share = weights[part] / sum(weights.values())
                rows.append(
                    {
                        "indicator_id": "children-in-relative-low-income",
                        "area": part,
                        "period": year[:7],
                        "numerator": round(count * share),
                        "denominator": round(weights[part]),
                        "data_status": "estimated",
                        "source": f"Department for Work and Pensions, Children in low income families (relative), by MSOA; ONS Census 2021. {OGL}",
                        "note": "Rate over Census 2021 children aged 0-15 for every year"
                        + (" (provisional)." if "(p)" in year else "."),
                    }
                )
    return rows


def _estimate(
    indicator_id: str, urn: str, period: str, percent: float, cohort: float, source: str, note: str
) -> dict[str, object]:
    """A school's count from its published percentage and an estimated cohort."""
    cohort = max(round(cohort), 1)
    return _school_row(indicator_id, urn, period, min(round(percent / 100 * cohort), cohort), cohort, source, note)


def _school_row(
    indicator_id: str, urn: str, period: str, numerator: float, denominator: float, source: str, note: str,
    status: str = "estimated",
) -> dict[str, object]:  # fmt: skip
    return {
        "indicator_id": indicator_id,
        "area": f"URN:{urn}",
        "period": period,
        "numerator": numerator,
        "denominator": denominator,
        "data_status": status,
        "source": f"{source} {OGL}",
        "note": note,
    }


PERFORMANCE_2019 = "Department for Education, school performance tables 2018/19"
PERFORMANCE_2023 = (
    "Department for Education, school performance tables 2022/23 (via Gieffeemme/Areas-Schools-and-Properties); "
    "pupils on roll from GIAS May 2025."
)


def _placed(lookups, urn: str) -> bool:
    """A school the project can place in a locality today (Christchurch's are BCP's now)."""
    return not isinstance(lookups.place(f"URN:{urn}"), str)


def _state_funded(urns: pd.Series, types: pd.Series) -> set[str]:
    """Schools counted in the Department's local authority figures: state-funded ones only.

    Independent schools' pupils sit exams (IGCSEs) that score 0 in the tables; counting
    them would pull a locality far below the published Dorset figure.
    """
    private = types.fillna("").str.contains("Independent|Non-maintained", case=False)
    return set(urns[~private])


def _number(text: object) -> float | None:
    """A published cell as a number; suppressed and not-applicable markers are None."""
    number = pd.to_numeric(text, errors="coerce")
    return None if pd.isna(number) else float(number)


def school_result_rows(reference: Path = REFERENCE_DATA) -> list[dict[str, object]]:
    lookups = default_lookups()
    folder = reference / "dfe-school-level"
    census_2019 = pd.read_csv(folder / "perf_tables_2018-19_england_census__dorset835.csv", dtype=str)
    gias = pd.read_csv(reference / "schools" / "gias_open_establishments_2025-05-24__dorset.csv", dtype=str)
    state_2019 = _state_funded(census_2019["URN"], census_2019["SCHOOLTYPE"])
    state_2025 = _state_funded(gias["urn"], gias["establishment_type_group"])
    roll_2019 = census_2019.set_index("URN")["NOR"].where(census_2019.set_index("URN").index.isin(state_2019))
    roll_2025 = gias.set_index("urn")["number_of_pupils"].where(gias.set_index("urn").index.isin(state_2025))
    rows = []
    absence = pd.read_csv(folder / "perf_tables_2018-19_england_abs__dorset835.csv", dtype=str)
    for column, indicator_id, what in (
        ("PPERSABS10", "persistent-absence", "Pupils persistently absent"),
        ("PERCTOT", "overall-absence", "Sessions missed (in pupil-equivalents)"),
    ):
        for school in absence.itertuples():
            percent, pupils = _number(getattr(school, column)), _number(roll_2019.get(school.URN))
            if percent is None or pupils is None or not _placed(lookups, school.URN):
                continue
            rows.append(_estimate(indicator_id, school.URN, "2018/19", percent, pupils,
                                  f"{PERFORMANCE_2019} (absence; January 2019 census).",
                                  f"{what} estimated from the school's published percentage and its pupils on roll."))  # fmt: skip
    results = pd.read_csv(folder / "derived_ks2_ks4_census_2022-23_by_urn__dorset.csv", dtype=str)
    for column, indicator_id, share, what in (
        ("ks2_rwmExp", "key-stage-2-reading-writing-maths", 7, "a seventh"),
        ("ks4_em4", "gcse-english-and-maths", 5, "a fifth"),
    ):
        for school in results.itertuples():
            percent, pupils = _number(getattr(school, column)), _number(roll_2025.get(school.urn))
            if percent is None or pupils is None or not _placed(lookups, school.urn):
                continue
            rows.append(_estimate(indicator_id, school.urn, "2022/23", percent, pupils / share, PERFORMANCE_2023,
                                  f"Cohort not published: taken as {what} of the school's pupils on roll in May 2025."))  # fmt: skip
    ks4_2019 = pd.read_csv(folder / "perf_tables_2018-19_ks4final_app_extract__dorset835.csv", dtype=str)
    scores = [
        ("2018/19", ks4_2019["URN"], ks4_2019["ATT8SCR"], roll_2019, f"{PERFORMANCE_2019} (key stage 4; January 2019 census).", "January 2019"),
        ("2022/23", results["urn"], results["ks4_att8"], roll_2025, PERFORMANCE_2023, "May 2025"),
    ]  # fmt: skip
    for period, urns, averages, roll, source, when in scores:
        for urn, average in zip(urns, averages, strict=True):
            score, pupils = _number(average), _number(roll.get(urn))
            if score is None or pupils is None or not _placed(lookups, urn):
                continue
            cohort = max(round(pupils / 5), 1)
            # An average adds up only with its weight: total points = average x pupils.
            rows.append(_school_row("attainment-8", urn, period, round(score * cohort, 1), cohort, source,
                                    f"Cohort not published: taken as a fifth of the school's pupils on roll in {when}."))  # fmt: skip
    return rows


def fsm_rows(reference: Path = REFERENCE_DATA) -> list[dict[str, object]]:
    """Pupils known to be eligible for free school meals, by school."""
    lookups = default_lookups()
    folder = reference / "dfe-school-level"
    source = "Department for Education, school census: pupils known to be eligible for free school meals"
    rows = []
    census_2019 = pd.read_csv(folder / "perf_tables_2018-19_england_census__dorset835.csv", dtype=str)
    for school in census_2019.itertuples():
        eligible, pupils = _number(school.NUMFSM), _number(school.NOR)
        if eligible is None or not pupils or not _placed(lookups, school.URN):
            continue
        rows.append(_school_row("fsm-eligibility", school.URN, "2018/19", eligible, pupils,
                                f"{source}, January 2019 (school performance tables 2018/19).",
                                "Pupils eligible over all pupils on roll.", status="published"))  # fmt: skip
    gias = pd.read_csv(reference / "schools" / "gias_open_establishments_2025-05-24__dorset.csv", dtype=str)
    roll_2025 = gias.set_index("urn")["number_of_pupils"]
    spc_2023 = pd.read_csv(folder / "spc_2022-23_school_fsm_percent__dorset.csv", dtype=str)
    for urns, percents, roll, period, where, how in (
        (spc_2023["urn"], spc_2023["fsm_prop"], roll_2025, "2022/23", "January 2023 (schools, pupils and their characteristics)",
         "The school's published percentage over its pupils on roll in May 2025 (pupil numbers for January 2023 are not in the file)."),
        (gias["urn"], gias["percentage_fsm"], roll_2025, "2024/25", "January 2025 (Get Information about Schools, May 2025)",
         "The school's published percentage over its published pupils on roll, rounded to whole pupils."),
    ):  # fmt: skip
        for urn, percent_text in zip(urns, percents, strict=True):
            percent, pupils = _number(percent_text), _number(roll.get(urn))
            if percent is None or not pupils or not _placed(lookups, urn):
                continue
            rows.append(_estimate("fsm-eligibility", urn, period, percent, pupils, f"{source}, {where}.", how))
    return rows


def _attr(frame: pd.DataFrame, column: str) -> str:
    """itertuples renames columns that are not identifiers to _<position>."""
    return f"_{list(frame.columns).index(column)}"


def write_all(reference: Path = REFERENCE_DATA) -> list[tuple[Path, int]]:
    written = []
    for path, rows in (
        (OFSTED_FILE, ofsted_rows(reference)),
        (CILIF_FILE, cilif_rows(reference)),
        (RESULTS_FILE, school_result_rows(reference)),
        (FSM_FILE, fsm_rows(reference)),
    ):
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        written.append((path, len(rows)))
    return written
