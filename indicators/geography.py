"""The project's own locality geography: which 2025 wards make up each locality.

No public source maps Dorset's children's services localities to wards, so this is an
assumption we declare, in one file: `data/reference/ward_localities.csv`, one row per
2025 ward with its locality, its Chesil sub-area (Weymouth or Portland) and why. It
follows the former districts (2011-2019): Weymouth and Portland is Chesil (Portland ward
is Portland, the rest Weymouth), East Dorset is East, North Dorset is North, Purbeck is
Purbeck, and West Dorset is split between Dorchester and West. Chickerell, a West Dorset
ward beside Weymouth that holds Budmouth Academy, is in Dorchester by that rule: the file
says so, and the About page shows what moving it would change.

To correct the assignment, edit that file alone: every small area, school and postcode is
placed through it when the warehouse is built (the warehouse rebuilds when it changes).
`python -m indicators geography` redraws the locality boundaries and rewrites the lookups
that do not depend on it (LSOA to ward, school to LSOA, postcode to LSOA) from the shared
reference data. Boundaries: Source: Office for National Statistics licensed under the Open
Government Licence v.3.0. Contains OS data © Crown copyright and database right 2025.
"""

from __future__ import annotations

import csv
import json
import os
from functools import cache
from pathlib import Path

from indicators.locality_definition import read_wards

PROJECT_DIR = Path(__file__).resolve().parent.parent
# The published files the shipped extracts are made from, beside the project (or where DASHBOARD_REFERENCE_DATA says:
# a copy of the project elsewhere, such as the mutation tester's, still finds them).
REFERENCE_DATA = Path(os.environ.get("DASHBOARD_REFERENCE_DATA") or PROJECT_DIR.parent / "shared" / "reference-data")
OUTPUT_DIR = PROJECT_DIR / "data" / "reference"
WARD_LOCALITIES = OUTPUT_DIR / "ward_localities.csv"
WARD_POLYGONS = OUTPUT_DIR / "wards_2025.geojson"
BOUNDARY_ATTRIBUTION = (
    "Locality boundaries are the project's own approximation, built from ONS ward boundaries (December 2025). "
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
    "Contains OS data © Crown copyright and database right 2025."
)


def lsoa_wards(reference: Path = REFERENCE_DATA) -> dict[str, str]:
    """LSOA 2021 code -> its best-fit 2025 ward."""
    with open(
        reference / "geography" / "derived_lsoa21_to_ward2025_and_former_district_best_fit.csv", newline=""
    ) as handle:
        return {row["LSOA21CD"]: row["WD25CD_best_fit"] for row in csv.DictReader(handle)}


def lsoa_localities(reference: Path = REFERENCE_DATA) -> dict[str, tuple[str, str | None]]:
    """LSOA 2021 code -> (locality, sub-area), through each LSOA's best-fit ward."""
    by_ward = {w.code: w.place for w in read_wards(WARD_LOCALITIES)}
    return {lsoa: by_ward[ward] for lsoa, ward in lsoa_wards(reference).items()}


def lsoa_msoas(reference: Path = REFERENCE_DATA) -> dict[str, str]:
    """LSOA 2021 code -> MSOA 2021 code (from the postcode lookup, which gives both)."""
    with open(
        reference / "ons-nspl-postcodes" / "derived_postcode_to_lsoa21_msoa21_ward25_best_fit__dorset.csv", newline=""
    ) as handle:
        return {row["lsoa21_code"]: row["msoa21_code"] for row in csv.DictReader(handle) if row["lsoa21_code"]}


def lsoa_children(reference: Path = REFERENCE_DATA) -> dict[str, float]:
    """Children aged 0-15 at Census 2021 by LSOA 2021."""
    with open(reference / "population" / "census2021_lsoa21_usual_residents_by_age6__dorset.csv", newline="") as handle:
        return {
            row["lsoa21_code"]: float(row["usual_residents"])
            for row in csv.DictReader(handle)
            if row["age_group"] == "Aged 15 years and under"
        }


def lsoa_income_deprived_children(reference: Path = REFERENCE_DATA) -> dict[str, float]:
    """Children in income-deprived families (the IDACI numerator, Indices of Deprivation 2025) by LSOA 2021;
    an LSOA whose count is not published is left out."""
    with open(reference / "deprivation" / "imd2025_lsoa21__dorset.csv", newline="") as handle:
        column = "income_deprivation_affecting_children_index_idaci_numerator"
        return {row["lsoa21_code"]: float(row[column]) for row in csv.DictReader(handle) if row[column].strip()}


def ward_polygons(reference: Path = REFERENCE_DATA) -> dict:
    """Dorset Council's 2025 ward boundaries (ONS), shipped so that the localities can be redrawn from
    ward_localities.csv alone. Coordinates rounded to 1e-5 degrees (about a metre)."""
    from shapely import set_precision
    from shapely.geometry import mapping, shape

    wards = json.loads((reference / "geography" / "dorset_wards_2025.geojson").read_text())
    features = [
        {
            "type": "Feature",
            "properties": {"ward_code": f["properties"]["WD25CD"], "ward_name": f["properties"].get("WD25NM", "")},
            "geometry": mapping(set_precision(shape(f["geometry"]), 0.00001)),
        }
        for f in sorted(wards["features"], key=lambda f: f["properties"]["WD25CD"])
    ]
    return {"type": "FeatureCollection", "attribution": BOUNDARY_ATTRIBUTION, "features": features}


Assignment = dict[str, tuple[str, str | None]]  # ward code -> (locality, sub-area)


def build_boundaries(assignment: Assignment, wards_file: Path = WARD_POLYGONS) -> dict:
    """A GeoJSON FeatureCollection: one polygon per locality and per Chesil sub-area, dissolved from the
    shipped ward boundaries by a ward assignment (so the map follows ward_localities.csv)."""
    from shapely import set_precision
    from shapely.geometry import mapping, shape
    from shapely.ops import unary_union

    wards = json.loads(wards_file.read_text())
    groups: dict[str, list] = {}
    for feature in wards["features"]:
        locality, sub_area = assignment[feature["properties"]["ward_code"]]
        geometry = shape(feature["geometry"])
        groups.setdefault(locality, []).append(geometry)
        if sub_area:
            groups.setdefault(sub_area, []).append(geometry)
    features = []
    for area_id, geometries in sorted(groups.items()):
        dissolved = set_precision(unary_union(geometries), 0.00001)
        features.append(
            {
                "type": "Feature",
                "id": area_id,
                "properties": {
                    "area_id": area_id,
                    "level": "sub-locality" if area_id in {"weymouth", "portland"} else "locality",
                },
                "geometry": mapping(dissolved),
            }
        )
    return {"type": "FeatureCollection", "attribution": BOUNDARY_ATTRIBUTION, "features": features}


def locality_boundaries(assignment: Assignment | None = None) -> dict:
    """The locality boundaries for an assignment (by default the file's), dissolved once per assignment."""
    if assignment is None:
        assignment = {w.code: w.place for w in read_wards(WARD_LOCALITIES)}
    return _boundaries(tuple(sorted(assignment.items())))


@cache
def _boundaries(assignment: tuple[tuple[str, tuple[str, str | None]], ...]) -> dict:
    return build_boundaries(dict(assignment))


UNIT_LOOKUPS = {
    "lsoa": OUTPUT_DIR / "lsoa_wards.csv",  # LSOA 2021 -> best-fit 2025 ward, MSOA, children aged 0-15
    "school": OUTPUT_DIR / "school_lsoas.csv",
    "postcode": OUTPUT_DIR / "postcode_lsoas.csv",
}


def _write_csv(path: Path, rows: list[dict[str, object]]) -> None:
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def postcode_lsoas(reference: Path = REFERENCE_DATA) -> list[dict[str, object]]:
    """Dorset postcodes (spaces removed, upper case) -> LSOA 2021, by best fit of their centroids."""
    with open(
        reference / "ons-nspl-postcodes" / "derived_postcode_to_lsoa21_msoa21_ward25_best_fit__dorset.csv", newline=""
    ) as handle:
        return [
            {"postcode": row["postcode"].replace(" ", "").upper(), "lsoa21_code": row["lsoa21_code"]}
            for row in csv.DictReader(handle)
            if row["lsoa21_code"]
        ]


def write_reference_files(reference: Path = REFERENCE_DATA, output: Path = OUTPUT_DIR) -> None:
    """The lookups that do not depend on the locality assignment, the ward boundaries and the context units."""
    from indicators.schools import write_lookups

    output.mkdir(parents=True, exist_ok=True)
    wards, msoas, children = (f(reference) for f in (lsoa_wards, lsoa_msoas, lsoa_children))
    _write_csv(
        output / UNIT_LOOKUPS["lsoa"].name,
        [
            {
                "lsoa21_code": code,
                "ward25_code": ward,
                "msoa21_code": msoas.get(code, ""),
                "children_0_15": int(children.get(code, 0)),
            }
            for code, ward in sorted(wards.items())
        ],
    )
    write_lookups(reference, output)
    _write_csv(output / UNIT_LOOKUPS["postcode"].name, postcode_lsoas(reference))
    from indicators.context import write_context_units

    write_context_units(reference, output / "context_units.csv")
    (output / WARD_POLYGONS.name).write_text(json.dumps(ward_polygons(reference), separators=(",", ":")))
