"""Command line for the data team: `python -m indicators load|check|validate|catalogue|...`.

Exit codes: 0 done, 1 the input is invalid (every problem is listed), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from indicators.areas import default_areas
from indicators.catalogue import REQUEST_LEVELS, CatalogueError, default_catalogue
from indicators.extracts import ALL_COLUMNS, ExtractError, read_and_check
from indicators.importers import IMPORTERS
from indicators.warehouse import DEFAULT_EXTRACTS_DIR, build, damage, extract_files, health, warehouse_path


def _print_problems(error: ExtractError) -> None:
    print(f"Nothing was loaded: {len(error.problems)} problem(s) found.", file=sys.stderr)
    for problem in error.problems:
        print(f"  - {problem}", file=sys.stderr)


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def cmd_load(args: argparse.Namespace) -> int:
    """A folder is the new state (rows of files no longer in it go); files add or replace rows."""
    paths = args.paths or [DEFAULT_EXTRACTS_DIR]
    folders = [p for p in paths if p.is_dir()]
    if folders and len(paths) > 1:
        print(
            "Give one folder (it becomes the whole warehouse) or extract files (added to it), not both.",
            file=sys.stderr,
        )
        return 2
    summary = build(
        paths,
        warehouse_path(args.warehouse),
        replace=bool(folders) or args.replace,
        progress=_progress,
        allow_unplaced=args.allow_unplaced,
    )
    print(summary)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """For monitoring: exit 0 when the warehouse is sound and current, 1 otherwise.

    `--sound-only`: only whether every table reads in full (for a file about to be published)."""
    warehouse = warehouse_path(args.warehouse)
    if args.sound_only:
        broken = damage(warehouse)
        print(f"{warehouse}: {'sound' if broken is None else 'damaged'}")
        if broken:
            print(f"  - {broken}")
        return 0 if broken is None else 1
    state, reasons = health(warehouse, args.extracts)
    print(f"{warehouse}: {state}")
    for reason in reasons:
        print(f"  - {reason}")
    return 0 if state == "ok" else 1


def cmd_serving_copy(args: argparse.Namespace) -> int:
    """Write the copy replicas serve: only what pages read (no figures before withholding)."""
    from indicators.warehouse.serving import write_serving_copy

    source = warehouse_path(args.warehouse)
    if damage(source) is not None:
        print(f"{source} is damaged or missing: {damage(source)}. Nothing was written.", file=sys.stderr)
        return 1
    rows = write_serving_copy(source, args.out)
    print(f"Wrote {args.out}: {rows:,} published rows, without the figures before withholding.")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    files = extract_files(args.paths)
    rows = read_and_check(files, default_catalogue(), default_areas(), allow_unplaced=args.allow_unplaced)
    print(f"{len(files)} file(s), {len(rows):,} rows: no problems found.")
    _print_warnings(rows.attrs.get("warnings", []))
    return 0


def _print_warnings(warnings: list) -> None:
    if warnings:
        print(f"{len(warnings)} warning(s): the figures load, but are worth a second look:")
        for warning in warnings:
            print(f"  - {warning}")


def cmd_aggregate(args: argparse.Namespace) -> int:
    """Write the locality extract a unit-level file would give, and say what went where."""
    from indicators.sources.common import dorset_from_units, published_dorset, reconciliation_table

    catalogue = default_catalogue()
    rows = read_and_check([args.path], catalogue, default_areas(), allow_unplaced=True)
    placement = rows.attrs["placement"]
    out = args.out or args.path.with_name(f"{args.path.stem}__localities.csv")
    rows.assign(area=rows["area_id"])[list(ALL_COLUMNS)].to_csv(out, index=False, lineterminator="\n")
    print(placement)
    print(f"Wrote {len(rows):,} locality, sub-area and Dorset rows to {out}.")
    checks = dorset_from_units(
        rows,
        {i.id: i.multiplier for i in catalogue.indicators.values()},
        placement.units_behind,
        published_dorset(DEFAULT_EXTRACTS_DIR),
    )
    if checks:
        print("\nDorset made from these units, against Dorset's published figure where the extracts hold one:")
        print(reconciliation_table(checks))
    return 1 if placement.unplaced else 0


def cmd_import(args: argparse.Namespace) -> int:
    if not args.path.is_file():
        print(f"{args.path}: file not found", file=sys.stderr)
        return 1
    options = {"dictionary_file": args.dictionary} if args.source == "lait" and args.dictionary else {}
    try:
        rows = IMPORTERS[args.source](args.path, **options)
    except (ValueError, KeyError) as error:
        print(f"{args.path.name}: cannot import as {args.source}: {error}", file=sys.stderr)
        return 1
    out = args.out or DEFAULT_EXTRACTS_DIR / f"published_{args.source}_{args.path.stem.split('__')[0]}.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.with_name(f".{out.name}")  # hidden, so a load never picks it up
    try:
        rows.to_csv(staging, index=False, lineterminator="\n")
        read_and_check(
            [staging], default_catalogue(), default_areas()
        )  # never write an extract the loader would refuse
        staging.replace(out)
    finally:
        staging.unlink(missing_ok=True)
    print(f"Wrote {len(rows):,} rows for {rows['indicator_id'].nunique()} indicators to {out}.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from indicators import demo_data

    out = args.out or demo_data.OUTPUT
    frame = demo_data.generate()
    demo_data.write(frame, out)
    read_and_check([out], default_catalogue(), default_areas())
    print(f"Wrote {len(frame):,} illustrative rows for {frame['indicator_id'].nunique()} indicators to {out}.")
    return 0


def cmd_geography(_args: argparse.Namespace) -> int:
    from indicators import geography

    geography.write_reference_files()
    print(
        f"Wrote the lookups, ward boundaries and context units to {geography.OUTPUT_DIR}; the locality "
        f"assignment itself is {geography.WARD_LOCALITIES}, which this leaves as it is."
    )
    return 0


def cmd_units(_args: argparse.Namespace) -> int:
    from indicators import sources
    from indicators.sources.common import RECONCILIATION_FILE, reconciliation_table

    written, checks = sources.write_all()
    for path, rows in written:
        read_and_check([path], default_catalogue(), default_areas())  # never ship a file the loader refuses
        print(f"Wrote {rows:,} unit rows to {path}.")
    print(reconciliation_table(checks))
    print(f"Written to {RECONCILIATION_FILE}; the About page summarises it.")
    return 0 if all(c.within_tolerance for c in checks) else 1


def cmd_pack(args: argparse.Namespace) -> int:
    """Write the briefing pack for one locality."""
    from datetime import date, timedelta

    from indicators.events import default_events
    from indicators.pack import PackError, make_pack
    from indicators.periods import parse_date
    from indicators.settings import illustrative_shown
    from indicators.view import ALL_DORSET
    from indicators.warehouse import WarehouseReader, staleness

    areas = default_areas()
    if args.locality not in areas or not (args.locality == ALL_DORSET or areas[args.locality].is_locality):
        choices = ", ".join(a.id for a in areas.of_type("locality"))
        print(f"'{args.locality}' is not a locality (try {choices} or {ALL_DORSET}).", file=sys.stderr)
        return 2
    since = parse_date(args.since) if args.since else date.today() - timedelta(days=91)
    if since is None:
        print(f"'{args.since}' is not a date: write it as 2026-09-01.", file=sys.stderr)
        return 2
    warehouse = warehouse_path(args.warehouse)
    broken = damage(warehouse)
    if broken is not None:
        print(
            f"{warehouse} cannot be read: {broken}. Load the extracts first (python -m indicators load).",
            file=sys.stderr,
        )
        return 1
    reader = WarehouseReader(warehouse)
    if not illustrative_shown() and reader.has_illustrative_data():
        print(
            f"{warehouse} holds illustrative figures and DASHBOARD_ILLUSTRATIVE=hide: load it again with the "
            "setting in force (python -m indicators load), then make the pack.",
            file=sys.stderr,
        )
        return 1
    stale = staleness(warehouse)
    if stale and stale != ["the warehouse cannot be read"]:
        # A pack reads the warehouse it is given and never rebuilds it: say so, and go on.
        print(f"Note: {warehouse} is not current ({stale[0]}); the pack shows what it holds.", file=sys.stderr)
    try:
        # Packs are taken to meetings: restricted indicators only when asked for.
        catalogue = default_catalogue() if args.include_restricted else default_catalogue().without_restricted()
        result = make_pack(reader, catalogue, areas, default_events(), args.locality, since)
    except PackError as error:
        print(error, file=sys.stderr)
        return 1
    out = args.out or Path(f"briefing-pack-{args.locality}-{date.today():%Y-%m-%d}.pdf")
    out.write_bytes(result.pdf)
    print(f"Wrote {out}: {result.pages} pages in {result.seconds:.1f}s.")
    return 0


def cmd_catalogue(_args: argparse.Namespace) -> int:
    catalogue = default_catalogue()
    for priority in catalogue.priorities:
        print(f"{priority.title} ({len(priority.indicator_ids)} indicators)")
        for indicator in catalogue.indicators_for(priority.id):
            kind = "published series" if indicator.published_series else "illustrative only"
            print(f"  {indicator.id:<48} {indicator.unit_label:<16} {kind}")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    """Write a ready-to-fill extract for one indicator, and print its data request."""
    from datetime import date

    from indicators.templates import recent_periods, request_text, write_template
    from indicators.units import default_lookups

    catalogue = default_catalogue()
    indicator = catalogue.indicators.get(args.indicator_id)
    if indicator is None:
        print(
            f"'{args.indicator_id}' is not an indicator (python -m indicators catalogue lists them).", file=sys.stderr
        )
        return 2
    level = args.level or (indicator.request.level if indicator.request else "locality")
    periods = recent_periods(indicator, args.periods, date.today())
    rows = write_template(indicator, level, periods, default_areas(), default_lookups(), args.out)
    print(request_text(indicator, level))
    print(
        f"Wrote {rows:,} rows to {args.out} ({', '.join(periods)}). Fill them in, then: python -m indicators load {args.out}"
    )
    return 0


WAREHOUSE_HELP = "the DuckDB warehouse (default: DASHBOARD_WAREHOUSE, else data/warehouse.duckdb)"


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m indicators", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)
    _add_warehouse_commands(commands)
    _add_data_commands(commands)
    return top


def _add_warehouse_commands(commands: Any) -> None:
    """load, aggregate, check, serving-copy and validate: the warehouse and what goes into it."""
    load = commands.add_parser("load", help="check extracts and build the warehouse (all or nothing)")
    load.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help=f"one folder, which becomes the whole warehouse (default: {DEFAULT_EXTRACTS_DIR}), "
        "or extract files, whose rows are added (replacing rows for the same indicator, area and period)",
    )
    load.add_argument("--warehouse", type=Path, help=WAREHOUSE_HELP)
    load.add_argument(
        "--replace", action="store_true", help="build from these files alone instead of adding them to what is loaded"
    )
    load.add_argument(
        "--allow-unplaced",
        action="store_true",
        help="leave out unit rows (schools, postcodes...) that cannot be placed in a locality, and report them",
    )
    load.set_defaults(run=cmd_load)

    aggregate = commands.add_parser(
        "aggregate", help="add up a school/ward/LSOA/MSOA/postcode file to localities, without loading it"
    )
    aggregate.add_argument("path", type=Path, help="the unit-level extract")
    aggregate.add_argument("--out", type=Path, help="default: <file>__localities.csv beside it")
    aggregate.set_defaults(run=cmd_aggregate)

    check = commands.add_parser(
        "check", help="is the warehouse sound and current? exit 1 when stale, damaged, missing or unbuildable"
    )
    check.add_argument("--warehouse", type=Path, help=WAREHOUSE_HELP)
    check.add_argument("--extracts", type=Path, default=DEFAULT_EXTRACTS_DIR, help="default: %(default)s")
    check.add_argument(
        "--sound-only", action="store_true", help="only whether every table reads in full (before publishing a file)"
    )
    check.set_defaults(run=cmd_check)

    serving = commands.add_parser("serving-copy", help="write the copy replicas serve: only what pages read")
    serving.add_argument("--warehouse", type=Path, help=WAREHOUSE_HELP)
    serving.add_argument("--out", type=Path, required=True, help="the serving copy to write")
    serving.set_defaults(run=cmd_serving_copy)

    validate = commands.add_parser("validate", help="check extracts without loading them")
    validate.add_argument("paths", nargs="+", type=Path)
    validate.add_argument("--allow-unplaced", action="store_true", help="as for load")
    validate.set_defaults(run=cmd_validate)


def _add_data_commands(commands: Any) -> None:
    """import, demo, geography, units, pack, template and catalogue: the files made from or for the data."""
    importer = commands.add_parser("import", help="turn a published file (LAIT, EES, ELS) into an extract")
    importer.add_argument("source", choices=sorted(IMPORTERS), help="the publisher's format")
    importer.add_argument("path", type=Path, help="the downloaded file")
    importer.add_argument("--dictionary", type=Path, help="LAIT only: the data dictionary (default: beside the file)")
    importer.add_argument(
        "--out", type=Path, help="extract to write (default: data/extracts/published_<source>_<file>.csv)"
    )
    importer.set_defaults(run=cmd_import)

    demo = commands.add_parser(
        "demo", help="regenerate the illustrative locality extract (needs ../shared/reference-data)"
    )
    demo.add_argument("--out", type=Path, default=None, help="default: data/extracts/illustrative_localities.csv")
    demo.set_defaults(run=cmd_demo)

    geography = commands.add_parser("geography", help="rewrite the ward-to-locality table and locality boundaries")
    geography.set_defaults(run=cmd_geography)

    units = commands.add_parser(
        "units", help="rewrite the real school- and MSOA-level extracts (needs ../shared/reference-data)"
    )
    units.set_defaults(run=cmd_units)

    pack = commands.add_parser("pack", help="write a locality's briefing pack (A4 PDF) for a LAG meeting")
    pack.add_argument(
        "--locality", required=True, help="a locality's id in indicators/areas.toml (purbeck, weymouth, ...) or dorset"
    )
    pack.add_argument("--since", help="list what is new since this date (default: three months ago)")
    pack.add_argument("--out", type=Path, help="default: briefing-pack-<locality>-<date>.pdf")
    pack.add_argument("--warehouse", type=Path, help=WAREHOUSE_HELP + "; only read, never rebuilt")
    pack.add_argument(
        "--include-restricted", action="store_true", help="include restricted indicators (only for signed-in staff)"
    )
    pack.set_defaults(run=cmd_pack)

    template = commands.add_parser("template", help="write a ready-to-fill extract for one indicator (status local)")
    template.add_argument("indicator_id")
    template.add_argument(
        "--level", choices=sorted(REQUEST_LEVELS), help="the rows to give (default: the catalogue's data request)"
    )
    template.add_argument(
        "--periods", type=int, default=3, help="how many of the latest periods (default: %(default)s)"
    )
    template.add_argument("--out", type=Path, required=True, help="the CSV to write")
    template.set_defaults(run=cmd_template)

    listing = commands.add_parser("catalogue", help="list the indicators by priority")
    listing.set_defaults(run=cmd_catalogue)


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
    except OSError as error:  # a file or folder that cannot be read or written: say which, not a traceback
        where = f" ({error.filename})" if getattr(error, "filename", None) else ""
        print(
            f"{error.strerror or error}{where}. Check the path, its permissions and the free disk space.",
            file=sys.stderr,
        )
        return 1
