"""One published figure, as the assessments read it, and what can be said of two of them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from indicators.catalogue import Indicator
from indicators.formatting import format_value, is_missing, status_mark

ILLUSTRATIVE, ESTIMATED = "illustrative", "estimated"


@dataclass(frozen=True)
class Point:
    """One published (already withheld) figure."""

    period: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    lower_ci: float | None = None
    upper_ci: float | None = None
    suppressed: bool = False
    midpoint: date | None = None  # the middle of the period: which side of a series break it falls
    status: str = "published"  # published, estimated, local or illustrative

    def shown(self, indicator: Indicator) -> str:
        """The figure in words with its status when it is not published: '418 (illustrative)'."""
        return format_value(self.value, indicator) + status_mark(self.status)

    @property
    def has_value(self) -> bool:
        return not self.suppressed and self.value is not None and not math.isnan(self.value)

    @property
    def has_counts(self) -> bool:
        return self.has_value and known(self.numerator) and (known(self.denominator) or self.denominator is None)

    @property
    def testable(self) -> bool:
        """Counts that are real: an estimate's counts rest on an assumption (a guessed cohort, a weight), so
        no test of chance is made on them, only the direction is said."""
        return self.has_counts and self.status != ESTIMATED


def known(x: float | None) -> bool:
    return not is_missing(x)


def one_made_up(one: Point | None, other: Point | None) -> bool:
    """True when exactly one of two figures is made up (illustrative): no verdict between them means anything."""
    if one is None or other is None:
        return False
    return (one.status == ILLUSTRATIVE) != (other.status == ILLUSTRATIVE)


def either_estimated(one: Point, other: Point) -> bool:
    return ESTIMATED in (one.status, other.status)
