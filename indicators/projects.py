"""Funded projects: what Local Alliance Groups paid for, beside the figures they hope to move.

A projects extract (`data/projects/*.csv`) is the record, as minuted: locality,
decision date, provider organisation (never individuals), purpose, amount (£), funding
stream, decision (agreed or declined), start and end where minuted, reach, the
priority label as minuted and outcome notes. `data/projects/links.toml` is a declared
judgement, kept apart from the record: which plan priority and indicators each
project hopes to move, and the period it was funded for where the minutes give none.
Both are checked like figures: every problem names file, row (or entry) and column,
and a bad file loads nothing.
"""

from __future__ import annotations

import csv
import tomllib
from datetime import date
from pathlib import Path

import pandas as pd

from indicators.areas import Areas
from indicators.catalogue import Catalogue
from indicators.extracts import ExtractError, Problem
from indicators.formatting import FORMULA_START
from indicators.periods import parse_date

PROJECTS_DIR = Path(__file__).resolve().parent.parent / "data" / "projects"
LINKS_FILE = "links.toml"
COLUMNS = (
    "project_id",
    "locality",
    "decided_on",
    "provider",
    "purpose",
    "amount_gbp",
    "funding_stream",
    "decision",
    "decision_note",
    "start",
    "end",
    "reach",
    "priority_as_minuted",
    "outcome_notes",
    "source",
)
REQUIRED = ("project_id", "locality", "decided_on", "provider", "purpose", "amount_gbp", "decision", "source")
DECISIONS = {"agreed", "declined"}
LINK_KEYS = {"project", "priority", "indicators", "funded_from", "funded_to", "period_note", "why"}


def project_files(folder: Path = PROJECTS_DIR) -> list[Path]:
    return sorted(folder.glob("*.csv")) if folder.is_dir() else []


def _check_row(name: str, line: int, row: dict[str, str], areas: Areas, problems: list[Problem]) -> dict[str, object]:
    def problem(column: str, message: str, fix: str) -> None:
        problems.append(Problem(name, line, column, message, fix))

    for column in REQUIRED:
        if not row.get(column, "").strip():
            problem(column, f"the {column.replace('_', ' ')} is empty", "Every project needs it.")
    for column, text in row.items():
        if text and text.startswith(FORMULA_START):
            problem(column, "the text looks like a spreadsheet formula", "Remove the leading character.")
    area = areas.by_id.get(row.get("locality", ""))
    if row.get("locality") and (area is None or not area.is_locality):
        problem("locality", f"'{row['locality']}' is not a locality", "Use a locality id such as 'dorchester'.")
    try:
        amount = float(row.get("amount_gbp", ""))
        if amount < 0:
            raise ValueError
    except ValueError:
        amount = None
        if row.get("amount_gbp"):
            problem(
                "amount_gbp", f"'{row['amount_gbp']}' is not an amount of pounds", "Write it as a plain number: 20000."
            )
    if row.get("decision") and row["decision"] not in DECISIONS:
        problem("decision", f"'{row['decision']}' is not a decision", "Use agreed or declined.")
    dates = {}
    for column in ("decided_on", "start", "end"):
        text = row.get(column, "")
        dates[column] = parse_date(text) if text else None
        if text and dates[column] is None:
            problem(column, f"'{text}' is not a date", "Write dates as 2023-06-22 or 22/06/2023.")
    return {**row, "amount_gbp": amount, **dates}


def read_projects(files: list[Path], catalogue: Catalogue, areas: Areas, links: Path | None = None) -> pd.DataFrame:
    """Every project with its declared links, or raise ExtractError listing every problem."""
    problems: list[Problem] = []
    rows: list[dict[str, object]] = []
    for path in files:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            unknown = [c for c in reader.fieldnames or [] if c not in COLUMNS]
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if unknown or missing:
                problems.append(
                    Problem(
                        path.name,
                        1,
                        None,
                        f"unknown columns {unknown} / missing columns {missing}",
                        f"Use the columns: {', '.join(COLUMNS)}.",
                    )
                )
                continue
            for line, row in enumerate(reader, start=2):
                rows.append(_check_row(path.name, line, row, areas, problems) | {"file": path.name})
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "file"])
    if frame["project_id"].duplicated().any():
        repeated = sorted(set(frame.loc[frame["project_id"].duplicated(), "project_id"]))
        problems.append(
            Problem(
                files[0].name if files else "projects",
                None,
                "project_id",
                f"ids used twice: {repeated}",
                "Give each project its own id.",
            )
        )
    linked = _read_links(links, set(frame["project_id"]), catalogue, problems) if links and links.exists() else {}
    if problems:
        raise ExtractError(problems)
    for column in ("priority", "indicators", "funded_from", "funded_to", "period_note", "why"):
        frame[column] = [linked.get(p, {}).get(column) for p in frame["project_id"]]
    frame["indicators"] = [",".join(i) if i else "" for i in frame["indicators"]]
    return frame


def _read_links(path: Path, projects: set[str], catalogue: Catalogue, problems: list[Problem]) -> dict[str, dict]:
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    linked = {}
    for number, link in enumerate(document.get("link", []), start=1):

        def problem(column: str, message: str, fix: str) -> None:
            problems.append(Problem(path.name, None, column, f"link {number}: {message}", fix))  # noqa: B023

        unknown = set(link) - LINK_KEYS
        if unknown:
            problem(sorted(unknown)[0], f"unknown key(s) {sorted(unknown)}", f"Use: {', '.join(sorted(LINK_KEYS))}.")
        if link.get("project") not in projects:
            problem("project", f"no project '{link.get('project')}'", "Use a project_id from a projects file.")
        if link.get("priority") not in {p.id for p in catalogue.priorities}:
            problem(
                "priority",
                f"'{link.get('priority')}' is not a plan priority",
                "Use a priority id such as 'best-education-for-all'.",
            )
        for indicator in link.get("indicators", []):
            if indicator not in catalogue.indicators:
                problem(
                    "indicators", f"unknown indicator '{indicator}'", "Use ids from python -m indicators catalogue."
                )
        for key in ("funded_from", "funded_to"):
            if key in link and not isinstance(link[key], date):
                problem(key, "must be a TOML date such as 2023-09-01", "Write it without quotes.")
        if ("funded_from" in link) != ("funded_to" in link):
            problem("funded_to", "give both funded_from and funded_to, or neither", "A period needs its two ends.")
        linked[link.get("project")] = link
    return linked


def projects_by_priority(projects: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Agreed funding by plan priority (the priority is a declared judgement, not the minute)."""
    agreed = projects[projects["decision"] == "agreed"]
    titles = {p.id: p.title for p in catalogue.priorities}
    grouped = agreed.groupby(agreed["priority"].map(titles).fillna("Not linked to a priority"), sort=True)
    return pd.DataFrame(
        {
            "Plan priority (our judgement)": list(grouped.groups),
            "Projects agreed": [len(g) for _, g in grouped],
            "Amount agreed": [f"£{g['amount_gbp'].sum():,.0f}" for _, g in grouped],
        }
    )


def projects_table(projects: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Every decision, as minuted, with the declared links beside it (organisations only, never people)."""
    titles = {p.id: p.title for p in catalogue.priorities}

    def period(row: pd.Series) -> str:
        if pd.isna(row["funded_from"]):
            return "not minuted"
        note = f" ({row['period_note']})" if isinstance(row["period_note"], str) and row["period_note"] else ""
        return f"{pd.Timestamp(row['funded_from']):%b %Y} to {pd.Timestamp(row['funded_to']):%b %Y}{note}"

    return pd.DataFrame(
        {
            "Decided": [f"{pd.Timestamp(d):%d %b %Y}" for d in projects["decided_on"]],
            "Organisation": projects["provider"],
            "Purpose": projects["purpose"],
            "Amount": [f"£{a:,.0f}" for a in projects["amount_gbp"]],
            "Decision": [
                d.capitalize() + (f": {n}" if isinstance(n, str) and n else "")
                for d, n in zip(projects["decision"], projects["decision_note"], strict=True)
            ],
            "Reach": projects["reach"].fillna(""),
            "Priority as minuted": projects["priority_as_minuted"].fillna(""),
            "Plan priority (our judgement)": projects["priority"].map(titles).fillna(""),
            "Indicators it aims at (our judgement)": [
                "; ".join(catalogue.indicators[i].title for i in ids.split(",") if i) if isinstance(ids, str) else ""
                for ids in projects["indicators"]
            ],
            "Funded period": [period(r) for _, r in projects.iterrows()],
        }
    )
