"""The briefing pack: an A4 PDF for one locality to take to a Local Alliance Group meeting.

Cover (area, date made, data status); what is new since a date; one section per plan
priority with its summary table and key charts (drawn by Plotly's own static export,
kaleido, with the system Chromium) and their written summaries; the locality's funded
projects; a short glossary and methods note. Every page's footer says which figures
are illustrative or estimated, in words.

The PDF is written with fpdf2: pure Python (nothing to compile or download), well
kept, with Unicode TrueType fonts and tables that break across pages.
"""

from __future__ import annotations

import os
import time
import warnings
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from indicators.areas import Areas
from indicators.catalogue import Catalogue
from indicators.charts import funded_in_words, funded_periods_for, trend_figure, trend_summary
from indicators.events import Events
from indicators.glossary import glossary
from indicators.project_outcomes import caveats, project_movements
from indicators.projects import projects_table
from indicators.tables import area_summary
from indicators.view import ALL_DORSET, ALL_DORSET_NAME
from indicators.warehouse import WarehouseReader
from indicators.whats_new import whats_new

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("C:/Windows/Fonts")]
CHROMIUM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
CHARTS_PER_PRIORITY = 2
FOOTER = (
    "Figures marked (illustrative) are made up for demonstration and must not be quoted; (estimated) ones rest on a "
    "stated assumption; withheld (small number) protects children's privacy."
)
# With no made-up figure in the warehouse (DASHBOARD_ILLUSTRATIVE=hide, or every figure real), nothing to warn about.
REAL_FOOTER = (
    "(estimated) figures rest on a stated assumption; (local records) ones come from the council's and its partners' "
    "own records; withheld (small number) protects children's privacy."
)


SECTION_ROOM_MM = 80  # a heading, its lead and the first rows of its table


def _new_page_unless_room(pdf: Any, needed_mm: float) -> None:
    if pdf.page_no() == 0 or pdf.will_page_break(needed_mm):
        pdf.add_page()
    else:
        pdf.ln(6)


def _project_outcomes(
    projects: pd.DataFrame, catalogue: Catalogue, areas: Areas, reader: WarehouseReader, para: Any
) -> None:
    """How the figures each agreed project aims at moved, as on the dashboard's projects page."""
    names = {a.id: a.name for a in areas.by_id.values()}
    aimed = projects[(projects["decision"] == "agreed") & projects["indicators"].fillna("").ne("")]
    found = []
    if not aimed.empty:
        para("Did the figures they aim at move? Before and after each funded period, in this locality:", 11)
    for _, project in aimed.iterrows():
        movements = project_movements(project, catalogue, names, lambda i, a: reader.series(i, [a]))
        found += movements
        para(f"{project['provider']}: " + " ".join(m.sentence for m in movements), 8.5)
    if found:
        para(caveats(found), 8.5)


class PackError(RuntimeError):
    """The pack cannot be made here (no font or no browser for the charts); the message says what to install."""


@dataclass(frozen=True)
class PackResult:
    pdf: bytes
    pages: int
    seconds: float


def _font_dir() -> Path:
    for folder in FONT_DIRS:
        if (folder / "DejaVuSans.ttf").exists():
            return folder
    raise PackError("The briefing pack needs the DejaVu Sans font: install Debian's fonts-dejavu-core.")


def _chart_images(figures: list) -> list[bytes]:
    """PNG images of Plotly figures through kaleido and the system Chromium (one browser for them all)."""
    browser = os.environ.get("BROWSER_PATH") or next((p for p in CHROMIUM_PATHS if Path(p).exists()), None)
    if browser is None:
        raise PackError("The briefing pack draws charts with Chromium: install Debian's chromium package.")
    os.environ["BROWSER_PATH"] = browser
    import kaleido

    kaleido.start_sync_server(silence_warnings=True)
    try:
        with warnings.catch_warnings():  # plotly says its options are ignored by the shared server: expected
            warnings.simplefilter("ignore", UserWarning)
            return [f.to_image(format="png", width=900, height=430, scale=2) for f in figures]
    finally:
        kaleido.stop_sync_server(silence_warnings=True)


@dataclass(frozen=True)
class KeyChart:
    priority_id: str
    title: str
    image: bytes
    words: str  # the chart in words, printed under it


def _new_pdf(name: str, footer_text: str, today: date) -> Any:
    """An A4 document with the DejaVu fonts, a footer on every page, and the three blocks the pack is made of."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    class Pack(FPDF):
        def footer(self) -> None:
            self.set_y(-16)
            self.set_font("DejaVu", size=7)
            self.multi_cell(
                0, 3.2, f"{footer_text}  {name} briefing pack, made {today:%d %B %Y}. Page {self.page_no()} of {{nb}}."
            )

        def heading(self, text: str, size: int = 15) -> None:
            self.set_font("DejaVu", "B", size)
            self.multi_cell(0, size * 0.5, text)
            self.ln(2)

        def para(self, text: str, size: float = 9.5) -> None:
            self.set_font("DejaVu", size=size)
            self.multi_cell(0, size * 0.5, text)
            self.ln(1.5)

        def frame(self, frame: pd.DataFrame, widths: tuple[int, ...]) -> None:
            self.set_font("DejaVu", size=7.5)
            with self.table(
                col_widths=widths,
                headings_style=FontFace(emphasis="BOLD", fill_color=(243, 242, 241)),
                line_height=3.6,
                text_align="LEFT",
            ) as grid:
                grid.row([str(c) for c in frame.columns])
                for row in frame.itertuples(index=False):
                    grid.row(["" if pd.isna(v) else str(v) for v in row])
            self.ln(3)

    pdf = Pack(format="A4")
    fonts = _font_dir()
    pdf.add_font("DejaVu", fname=str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", style="B", fname=str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_title(f"Briefing pack: {name}")
    return pdf


def _cover(pdf: Any, name: str, today: date, mine: pd.DataFrame, indicators: int, made_up: bool) -> None:
    pdf.add_page()
    pdf.heading(f"Briefing pack: {name}", 22)
    pdf.para(f"Made on {today:%d %B %Y} from the Dorset locality outcomes dashboard, for the Local Alliance Group.")
    counts = mine["latest_status"].value_counts()
    kinds = (
        ("published", "published"),
        ("estimated", "estimated"),
        ("illustrative", "illustrative"),
        ("local", "from local records"),
    )
    missing = indicators - int(counts.sum())
    pdf.para(
        "Data status of the latest figures for this area: "
        + ", ".join(f"{counts.get(s, 0)} {w}" for s, w in kinds if made_up or s != "illustrative")
        + (f"; {missing} indicators have no figures loaded yet" if missing > 0 else "")
        + (
            ". Illustrative figures are made up for demonstration and are marked (illustrative) wherever they appear; "
            "no verdict compares an illustrative figure with a real one."
            if made_up
            else ". Every figure in this pack is real; no made-up figure is loaded."
        )
    )


def _whats_new(pdf: Any, reader: WarehouseReader, catalogue: Catalogue, area_id: str, since: date) -> None:
    pdf.heading(f"What is new since {since:%d %B %Y}", 13)
    every = reader.new_since(area_id, "1990-01-01")
    new = whats_new(every, reader.verdicts_changed_since(area_id, since.isoformat()), catalogue, since)
    if new.empty:
        pdf.para(f"Nothing new has been published for this area since {since:%d %B %Y}, and no verdict has changed.")
    else:
        pdf.para(
            "Figures published since then (from each source's usual timetable; the council's own records from "
            "the day they were loaded), and verdicts that changed:"
        )
        pdf.frame(new[["Indicator", "What is new", "Published"]], (70, 90, 30))


def _chart_lines(area_id: str, unit: str) -> list[str]:
    """The area, its comparator and England (a count is shown for the area alone: sizes differ too much)."""
    if unit == "count":
        return [area_id]
    return list(dict.fromkeys([area_id, "dorset" if area_id != "dorset" else "england", "england"]))


def _key_charts(
    reader: WarehouseReader,
    catalogue: Catalogue,
    events: Events,
    summary: pd.DataFrame,
    area_id: str,
    projects: pd.DataFrame,
) -> list[KeyChart]:
    """Each priority's first CHARTS_PER_PRIORITY indicators, worse first, as images with their words."""
    figures, words, placements = [], [], []
    for priority in catalogue.priorities:
        rows = summary[summary["Priority"] == priority.title]
        ranked = rows.assign(order=rows["status"].map({"worse": 0, "better": 1}).fillna(2)).sort_values(
            "order", kind="stable"
        )
        for indicator_id in ranked["indicator_id"].head(CHARTS_PER_PRIORITY):
            indicator = catalogue.indicators[indicator_id]
            lines = _chart_lines(area_id, indicator.unit)
            series = reader.series(indicator_id, lines)
            if series.empty:
                continue
            funded = funded_periods_for(projects, indicator_id)
            figures.append(trend_figure(series, indicator, lines, events, funded))
            words.append(
                " ".join(filter(None, [trend_summary(series, indicator, lines, events), funded_in_words(funded)]))
            )
            placements.append((priority.id, indicator.title))
    images = _chart_images(figures)
    return [
        KeyChart(pid, title, image, text) for (pid, title), image, text in zip(placements, images, words, strict=True)
    ]


def _priority_sections(pdf: Any, catalogue: Catalogue, summary: pd.DataFrame, charts: list[KeyChart]) -> None:
    # Sections flow on from one another (a page each left five pages half empty); a section starts a new
    # page only where its heading and the first rows of its table would not fit, and a chart keeps its words.
    for priority in catalogue.priorities:
        _new_page_unless_room(pdf, SECTION_ROOM_MM)
        pdf.heading(priority.title, 16)
        pdf.para(priority.summary)
        rows = summary[summary["Priority"] == priority.title]
        pdf.frame(
            rows[["Indicator", "Since the plan started", "Latest", "Baseline", "Recent trend"]], (52, 30, 36, 36, 36)
        )
        for chart in (c for c in charts if c.priority_id == priority.id):
            if pdf.will_page_break(105):
                pdf.add_page()
            pdf.heading(chart.title, 11)
            pdf.image(chart.image, w=180)
            pdf.para(f"In words: {chart.words}", 8)


def _projects_section(
    pdf: Any, name: str, projects: pd.DataFrame, catalogue: Catalogue, areas: Areas, reader: WarehouseReader
) -> None:
    """Funded projects and how the figures they aim at moved (left out where this LAG has none loaded)."""
    if projects.empty:
        return
    pdf.heading(f"Funded projects: {name}", 16)
    agreed = projects[projects["decision"] == "agreed"]
    pdf.para(
        f"Agreed: £{agreed['amount_gbp'].sum():,.0f} for {len(agreed)} projects; {len(projects) - len(agreed)} "
        "declined. The plan priority and indicators beside each are the dashboard team's judgement, not part of "
        "the minutes."
    )
    shown = projects_table(projects, catalogue)[
        ["Decided", "Organisation", "Purpose", "Amount", "Decision", "Plan priority (our judgement)"]
    ]
    pdf.frame(shown, (20, 34, 62, 18, 22, 34))
    _new_page_unless_room(pdf, 40)  # the lead kept with the first sentences
    _project_outcomes(projects, catalogue, areas, reader, pdf.para)


def _glossary_and_methods(pdf: Any, made_up: bool) -> None:
    pdf.heading("Glossary", 13)
    for term in glossary(made_up):
        pdf.para(f"{term.term}: {term.meaning}", 8.5)
    pdf.heading("Methods in brief", 13)
    pdf.para(
        "Percentages use Wilson 95% limits; rates and counts Byar's method (exact Poisson below 10). Change since the "
        "baseline is tested with Newcombe's method for percentages. Figures for localities compare with Dorset, "
        "Dorset with England. Counts below 5 are withheld, with enough others that none can be worked out. Charts "
        "leave gaps for missing periods and are not joined across declared series breaks (such as the pandemic). "
        "Localities are the dashboard's own approximation from 2025 wards. Full methods: the dashboard's About page.",
        8.5,
    )


def make_pack(
    reader: WarehouseReader,
    catalogue: Catalogue,
    areas: Areas,
    events: Events,
    area_id: str,
    since: date,
    today: date | None = None,
) -> PackResult:
    started = time.perf_counter()
    today = today or date.today()
    name = ALL_DORSET_NAME if area_id == ALL_DORSET else areas[area_id].name
    assessed = reader.assessments()
    summary = area_summary(assessed, catalogue, areas, area_id)
    projects = reader.projects(area_id) if area_id != ALL_DORSET else reader.projects()
    made_up = reader.has_illustrative_data()
    pdf = _new_pdf(name, FOOTER if made_up else REAL_FOOTER, today)
    _cover(pdf, name, today, assessed[assessed["area_id"] == area_id], len(catalogue.indicators), made_up)
    _whats_new(pdf, reader, catalogue, area_id, since)
    _priority_sections(pdf, catalogue, summary, _key_charts(reader, catalogue, events, summary, area_id, projects))
    _new_page_unless_room(pdf, SECTION_ROOM_MM)
    _projects_section(pdf, name, projects, catalogue, areas, reader)
    _glossary_and_methods(pdf, made_up)
    pdf.alias_nb_pages()
    data = bytes(pdf.output())
    return PackResult(data, pdf.page_no(), time.perf_counter() - started)
