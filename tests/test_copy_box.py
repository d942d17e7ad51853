"""The box of text to copy (ui/copy_box.py): its text kept exactly, never read as markup."""

from __future__ import annotations

from html import unescape

from tests.app_support import COPY_BOX
from ui.copy_box import copy_box_markup


def test_the_box_holds_the_text_exactly_and_labels_it():
    text = 'Chesil is worse than England (65.0%) <b>&</b> "quoted"\nhttps://example.org/?a=1&b=2'
    markup = copy_box_markup(text, label="Summary for an email", button="Copy summary")
    [(label, held)] = COPY_BOX.findall(markup)
    assert (unescape(label), unescape(held)) == ("Summary for an email", text)
    assert "<b>" not in markup  # the reader's text is text, not markup
    assert '<button type="button" data-copy-box>Copy summary</button>' in markup
    assert 'role="status"' in markup  # a screen reader hears "Copied." or how to copy by hand (polite, as a status)


def test_the_box_is_as_tall_as_its_text_within_limits():
    rows = [
        copy_box_markup(text, "Link", "Copy link").split('rows="')[1].split('"')[0]
        for text in ("x" * 10, "x" * 200, "line\n" * 40)
    ]
    assert rows == ["1", "3", "8"]
