"""The benchmarks are not in the suite, but they must keep importing: a renamed function elsewhere broke
`make benchmark` for a day unseen (benchmarks/scale.py still imported geography.ward_mapping)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"
STREAMLIT_SCRIPTS = {"bare_app", "bare_pages"}  # pages the benchmarks serve with `streamlit run`, not modules


@pytest.mark.parametrize(
    "name", sorted(p.stem for p in BENCHMARKS.glob("*.py") if p.stem not in STREAMLIT_SCRIPTS | {"__init__"})
)
def test_every_benchmark_module_imports(name):
    module = importlib.import_module(f"benchmarks.{name}")
    assert module.__doc__, f"benchmarks/{name}.py says what it measures"
