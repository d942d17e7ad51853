"""What is wrong with an extract, said so that the data team can fix it: file, row, column, how."""

from __future__ import annotations

from dataclasses import dataclass

MAX_PROBLEMS_PER_FILE = 50  # beyond this a list stops helping: fix these and check again


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an extract (or, as a warning, worth a second look)."""

    file: str
    row: int | None
    column: str | None
    message: str
    fix: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}. {self.fix}"


class ExtractError(Exception):
    """An extract cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def fail(file: str, message: str, fix: str, row: int | None = None, column: str | None = None) -> ExtractError:
    return ExtractError([Problem(file, row, column, message, fix)])


def capped(problems: list[Problem], what: str = "problems") -> list[Problem]:
    """At most MAX_PROBLEMS_PER_FILE problems for each file, then one line saying how many more."""
    kept: list[Problem] = []
    per_file: dict[str, int] = {}
    for problem in problems:
        per_file[problem.file] = per_file.get(problem.file, 0) + 1
        if per_file[problem.file] <= MAX_PROBLEMS_PER_FILE:
            kept.append(problem)
    for file, count in per_file.items():
        if count > MAX_PROBLEMS_PER_FILE:
            kept.append(
                Problem(
                    file,
                    None,
                    None,
                    f"{count - MAX_PROBLEMS_PER_FILE:,} more {what} like those above (not listed)",
                    "Fix those listed and check the file again.",
                )
            )
    return kept
