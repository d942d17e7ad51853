"""What moving a ward we placed by assumption would change, in the published school results.

For each ward in ward_localities.csv with a `could_be` (Chickerell: Dorchester by our rule,
but it borders Weymouth and holds Budmouth Academy), each school series whose figures are
published school by school (so nothing here is not already public) is added up twice: as
the file places the ward, and with the ward moved. Only the areas whose figure changes are
kept. The About page shows the result beside the ward lists.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from indicators.catalogue import Catalogue
from indicators.locality_definition import Effect, moved, read_wards
from indicators.units import Lookups, default_lookups, lookups_with, unit_kind


def _published_school_series(units: pd.DataFrame) -> pd.DataFrame:
    """The latest period of each series given school by school with every figure published."""
    schools = units[units["area"].map(lambda a: unit_kind(a) == "school")]
    published = schools.groupby(["indicator_id", "period"])["data_status"].transform(lambda s: (s == "published").all())
    schools = schools[published]
    latest = schools.groupby("indicator_id")["period"].transform("max")
    return schools[schools["period"] == latest]


def _totals(rows: pd.DataFrame, lookups: Lookups, multipliers: dict[str, float]) -> dict[tuple[str, str, str], float]:
    sums: dict[tuple[str, str, str], list[float]] = {}
    for row in rows.itertuples():
        place = lookups.place(row.area)
        if isinstance(place, str):
            continue
        for area in filter(None, (place.locality, place.sub_area)):
            key = (row.indicator_id, row.period, area)
            total = sums.setdefault(key, [0.0, 0.0])
            total[0] += float(row.numerator)
            total[1] += float(row.denominator)
    return {key: multipliers[key[0]] * n / d for key, (n, d) in sums.items() if d}


def assumption_effects(unit_files: list[Path], catalogue: Catalogue) -> list[Effect]:
    units = pd.concat([pd.read_csv(p, dtype={"period": str}) for p in unit_files], ignore_index=True)
    rows = _published_school_series(units)
    multipliers = {i.id: i.multiplier for i in catalogue.indicators.values()}
    wards = read_wards()
    as_placed = _totals(rows, default_lookups(), multipliers)
    effects = []
    for ward in (w for w in wards if w.assumed):
        other = _totals(rows, lookups_with({w.code: w.place for w in moved(wards, ward)}), multipliers)
        for key in sorted(set(as_placed) | set(other)):
            before, after = as_placed.get(key), other.get(key)
            if before is None or after is None or round(before, 6) == round(after, 6):
                continue
            where = ward.locality + (f"/{ward.sub_area}" if ward.sub_area else "")
            effects.append(Effect(ward.code, ward.name, where, ward.could_be, *key, round(before, 2), round(after, 2)))
    return effects
