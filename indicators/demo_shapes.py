"""The illustrative dataset's declarations, read from indicators/demo_data.toml: how each indicator's
made-up figures are shaped across localities, Dorset's made-up levels where nothing is published, and
the partnership's published early help figures that the made-up monthly series keeps exactly."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

DECLARATIONS = Path(__file__).with_name("demo_data.toml")
SEED = 20230401  # the plan's start; any fixed number keeps the output reproducible
LOCALITIES = ("chesil", "dorchester", "east", "north", "purbeck", "west")


@dataclass(frozen=True)
class Shape:
    """How an indicator's figures are shaped across localities.

    denominator: Dorset's denominator a year (children, pupils, births, ...), used where
    the published figure has none. gradient: how strongly deprivation raises (+) or
    lowers (-) the rate. need_weighted: split the denominator towards deprived places.
    """

    denominator: float = 1.0
    gradient: float = 0.0
    need_weighted: bool = False


_DECLARED = tomllib.loads(DECLARATIONS.read_text(encoding="utf-8"))
SHAPES: dict[str, Shape] = {indicator_id: Shape(**shape) for indicator_id, shape in _DECLARED["shape"].items()}
ILLUSTRATIVE_ONLY: dict[str, tuple[float, float]] = {k: (v[0], v[1]) for k, v in _DECLARED["illustrative_only"].items()}
EARLY_HELP_ANCHORS: dict[str, int] = dict(_DECLARED["early_help_anchors"])
SCHOOL_HOLIDAY_DIP: dict[int, float] = {int(month): share for month, share in _DECLARED["school_holiday_dip"].items()}
FIRST_PERIODS: dict[str, str] = dict(_DECLARED["first_periods"])
