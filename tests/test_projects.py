"""Issue 12, item 4: funded projects beside the figures, loaded with the same all-or-nothing checks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from indicators.extracts import ExtractError
from indicators.projects import LINKS_FILE, PROJECTS_DIR, project_files, read_projects
from tests.app_support import all_text, open_page, tables


def projects(folder: Path, catalogue, areas):
    return read_projects(project_files(folder), catalogue, areas, folder / LINKS_FILE)


def test_the_real_dorchester_decisions_load_with_their_declared_links(catalogue, areas):
    frame = projects(PROJECTS_DIR, catalogue, areas)
    assert len(frame) == 10 and frame.loc[frame["decision"] == "agreed", "amount_gbp"].sum() == 67_572
    worker = frame[frame["purpose"].str.startswith("Attendance family worker")].iloc[0]
    assert worker["amount_gbp"] == 20_000 and "persistent-absence" in worker["indicators"]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (("20000,", "twenty thousand,"), "row 2, column 'amount_gbp': 'twenty thousand' is not an amount of pounds"),
        ((",agreed,Agreed after", ",maybe,Agreed after"), "column 'decision': 'maybe' is not a decision"),
        (("dorchester,2023-06-22,DLC", "atlantis,2023-06-22,DLC"), "'atlantis' is not a locality"),
        (("dorchester,2023-06-22,DLC", "dorchester,2023-06-31,DLC"), "'2023-06-31' is not a date"),
    ],
)
def test_a_bad_projects_file_names_file_row_and_column_and_loads_nothing(tmp_path, catalogue, areas, change, words):
    folder = tmp_path / "projects"
    shutil.copytree(PROJECTS_DIR, folder)
    record = next(folder.glob("*.csv"))
    text = record.read_text()
    assert change[0] in text
    record.write_text(text.replace(change[0], change[1], 1))
    with pytest.raises(ExtractError) as caught:
        projects(folder, catalogue, areas)
    assert words in str(caught.value)


def test_a_link_to_an_unknown_indicator_is_refused(tmp_path, catalogue, areas):
    folder = tmp_path / "projects"
    shutil.copytree(PROJECTS_DIR, folder)
    links = folder / LINKS_FILE
    links.write_text(links.read_text().replace('"overall-absence"', '"overal-absence"', 1))
    with pytest.raises(ExtractError, match="unknown indicator 'overal-absence'"):
        projects(folder, catalogue, areas)


@pytest.fixture(scope="module")
def shipped(shipped_warehouse: Path) -> Path:
    return shipped_warehouse


def test_the_projects_page_shows_dorchesters_agreed_total(shipped):
    app = open_page(shipped, "projects", {"locality": "dorchester"})
    assert not app.exception
    assert ("Agreed", "£67,572") in [(m.label, m.value) for m in app.metric]
    decisions = tables(app)[1]
    assert len(decisions) == 10 and "our judgement" in " ".join(decisions.columns)
    assert "Individuals named in the minutes are left out" in all_text(app)


def test_the_persistent_absence_chart_shades_the_attendance_workers_funded_period(shipped):
    from ui.figures import funded_periods  # noqa: F401  (the chart reads the same projects)

    app = open_page(shipped, "best-education-for-all", {"locality": "dorchester", "indicator": "persistent-absence"})
    chart = json.loads(app.get("plotly_chart")[0].proto.spec)  # parsed: '£' may be escaped in the JSON
    assert "LAG-funded: Attendance family worker (£20,000)" in [a.get("text") for a in chart["layout"]["annotations"]]
    assert "September 2023 to August 2024 (assumed" in all_text(app)
    other = open_page(shipped, "best-education-for-all", {"locality": "east", "indicator": "persistent-absence"})
    assert "LAG-funded" not in json.dumps(json.loads(other.get("plotly_chart")[0].proto.spec))
