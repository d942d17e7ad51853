"""Where the real locality figures come from, said as the About page says it: which series, how each
is made, how it reconciles with Dorset's published figures, and which wards make each locality."""

from __future__ import annotations

import pandas as pd

from indicators.areas import Areas
from indicators.catalogue import Catalogue, Indicator, without_made_up_notes
from indicators.formatting import format_value
from indicators.locality_definition import Effect, Ward, schools_in, wards_in

STATUS_WORDS = {"published": "published", "estimated": "estimated", "local": "council's own records"}


def real_series(catalogue: Catalogue, statuses: pd.DataFrame, made_up_shown: bool = True) -> pd.DataFrame:
    """One row per indicator with real locality figures: its periods (with status) and how they are made.

    `statuses`: indicator_id, period, data_status of the real (not illustrative) locality figures."""
    rows = []
    for indicator in catalogue.indicators.values():
        mine = statuses[statuses["indicator_id"] == indicator.id]
        if mine.empty:
            continue
        periods = [
            f"{p} ({STATUS_WORDS.get(s, s)})"
            for p, s in mine[["period", "data_status"]].drop_duplicates().itertuples(index=False)
        ]
        rows.append(
            {
                "Indicator": indicator.title,
                "Real locality figures": "; ".join(periods),
                "How they are made": _method(indicator, made_up_shown),
            }
        )
    return pd.DataFrame(rows, columns=["Indicator", "Real locality figures", "How they are made"])


def _method(indicator: Indicator, made_up_shown: bool) -> str:
    method = indicator.locality_method or indicator.source
    return method if made_up_shown else without_made_up_notes(method)


def reconciliation(checks: list[dict[str, str]], catalogue: Catalogue) -> pd.DataFrame:
    """The reconciliation file (data/reference/reconciliation.csv) in words an analyst signs off."""
    rows = []
    for c in checks:
        indicator = catalogue.indicators.get(c["indicator_id"])
        if indicator is None:
            continue
        published = _number(c["published"])
        published_cohort, year_group = _number(c["published_cohort"]), _number(c["year_group"])
        cohort = f"{float(c['cohort']):,.0f}"
        if published_cohort is not None:
            cohort += f" (published {published_cohort:,.0f})"
        elif year_group is not None:
            cohort += f" ({float(c['cohort']) / year_group:.0%} of the {year_group:,.0f} children of that school year living in Dorset)"
        rows.append(
            {
                "Indicator": indicator.title,
                "Period": c["period"],
                "Schools or areas": f"{c['placed']} of {c['schools_in_file']} placed",
                "Counted": cohort,
                "Dorset from them": format_value(float(c["from_schools"]), indicator),
                "Dorset published": "none to compare" if published is None else format_value(published, indicator),
                "Agrees within": ""
                if published is None
                else f"{float(c['tolerance']):g}" + (" points" if indicator.unit == "percentage" else ""),
                "Signed off": "– (nothing published)"
                if published is None
                else "yes"
                if c["within_tolerance"] == "yes"
                else "NO",
                "Basis and what is left out": "; ".join(filter(None, [c["basis"], c["left_out"]])),
            }
        )
    return pd.DataFrame(rows)


def _number(text: str) -> float | None:
    return float(text) if text not in ("", None) else None


def ward_lists(wards: list[Ward], areas: Areas) -> pd.DataFrame:
    """Each locality and sub-area with its wards; a ward placed by our assumption is marked."""
    rows = []
    for area in [*areas.localities, *areas.of_type("sub-locality")]:
        names = [w.name + (" (our assumption)" if w.assumed else "") for w in wards_in(area.id, wards)]
        rows.append({"Area": area.name, "Wards": ", ".join(names), "Number of wards": len(names)})
    return pd.DataFrame(rows)


def assumption_notes(wards: list[Ward], effects: list[Effect], catalogue: Catalogue, areas: Areas) -> list[str]:
    """For each ward placed by assumption: where it is, which schools would move, and what that changes."""
    notes = []
    for ward in (w for w in wards if w.assumed):
        if ward.could_be == ward.locality + (f"/{ward.sub_area}" if ward.sub_area else ""):
            continue  # placed where it could be: the council has decided, no longer our assumption
        here = _place_name(ward.locality, ward.sub_area, areas)
        locality, _, sub_area = ward.could_be.partition("/")
        could = _place_name(locality, sub_area, areas)
        schools = schools_in(ward.code)
        text = (
            f"**{ward.name}** is in {here}, but could as well be in {could}: {ward.why}. Moving it would move "
            f"{len(schools)} school(s): {', '.join(schools) or 'none'}."
        )
        mine = [
            e
            for e in effects
            if e.ward_code == ward.code
            and e.placed_in == ward.locality + (f"/{ward.sub_area}" if ward.sub_area else "")
        ]
        lines = [
            f"{catalogue.indicators[e.indicator_id].title} ({e.period}), {areas[e.area_id].name}: "
            f"{format_value(e.as_placed, catalogue.indicators[e.indicator_id])} as placed, "
            f"{format_value(e.if_moved, catalogue.indicators[e.indicator_id])} if moved"
            for e in mine
            if e.indicator_id in catalogue.indicators and e.area_id in areas
        ]
        if lines:
            text += " In the published school results that would change:\n" + "\n".join(f"  - {line}" for line in lines)
        notes.append(text)
    return notes


def _place_name(locality: str, sub_area: str, areas: Areas) -> str:
    name = areas[locality].name if locality in areas else locality
    return f"{name} ({areas[sub_area].name})" if sub_area and sub_area in areas else name
