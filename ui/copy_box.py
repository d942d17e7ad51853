"""A box of text to copy (a view's link, a summary for an email) with a Copy button.

Not st.code: its copy button came with Streamlit's syntax highlighter, 1.5 MB of JavaScript that a
browser fetched, parsed and ran for every first page, ahead of the chart's own code. Measured on a
fresh server, deep link to first chart drawn in Chromium (benchmarks/benchmark.py's first click, 7
December 2026): 7.8 s with st.code against 7.4 s with this box, the bare one-chart page 5.9 s.

The box is plain HTML: the text can be selected and copied by hand, with or without the script.
The button copies through the browser's clipboard; where the browser refuses (an address that is
not https, a locked-down machine), it selects the text and says to press Ctrl+C. What happened is
said in a status line a screen reader reads out.

The style and the script are the same on every page, so they travel with blocks every page draws
anyway: the style with the page style (ui/layout.py; the same every run, so the browser keeps it and
the server sends a reference), the script with the menu (ui/navigation.py; the one block that runs
scripts). Carried in each box, they made a page view 2 KB larger each time.
"""

from __future__ import annotations

from html import escape

COPY_STYLE = """<style>
.copy-box textarea { width: 100%; box-sizing: border-box; font: inherit; font-size: 0.875rem; line-height: 1.4;
  padding: 0.5rem; border: 1px solid #505a5f; border-radius: 0.25rem; resize: vertical; background: #f3f2f1; color: #0b0c0c; }
.copy-box button { margin-top: 0.25rem; min-height: 2.25rem; padding: 0 0.75rem; font: inherit; font-size: 0.9rem;
  border: 1px solid #0b0c0c; border-radius: 0.25rem; background: #ffffff; color: #0b0c0c; cursor: pointer; }
.copy-box button:hover { background: #f3f2f1; }
.copy-box .copy-status { margin-left: 0.5rem; font-size: 0.875rem; }
</style>"""

# One listener for the whole browser tab, however many boxes are drawn: a click on any Copy button
# copies its own box's text. Kept short: it is sent with the menu on every page run.
COPY_SCRIPT = """<script>
if (!window.dashboardCopyBoxes) {
window.dashboardCopyBoxes = true;
document.addEventListener("click", (event) => {
const button = event.target.closest && event.target.closest("button[data-copy-box]");
if (!button) return;
const box = button.closest(".copy-box"), text = box.querySelector("textarea"), status = box.querySelector("[role=status]");
const byHand = () => { text.focus(); text.select(); status.textContent = "The text is selected: press Ctrl+C (Cmd+C on a Mac) to copy it."; };
if (!navigator.clipboard) return byHand();
navigator.clipboard.writeText(text.value).then(() => { status.textContent = "Copied."; }, byHand);
});
}
</script>"""

CHARACTERS_A_LINE = 90  # about what the box holds a line at the page's width on a laptop


def copy_box_markup(text: str, label: str, button: str) -> str:
    """The box, labelled for screen readers, its button and status line (COPY_STYLE and COPY_SCRIPT are
    sent elsewhere, once). `label`: what the text is ("Link to this view"); `button`: its words ("Copy link")."""
    rows = max(1, min(8, -(-len(text) // CHARACTERS_A_LINE) + text.count("\n")))
    return (
        f'<div class="copy-box">'
        f'<textarea readonly rows="{rows}" aria-label="{escape(label)}">{escape(text)}</textarea>'
        f'<div><button type="button" data-copy-box>{escape(button)}</button>'
        '<span class="copy-status" role="status"></span></div></div>'
    )
