"""Switching the dashboard on for real: the council's own figures in, made-up figures out (issue 21).

The whole road is tested as the data team walks it: a template, a case management system's export of
one row per early help request (postcode and date), validate, load, the readiness page and Chesil's
Local family help page; then with DASHBOARD_ILLUSTRATIVE=hide, pages and the pack with no made-up figure.
"""

from __future__ import annotations

import csv
import random
import re
import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import duckdb
import pytest

from indicators.catalogue import REQUEST_LEVELS
from indicators.cli import main
from indicators.extracts import ALL_COLUMNS, ExtractError, read_and_check
from indicators.periods import period_containing
from indicators.readiness import STATUS_WORDS, counts_by, readiness_cells, still_to_make_real
from indicators.settings import illustrative_mode
from indicators.units import REFERENCE_DIR, Place, default_lookups
from indicators.warehouse import WarehouseReader, build, staleness
from tests.app_support import PAGE_KEYS, all_text, open_page
from tests.conftest import SHIPPED_EXTRACTS, write_extract

EARLY_HELP = "early-help-requests"
# From before the baseline (March 2023) to the last month the demonstration makes up (March 2026).
MONTHS = [f"{y}-{m:02d}" for y in (2023, 2024, 2025, 2026) for m in range(1, 13)][:39]
LAST_MONTH = "2026-03"
SOURCE = "Dorset Council early help case management system (test export)"


def _postcodes() -> list[str]:
    with open(REFERENCE_DIR / "postcode_lsoas.csv", newline="") as handle:
        return [row["postcode"] for row in csv.DictReader(handle)]


def write_requests(path: Path, per_month: int = 400) -> Counter:
    """One row per request, as a case management system exports them; returns requests per (locality, month)."""
    rng, lookups, postcodes = random.Random(21), default_lookups(), _postcodes()
    expected: Counter = Counter()
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["indicator_id", "area", "date", "data_status", "source"])
        for month in MONTHS:
            for _ in range(per_month):
                postcode, day = rng.choice(postcodes), rng.randint(1, 28)
                place = lookups.place(postcode)
                assert isinstance(place, Place)
                expected[(place.locality, month)] += 1
                writer.writerow([EARLY_HELP, postcode, f"{day:02d}/{month[5:]}/{month[:4]}", "local", SOURCE])
    return expected


@pytest.fixture(scope="module")
def road(tmp_path_factory: pytest.TempPathFactory, shipped_warehouse: Path) -> dict[str, object]:
    """The shipped data, then the early help export loaded on top, as the data team would."""
    folder = tmp_path_factory.mktemp("real-use")
    warehouse = folder / "warehouse.duckdb"
    shutil.copy2(shipped_warehouse, warehouse)  # a copy: the session's shipped warehouse must not change
    export = folder / "early_help_requests.csv"
    expected = write_requests(export)
    assert main(["validate", str(export)]) == 0
    assert main(["load", str(export), "--warehouse", str(warehouse)]) == 0
    return {"folder": folder, "warehouse": warehouse, "export": export, "expected": expected}


def test_the_setting_comes_from_the_environment_then_secrets_and_a_mistyped_word_hides(tmp_path, monkeypatch):
    secrets = tmp_path / "secrets.toml"
    monkeypatch.delenv("DASHBOARD_ILLUSTRATIVE", raising=False)
    assert illustrative_mode(secrets) == "show"  # no file: the shipped demonstration
    secrets.write_text('[dashboard]\nillustrative = "hide"\n')
    assert illustrative_mode(secrets) == "hide"
    monkeypatch.setenv("DASHBOARD_ILLUSTRATIVE", "show")
    assert illustrative_mode(secrets) == "show"  # the environment wins
    monkeypatch.setenv("DASHBOARD_ILLUSTRATIVE", "hdie")
    assert illustrative_mode(secrets) == "hide"
    monkeypatch.delenv("DASHBOARD_ILLUSTRATIVE")
    secrets.write_text("[dashboard\nillustrative = show")
    assert illustrative_mode(secrets) == "hide"  # a broken file may have meant hide


def test_a_template_is_the_loaders_format_with_every_row_marked_local(tmp_path):
    out = tmp_path / "template.csv"
    assert main(["template", EARLY_HELP, "--periods", "4", "--out", str(out)]) == 0
    with open(out, newline="") as handle:
        rows = list(csv.DictReader(handle))
        header = rows[0].keys() if rows else []
    assert list(header) == [
        "indicator_id",
        "area",
        "period",
        "period_end",
        "numerator",
        "denominator",
        "value",
        "lower_ci",
        "upper_ci",
        "data_status",
        "source",
        "note",
    ]  # README's order
    assert set(header) == set(ALL_COLUMNS)
    assert {r["data_status"] for r in rows} == {"local"}
    periods = sorted({r["period"] for r in rows})
    assert len(periods) == 4 and date.fromisoformat(rows[-1]["period_end"]) < date.today()
    localities = {default_lookups().place(r["area"]).locality for r in rows}
    assert localities == {"chesil", "dorchester", "east", "north", "purbeck", "west"}  # a sample of every locality


def test_a_filled_template_loads_as_local_figures(tmp_path, catalogue, areas):
    out = tmp_path / "template.csv"
    assert main(["template", "children-in-care-rate", "--level", "locality", "--periods", "2", "--out", str(out)]) == 0
    with open(out, newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row |= {"numerator": "40", "denominator": "10000"}
    write_extract(out, rows)
    loaded = read_and_check([out], catalogue, areas)
    assert len(loaded) == 12 and set(loaded["data_status"]) == {"local"}


def test_every_indicator_has_a_data_request(catalogue):
    for indicator in catalogue.indicators.values():
        assert indicator.request is not None and indicator.request.system, indicator.id
        assert indicator.request.level in REQUEST_LEVELS


def test_records_are_added_up_by_locality_and_month_and_never_stored(road, areas):
    reader = WarehouseReader(road["warehouse"])
    series = reader.series(EARLY_HELP, ["chesil", "portland", "dorset"])
    chesil = series[(series["area_id"] == "chesil") & series["period"].isin(MONTHS)]
    assert set(chesil["data_status"]) == {"local"} and len(chesil) == len(MONTHS)
    for row in chesil.itertuples():
        assert row.value == road["expected"][("chesil", row.period)]
    dorset = series[(series["area_id"] == "dorset") & series["period"].isin(MONTHS)]
    assert dorset["value"].tolist() == [400.0] * len(MONTHS)
    with duckdb.connect(str(road["warehouse"]), read_only=True) as con:
        stored = {r[0] for r in con.execute("SELECT DISTINCT area_id FROM observation").fetchall()}
    assert stored <= set(areas.by_id)  # localities, sub-areas, Dorset: no postcode, no record


@pytest.mark.parametrize("which", ["shown", "hidden"])
def test_the_readiness_counts_are_the_warehouses(road, hidden, catalogue, areas, which):
    warehouse = road["warehouse"] if which == "shown" else hidden
    reader = WarehouseReader(warehouse)
    cells = readiness_cells(reader.latest_statuses(), catalogue, areas, date.today())
    chesil = cells[(cells["area_id"] == "chesil") & (cells["indicator_id"] == EARLY_HELP)].iloc[0]
    assert chesil["status"] == "local" and chesil["Latest period"] == LAST_MONTH
    with duckdb.connect(str(warehouse), read_only=True) as con:
        direct = dict(
            con.execute(
                """SELECT data_status, count(*) FROM (
                 SELECT indicator_id, arg_max(data_status, period_end_date) AS data_status FROM published
                 WHERE area_id = 'chesil' GROUP BY indicator_id) GROUP BY ALL"""
            ).fetchall()
        )
    by_area = counts_by(cells, "Area").set_index("Area").loc["Chesil"]
    for status, words in STATUS_WORDS.items():
        expected = direct.get(status, 0) if status != "none" else len(catalogue.indicators) - sum(direct.values())
        assert by_area[words] == expected, status
    assert by_area.sum() == len(catalogue.indicators)
    requests = still_to_make_real(cells, catalogue, areas)
    assert EARLY_HELP not in set(requests["indicator_id"])  # real in all six localities now
    assert "early-help-assessments" in set(requests["indicator_id"])  # still made up, or none loaded
    if which == "hidden":
        assert (by_area["Illustrative (made up)"], by_area["None loaded"]) == (0, len(catalogue.indicators) - 16)


def test_chesils_local_family_help_page_shows_the_requests_as_local_records(road, monkeypatch):
    monkeypatch.setenv("DASHBOARD_SERVE_ONLY", "1")
    app = open_page(road["warehouse"], "local-family-help", {"locality": "chesil", "indicator": EARLY_HELP})
    text = all_text(app)
    assert not app.exception
    assert re.search(rf"\d+ \(local records\) in {LAST_MONTH}", text)


@pytest.fixture(scope="module")
def hidden(road) -> Path:
    """The same files built with made-up figures switched off."""
    warehouse = Path(road["folder"]) / "hidden.duckdb"
    build([SHIPPED_EXTRACTS], warehouse, illustrative=False)
    build([road["export"]], warehouse, replace=False, illustrative=False)
    return warehouse


def test_with_made_up_figures_hidden_the_warehouse_holds_none(hidden):
    with duckdb.connect(str(hidden), read_only=True) as con:
        statuses = {r[0] for r in con.execute("SELECT DISTINCT data_status FROM observation").fetchall()}
        info = dict(con.execute("SELECT key, value FROM build_info").fetchall())
    assert "illustrative" not in statuses and {"published", "local"} <= statuses
    assert info["illustrative"] == "hide" and info["has_illustrative"] == "False"


def test_changing_the_setting_makes_the_warehouse_stale(hidden, monkeypatch):
    monkeypatch.setenv("DASHBOARD_ILLUSTRATIVE", "show")
    assert any("DASHBOARD_ILLUSTRATIVE=show" in r for r in staleness(hidden, SHIPPED_EXTRACTS))
    monkeypatch.setenv("DASHBOARD_ILLUSTRATIVE", "hide")
    assert not any("DASHBOARD_ILLUSTRATIVE" in r for r in staleness(hidden, SHIPPED_EXTRACTS))


@pytest.mark.parametrize("page_key", PAGE_KEYS)
def test_with_made_up_figures_hidden_no_page_shows_one(hidden, monkeypatch, page_key):
    monkeypatch.setenv("DASHBOARD_ILLUSTRATIVE", "hide")
    monkeypatch.setenv("DASHBOARD_SERVE_ONLY", "1")
    for area in ("chesil", "portland", "dorset"):
        app = open_page(hidden, page_key, {"locality": area})
        text = all_text(app)
        assert not app.exception, page_key
        assert "(illustrative)" not in text and "Do not quote" not in text and "made-up figure" not in text
        if page_key not in ("readiness", "about"):
            assert "illustrative" not in text.lower(), (page_key, area)


def test_hidden_figures_say_where_a_figure_would_have_been(hidden, monkeypatch):
    monkeypatch.setenv("DASHBOARD_ILLUSTRATIVE", "hide")
    monkeypatch.setenv("DASHBOARD_SERVE_ONLY", "1")
    app = open_page(
        hidden, "good-care-provision", {"locality": "chesil", "indicator": "children-in-care-placed-outside-dorset"}
    )
    text = all_text(app)
    assert "No figures for Chesil are loaded yet for this indicator" in text and "Data readiness" in text
    assert "No figures loaded yet" in text  # in the summary table, not a blank row
    board = all_text(open_page(hidden, "board", {}))
    assert "No figures loaded yet" in board


def test_a_warehouse_with_made_up_figures_is_not_served_when_they_are_hidden(road, monkeypatch, tmp_path):
    copy = shutil.copy2(road["warehouse"], tmp_path / "warehouse.duckdb")
    monkeypatch.setenv("DASHBOARD_ILLUSTRATIVE", "hide")
    monkeypatch.setenv("DASHBOARD_SERVE_ONLY", "1")
    app = open_page(Path(copy), "overview", {"locality": "chesil"})
    text = all_text(app)
    assert "cannot be shown" in text and "(illustrative)" not in text


def test_the_pack_made_with_made_up_figures_hidden_has_none(hidden, tmp_path, monkeypatch):
    from pypdf import PdfReader

    monkeypatch.setenv("DASHBOARD_ILLUSTRATIVE", "hide")
    out = tmp_path / "pack.pdf"
    assert main(["pack", "--locality", "chesil", "--warehouse", str(hidden), "--out", str(out)]) == 0
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "illustrative" not in text.lower() and "local records" in text
    assert re.search(r"\d+ indicators have\s+no figures loaded yet", text)


def test_the_pack_refuses_a_warehouse_with_made_up_figures_when_they_are_hidden(road, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DASHBOARD_ILLUSTRATIVE", "hide")
    assert (
        main(["pack", "--locality", "chesil", "--warehouse", str(road["warehouse"]), "--out", str(tmp_path / "p.pdf")])
        == 1
    )
    assert "holds illustrative figures" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        ({"indicator_id": "family-hub-contacts"}, "indicator_id", "can only count"),
        ({"date": "2024-13-01"}, "date", "is not a date"),
        ({"area": "chesil"}, "area", "needs the postcode"),
    ],
    ids=["a-rate", "a-bad-date", "a-locality"],
)
def test_a_record_that_cannot_be_counted_is_refused_naming_row_and_column(
    tmp_path, catalogue, areas, row, column, words
):
    good = {
        "indicator_id": EARLY_HELP,
        "area": "DT4 8SE",
        "date": "2024-05-13",
        "data_status": "local",
        "source": SOURCE,
    }
    path = write_extract(tmp_path / "records.csv", [good, good | row], header=list(good))
    with pytest.raises(ExtractError) as raised:
        read_and_check([path], catalogue, areas)
    problem = raised.value.problems[0]
    assert (problem.row, problem.column) == (3, column) and words in problem.message


def test_a_dated_record_counts_in_the_period_holding_its_date():
    assert period_containing("monthly", date(2024, 5, 13)) == "2024-05"
    assert period_containing("financial-year", date(2024, 3, 31)) == "2023/24"
    assert period_containing("financial-year", date(2024, 4, 1)) == "2024/25"
    assert period_containing("academic-year", date(2024, 8, 31)) == "2023/24"
    assert period_containing("academic-year", date(2024, 9, 1)) == "2024/25"
    assert period_containing("snapshot", date(2024, 9, 1)) is None
