"""Blocks every page uses: the header and banner, the locality picker, chart blocks, links."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from html import escape
from typing import TypeVar
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from indicators.areas import default_areas
from indicators.catalogue import Indicator, without_made_up_notes
from indicators.context import context_for
from indicators.formatting import slug, status_mark
from indicators.glossary import GLOSSARY_TAB
from indicators.periods import parse_date
from indicators.releases import release_words
from indicators.tables import source_lines
from ui import data
from ui.access import restricted_note, visible_catalogue
from ui.copy_box import COPY_STYLE, copy_box_markup
from ui.figures import ChartParts
from ui.html import TABLE_STYLE
from ui.markup import html, table
from ui.state import ALL_DORSET, View, area_label, current_locality, locality_choices, share_link, write_view

T = TypeVar("T")
# No Plotly toolbar: its seven buttons were seven tab stops per chart for keyboard users, and
# each chart's figures are one click away as a table and a CSV download instead.
PLOTLY_CONFIG = {"displayModeBar": False, "displaylogo": False, "responsive": True}


def illustrative_banner(priority_id: str | None = None, compact: bool = False) -> None:
    """Says exactly what on this page is illustrative (the page's indicators: a priority's, or all).

    `compact`: one line, the rest one click away (the Board, whose first screen must hold its answers)."""
    if not data.serving():
        return
    catalogue = visible_catalogue()
    ids = tuple(catalogue.priority(priority_id).indicator_ids) if priority_id else tuple(catalogue.indicators)
    notice = data.illustrative_notice(data.version(), ids)
    if notice and compact:
        st.warning(
            "**Illustrative figures on this page**: many locality figures are made up for demonstration; each cell "
            "that rests on one says *(illustrative)*. [What this means](about)",
            icon="⚠️",
        )
    elif notice:
        st.warning(notice, icon="⚠️")


def page_header(
    title: str, lead: str, view: View, priority_id: str | None = None, shows_figures: bool = True, compact: bool = False
) -> None:
    """Title, the illustrative-data banner, notices about the link, and the lead paragraph.

    `priority_id`: on a priority page, the banner and the restricted note speak of its indicators only.
    `shows_figures`: False on a page with no indicator figures, which then has no banner about them.
    `compact`: a one-line banner (see illustrative_banner).
    """
    st.title(title)
    if shows_figures:
        illustrative_banner(priority_id, compact)
        restricted_note(priority_id)
    for notice in view.notices:
        st.info(notice, icon="ℹ️")
    _new_area_note(view.locality)
    if lead:
        st.markdown(lead)


def url_choice(
    widget: Callable[..., T],
    label: str,
    options: list[str],
    param: str,
    current: str,
    key: str,
    link_default: str | None = None,
    **kwargs: object,
) -> T:
    """A selectbox or radio whose choice lives in the URL parameter `param`.

    The URL wins when it changes (a shared link, the back button); a change made with
    the control is written to the URL before the page reruns. `link_default`: what a link
    without the parameter would show, where that can differ from `current` (the locality,
    remembered from earlier pages), so the address bar always says what is shown.
    """
    # Always: a widget on a newly opened page starts from its default unless told, even when
    # the same key held the right value on the page before (that is how a locality was lost).
    st.session_state[key] = current

    def remember() -> None:
        write_view(**{param: st.session_state[key]})

    chosen = widget(label, options, key=key, on_change=remember, **kwargs)
    _correct_link(param, str(chosen), link_default)
    return chosen


def _correct_link(param: str, chosen: str, link_default: str | None = None) -> None:
    """Put right a value the link gave wrongly (an old name, an unknown id); leave a missing one out.

    Writing every default into the URL on arrival added a browser history entry per value, so
    the back button led to the same page again instead of the one before. Share links name
    every value themselves (copy_link).
    """
    given = st.query_params.get(param, link_default)
    if given is not None and given != chosen:
        write_view(**{param: chosen})


def url_date(label: str, param: str, default: date, key: str, help: str) -> date:
    """A date input whose value lives in the URL parameter `param` (checked; an unreadable one gives the default)."""
    raw = st.query_params.get(param)
    given = parse_date(str(raw)[:10]) if raw else None
    current = given or default
    st.session_state[key] = current

    def remember() -> None:
        write_view(**{param: st.session_state[key].isoformat()})

    chosen = st.date_input(label, key=key, on_change=remember, help=help, format="DD/MM/YYYY")
    _correct_link(param, chosen.isoformat())
    return chosen


def _new_area_note(area_id: str) -> None:
    """Areas that began after the plan's baseline: say once which figures can show change since it and why."""
    areas = default_areas()
    area = areas.by_id.get(area_id)
    if area is not None and area.valid_from is not None:
        parent = areas[area.parent].name if area.parent else "the wider area"
        st.caption(
            f"{area.name}'s Local Alliance Group began in {area.valid_from:%B %Y}. Figures made from its wards, "
            f"schools or small areas reach back to the plan's baseline and are compared with it; the others begin in "
            f"{area.valid_from:%B %Y} and say 'Not compared: no figure at the baseline'. {parent}'s figures reach back."
        )


def locality_picker(view: View) -> str:
    """The shared locality menu in the sidebar."""
    with st.sidebar:
        return url_choice(
            st.selectbox,
            "Locality",
            locality_choices(),
            "locality",
            view.locality,
            "locality_picker",
            link_default=ALL_DORSET,
            format_func=area_label,
            help="Choose your Local Alliance Group's area, or all of Dorset.",
        )


def context_panel(area_id: str, name: str) -> None:
    """Know your locality: a few real facts, each with its source, date and status."""
    facts = context_for(area_id, data.assignment(data.version())) if data.serving() else []
    if not facts:
        return
    with st.container(border=True):
        st.markdown(f"**Know {name}: real figures**")
        st.markdown(
            "\n".join(f"- **{f.fact}:** {f.value}{status_mark(f.status)}. <small>{f.source}.</small>" for f in facts),
            unsafe_allow_html=True,  # only <small>; every text here comes from our own reference file
        )


def pack_button(locality: str, name: str) -> None:
    """Make the locality's briefing pack (A4 PDF) on request, then offer it for download."""
    key = f"pack-{locality}"
    if st.button(f"Make the briefing pack for {name} (PDF)", icon=":material/picture_as_pdf:", key=f"make-{key}"):
        since = st.query_params.get("since") or (date.today() - timedelta(days=91)).isoformat()
        with st.spinner("Drawing the charts and writing the pack (about ten seconds)..."):
            try:
                st.session_state[key] = data.briefing_pack(data.version(), locality, since)
            except Exception as error:  # PackError says what to install; anything else is logged
                log_failure(error)
                st.session_state.pop(key, None)
                st.error(f"The briefing pack could not be made here: {error}")
    if key in st.session_state:
        st.download_button(
            "Download the briefing pack (PDF)",
            st.session_state[key],
            file_name=f"briefing-pack-{locality}-{date.today():%Y-%m-%d}.pdf",
            mime="application/pdf",
            icon=":material/download:",
            key=f"download-{key}",
        )


def log_failure(error: Exception) -> None:
    import logging

    logging.getLogger("dashboard").exception("Briefing pack failed", exc_info=error)


PRINT_STYLE = """<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stExpander"], [data-testid="stDownloadButton"], [data-testid="stButton"], .modebar-container
    { display: none !important; }
  [data-testid="stAppViewContainer"], [data-testid="stMain"], [data-testid="stMainBlockContainer"], .main
    { overflow: visible !important; height: auto !important; margin: 0 !important; padding: 0 !important; max-width: 100% !important; }
  .stPlotlyChart, [data-testid="stMetric"], [data-testid="stAlert"] { break-inside: avoid; }
  /* The Board's priorities fold on screen; on paper each is printed whole, open or not. */
  [class*="st-key-heat-"] [data-testid="stExpander"] { display: block !important; }
  [class*="st-key-heat-"] details::details-content { content-visibility: visible !important; display: block !important; }
  [class*="st-key-heat-"] summary { display: none !important; }
  h1, h2, h3 { break-after: avoid; }
}
</style>"""


# Keyboard users (WCAG 2.2 focus appearance): a thick two-colour ring on whatever has focus, on any
# background (GOV.UK's yellow and black); and the link icon beside each heading out of the way (display:
# none takes it out of the tab order; the heading keeps its id, so links to #indicator still work).
KEYBOARD_STYLE = """<style>
a:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible, summary:focus-visible,
[role="tab"]:focus-visible, [role="radio"]:focus-visible, [role="combobox"]:focus-visible, [tabindex]:focus-visible {
  outline: 3px solid #0b0c0c !important; outline-offset: 0 !important; box-shadow: 0 0 0 6px #ffdd00 !important;
  transition: none !important;  /* the ring is there at once, not faded in */
}
[data-testid="stHeaderActionElements"] { display: none !important; }
.chart-name { font-weight: 600; margin: 0.5rem 0 0 0; scroll-margin-top: 4.5rem; }
.skip-to-chart { display: inline-block; padding: 0.25rem 0; }
/* Streamlit's 6rem above the title pushed each page's answers down the first screen. */
[data-testid="stMainBlockContainer"] { padding-top: 3rem !important; }
</style>"""


def print_style() -> None:
    """Printing a page from the browser: no sidebar or controls, charts and tables kept whole.

    With the tables' and the copy boxes' own style (ui/copy_box.py), sent once per page run.
    """
    html(PRINT_STYLE + TABLE_STYLE + KEYBOARD_STYLE + COPY_STYLE)


def summary_key() -> None:
    """What the marks in summary tables and sentences mean, said where they appear."""
    made_up = "**(illustrative)**: made up for demonstration, not a real figure. " if data.holds_illustrative() else ""
    st.caption(
        f"{made_up}**(estimated)**: worked out from published figures. **(local records)**: the council's or its "
        "partners' own records. **Withheld (small number)**: left out so no child can be identified."
    )
    glossary_link()


def glossary_link() -> None:
    """A link to the About page's glossary tab, keeping the locality."""
    links("", [("What these words mean", f"./about?{urlencode({'tab': GLOSSARY_TAB, **_locality_query()})}")])


def _locality_query() -> dict[str, str]:
    return {"locality": current_locality()}


def links(lead: str, targets: list[tuple[str, str]]) -> None:
    """Links that open in this tab, like the table links (Streamlit opens markdown links in a new one)."""
    anchors = ", ".join(f'<a href="{escape(href)}">{escape(text)}</a>' for text, href in targets)
    html(f'<p class="page-links">{escape(lead)}{" " if lead else ""}{anchors}</p>')


def copy_link(path: str, summary: Callable[[str], str] | None = None, **values: str | None) -> None:
    """'Share this view' (the link) and, where a page has one figure in focus, 'Copy summary' for an email."""
    link = share_link(path, **values)
    with st.expander("Share this view", icon=":material/link:"):
        st.caption("This link opens exactly this view.")
        html(copy_box_markup(link, label="Link to this view", button="Copy link"))
    if summary is not None:
        with st.expander("Copy summary", icon=":material/mail:"):
            st.caption("A sentence or two for an email, with the link.")
            html(copy_box_markup(summary(link), label="Summary for an email", button="Copy summary"))


def file_name(*parts: str) -> str:
    return slug(*parts) + ".csv"


def chart_name(key: str, title: str) -> None:
    """The chart's name above it: a tab stop, so the keyboard reaches every chart (a Plotly chart with no
    tool bar has none), and the target of a "Skip to the chart" link (`skip_to_chart`)."""
    html(f'<p id="chart-{key}" class="chart-name" tabindex="0">Chart: {escape(title)}</p>')


def skip_to_chart(key: str, title: str) -> None:
    """A link past the tables and controls to a chart named with `chart_name` (the first stop in the page)."""
    html(f'<a class="skip-to-chart" href="#chart-{key}">Skip to the chart: {escape(title)}</a>')


def chart_block(parts: ChartParts, key: str, **chart_options: object) -> object:
    """A chart, its words, and the same figures as a table and a CSV download."""
    chart_name(key, parts.title)
    event = st.plotly_chart(parts.figure, config=PLOTLY_CONFIG, key=f"chart-{key}", **chart_options)
    st.markdown(f"**In words:** {parts.summary}")
    with st.expander("Show the figures as a table"):
        table(parts.table, f"The figures in the chart above: {parts.title}")
    st.download_button(
        "Download these figures (CSV)",
        parts.csv,
        file_name=parts.file_name,
        mime="text/csv",
        key=f"download-{key}",
        icon=":material/download:",
    )
    return event


def indicator_facts(indicator: Indicator, area_name: str, rows: pd.DataFrame) -> None:
    """Definition, where these figures come from, and when: every number's provenance.

    `rows`: the published rows for the area shown. The source line follows their status,
    so a made-up figure is never credited to a real publisher or system.
    """
    latest = rows.sort_values("period_end_date").iloc[-1] if len(rows) else None
    made_up = data.holds_illustrative()
    caveats = indicator.caveats if made_up else without_made_up_notes(indicator.caveats)
    method = indicator.locality_method if made_up else without_made_up_notes(indicator.locality_method)
    latest_period = None if latest is None else str(latest["period"])
    st.markdown(
        f"""
**What it measures.** {indicator.definition}

**Why it matters.** {indicator.why_it_matters}

**Counted:** {indicator.numerator}. **Out of:** {indicator.denominator}.

**Which way is better:** {_polarity_words(indicator)}. **Baseline:** {indicator.baseline_note}
{f"**Target:** {indicator.target_note}" if indicator.target is not None else ""}

{source_lines(indicator, area_name, rows)}
{f"**How the locality figures are made.** {method}" if method else ""}

**When.** {release_words(indicator, latest_period, date.today())}
{f" This dashboard first loaded {area_name}'s latest figure on {latest['first_seen']}." if latest is not None else ""}

{f"**Please note:** {caveats}" if caveats else ""}
"""
    )


def no_figures_note(indicator: Indicator, area_id: str) -> None:
    """Where a figure would be: none is loaded, and where to see what is needed."""
    st.info(
        f"No figures for {area_label(area_id)} are loaded yet for this indicator. "
        f"[Data readiness](data-readiness?locality={area_id}#data-requests) says what is needed "
        f"and where it usually lives ({indicator.request.system if indicator.request else 'not recorded'}).",
        icon=":material/pending:",
    )


def _polarity_words(indicator: Indicator) -> str:
    return {
        "higher-is-better": "higher is better",
        "lower-is-better": "lower is better",
        "no-judgement": "neither higher nor lower is better in itself",
    }[indicator.polarity]


def last_updated() -> str:
    """When the warehouse was last built (the About page; each indicator says when its figures came)."""
    if not data.serving():
        return "not loaded"
    built = data.build_info(data.version()).get("built_at", "")
    return built[:10] if built else "unknown"
