"""Command line for the data team: `python -m indicators load|validate|catalogue`.

Exit codes: 0 done, 1 the input is invalid (every problem is listed), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from indicators.areas import default_areas
from indicators.catalogue import CatalogueError, default_catalogue
from indicators.extracts import ExtractError, read_and_check
from indicators.warehouse import DEFAULT_EXTRACTS_DIR, DEFAULT_WAREHOUSE, build, extract_files


def _print_problems(error: ExtractError) -> None:
    print(f"Nothing was loaded: {len(error.problems)} problem(s) found.", file=sys.stderr)
    for problem in error.problems:
        print(f"  - {problem}", file=sys.stderr)


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def cmd_load(args: argparse.Namespace) -> int:
    paths = args.paths or [DEFAULT_EXTRACTS_DIR]
    summary = build(paths, args.warehouse, replace=not args.paths or args.replace, progress=_progress)
    print(summary)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    files = extract_files(args.paths)
    rows = read_and_check(files, default_catalogue(), default_areas())
    print(f"{len(files)} file(s), {len(rows):,} rows: no problems found.")
    return 0


def cmd_catalogue(_args: argparse.Namespace) -> int:
    catalogue = default_catalogue()
    for priority in catalogue.priorities:
        print(f"{priority.title} ({len(priority.indicator_ids)} indicators)")
        for indicator in catalogue.indicators_for(priority.id):
            kind = "published series" if indicator.published_series else "illustrative only"
            print(f"  {indicator.id:<48} {indicator.unit_label:<16} {kind}")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m indicators", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)

    load = commands.add_parser("load", help="check extracts and build the warehouse (all or nothing)")
    load.add_argument("paths", nargs="*", type=Path, help=f"extract files or folders (default: {DEFAULT_EXTRACTS_DIR})")
    load.add_argument(
        "--warehouse", type=Path, default=DEFAULT_WAREHOUSE, help="DuckDB file to build (default: %(default)s)"
    )
    load.add_argument(
        "--replace", action="store_true", help="build from these files alone instead of adding them to what is loaded"
    )
    load.set_defaults(run=cmd_load)

    validate = commands.add_parser("validate", help="check extracts without loading them")
    validate.add_argument("paths", nargs="+", type=Path)
    validate.set_defaults(run=cmd_validate)

    listing = commands.add_parser("catalogue", help="list the indicators by priority")
    listing.set_defaults(run=cmd_catalogue)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except ExtractError as error:
        _print_problems(error)
        return 1
    except CatalogueError as error:
        print(f"The indicator catalogue is wrong: {error}", file=sys.stderr)
        return 1
