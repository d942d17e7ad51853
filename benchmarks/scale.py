"""A synthetic dataset about 100 times the shipped one, for the scale benchmark (never committed).

Every one of Dorset's 52 wards becomes a locality (instead of six), and every indicator
is monthly (instead of mostly annual), April 2019 to March 2026. The catalogue and areas
are rewritten to match in a scratch folder; point INDICATORS_CATALOGUE_DIR and
INDICATORS_AREAS_FILE at them. Figures are random but plausible, and seeded.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from indicators.catalogue import CATALOGUE_DIR
from indicators.extracts import ALL_COLUMNS
from indicators.locality_definition import read_wards

MONTHS = [f"{y + (m < 4)}-{m:02d}" for y in range(2019, 2026) for m in (*range(4, 13), *range(1, 4))]


def _slug(name: str) -> str:
    return "ward-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def write_areas(path: Path) -> list[str]:
    wards = [(_slug(w.name), w.name) for w in read_wards()]
    lines = [
        '[[area]]\nid = "dorset"\nname = "Dorset"\ntype = "local-authority"\ncode = "E06000059"\nla_number = 838\n',
        '[[area]]\nid = "england"\nname = "England"\ntype = "country"\ncode = "E92000001"\nla_number = 970\n',
        '[[area]]\nid = "south-west"\nname = "South West"\ntype = "region"\ncode = "E12000009"\nla_number = 990\n',
    ]
    lines += [
        f'[[area]]\nid = "{ward_id}"\nname = "{name}"\ntype = "locality"\nparent = "dorset"\n'
        for ward_id, name in wards
    ]
    path.write_text("\n".join(lines))
    return [ward_id for ward_id, _ in wards]


def write_catalogue(folder: Path) -> None:
    """The shipped catalogue with every indicator made monthly (baseline March 2023)."""
    folder.mkdir(parents=True, exist_ok=True)
    for source in CATALOGUE_DIR.glob("*.toml"):
        text = source.read_text()
        text = re.sub(r'frequency = "[a-z-]+"', 'frequency = "monthly"', text)
        text = re.sub(r'baseline_period = "[^"]+"', 'baseline_period = "2023-03"', text)
        (folder / source.name).write_text(text)


def write_extract(path: Path, ward_ids: list[str], catalogue_folder: Path) -> int:
    import os

    os.environ["INDICATORS_CATALOGUE_DIR"] = str(catalogue_folder)
    from indicators.catalogue import load_catalogue

    catalogue = load_catalogue(catalogue_folder)
    rng = np.random.default_rng(20231001)
    frames = []
    for indicator in catalogue.indicators.values():
        shape = (len(ward_ids), len(MONTHS))
        denominators = rng.integers(200, 3000, size=shape).astype(float)
        if indicator.unit == "count":
            numerators = rng.poisson(20, size=shape).astype(float)
            denominators[:] = np.nan
        elif indicator.unit == "percentage":
            numerators = rng.binomial(denominators.astype(int), rng.uniform(0.05, 0.6)).astype(float)
        elif indicator.unit == "rate":
            numerators = rng.poisson(denominators * 0.02).astype(float)
        else:
            numerators = np.full(shape, np.nan)
        values = np.where(np.isnan(numerators), rng.uniform(30, 60, size=shape).round(1), np.nan)
        frame = pd.DataFrame(
            {
                "indicator_id": indicator.id,
                "area": np.repeat(ward_ids, len(MONTHS)),
                "period": np.tile(MONTHS, len(ward_ids)),
                "numerator": numerators.ravel(),
                "denominator": denominators.ravel(),
                "value": values.ravel(),
            }
        )
        totals = frame.groupby("period", sort=False)[["numerator", "denominator"]].sum(min_count=1).reset_index()
        totals["indicator_id"], totals["area"] = indicator.id, "dorset"
        if indicator.unit == "score":
            totals["value"] = 45.0
        frames += [frame, totals]
    extract = pd.concat(frames, ignore_index=True)
    extract["data_status"] = "illustrative"
    extract["source"] = "Synthetic scale-test data"
    extract = extract.reindex(columns=list(ALL_COLUMNS))
    for column in ("numerator", "denominator"):
        extract[column] = extract[column].astype("Int64")
    extract.to_csv(path, index=False)
    return len(extract)


def make(folder: Path) -> tuple[Path, Path, Path, int]:
    """(catalogue folder, areas file, extracts folder, rows) for the 100x dataset."""
    catalogue, areas, extracts = folder / "catalogue", folder / "areas.toml", folder / "extracts"
    extracts.mkdir(parents=True, exist_ok=True)
    write_catalogue(catalogue)
    ward_ids = write_areas(areas)
    rows = write_extract(extracts / "synthetic.csv", ward_ids, catalogue)
    return catalogue, areas, extracts, rows
