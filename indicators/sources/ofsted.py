"""Ofsted by school: inspection outcomes, and what parents say in Parent View.

- Schools good or outstanding: each Dorset school's latest overall effectiveness grade in
  Ofsted's management information as at November 2019 and 31 August 2024 (the last with
  single-word grades): 1 of 1 if good or outstanding. November 2019 is `estimated` (a school
  open then that closed without a successor is missing); August 2024 is `published`. May
  2026's report cards have no overall grade and are not forced into one.
- Parents who say their child feels safe at school (Parent View question 2, strongly agree
  or agree), September 2025: each school's share of the parents who answered, times how
  many answered (`estimated`). A proxy for "children feel safe", in the parents' words and
  at school: only the 38 Dorset schools with enough recent answers are in the file, and the
  parents who answer choose themselves.
"""

from __future__ import annotations

from indicators.sources.common import Check, counted, number, read, row

SNAPSHOTS = {
    "2019-11": (
        "2019-11-30",
        "estimated",
        "Schools open in November 2019 that later closed without a successor are not counted.",
    ),
    "2024-08-31": ("2024-08-31", "published", ""),
}
GOOD = {"Good", "Outstanding"}
GRADED = GOOD | {"Requires improvement", "Inadequate"}
PARENT_VIEW = ("ofsted-parent-view-by-school", "derived_parent_view_by_urn__dorset.csv")


def inspections() -> tuple[list[dict[str, object]], list[Check]]:
    rows, checks = [], []
    for vintage, (period, status, note) in SNAPSHOTS.items():
        schools = read("ofsted-school-inspections", f"ofsted_latest_inspections_mi_asat_{vintage}_by_urn__dorset.csv")
        mine = [
            row(
                "schools-good-or-outstanding",
                f"URN:{s.urn}",
                period,
                int(s.overall_effectiveness in GOOD),
                1,
                status,
                f"Ofsted, state-funded schools inspections and outcomes (management information as at {period}).",
                note,
            )
            for s in schools.itertuples()
            if s.overall_effectiveness in GRADED and counted(s.urn)
        ]
        rows += mine
        checks.append(
            Check(
                "schools-good-or-outstanding",
                period,
                len(mine),
                len(mine),
                len(mine),
                None,
                100 * sum(r["numerator"] for r in mine) / len(mine),
                None,
                0.0,
                "schools with an overall grade; Ofsted's published figure includes nursery schools",
                [],
            )
        )
    return rows, checks


def parent_view() -> tuple[list[dict[str, object]], list[Check]]:
    answers = read(*PARENT_VIEW)
    rows = []
    note = (
        "Parents' view, at school, from the parents who chose to answer Parent View; only schools with enough "
        "recent answers are in Ofsted's file."
    )
    for school in answers.itertuples():
        share, responses = number(school.q2_pos), number(school.responses)
        if share is None or not responses or not counted(school.urn):
            continue
        rows.append(
            row(
                "parents-say-child-safe-at-school",
                f"URN:{school.urn}",
                "2025-09-01",
                round(share / 100 * responses),
                responses,
                "estimated",
                "Ofsted, Parent View management information (September 2025): "
                "question 2, 'My child feels safe at this school', strongly agree or agree.",
                note,
            )
        )
    value = 100 * sum(r["numerator"] for r in rows) / sum(r["denominator"] for r in rows)
    return rows, [
        Check(
            "parents-say-child-safe-at-school",
            "2025-09-01",
            len(rows),
            len(rows),
            sum(r["denominator"] for r in rows),
            None,
            value,
            None,
            0.0,
            f"the {len(rows)} Dorset schools in Ofsted's file (of about 180)",
            [],
        )
    ]


def write() -> tuple[list[dict[str, object]], list[Check]]:
    made = [inspections(), parent_view()]
    return [r for rows, _ in made for r in rows], [c for _, checks in made for c in checks]
