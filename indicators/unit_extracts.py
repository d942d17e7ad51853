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

- `units_dfe_school_results.csv`: school-level published percentages turned into counts,
  all `estimated` because cohort sizes are not published: persistent absence 2018/19
  (% of pupils, weighted by pupils on roll in the January 2019 census), KS2 reading,
  writing and maths at the expected standard 2022/23 (cohort taken as a seventh of the
  pupils on roll in May 2025) and GCSE English and maths grade 4+ 2022/23 (cohort taken
  as a fifth of pupils on roll). Schools whose figures were suppressed are not counted.

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
OGL = "Contains public sector information licensed under the Open Government Licence v3.0."
OFSTED_SNAPSHOTS = {
    "2019-11": ("2019-11-30", "estimated", "Schools open in November 2019 that later closed without a successor are not counted."),
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
        path = reference / "ofsted-school-inspections" / f"ofsted_latest_inspections_mi_asat_{vintage}_by_urn__dorset.csv"
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
    postcodes = pd.read_csv(reference / "ons-nspl-postcodes" / "derived_postcode_to_lsoa21_msoa21_ward25_best_fit__dorset.csv")
    msoa_of = postcodes.dropna(subset=["lsoa21_code"]).drop_duplicates("lsoa21_code").set_index("lsoa21_code")["msoa21_code"]
    return children.groupby(msoa_of.reindex(children.index)).sum().to_dict()


def cilif_rows(reference: Path = REFERENCE_DATA) -> list[dict[str, object]]:
    counts = pd.read_csv(reference / "dwp-cilif" / "cilif_children_relative_low_income_msoa11_fye2015_2022__dorset.csv", dtype=str)
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


def _estimate(indicator_id: str, urn: str, period: str, percent: float, cohort: float, source: str, note: str) -> dict[str, object]:
    cohort = max(round(cohort), 1)
    return {
        "indicator_id": indicator_id,
        "area": f"URN:{urn}",
        "period": period,
        "numerator": min(round(percent / 100 * cohort), cohort),
        "denominator": cohort,
        "data_status": "estimated",
        "source": f"{source} {OGL}",
        "note": note,
    }


def school_result_rows(reference: Path = REFERENCE_DATA) -> list[dict[str, object]]:
    lookups = default_lookups()
    folder = reference / "dfe-school-level"
    rows = []
    absence = pd.read_csv(folder / "perf_tables_2018-19_england_abs__dorset835.csv", dtype=str)
    roll = pd.read_csv(folder / "perf_tables_2018-19_england_census__dorset835.csv", dtype=str).set_index("URN")["NOR"]
    for school in absence.itertuples():
        percent, pupils = pd.to_numeric(school.PPERSABS10, errors="coerce"), pd.to_numeric(roll.get(school.URN), errors="coerce")
        if pd.isna(percent) or pd.isna(pupils) or isinstance(lookups.place(f"URN:{school.URN}"), str):
            continue  # suppressed, or a school not in Dorset Council's area today (Christchurch is BCP)
        rows.append(_estimate("persistent-absence", school.URN, "2018/19", percent, pupils,
                              "Department for Education, school performance tables 2018/19 (absence; January 2019 census).",
                              "Pupils persistently absent estimated from the school's published percentage and its pupils on roll."))  # fmt: skip
    results = pd.read_csv(folder / "derived_ks2_ks4_census_2022-23_by_urn__dorset.csv", dtype=str)
    gias = pd.read_csv(reference / "schools" / "gias_open_establishments_2025-05-24__dorset.csv", dtype=str).set_index("urn")
    pupils_2025 = pd.to_numeric(gias["number_of_pupils"], errors="coerce")
    for column, indicator_id, share, what in (
        ("ks2_rwmExp", "key-stage-2-reading-writing-maths", 7, "a seventh"),
        ("ks4_em4", "gcse-english-and-maths", 5, "a fifth"),
    ):
        for school in results.itertuples():
            percent = pd.to_numeric(getattr(school, column), errors="coerce")
            pupils = pupils_2025.get(school.urn)
            if pd.isna(percent) or pupils is None or pd.isna(pupils) or isinstance(lookups.place(f"URN:{school.urn}"), str):
                continue
            rows.append(_estimate(indicator_id, school.urn, "2022/23", percent, pupils / share,
                                  "Department for Education, school performance tables 2022/23 (via Gieffeemme/Areas-Schools-and-Properties); pupils on roll from GIAS May 2025.",
                                  f"Cohort not published: taken as {what} of the school's pupils on roll in May 2025."))  # fmt: skip
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
    ):
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        written.append((path, len(rows)))
    return written
