"""Mutation scores of the statistical, disclosure and URL core: `make mutation`.

    python -m benchmarks.mutation [--only stats,view]

For each target, mutmut (https://mutmut.readthedocs.io) changes its modules one operator,
constant or call at a time and runs the tests that guard them; a mutant that no test notices
(survived) is a test still to write. Each target runs in a scratch copy of the project (the
tracked files), so mutmut's `mutants/` folder and its configuration never touch the checkout.
Prints killed / all for each target and whether it reaches AIM.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from benchmarks.harness import PROJECT_DIR

AIM = 0.90


@dataclass(frozen=True)
class Target:
    name: str
    modules: tuple[str, ...]
    tests: tuple[str, ...]


TARGETS = (
    Target(
        "suppression",
        ("indicators/disclosure/counts.py", "indicators/disclosure/secondary.py"),
        (
            "tests/test_suppression.py",
            "tests/test_secondary.py",
            "tests/test_people_counts.py",
            "tests/test_disclosure.py",
            "tests/test_disclosure_layers.py",
        ),
    ),
    Target(
        "assess",
        ("indicators/assess/compare.py", "indicators/assess/trends.py", "indicators/assess/points.py"),
        ("tests/test_assess.py", "tests/test_compare_and_trends.py"),
    ),
    # The interval inversions (wilson_denominator, poisson_count) are tested where they are used: disclosure.
    Target(
        "stats",
        ("indicators/stats.py",),
        ("tests/test_stats.py", "tests/test_stats_edges.py", "tests/test_disclosure.py"),
    ),
    Target("periods", ("indicators/periods.py",), ("tests/test_periods.py", "tests/test_periods_and_numbers.py")),
    Target("view", ("indicators/view.py",), ("tests/test_view.py",)),
)

KILLED = {"killed", "timeout", "segfault", "suspicious"}  # a test failed, or the run did not finish
NOT_RUN = {"skipped", "not checked"}


def _config(target: Target) -> str:
    quoted = ", ".join(f'"{m}"' for m in target.modules)
    tests = ", ".join(f'"{t}"' for t in target.tests)
    return (
        "\n[tool.mutmut]\n"
        'source_paths = ["indicators"]\n'
        f"only_mutate = [{quoted}]\n"
        f"pytest_add_cli_args_test_selection = [{tests}]\n"
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-q"]\n'
        'also_copy = ["data", "ui", "pages", "benchmarks", "dashboard.py", "tests"]\n'
    )


def _scratch_copy(folder: Path, target: Target) -> Path:
    """The tracked files (and the shared reference data beside them, by link), with this target's config."""
    tracked = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    root = folder / "project"
    for name in tracked.splitlines():
        source = PROJECT_DIR / name
        if source.is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    shared = PROJECT_DIR.parent / "shared"
    if shared.exists():  # ../shared/reference-data, from the copy and from mutmut's mutants/ inside it
        for beside in (folder / "shared", root / "shared"):
            if not beside.exists():
                beside.symlink_to(shared)
    pyproject = root / "pyproject.toml"
    text = re.sub(r"\n\[tool\.mutmut\][^\[]*", "\n", pyproject.read_text())
    pyproject.write_text(text + _config(target))
    return root


def score(target: Target) -> tuple[int, int, list[str]]:
    """Killed, counted (run), and the names of the survivors."""
    with tempfile.TemporaryDirectory() as scratch:
        root = _scratch_copy(Path(scratch), target)
        run = subprocess.run([sys.executable, "-m", "mutmut", "run"], cwd=root, capture_output=True, text=True)
        listing = subprocess.run(
            [sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=root, capture_output=True, text=True
        ).stdout
    statuses = dict(re.findall(r"^\s*(\S+): (.+?)\s*$", listing, flags=re.M))
    if not statuses:  # mutmut could not run (its run of the unchanged tests failed, say): say why
        print(f"{target.name}: mutmut made no mutants\n{run.stdout[-1500:]}\n{run.stderr[-1500:]}")
    counted = {name: status for name, status in statuses.items() if status not in NOT_RUN}
    killed = sum(status in KILLED for status in counted.values())
    return killed, len(counted), sorted(name for name, status in counted.items() if status not in KILLED)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated target names (default: all)")
    args = parser.parse_args()
    chosen = [t for t in TARGETS if not args.only or t.name in args.only.split(",")]
    results = []
    for target in chosen:
        killed, counted, survivors = score(target)
        results.append((target, killed, counted))
        print(f"{target.name}: {killed} of {counted} mutants killed", flush=True)
        by_function = Counter(name.rsplit("__mutmut_", 1)[0].split(".x", 1)[-1].lstrip("_ǁ") for name in survivors)
        for function, count in by_function.most_common():
            print(f"   survived in {function}: {count}")
    print(f"\n{'target':<14}{'modules':<70}{'killed':>8}{'score':>8}  aim {AIM:.0%}")
    for target, killed, counted in results:
        share = killed / counted if counted else float("nan")
        print(
            f"{target.name:<14}{', '.join(target.modules):<70}{f'{killed}/{counted}':>8}{share:>8.0%}  "
            f"{'met' if counted and share >= AIM else 'NOT MET'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
