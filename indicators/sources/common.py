"""What every real unit-level series shares: licences, rows, schools as the Department counts them, checks."""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from indicators.geography import REFERENCE_DATA
from indicators.schools import OUTSIDE_DORSET, declared_places, is_state_funded
from indicators.units import REFERENCE_DIR, default_lookups

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
EXTRACTS_DIR = PROJECT_DIR / "data" / "extracts"
RECONCILIATION_FILE = REFERENCE_DIR / "reconciliation.csv"
OGL = "Contains public sector information licensed under the Open Government Licence v3.0."
COLUMNS = ["indicator_id", "area", "period", "numerator", "denominator", "data_status", "source", "note"]


def row(
    indicator_id: str,
    area: str,
    period: str,
    numerator: float,
    denominator: float,
    status: str,
    source: str,
    note: str = "",
) -> dict[str, object]:
    return {
        "indicator_id": indicator_id,
        "area": area,
        "period": period,
        "numerator": numerator,
        "denominator": denominator,
        "data_status": status,
        "source": f"{source} {OGL}".strip(),
        "note": note,
    }


def number(text: object) -> float | None:
    """A published cell as a number: '12.5%' is 12.5; suppressed and not-applicable markers are None."""
    if isinstance(text, str):
        text = text.strip().rstrip("%")
    value = pd.to_numeric(text, errors="coerce")
    return None if pd.isna(value) else float(value)


NO_ENTRIES = "NE"  # a school whose pupils sat none of the exams: none achieved it (not a missing figure)


def result(text: object) -> float | None:
    """An exam result cell: a number, 0 where no pupil was entered (NE), None where suppressed or not applicable."""
    if isinstance(text, str) and text.strip() == NO_ENTRIES:
        return 0.0
    return number(text)


@dataclass
class Check:
    """One series and year reconciled with the published Dorset figure (issue 20): an analyst's sign-off."""

    indicator_id: str
    period: str
    schools_in_file: int  # Dorset Council state-funded schools with a figure in the source
    placed: int  # of those, placed in a locality
    cohort: float  # pupils (or other weight) added up from the schools placed
    published_cohort: float | None  # the published Dorset total of the same, where there is one
    from_schools: float  # Dorset's figure made from the schools placed
    published: float | None  # Dorset's published figure
    tolerance: float  # how far from_schools may be from published, on the indicator's own scale
    basis: str  # what the published figure covers, where it differs
    left_out: list[str] = field(default_factory=list)
    year_group: float | None = None  # where no cohort is published: the children of that school year living in Dorset

    @property
    def within_tolerance(self) -> bool:
        return self.published is None or abs(self.from_schools - self.published) <= self.tolerance

    def as_row(self) -> dict[str, object]:
        values = asdict(self)
        values["left_out"] = "; ".join(self.left_out)
        values["within_tolerance"] = "yes" if self.within_tolerance else "NO"
        return values


@cache
def school_registry() -> pd.DataFrame:
    """Every URN the lookups know, with the school it leads to now and whether that is state-funded."""
    return pd.read_csv(REFERENCE_DIR / "school_lsoas.csv", dtype=str).set_index("urn")


def current_urn(urn: str) -> str:
    """The URN of the school open now that `urn` leads to (itself when it is open, or when it leads nowhere)."""
    registry = school_registry()
    return registry.at[urn, "current_urn"] if urn in registry.index else urn


def in_dorset_council(urn: str) -> bool:
    """A school placed in a Dorset Council locality (not one of Christchurch's, now BCP's)."""
    declared = declared_places(REFERENCE_DIR).get(urn)
    if declared is not None:
        return declared["locality"] != OUTSIDE_DORSET
    return not isinstance(default_lookups().place(f"URN:{urn}"), str)


def counted(urn: str, kind: str = "") -> bool:
    """In the Department's local authority figures: in Dorset Council and state-funded (by the file's own type
    where it gives one, else by the school it leads to now)."""
    if not in_dorset_council(urn):
        return False
    if kind:
        return is_state_funded(kind)
    registry = school_registry()
    return urn not in registry.index or registry.at[urn, "state_funded"] == "yes"


def reference(*parts: str) -> Path:
    return REFERENCE_DATA.joinpath(*parts)


def read(*parts: str) -> pd.DataFrame:
    return pd.read_csv(reference(*parts), dtype=str, keep_default_na=False)


def write_rows(path: Path, rows: list[dict[str, object]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_checks(checks: list[Check], path: Path = RECONCILIATION_FILE) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        rows = [c.as_row() for c in checks]
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def published_dorset(extracts: Path = EXTRACTS_DIR) -> dict[tuple[str, str], float]:
    """(indicator, period) -> Dorset's published value, from the shipped published extracts."""
    values: dict[tuple[str, str], float] = {}
    for path in sorted(extracts.glob("published_*.csv")):
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        dorset = table[table["area"].isin(["dorset", "E06000059", "E10000009"])]
        for indicator_id, period, value in zip(dorset["indicator_id"], dorset["period"], dorset["value"], strict=True):
            if number(value) is not None:
                values[(indicator_id, period)] = number(value)
    return values


SAPE = ("ons-sape-lsoa11-single-year", "ons_sape_mid{year}_lsoa11_single_year_age__dorset_england.csv")
SAPE_YEARS = (2017, 2019, 2020)


def resident_year_group(school_year: int, period: str) -> float:
    """Children of one school year (6 for the end of KS2, 11 for KS4) living in Dorset Council in an academic
    year, from the nearest ONS mid-year estimate: what a cohort of schools in Dorset should come close to
    (less those at independent schools or schools outside Dorset, plus those coming in)."""
    start = int(period[:4])
    mid_year = min(SAPE_YEARS, key=lambda y: abs(y - start))
    age = school_year + 4 - (start - mid_year)  # age at the start of the year is school year + 4
    sape = read(SAPE[0], SAPE[1].format(year=mid_year))
    dorset = sape[sape["lsoa11_code"].str.startswith("E01") & ~sape["lsoa11_name"].str.startswith("England")]
    return float(sum(number(n) or 0 for n in dorset[str(age)]))


def dorset_from_units(
    totals: pd.DataFrame,
    multipliers: dict[str, float],
    units_behind: dict[tuple[str, str, str], int],
    published: dict[tuple[str, str], float],
) -> list[Check]:
    """Dorset's figure made from any unit-level extract, against Dorset's figure in the published extracts
    (`aggregate` prints it): the first thing to look at before loading a council's own school or area file."""
    stated = {(c["indicator_id"], c["period"]): float(c["tolerance"]) for c in read_checks()}
    checks = []
    for r in totals[totals["area_id"] == "dorset"].itertuples():
        if not r.denominator or pd.isna(r.numerator):
            continue
        units = units_behind.get((r.indicator_id, "dorset", r.period), 0)
        value = multipliers.get(r.indicator_id, 1) * r.numerator / r.denominator
        checks.append(
            Check(
                r.indicator_id,
                r.period,
                units,
                units,
                float(r.denominator),
                None,
                value,
                published.get((r.indicator_id, r.period)),
                stated.get((r.indicator_id, r.period), 1.0),
                "Dorset's figure in the published extracts",
            )
        )
    return checks


def reconciliation_table(checks: list[Check]) -> str:
    """Each series and year against the published Dorset figure, as an analyst would check it ('within': the
    stated tolerance, on the indicator's own scale)."""
    lines = [
        f"{'indicator':<34}{'period':<12}{'units':>7}{'placed':>7}{'cohort':>9}{'published':>10}{'year group':>11}"
        f"{'from units':>11}{'published':>10}{'within':>8}  ok"
    ]
    for c in checks:
        published_cohort = "" if c.published_cohort is None else f"{c.published_cohort:,.0f}"
        year_group = "" if c.year_group is None else f"{c.year_group:,.0f}"
        published = "" if c.published is None else f"{c.published:.1f}"
        lines.append(
            f"{c.indicator_id:<34}{c.period:<12}{c.schools_in_file:>7}{c.placed:>7}{c.cohort:>9,.0f}"
            f"{published_cohort:>10}{year_group:>11}{c.from_schools:>11.2f}{published:>10}{c.tolerance:>8.1f}  "
            f"{'yes' if c.within_tolerance else 'NO'}"
        )
    return "\n".join(lines)


def read_checks(path: Path = RECONCILIATION_FILE) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
