"""The project's own locality geography: which 2025 wards make up each locality.

No public source maps Dorset's children's services localities to wards, so this is an
approximation we define and document. It follows the former districts (2011-2019),
using the best-fit ward-to-district lookup in the shared reference data:

- Chesil = the former Weymouth and Portland district; its sub-areas are Portland
  (the Portland ward) and Weymouth (every other ward);
- East = East Dorset; North = North Dorset; Purbeck = Purbeck;
- the former West Dorset district is split between Dorchester and West by the ward
  lists below (Dorchester and the wards around it; Bridport, Lyme Regis, Beaminster,
  Sherborne and the west).

Two wards straddle former districts and follow their best fit: Cranborne Chase (East)
and Puddletown & Lower Winterborne (North).

`python -m indicators geography` writes `data/reference/ward_localities.csv` and the
locality boundaries `data/reference/localities.geojson` (ward polygons dissolved with
shapely). Boundaries: Source: Office for National Statistics licensed under the Open
Government Licence v.3.0. Contains OS data © Crown copyright and database right 2025.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
REFERENCE_DATA = PROJECT_DIR.parent / "shared" / "reference-data"
OUTPUT_DIR = PROJECT_DIR / "data" / "reference"
WARD_LOCALITIES = OUTPUT_DIR / "ward_localities.csv"
LOCALITY_BOUNDARIES = OUTPUT_DIR / "localities.geojson"
BOUNDARY_ATTRIBUTION = (
    "Locality boundaries are the project's own approximation, built from ONS ward boundaries (December 2025). "
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
    "Contains OS data © Crown copyright and database right 2025."
)

FORMER_DISTRICT_LOCALITY = {
    "Weymouth and Portland": "chesil",
    "East Dorset": "east",
    "North Dorset": "north",
    "Purbeck": "purbeck",
}
WEST_DORSET_DORCHESTER_WARDS = {
    "Dorchester East",
    "Dorchester Poundbury",
    "Dorchester West",
    "Charminster St Mary's",
    "Chalk Valleys",
    "Crossways",
    "Winterborne & Broadmayne",
    "Chickerell",
}
WEST_DORSET_WEST_WARDS = {
    "Beaminster",
    "Bridport",
    "Chesil Bank",
    "Eggardon",
    "Lyme & Charmouth",
    "Marshwood Vale",
    "Sherborne East",
    "Sherborne Rural",
    "Sherborne West",
    "Yetminster",
}
PORTLAND_WARDS = {"Portland"}


def locality_of_ward(ward_name: str, former_district: str) -> tuple[str, str | None]:
    """(locality id, sub-area id or None) for a 2025 ward."""
    if former_district == "West Dorset":
        if ward_name in WEST_DORSET_DORCHESTER_WARDS:
            return "dorchester", None
        if ward_name in WEST_DORSET_WEST_WARDS:
            return "west", None
        raise ValueError(f"West Dorset ward '{ward_name}' is in neither the Dorchester nor the West list")
    locality = FORMER_DISTRICT_LOCALITY[former_district]
    if locality == "chesil":
        return locality, "portland" if ward_name in PORTLAND_WARDS else "weymouth"
    return locality, None


def ward_mapping(reference: Path = REFERENCE_DATA) -> list[dict[str, str]]:
    """Every 2025 ward with its former district, locality and sub-area."""
    with open(reference / "geography" / "derived_ward2025_to_former_district_best_fit.csv", newline="") as handle:
        wards = list(csv.DictReader(handle))
    rows = []
    for ward in wards:
        locality, sub_area = locality_of_ward(ward["WD25NM"], ward["former_district_name"])
        rows.append(
            {
                "ward_code": ward["WD25CD"],
                "ward_name": ward["WD25NM"],
                "former_district": ward["former_district_name"],
                "share_of_ward_in_former_district": ward["share_of_ward_area_in_that_district"],
                "locality": locality,
                "sub_area": sub_area or "",
            }
        )
    return rows


def lsoa_wards(reference: Path = REFERENCE_DATA) -> dict[str, str]:
    """LSOA 2021 code -> its best-fit 2025 ward."""
    with open(
        reference / "geography" / "derived_lsoa21_to_ward2025_and_former_district_best_fit.csv", newline=""
    ) as handle:
        return {row["LSOA21CD"]: row["WD25CD_best_fit"] for row in csv.DictReader(handle)}


def lsoa_localities(reference: Path = REFERENCE_DATA) -> dict[str, tuple[str, str | None]]:
    """LSOA 2021 code -> (locality, sub-area), through each LSOA's best-fit ward."""
    by_ward = {r["ward_code"]: (r["locality"], r["sub_area"] or None) for r in ward_mapping(reference)}
    return {lsoa: by_ward[ward] for lsoa, ward in lsoa_wards(reference).items()}


def lsoa_msoas(reference: Path = REFERENCE_DATA) -> dict[str, str]:
    """LSOA 2021 code -> MSOA 2021 code (from the postcode lookup, which gives both)."""
    with open(reference / "ons-nspl-postcodes" / "derived_postcode_to_lsoa21_msoa21_ward25_best_fit__dorset.csv", newline="") as handle:
        return {row["lsoa21_code"]: row["msoa21_code"] for row in csv.DictReader(handle) if row["lsoa21_code"]}


def lsoa_children(reference: Path = REFERENCE_DATA) -> dict[str, float]:
    """Children aged 0-15 at Census 2021 by LSOA 2021."""
    with open(reference / "population" / "census2021_lsoa21_usual_residents_by_age6__dorset.csv", newline="") as handle:
        return {
            row["lsoa21_code"]: float(row["usual_residents"])
            for row in csv.DictReader(handle)
            if row["age_group"] == "Aged 15 years and under"
        }


def build_boundaries(reference: Path = REFERENCE_DATA) -> dict:
    """A GeoJSON FeatureCollection: one polygon per locality and per Chesil sub-area."""
    from shapely import set_precision
    from shapely.geometry import mapping, shape
    from shapely.ops import unary_union

    wards = json.loads((reference / "geography" / "dorset_wards_2025.geojson").read_text())
    mapping_by_code = {r["ward_code"]: r for r in ward_mapping(reference)}
    groups: dict[str, list] = {}
    for feature in wards["features"]:
        row = mapping_by_code[feature["properties"]["WD25CD"]]
        geometry = shape(feature["geometry"])
        groups.setdefault(row["locality"], []).append(geometry)
        if row["sub_area"]:
            groups.setdefault(row["sub_area"], []).append(geometry)
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


UNIT_LOOKUPS = {
    "lsoa": OUTPUT_DIR / "lsoa_localities.csv",
    "msoa": OUTPUT_DIR / "msoa_localities.csv",
    "school": OUTPUT_DIR / "school_lsoas.csv",
    "postcode": OUTPUT_DIR / "postcode_lsoas.csv",
}


def _write_csv(path: Path, rows: list[dict[str, object]]) -> None:
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def msoa_best_fit(reference: Path = REFERENCE_DATA) -> list[dict[str, object]]:
    """MSOA 2021 -> the locality holding most of its children (Census 2021, 0-15), with that share.

    MSOAs are built from LSOAs (the postcode lookup gives each LSOA's MSOA); most sit in
    one locality, and the share says how far the best fit is from exact.
    """
    lsoas = lsoa_localities(reference)
    msoa_of, children = lsoa_msoas(reference), lsoa_children(reference)
    by_msoa: dict[str, dict[str, float]] = {}
    for lsoa, (locality, _) in lsoas.items():
        by_msoa.setdefault(msoa_of[lsoa], {}).setdefault(locality, 0.0)
        by_msoa[msoa_of[lsoa]][locality] += children.get(lsoa, 0.0)
    rows = []
    for msoa, shares in sorted(by_msoa.items()):
        best = max(shares, key=shares.__getitem__)
        rows.append({"msoa21_code": msoa, "locality": best, "share_of_children": round(shares[best] / sum(shares.values()), 3)})
    return rows


def school_lsoas(reference: Path = REFERENCE_DATA) -> list[dict[str, object]]:
    """School URN -> its LSOA (GIAS 2025), with earlier URNs led to the school that succeeded them."""
    with open(reference / "schools" / "gias_open_establishments_2025-05-24__dorset.csv", newline="", encoding="utf-8") as handle:
        open_schools = {row["urn"]: row for row in csv.DictReader(handle)}
    rows = [
        {"urn": urn, "current_urn": urn, "lsoa21_code": row["lsoa_code"], "phase": row["education_phase"],
         "type_group": row["establishment_type_group"], "how": "open in GIAS May 2025"}
        for urn, row in sorted(open_schools.items())
    ]  # fmt: skip
    successors: dict[str, str] = {}
    with open(reference / "dfe-school-level" / "derived_urn_2018-19_to_gias2025_current_urn__dorset.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["current_urn_gias_2025"] and row["current_urn_gias_2025"] != row["urn_2018_19"]:
                successors[row["urn_2018_19"]] = row["current_urn_gias_2025"]
    with open(reference / "dfe-school-level" / "gias_links_edubasealldata20250903__dorset_county_urn_block.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["LinkType"] == "Successor" and row["LinkURN"] in open_schools:
                successors.setdefault(row["URN"], row["LinkURN"])
    for old, new in sorted(successors.items()):
        if old in open_schools:
            continue
        school = open_schools[new]
        rows.append({"urn": old, "current_urn": new, "lsoa21_code": school["lsoa_code"], "phase": school["education_phase"],
                     "type_group": school["establishment_type_group"], "how": "predecessor of an open school (GIAS links)"})  # fmt: skip
    return rows


def postcode_lsoas(reference: Path = REFERENCE_DATA) -> list[dict[str, object]]:
    """Dorset postcodes (spaces removed, upper case) -> LSOA 2021, by best fit of their centroids."""
    with open(reference / "ons-nspl-postcodes" / "derived_postcode_to_lsoa21_msoa21_ward25_best_fit__dorset.csv", newline="") as handle:
        return [
            {"postcode": row["postcode"].replace(" ", "").upper(), "lsoa21_code": row["lsoa21_code"]}
            for row in csv.DictReader(handle)
            if row["lsoa21_code"]
        ]


def write_reference_files(reference: Path = REFERENCE_DATA, output: Path = OUTPUT_DIR) -> None:
    output.mkdir(parents=True, exist_ok=True)
    _write_csv(output / WARD_LOCALITIES.name, ward_mapping(reference))
    lsoas, wards, msoas, children = (f(reference) for f in (lsoa_localities, lsoa_wards, lsoa_msoas, lsoa_children))
    _write_csv(
        output / UNIT_LOOKUPS["lsoa"].name,
        [
            {"lsoa21_code": code, "locality": loc, "sub_area": sub or "", "ward25_code": wards[code],
             "msoa21_code": msoas.get(code, ""), "children_0_15": int(children.get(code, 0))}
            for code, (loc, sub) in sorted(lsoas.items())
        ],
    )  # fmt: skip
    _write_csv(output / UNIT_LOOKUPS["msoa"].name, msoa_best_fit(reference))
    _write_csv(output / UNIT_LOOKUPS["school"].name, school_lsoas(reference))
    _write_csv(output / UNIT_LOOKUPS["postcode"].name, postcode_lsoas(reference))
    from indicators.context import write_context  # reads the lookups just written

    write_context(reference, output / "locality_context.csv")
    boundaries = build_boundaries(reference)
    (output / LOCALITY_BOUNDARIES.name).write_text(json.dumps(boundaries, separators=(",", ":")))
