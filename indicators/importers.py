"""Importers for the files a council data team downloads, into our extract format.

- `lait`: the Department for Education's Local Authority Interactive Tool, long format
  (`bds_long`), read with its data dictionary (period labels depend on each measure's
  year type).
- `ees`: Explore Education Statistics open-data CSVs (children looked after numbers
  and rates; 16-17 NEET and not known from NCCIS).
- `els`: ONS Explore Local Statistics tidy CSVs (children in relative low income,
  schools rated good or outstanding).

Each importer keeps only the catalogue's indicators that name it in
`published_series`, and only our areas (Dorset, the South West, England and Dorset's
statistical neighbours). Values are kept as published (only float noise is rounded);
rows the publisher marks unavailable or suppressed are left out.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd

from indicators.areas import Areas, default_areas
from indicators.catalogue import Catalogue, Indicator, default_catalogue
from indicators.extracts import ALL_COLUMNS
from indicators.periods import FREQUENCIES, year_label

OGL = "Contains public sector information licensed under the Open Government Licence v3.0."
DORSET_BEFORE_REORGANISATION = "835"  # LAIT files the former Dorset County Council's figures here
DORSET_COUNCIL_FORMED = date(2019, 4, 1)


def _former_county_note(indicator: Indicator, label: str) -> str:
    """What a figure filed under code 835 is: the former county's only for periods mostly before April 2019."""
    if FREQUENCIES[indicator.frequency].midpoint(label) < DORSET_COUNCIL_FORMED:
        return "Figure for the former Dorset County Council area."
    return "Dorset Council's figure (LAIT files it under the former county's code, 835)."


def _clean_number(text: str) -> float | None:
    try:
        number = float(text)
    except (TypeError, ValueError):
        return None
    # Published values carry float noise (37.799999999999997); ten significant figures is exact enough.
    return float(f"{number:.10g}")


def _indicators_for(source: str, catalogue: Catalogue) -> dict[str, Indicator]:
    """Series key -> indicator, for the catalogue indicators published by `source`."""
    return {i.published_series[source]: i for i in catalogue.indicators.values() if source in i.published_series}


def _frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(ALL_COLUMNS))
    return frame.sort_values(["indicator_id", "area", "period"], kind="stable").reset_index(drop=True)


# --- LAIT ------------------------------------------------------------------------------

_LAIT_SINGLE_YEAR = re.compile(r"(\d{4})(?: \((prov|Rev|OT)\))?", re.IGNORECASE)
_LAIT_ACADEMIC = re.compile(r"(\d{4})/(\d{2})")
_LAIT_DASHED_YEAR = re.compile(r"(\d{4})-(\d{2})")
_LAIT_POOLED_FINANCIAL = re.compile(r"(\d{4})/(\d{2})-(\d{2})/(\d{2})")


def lait_period(label: str, indicator: Indicator) -> tuple[str, str] | None:
    """Our period label for a LAIT `Years` label, and a note; None if not understood.

    LAIT labels a year by the calendar year it ends in: '2024' is the school year
    2023/24 for an academic measure, the year to 31 March 2024 for financial and
    'Annual' (31 March) measures, and 2024 itself for calendar-year measures.
    """
    label = label.strip()
    frequency = indicator.frequency
    if frequency == "three-financial-years" and (m := _LAIT_POOLED_FINANCIAL.fullmatch(label)):
        return f"{m[1]}/{m[2]} to {int(m[1]) + 2}/{m[4]}", ""
    if frequency == "three-calendar-years" and (m := _LAIT_DASHED_YEAR.fullmatch(label)):
        return f"{int(m[1])} to {int(m[1][:2] + m[2])}", ""
    if frequency in {"academic-year", "financial-year"} and (m := _LAIT_ACADEMIC.fullmatch(label)):
        return label, ""
    if frequency == "financial-year" and (m := _LAIT_DASHED_YEAR.fullmatch(label)):
        return year_label(int(m[1])), ""
    if m := _LAIT_SINGLE_YEAR.fullmatch(label):
        year = int(m[1])
        note = {"prov": "Provisional figure.", "rev": "Revised figure."}.get((m[2] or "").lower(), "")
        if frequency == "calendar-year":
            return str(year), note
        if frequency in {"academic-year", "financial-year"}:
            return year_label(year - 1), note
    return None


def import_lait(
    long_file: Path, dictionary_file: Path | None = None, catalogue: Catalogue | None = None, areas: Areas | None = None
) -> pd.DataFrame:
    """Rows for every catalogue indicator published in LAIT, in our extract format."""
    catalogue = catalogue or default_catalogue()
    areas = areas or default_areas()
    dictionary_file = dictionary_file or long_file.with_name("lait_data_dictionary.csv")
    dictionary = pd.read_csv(dictionary_file, dtype=str, keep_default_na=False).set_index("Measure_short")
    wanted = _indicators_for("lait", catalogue)
    data = pd.read_csv(long_file, dtype=str, keep_default_na=False)
    data = data[data["Short Desc"].isin(wanted.keys())]
    rows: dict[tuple[str, str, str], dict[str, object]] = {}
    for record in data.itertuples(index=False):
        measure, years, la_number, text = record[0], record[2], record[5], record[4]
        indicator = wanted[measure]
        area = areas.resolve(la_number)
        value = _clean_number(text)
        period = lait_period(years, indicator)
        if area is None or value is None or period is None or area.is_locality:
            continue
        if area.id == "england" and "england" not in indicator.comparators:
            continue  # e.g. FirstYJS: LAIT's England figure is not a rate (PROVENANCE.md)
        label, note = period
        key = (indicator.id, area.id, label)
        # Dorset Council (838) wins over the former county (835) where both exist.
        if key in rows and la_number == DORSET_BEFORE_REORGANISATION:
            continue
        if la_number == DORSET_BEFORE_REORGANISATION:
            note = (note + " " + _former_county_note(indicator, label)).strip()
        owner = (
            dictionary.loc[measure, "Data Owner (DO) /Supplier and Contact Details"]
            if measure in dictionary.index
            else ""
        )
        owner_text = f"; data owner: {owner.splitlines()[0].strip()}" if owner else ""
        rows[key] = {
            "indicator_id": indicator.id,
            "area": area.id,
            "period": label,
            "value": value,
            "data_status": "published",
            "source": f"Department for Education, Local Authority Interactive Tool, measure {measure}{owner_text}. {OGL}",
            "note": note,
        }
    return _frame(list(rows.values()))


# --- Explore Education Statistics ------------------------------------------------------

_CLA_ON_31_MARCH = "Children looked after on 31 March each year"


def _ees_area(record: pd.Series, areas: Areas):
    level = record["geographic_level"]
    if level == "National":
        return areas.resolve(record["country_code"])
    if level == "Regional":
        return areas.resolve(record["region_code"])
    if level == "Local authority":
        return areas.resolve(record["new_la_code"]) or areas.resolve(record["old_la_code"])
    return None


def import_ees(path: Path, catalogue: Catalogue | None = None, areas: Areas | None = None) -> pd.DataFrame:
    """Rows from an EES open-data CSV this project knows (recognised by its columns)."""
    catalogue = catalogue or default_catalogue()
    areas = areas or default_areas()
    data = pd.read_csv(path, dtype=str, keep_default_na=False)
    wanted = _indicators_for("ees", catalogue)
    if {"population_type", "children_count", "population_estimate"} <= set(data.columns):
        return _frame(_ees_children_looked_after(data, wanted, areas))
    if "NEET_not_known_percent" in data.columns:
        return _frame(_ees_neet(data, wanted, areas))
    raise ValueError(
        f"{path.name}: not an Explore Education Statistics file this importer knows (children looked after, or NCCIS NEET)"
    )


def _ees_children_looked_after(
    data: pd.DataFrame, wanted: dict[str, Indicator], areas: Areas
) -> list[dict[str, object]]:
    source = f"Department for Education, Children looked after in England including adoptions (Explore Education Statistics). {OGL}"
    rows = []
    for record in data[data["population_type"] == _CLA_ON_31_MARCH].to_dict("records"):
        area = _ees_area(pd.Series(record), areas)
        count, population = _clean_number(record["children_count"]), _clean_number(record["population_estimate"])
        if area is None or count is None:
            continue
        period = year_label(int(record["time_period"]) - 1)  # '2025' is the year to 31 March 2025
        if "children-looked-after-rate" in wanted and population:
            rows.append(
                {
                    "indicator_id": wanted["children-looked-after-rate"].id,
                    "area": area.id,
                    "period": period,
                    "numerator": count,
                    "denominator": population,
                    "data_status": "published",
                    "source": source,
                    "note": "Rate worked out from the published count and population (the published rate is rounded to a whole number).",
                }
            )
        if "children-looked-after-count" in wanted:
            rows.append(
                {
                    "indicator_id": wanted["children-looked-after-count"].id,
                    "area": area.id,
                    "period": period,
                    "numerator": count,
                    "data_status": "published",
                    "source": source,
                    "note": "",
                }
            )
    return rows


def _ees_neet(data: pd.DataFrame, wanted: dict[str, Indicator], areas: Areas) -> list[dict[str, object]]:
    indicator = wanted.get("neet-or-not-known")
    if indicator is None:
        return []
    source = f"Department for Education, Participation in education, training and NEET age 16 to 17 by local authority (NCCIS). {OGL}"
    rows = []
    for record in data.to_dict("records"):
        area = _ees_area(pd.Series(record), areas)
        value = _clean_number(record["NEET_not_known_percent"])
        if area is None or value is None:
            continue
        cohort = _clean_number(record["Cohort_DJFavg"])
        rows.append(
            {
                "indicator_id": indicator.id,
                "area": area.id,
                "period": year_label(int(record["time_period"]) - 1),  # '2025' is the Dec 2024 to Feb 2025 average
                "denominator": cohort,
                "value": value,
                "data_status": "published",
                "source": source,
                "note": "Average of December, January and February.",
            }
        )
    return rows


# --- ONS Explore Local Statistics ------------------------------------------------------

_ELS_RELATIVE_POVERTY = "Children in relative poverty before housing costs"


def _els_period(period: str, indicator: Indicator) -> str | None:
    """'2022-04-01/P1Y' -> '2022/23'; '2023-03-31T00:00:00' -> '2023-03-31' (None if invalid)."""
    if indicator.frequency == "snapshot":
        day = period[:10]
        try:
            pd.Timestamp(day)
        except ValueError:
            return None  # the published file has an impossible '2024-09-31' snapshot
        return day
    return year_label(int(period[:4])) if period.endswith("/P1Y") else None


def import_els(path: Path, catalogue: Catalogue | None = None, areas: Areas | None = None) -> pd.DataFrame:
    """Rows from an ONS Explore Local Statistics CSV (the stacked file or the schools file)."""
    catalogue = catalogue or default_catalogue()
    areas = areas or default_areas()
    data = pd.read_csv(path, dtype=str, keep_default_na=False)
    data.columns = [c.strip().lower() for c in data.columns]
    wanted = _indicators_for("els", catalogue)
    if "dataset" in data.columns:
        data = data[(data["dataset"] == "children-in-relative-poverty") & (data["indicator"] == _ELS_RELATIVE_POVERTY)]
        indicator = wanted.get("children-in-relative-poverty")
        source = f"Department for Work and Pensions, Children in low income families (via ONS Explore Local Statistics). {OGL}"
    else:
        indicator = wanted.get("schools-rated-good-or-outstanding")
        source = f"Ofsted, State-funded schools inspections and outcomes (via ONS Explore Local Statistics). {OGL}"
    if indicator is None:
        return _frame([])
    rows: dict[tuple[str, str], dict[str, object]] = {}
    for record in data.to_dict("records"):
        area = areas.resolve(record["areacd"])
        value = _clean_number(record["observation"])
        period = _els_period(record["period"], indicator)
        if area is None or value is None or period is None or area.is_locality:
            continue
        key = (area.id, period)
        # A council that changed code (Somerset, North Yorkshire) can appear twice: keep the current code.
        if key in rows and record["areacd"] != area.code:
            continue
        rows[key] = {
            "indicator_id": indicator.id,
            "area": area.id,
            "period": period,
            "value": value,
            "data_status": "published",
            "source": source,
            "note": "",
        }
    return _frame(list(rows.values()))


IMPORTERS = {"lait": import_lait, "ees": import_ees, "els": import_els}
