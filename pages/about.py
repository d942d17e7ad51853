"""About and help: user guide, methods and definitions from the catalogue, sources, accessibility."""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st

from indicators import provenance
from indicators.areas import default_areas
from indicators.assess import TREND_WORDS
from indicators.catalogue import POLARITIES, without_made_up_notes
from indicators.events import default_events
from indicators.formatting import SUPPRESSED_NOTE
from indicators.geography import BOUNDARY_ATTRIBUTION
from indicators.glossary import GLOSSARY_TAB, glossary
from indicators.locality_definition import read_effects
from indicators.sources.common import read_checks
from ui import data, views
from ui.access import can_see_restricted, visible_catalogue
from ui.layout import last_updated, page_header
from ui.markup import table
from ui.state import read_view

EVENTS_WORDS = " ".join(
    f"*{e.title}* ({e.date:%B %Y}{', a series break' if e.breaks_series else ''}): {e.description}"
    for e in default_events().events
)

FEEDBACK = os.environ.get(
    "DASHBOARD_FEEDBACK_CONTACT", "the Strategic Alliance data team (contact details to be added before go-live)"
)


def render() -> None:
    view = read_view()
    page_header("About this dashboard and how to use it", "", view)
    # The open tab lives in the link (`tab=`), so "What these words mean" opens on the glossary.
    guide, words, methods, sources, accessibility, feedback = st.tabs(
        [
            "How to use it",
            GLOSSARY_TAB,
            "Methods and definitions",
            "Data sources",
            "Accessibility",
            "Help and feedback",
        ],
        key="tab",
        bind="query-params",
    )
    # Bound to the link, the tabs run lazily: only the open tab's content is made and sent (the
    # methods and sources tabs were two thirds of the page's run, read by few).
    for tab, content in (
        (guide, _guide),
        (words, _glossary),
        (methods, _methods),
        (sources, _sources),
        (accessibility, _accessibility),
        (feedback, _feedback),
    ):
        if tab.open:
            with tab:
                content()


def _feedback() -> None:
    st.markdown(
        f"Questions, problems or ideas: contact {FEEDBACK}. Please say which page you were on and paste the link from **Share this view**."
    )


def _guide() -> None:
    st.markdown(
        f"""
**Before a Local Alliance Group meeting:** choose your locality in the menu on the left. The **Overview** shows every
priority of the plan with each indicator's latest figure, the figure when the plan started (the *baseline*)
and whether it is better, worse or about the same.

**What the symbols mean.** ▲ *Better* and ▼ *Worse* mean the change is bigger than chance alone would explain.
● *About the same* means any change could be chance: localities are small, and a change of a few children is not a
trend. △ *Higher* and ▽ *Lower* are used where neither direction is better in itself, such as the number of children
in care. – *Not compared* means there is no baseline yet, too few figures, or the figures are withheld. Under each
figure's words, *How sure are we?* says whether chance could explain it; the *{GLOSSARY_TAB}* tab explains every term.

**To see the detail,** open a priority page: choose an indicator to see its trend, all localities side by side and
Dorset against similar councils. Every chart has the same figures in words, as a table and as a download.

**To share what you see,** open *Share this view* at the bottom of a page and copy the link into an email: it
opens the same page, locality and indicator.

{_made_up_words()}
"""
    )


def _glossary() -> None:
    terms = glossary(data.holds_illustrative())
    table(
        pd.DataFrame({"Word": [t.term for t in terms], "What it means": [t.meaning for t in terms]}),
        "Words used on this dashboard, in plain English",
    )
    st.markdown(
        "The statistics behind *better*, *about the same* and *direction only* are set out exactly in "
        "*Methods and definitions*."
    )


def _made_up_words() -> str:
    """What this dashboard says about made-up figures: that they are shown and marked, or that it has none."""
    if data.holds_illustrative():
        return (
            "**Illustrative figures.** Locality figures are not published, so until the partnership's own data are "
            "loaded many locality figures are made up (a yellow warning says so on every page, and each is marked "
            "*(illustrative)*). Dorset, regional and national figures are real."
        )
    return (
        "**Every figure here is real**: published, estimated from published figures, or from the council's and its "
        "partners' own records (*local records*). Where an indicator has no figures for an area yet, the page says "
        "so, and *Data readiness* says what is needed."
    )


MADE_UP_METHOD = """**Made-up figures are never compared with real ones.** A verdict between an illustrative figure and a real
one would be made up too: such a cell says *Not compared: made-up figure*, on every page, the Board, the map, downloads
and the briefing pack. Two illustrative figures (the demonstration's own series) are compared, each marked illustrative.
"""


def _methods() -> None:
    st.markdown(
        f"""
**Confidence intervals.** Percentages use the Wilson score interval; rates and counts use Byar's method (exact Poisson
limits below 10), as the Office for Health Improvement and Disparities does in Fingertips.

**Since the plan started.** The latest figure is compared with the baseline using a 95% confidence interval for the
difference (Newcombe's method for percentages, a normal approximation for rates and counts). Figures published without
counts are compared by direction only and marked *direction only* (the methods call this *not tested*).

**The words on the pages and the statistics behind them.** *Better* and *worse* mean significantly better or worse
at 95% confidence; *about the same* means no significant change; *similar* means the comparator's figure lies inside
the area's 95% confidence interval. Each figure's *How sure are we?* note gives the test's outcome in words.

**Estimated figures** are worked out from published ones with a stated assumption (a school's percentage times its
pupils, a modelled rate times residents, a cohort taken from another year). Their counts rest on that assumption, not
only on chance, so they get no confidence interval and are never tested: a change or a comparison involving one gives
its direction only, marked *direction only*.

{MADE_UP_METHOD if data.holds_illustrative() else ""}

**Compared with Dorset or England.** *Similar* when Dorset's (or England's) figure lies inside the area's 95% interval;
otherwise better or worse according to which way is better for that indicator.

**Recent trend.** The chi-squared test for trend over {TREND_WORDS}, as in Fingertips. Only comparable periods
count: those after the latest series break (below), leaving out years that stand apart, such as the pandemic years
for some indicators. The periods used are named beside each trend. A trend is not claimed when the latest figure
moved against it: *No clear trend*.

**Series breaks and events.** {EVENTS_WORDS}

**Small numbers.** {SUPPRESSED_NOTE}. Counts under 5, and percentages where fewer than 5 children are *not* counted, are
withheld, and so are enough other localities that a withheld figure cannot be worked out from the Dorset total.
"""
    )
    catalogue = visible_catalogue()
    made_up = data.holds_illustrative()
    for priority in catalogue.priorities:
        st.subheader(priority.title)
        rows = [
            {
                "Indicator": i.title,
                "Definition": i.definition,
                "Unit": i.unit_label,
                "Which way is better": POLARITIES[i.polarity],
                "Baseline": i.baseline_note,
                "Target": i.target_note or "None set",
                "Source": i.source,
                "Published series": "Yes" if i.published_series else ("No: illustrative only" if made_up else "No"),
                "Notes": i.caveats if made_up else without_made_up_notes(i.caveats),
            }
            for i in catalogue.indicators_for(priority.id)
        ]
        table(pd.DataFrame(rows), f"Indicators under {priority.title}")


MADE_UP_SOURCE = """Most locality figures are **illustrative**: made up by a documented script, split from Dorset's real figures by
each locality's children and deprivation. They must not be quoted as real, and are never compared with real ones.
"""


def _sources() -> None:
    st.markdown(
        f"""
Data last loaded: **{last_updated()}**.

Published figures: Department for Education (Local Authority Interactive Tool; Explore Education Statistics; NCCIS),
Ofsted, Office for National Statistics (Explore Local Statistics, mid-year estimates, Census 2021), Department for Work
and Pensions, Office for Health Improvement and Disparities, Youth Justice Board, Ministry of Housing, Communities and
Local Government (English Indices of Deprivation 2025). Contains public sector information licensed under the Open
Government Licence v3.0.

{BOUNDARY_ATTRIBUTION}

{MADE_UP_SOURCE if data.holds_illustrative() else ""}

**Real locality figures** are added up by the dashboard from schools and small areas (no school's or area's own
figure is ever shown).{" Where one exists, the latest figure a locality sees is real: nothing is made up after it." if data.holds_illustrative() else ""}
"""
    )
    _real_figures()
    _load_problems()
    if not data.serving():
        return
    log = data.load_log(data.version())
    table(
        log[["file", "origin", "rows", "loaded_at"]].rename(
            columns={"file": "File", "origin": "Loaded as", "rows": "Rows", "loaded_at": "Loaded (UTC)"}
        ),
        "Files loaded into the dashboard",
    )


def _real_figures() -> None:
    if not data.serving():
        return
    catalogue = visible_catalogue()
    table(
        data.real_series(data.version(), can_see_restricted()),
        "Indicators with real figures for all six localities, and how each is made",
    )
    st.markdown(
        "**Checked against Dorset's published figures.** Each school-based series and year is added up to Dorset from "
        "the same schools and set beside Dorset's published figure and cohort, as an analyst would before signing it "
        "off (`python -m indicators units` prints this; a test fails if any drifts past its stated tolerance)."
    )
    table(
        provenance.reconciliation(read_checks(), catalogue),
        "Dorset made from its schools and small areas, against the published figures",
    )
    _locality_definition()


def _locality_definition() -> None:
    wards = data.ward_list(data.version())
    areas = default_areas()
    st.markdown(
        "**Which wards make each locality.** No public list of the wards in each children's services locality was "
        "found, so this is our approximation, following the former districts (2011-2019). Every figure added up from "
        "schools, small areas or postcodes, the map and *Know your locality* follow it."
    )
    table(views.ward_table(data.version()), "The 2025 wards in each locality and sub-area")
    for note in provenance.assumption_notes(wards, read_effects(), visible_catalogue(), areas):
        st.markdown(note)
    st.markdown(
        "**To correct it,** edit `data/reference/ward_localities.csv` (one row per ward: its `locality`, its "
        "`sub_area` within Chesil, and why). Everything rebuilds from that one file the next time the dashboard "
        "starts or `python -m indicators load data/extracts` runs: every figure added up from units, the map, the "
        "ward lists and *Know your locality*. A mistake in the file (an unknown locality, a ward listed twice or left "
        "out) is refused with its row and column, and the figures already loaded stay as they are."
    )


def _load_problems() -> None:
    """For the data team: why the newest extracts are not shown, in the loader's own words."""
    status = data.refresh_status()
    if not status.problems:
        return
    serving = (
        "The dashboard is still showing the figures loaded before."
        if status.serving
        else "No figures can be shown until this is fixed."
    )
    st.error(
        f"**The extracts could not be loaded** (checked {status.checked_at} UTC). {serving} Fix these and the "
        "dashboard loads them by itself; `python -m indicators check` shows the same:\n\n"
        + "\n".join(f"- {problem}" for problem in status.problems[:20])
    )


def _accessibility() -> None:
    st.markdown(
        """
**Accessibility statement.** This dashboard is run for Dorset's Strategic Alliance for Children, Young People and
Families. We want as many people as possible to be able to use it: you should be able to change colours and text
size with your browser, zoom to 200% without losing content, reach every control with a keyboard and use it with a
screen reader. The aim is the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA.

**How we test.** Every change is checked automatically in a real browser (headless Chromium):

- the axe-core accessibility checker runs on every page and must find no serious or critical problems (WCAG 2.0,
  2.1 and 2.2, levels A and AA);
- a keyboard-only test tabs through a page and must reach the locality menu, the page links and the downloads;
- pages are drawn at 1280, 768 and 390 pixels wide and at 200% zoom, and must not need sideways scrolling
  (data tables may scroll within themselves);
- the colours are checked: status labels on their colours and all text reach a contrast of 4.5:1, and chart
  lines 3:1 against the background;
- a screen-reader check reads the tables through the browser's accessibility tree and must find each table's
  caption, its column and row headings and its cells.

Tables are HTML tables with a caption and headings (not pictures of tables); on a phone each row becomes a card
whose cells say which column they belong to. Charts have no toolbar, so the keyboard does not stop on its buttons.

Every chart has a written summary ("In words") and a table of the same figures; status is always a word and a
symbol as well as a colour; colours come from a palette chosen to work for colour-blind users; lines also differ by
dash and marker.

**Known limits.** Charts themselves are drawn as pictures: a screen reader gets their written summary and table
instead. The map's click needs a pointer; the links under the map do the same from the keyboard. The Board's wide
table may scroll sideways within itself on a small laptop, with the indicator names kept in view. The page menu is a single list without headings, because Streamlit's
menu headings are not announced correctly to screen readers.

This statement was prepared in November 2026. To report a problem, use *Help and feedback*.
"""
    )
