"""Real figures below locality level, from the published files in the shared reference data.

`python -m indicators units` writes each source's unit-level extract (schools, small areas,
MSOAs) into data/extracts/, which the loader adds up to localities and Dorset, and the
reconciliation of every school-based series and year with the published Dorset figure
(data/reference/reconciliation.csv, summarised on the About page), and what moving a ward
placed by assumption would change (data/reference/assumption_effects.csv, see
assumptions.py). One module a source:

- attainment: KS2 and KS4 results and KS4 destinations (real KS4 cohorts where published);
- pupils: absence, free school meals and EHC plans from the school census;
- poverty: children in relative low income by MSOA, on Dorset's published basis;
- places: Census 2021 households and police-recorded crime by LSOA;
- ofsted: inspection outcomes and Parent View.

Every row names its source and licence; only the locality totals reach the warehouse.
"""

from __future__ import annotations

from pathlib import Path

from indicators.catalogue import default_catalogue
from indicators.locality_definition import EFFECTS_FILE, write_effects
from indicators.sources import attainment, ofsted, places, poverty, pupils
from indicators.sources.assumptions import assumption_effects
from indicators.sources.common import (
    EXTRACTS_DIR,
    RECONCILIATION_FILE,
    Check,
    published_dorset,
    write_checks,
    write_rows,
)
from indicators.units import REFERENCE_DIR


def write_all(
    extracts: Path = EXTRACTS_DIR, out: Path | None = None, reference: Path = REFERENCE_DIR
) -> tuple[list[tuple[Path, int]], list[Check]]:
    """Write every unit-level extract into `out` (by default the extracts folder, whose published Dorset figures
    the checks compare with), the reconciliation and the assumption effects into `reference`."""
    out = out or extracts
    published = published_dorset(extracts)
    made = {
        "units_dfe_attainment.csv": attainment.write(published),
        "units_dfe_pupils.csv": pupils.write(published),
        "units_dwp_cilif_msoa.csv": poverty.low_income(published),
        "units_census_households.csv": places.households(),
        "units_iod_crime.csv": places.crime(),
        "units_ofsted_schools.csv": ofsted.inspections(),
        "units_ofsted_parent_view.csv": ofsted.parent_view(),
    }
    written, checks = [], []
    for name, (rows, found) in made.items():
        write_rows(out / name, rows)
        written.append((out / name, len(rows)))
        checks += found
    write_checks(checks, reference / RECONCILIATION_FILE.name)
    write_effects(assumption_effects([path for path, _ in written], default_catalogue()), reference / EFFECTS_FILE.name)
    return written, checks
