"""Ready-to-fill extracts: `python -m indicators template INDICATOR_ID --level postcode --out FILE.csv`.

A template is an extract in the loader's own format (README's column order) with one row per
area or unit and expected period, `data_status` preset to `local` and the source preset to the
system the catalogue's data request names. The data team fills in the counts, deletes rows it
has nothing for, and loads it with `python -m indicators load FILE.csv`.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

from indicators.areas import Areas
from indicators.catalogue import REQUEST_LEVELS, Indicator
from indicators.periods import FREQUENCIES, period_containing, year_label
from indicators.units import REFERENCE_DIR, Lookups

TEMPLATE_COLUMNS = [
    "indicator_id",
    "area",
    "period",
    "period_end",
    "numerator",
    "denominator",
    "value",
    "lower_ci",
    "upper_ci",
    "data_status",
    "source",
    "note",
]  # fmt: skip  (README's order; the loader accepts any order)
SCHOOLS_FILE = REFERENCE_DIR / "school_lsoas.csv"
SAMPLE_POSTCODES_PER_LOCALITY = 3  # a postcode template shows the shape; the export gives every postcode


def recent_periods(indicator: Indicator, count: int, today: date) -> list[str]:
    """The `count` latest periods of the indicator's frequency that have ended by `today`, oldest first."""
    frequency = indicator.frequency
    if frequency == "snapshot":
        return [today.isoformat()]
    day, periods = today, []
    while len(periods) < count:
        label = _period_holding(frequency, day)
        start, end = FREQUENCIES[frequency].bounds(label)
        if end < today:
            periods.append(label)
        # Pooled years overlap, a year apart; every other period ends the day before the next starts.
        day = (
            date(day.year - 1, day.month, min(day.day, 28))
            if frequency.startswith("three-")
            else start - timedelta(days=1)
        )
    return periods[::-1]


def _period_holding(frequency: str, day: date) -> str:
    plain = period_containing(frequency, day)
    if plain is not None:
        return plain
    if frequency == "three-calendar-years":  # the three years ending with the one holding `day`
        return f"{day.year - 2} to {day.year}"
    last = day.year if day.month >= 4 else day.year - 1
    return f"{year_label(last - 2)} to {year_label(last)}"


def template_units(level: str, areas: Areas, lookups: Lookups) -> list[tuple[str, str]]:
    """(area, what it is) for every row of a template at this level."""
    if level == "locality":
        return [(a.id, a.name) for a in areas.of_type("locality")]
    if level == "ward":
        return sorted((code, f"ward in {place[0]}") for code, place in lookups.ward.items())
    if level == "lsoa":
        return sorted((code, f"small area in {place[0]}") for code, place in lookups.lsoa.items())
    if level == "school":  # open state-funded schools, each once under its current URN
        with open(SCHOOLS_FILE, newline="", encoding="utf-8") as handle:
            schools = sorted(
                r["urn"] for r in csv.DictReader(handle) if r["urn"] == r["current_urn"] and r["state_funded"] == "yes"
            )
        return [
            (f"URN:{urn}", f"school in {lookups.lsoa.get(lookups.school.get(urn, ''), ('?',))[0]}") for urn in schools
        ]
    sample: dict[str, list[str]] = {}
    for postcode, lsoa in sorted(lookups.postcode.items()):
        locality = lookups.lsoa.get(lsoa, (None,))[0]
        if locality and len(sample.setdefault(locality, [])) < SAMPLE_POSTCODES_PER_LOCALITY:
            sample[locality].append(postcode)
    return [
        (p, f"postcode in {loc} (a sample: give every postcode)")
        for loc, codes in sorted(sample.items())
        for p in codes
    ]


def write_template(
    indicator: Indicator, level: str, periods: list[str], areas: Areas, lookups: Lookups, out: Path
) -> int:
    """Write the template; returns its rows."""
    if level not in REQUEST_LEVELS:
        raise ValueError(f"level must be one of {', '.join(REQUEST_LEVELS)}")
    source = indicator.source if indicator.is_illustrative_only or not indicator.request else indicator.request.system
    units = template_units(level, areas, lookups)
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, TEMPLATE_COLUMNS)
        writer.writeheader()
        for period in periods:
            end = FREQUENCIES[indicator.frequency].default_end(period).isoformat()
            for area, _ in units:
                writer.writerow(
                    {
                        "indicator_id": indicator.id,
                        "area": area,
                        "period": period,
                        "period_end": end,
                        "data_status": "local",
                        "source": source,
                    }
                )
    return len(units) * len(periods)


def request_text(indicator: Indicator, level: str) -> str:
    """The data request, in words, for the template's reader."""
    request = indicator.request
    lines = [
        f"{indicator.title} ({indicator.id})",
        f"  Count: {indicator.request_count}.",
        f"  Out of: {indicator.request_population}.",
        f"  Period: {FREQUENCIES[indicator.frequency].description}.",
        f"  Usually held in: {request.system if request else 'not recorded'}.",
        f"  Rows: {REQUEST_LEVELS[level]}.",
        "  Fill in numerator"
        + ("" if indicator.unit == "count" else " and denominator")
        + " (whole numbers, small ones included: the dashboard withholds them itself); delete rows with nothing to give.",
    ]
    return "\n".join(lines)
