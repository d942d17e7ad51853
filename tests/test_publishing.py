"""Issue 19: replicas serve exactly what they are given; publishing never swaps in a damaged file.

A replica runs with DASHBOARD_SERVE_ONLY=1: it never builds, refreshes or replaces a
warehouse, whatever its extracts folder says. `deploy/publish-warehouse.sh` checks a file
before and after copying it in, names every version uniquely, keeps the last few and rolls
back. Every command reads the warehouse it is given and rewrites none it was only asked to read.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from benchmarks.harness import start_server, stop_server
from indicators.warehouse import build
from indicators.warehouse.serving import SERVED_TABLES, write_serving_copy
from tests.conftest import PROJECT_DIR, TINY_DIR
from tests.test_replicas import run_page

PUBLISH = PROJECT_DIR / "deploy" / "publish-warehouse.sh"
ENV = {**os.environ, "PYTHON": sys.executable}


@pytest.fixture(scope="module")
def serving(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("serving")
    build([TINY_DIR], folder / "full.duckdb")
    write_serving_copy(folder / "full.duckdb", folder / "serving.duckdb")
    return folder / "serving.duckdb"


def publish(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", str(PUBLISH), *map(str, args)], capture_output=True, text=True, env=env or ENV, timeout=120
    )


def listing(folder: Path) -> dict[str, object]:
    """Every file in a folder, with a link's target and a file's size and time: what writing would change."""
    return {
        p.name: (os.readlink(p) if p.is_symlink() else (p.stat().st_size, p.stat().st_mtime_ns))
        for p in sorted(folder.iterdir())
        if not p.name.endswith(".log")
    }


def test_the_serving_copy_holds_only_what_pages_read(serving):
    with duckdb.connect(str(serving), read_only=True) as con:
        tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        published = {
            row[0]
            for row in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'published'").fetchall()
        }
        log_columns = {
            row[0]
            for row in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'load_log'").fetchall()
        }
    assert tables == set(SERVED_TABLES) and "observation" not in tables  # no figures before withholding
    assert "suppression_reason" not in published and "path" not in log_columns


def test_publishing_refuses_a_truncated_file_and_keeps_serving_the_last(tmp_path, serving):
    folder = tmp_path / "replica"
    assert publish(serving, folder).returncode == 0
    before = listing(folder)
    truncated = tmp_path / "truncated.duckdb"
    truncated.write_bytes(serving.read_bytes()[: serving.stat().st_size // 2])
    result = publish(truncated, folder)
    assert result.returncode == 1 and "Refusing to publish" in result.stderr
    assert listing(folder) == before  # still the same version, nothing half-copied left behind


def test_two_publishes_in_one_second_keep_two_versions_and_roll_back(tmp_path, serving):
    folder = tmp_path / "replica"
    first, second = publish(serving, folder), publish(serving, folder)
    assert first.returncode == second.returncode == 0
    versions = publish("--list", folder).stdout.split()
    assert len(versions) == 2 and len(set(versions)) == 2  # unique names, though both came in one second
    assert os.readlink(folder / "current.duckdb") == second.stdout.split()[-1]
    rolled = publish("--rollback", folder)
    assert rolled.returncode == 0 and os.readlink(folder / "current.duckdb") == first.stdout.split()[-1]
    assert publish("--rollback", folder).returncode == 1  # nothing older to go back to


def test_publishing_keeps_only_the_newest_versions(tmp_path, serving):
    folder = tmp_path / "replica"
    for _ in range(4):
        assert publish(serving, folder, env={**ENV, "KEEP": "2"}).returncode == 0
    kept = publish("--list", folder).stdout.split()
    assert len(kept) == 2 and os.readlink(folder / "current.duckdb") == kept[0]


def test_a_replica_that_only_serves_never_builds_refreshes_or_replaces_its_warehouse(tmp_path, serving):
    # Issue 19: with a published link and extracts that differ from what it was built from, the old
    # warm-up rebuilt from the extracts, replaced the link with a plain file and moved the link to .bak.
    folder = tmp_path / "srv"
    assert publish(serving, folder).returncode == 0
    stale_extracts = tmp_path / "extracts"
    shutil.copytree(PROJECT_DIR / "data" / "extracts", stale_extracts)
    before = listing(folder)
    server = start_server(
        folder / "current.duckdb", stale_extracts, tmp_path / "server.log", extra_env={"DASHBOARD_SERVE_ONLY": "1"}
    )
    try:
        time.sleep(2)  # the warm-up runs in the background at start-up
        for page in ("overview", "about", "good-care-provision"):
            assert "Traceback" not in run_page(server.url, page, "chesil")
        # the published one, not the extracts; on the About page's sources tab
        assert "tiny_extract.csv" in run_page(server.url, "about", "dorset&tab=Data+sources")
    finally:
        stop_server(server)
    assert listing(folder) == before


def test_a_replica_with_no_warehouse_says_the_figures_cannot_be_shown_and_builds_none(tmp_path):
    folder = tmp_path / "srv"
    folder.mkdir()
    server = start_server(
        folder / "current.duckdb",
        PROJECT_DIR / "data" / "extracts",
        tmp_path / "server.log",
        extra_env={"DASHBOARD_SERVE_ONLY": "1"},
    )
    try:
        time.sleep(2)
        shown = run_page(server.url, "overview", "chesil")
    finally:
        stop_server(server)
    assert "cannot be shown" in shown
    assert list(folder.iterdir()) == []  # nothing built
    assert "there is no warehouse" in (tmp_path / "server.log").read_text()


def test_the_pack_reads_the_warehouse_it_is_given_and_rewrites_none(tmp_path):
    # Issue 19: `pack --warehouse X` refreshed X from the default extracts (14 rows became 7,689).
    warehouse = tmp_path / "small.duckdb"
    build([TINY_DIR], warehouse)
    before = warehouse.read_bytes()
    env = {**os.environ, "DASHBOARD_WAREHOUSE": str(warehouse)}  # the setting, as a replica or the data team has it
    result = subprocess.run(
        [sys.executable, "-m", "indicators", "pack", "--locality", "chesil", "--out", str(tmp_path / "pack.pdf")],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert warehouse.read_bytes() == before and not (tmp_path / "small.duckdb.bak").exists()
    assert (tmp_path / "pack.pdf").stat().st_size > 10_000


def test_a_load_never_replaces_a_published_link_or_a_serving_copy(tmp_path, serving):
    folder = tmp_path / "srv"
    assert publish(serving, folder).returncode == 0
    for target in (folder / "current.duckdb", serving):
        result = subprocess.run(
            [sys.executable, "-m", "indicators", "load", str(TINY_DIR), "--warehouse", str(target)],
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 1 and (
            "link to a published version" in result.stderr or "serving copy" in result.stderr
        )
    assert (folder / "current.duckdb").is_symlink()
