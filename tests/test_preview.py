"""ui/preview.py on a fresh server: the first HTML response's title comes without loading pandas.

The warm-up imports pandas (0.5 s) while the first visitor's browser waits for that response; a
preview that needed pandas too waited for it, and the first click with it (0.53-0.60 s, 7 December)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import PROJECT_DIR

FRESH_PREVIEW = """
import json, sys
import streamlit
from ui.preview import view_preview
title, _ = view_preview("/best-education-for-all", "locality=purbeck&indicator=persistent-absence")
print(json.dumps([title, "pandas" in sys.modules]))
"""


def test_a_fresh_servers_link_preview_does_not_wait_for_pandas():
    done = subprocess.run(
        [sys.executable, "-c", FRESH_PREVIEW], cwd=PROJECT_DIR, capture_output=True, text=True, check=True, timeout=120
    )
    title, pandas_loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert title == "Pupils persistently absent from school: Purbeck | Dorset locality outcomes"
    assert not pandas_loaded
