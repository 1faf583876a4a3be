"""The Energy and water page as Streamlit renders it, on its own, with the filter preset."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import (
    REPO_ROOT,
    TIMEOUT,
    check_a_selection_comes_back_from_the_kept_models,
    check_a_warm_rerun_queries_nothing,
    open_section,
    section_labels,
)

PAGE = str(REPO_ROOT / "dashboard" / "views" / "energy_water.py")
# The page's tabs and the heading over each open part.
SECTIONS = {
    "Map": "Projects on the map",
    "Projects": "Projects and what the sources say",
    "Caspian": "The Caspian Sea",
    "Water": "Water initiatives",
}


def _run(countries: list[str]) -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    app.session_state["country_filter"] = countries
    return app.run()


def _specs(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def _markdown(app: AppTest) -> str:
    return "\n".join(element.value for element in app.markdown)


def _captions(app: AppTest) -> str:
    return "\n".join(element.value for element in app.caption)


def _projects_table(app: AppTest):
    return next(frame.value for frame in app.dataframe if "Project" in frame.value.columns)


def _has_projects_table(app: AppTest) -> bool:
    return any("Project" in frame.value.columns for frame in app.dataframe)


def _headers(app: AppTest) -> list[str]:
    return [h.value for h in app.header]


def _project_markers(map_spec: dict) -> list[dict]:
    return [trace for trace in map_spec["data"] if trace.get("legendgroup") in ("power", "gas")]


def test_page_shows_map_projects_caspian_and_water_for_kazakhstan_and_uzbekistan():
    """Title, four tabs, four charts, five projects, Kambarata-1 listed as unplaced, sources under charts.

    Tab by tab: each shows its part's heading and content, and only that part.
    """
    app = _run(["KAZ", "UZB"])
    assert not app.exception
    assert app.title[0].value == "Energy and water"
    assert section_labels(app) == list(SECTIONS)

    # The map is open first.
    assert _headers(app) == [SECTIONS["Map"]]
    specs = _specs(app)
    assert len(specs) == 1  # the map alone
    assert specs[0]["data"][0]["type"] == "choropleth"
    assert not _project_markers(specs[0])  # Rogun, the only project with a position, is Tajik
    assert not _has_projects_table(app)
    assert "Kambarata\\-1 HPP (Kyrgyzstan, Kazakhstan, Uzbekistan; agreed)" in _markdown(app)
    captions = _captions(app)
    assert "Natural Earth" in captions and "24\\.kg" in captions  # the map's source line (names escaped)

    open_section(app, "Projects")
    assert not app.exception
    assert _headers(app) == [SECTIONS["Projects"]]
    assert _specs(app) == []
    projects = _projects_table(app)
    assert len(projects) == 5
    assert "Rogun HPP" not in projects["Project"].tolist()
    kambarata = projects.set_index("Project").loc["Kambarata-1 HPP"]
    assert (kambarata["Capacity"], kambarata["Cost, USD bn"], kambarata["Source"]) == ("1,860 MW", "4.2", "24.kg")
    assert "Natural Earth" not in _captions(app)

    open_section(app, "Caspian")
    assert not app.exception
    assert _headers(app) == [SECTIONS["Caspian"]]
    specs = _specs(app)
    assert len(specs) == 3  # level, stated falls, stated rates
    assert all(trace["type"] != "choropleth" for spec in specs for trace in spec["data"])
    assert not _has_projects_table(app)
    falls_line = next(c.value for c in app.caption if c.value.startswith("Sources:") and "Report\\.az" in c.value)
    assert "Trend" in falls_line  # both sides of the −96/−24 cm conflict are named under the chart

    open_section(app, "Water")
    assert not app.exception
    assert _headers(app) == [SECTIONS["Water"]]
    assert _specs(app) == []
    assert not _has_projects_table(app)
    assert "The Water and Energy Consortium" in [h.value for h in app.subheader]


def test_kambarata_cost_estimates_stand_side_by_side():
    """>4, 4.2 and 5–6 bn appear as three cards under 'Sources disagree: Project cost'."""
    app = open_section(_run(["KAZ", "UZB"]), "Projects")
    text = _markdown(app)
    assert "**Sources disagree: Project cost**" in text
    assert "**4\\.2 USD bn**" in text and "**4 USD bn**" in text
    assert "between 5\\-6 billion dollars" in text


def test_caspian_falls_show_the_conflicting_statements_as_a_disagreement():
    """−96 cm (Trend) and −24 cm (Report.az) are bars in the disagreement colour and two cards."""
    app = open_section(_run(["KAZ", "UZB"]), "Caspian")
    falls = _specs(app)[1]  # level, stated falls, stated rates
    conflict = next(trace for trace in falls["data"] if trace["name"] == "Statements that disagree")
    pairs = dict(zip(conflict["y"], conflict["x"], strict=True))
    assert pairs["2021-2024 · Trend"] == -96.0
    assert pairs["2021-2025 · Report.az"] == -24.0
    assert "**\\-96 cm \\(2021\\-2024\\)**" in _markdown(app)
    level = _specs(app)[0]
    assert {trace["marker"]["symbol"] for trace in level["data"]} == {"circle", "diamond-open"}
    assert all(value < 0 for trace in level["data"] for value in trace["y"])


def test_water_initiatives_show_the_consortium_and_its_status_with_sources():
    """The consortium proposal, Qazinform's 'not been established yet' and the joint programme appear."""
    app = open_section(_run(["KAZ", "UZB"]), "Water")
    text = _markdown(app)
    assert "has not been established yet" in text
    assert "drip irrigation" in text
    assert "Qazinform, 22 January 2026" in _captions(app)
    subheaders = [h.value for h in app.subheader]
    assert "The Water and Energy Consortium" in subheaders
    assert "The regional summit of April 2026" in subheaders


def test_changing_the_filter_to_tajikistan_changes_the_page():
    """TJK: Rogun is drawn on the map, its 3,600/3,780 MW and 2025/2027 disagreements appear, no Caspian data."""
    app = _run(["TJK"])
    assert not app.exception
    specs = _specs(app)
    markers = _project_markers(specs[0])
    assert [text.split("<br>")[0] for trace in markers for text in trace["text"]] == ["<b>Rogun HPP</b>"]
    assert len(specs) == 1
    open_section(app, "Projects")
    assert not app.exception
    projects = _projects_table(app)["Project"].tolist()
    assert "Rogun HPP" in projects and "Kambarata-1 HPP" not in projects
    text = _markdown(app)
    assert "**3,600 MW**" in text and "**3,780 MW**" in text
    assert "**2025 — plan**" in text and "**2027 — plan**" in text
    open_section(app, "Caspian")
    assert not app.exception
    assert _specs(app) == []  # no Caspian chart: Tajikistan has no coast
    infos = " ".join(info.value for info in app.info)
    assert "none of them is selected" in infos
    open_section(app, "Water")
    assert not app.exception
    assert _specs(app) == []


def test_an_unverified_project_is_marked_in_the_table_and_on_the_map(data_copy):
    """A project row with verified=false carries '⚠ unverified' in the table and in the marker's hover."""
    path = data_copy / "projects.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [line.replace(",worldbank-rogun-faqs,true,", ",worldbank-rogun-faqs,false,") for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = _run(["TJK"])
    assert not app.exception
    marker = _project_markers(_specs(app)[0])[0]
    assert "⚠ unverified" in marker["text"][0]
    open_section(app, "Projects")
    assert not app.exception
    table = _projects_table(app).set_index("Project")
    assert table.loc["Rogun HPP", "Verified"] == "⚠ unverified"


def test_a_broken_series_table_shows_its_error_panel_and_the_rest_renders(data_copy):
    """series.csv without its columns: the Caspian tab's panel names it; map, projects, falls and water still show."""
    (data_copy / "series.csv").write_text("nonsense\n1\n", encoding="utf-8")
    app = _run(["KAZ", "UZB"])
    assert not app.exception
    assert not app.error  # the map does not need the series
    specs = _specs(app)
    assert len(specs) == 1
    assert specs[0]["data"][0]["type"] == "choropleth"

    open_section(app, "Projects")
    assert not app.exception
    assert not app.error
    assert len(_projects_table(app)) == 5

    open_section(app, "Caspian")
    assert not app.exception
    assert _headers(app) == [SECTIONS["Caspian"]]
    errors = " ".join(error.value for error in app.error)
    assert "'series'" in errors
    assert len(_specs(app)) == 2  # the two bar charts; only the level chart is missing

    open_section(app, "Water")
    assert not app.exception
    assert not app.error
    assert "The Water and Energy Consortium" in [h.value for h in app.subheader]


# --- Warm reruns: each section's model is kept per (data, selection, language) -----------------


def _shown(app: AppTest) -> dict[str, list]:
    """Everything the page shows that a reader reads: texts, tables and chart specs, in order."""
    return {
        "markdown": [e.value for e in app.markdown],
        "caption": [e.value for e in app.caption],
        "headings": [e.value for e in [*app.title, *app.header, *app.subheader]],
        "notices": [e.value for e in [*app.info, *app.warning, *app.error]],
        "tables": [frame.value.to_csv() for frame in app.dataframe],
        "charts": _specs(app),
    }


def _run_in(label: str):
    """`_run`, then the tab `label` opened (it stays open over the session's later runs)."""
    return lambda countries: open_section(_run(countries), label)


@pytest.mark.parametrize("label", list(SECTIONS))
def test_a_selection_shown_again_comes_back_the_same_from_the_cache(label):
    """KAZ+UZB, then TJK, then KAZ+UZB in one session: the third run shows exactly what the first (cold) did."""
    check_a_selection_comes_back_from_the_kept_models(_run_in(label), _shown, ["TJK"])


@pytest.mark.parametrize("label", list(SECTIONS))
def test_a_warm_rerun_runs_no_query(label, monkeypatch):
    """Once a selection has been shown, rerunning it needs no query: every section comes from the cache."""
    from dashboard.queries import energy_water as queries

    names = ["energy_projects", "project_positions", "with_sources", "caspian_levels", "caspian_changes",
             "theme_figures", "project_figures"]
    check_a_warm_rerun_queries_nothing(monkeypatch, _run_in(label), _shown, queries, names)


def test_a_data_edit_shows_on_the_next_rerun_of_the_same_selection(data_copy):
    """Rogun's capacity edited while the page is open: the next rerun shows the new figure, not the kept one."""
    app = _run(["TJK"])
    assert "3,780 MW" in _project_markers(_specs(app)[0])[0]["text"][0]
    open_section(app, "Projects")
    assert _projects_table(app).set_index("Project").loc["Rogun HPP", "Capacity"] == "3,780 MW"
    path = data_copy / "projects.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count("rogun-dam,3780,MW") == 1
    path.write_text(text.replace("rogun-dam,3780,MW", "rogun-dam,3790,MW"), encoding="utf-8")
    app.run()
    assert not app.exception
    assert _projects_table(app).set_index("Project").loc["Rogun HPP", "Capacity"] == "3,790 MW"
    open_section(app, "Map")  # drawn before the edit: its kept model must not come back
    assert not app.exception
    marker = _project_markers(_specs(app)[0])[0]
    assert "3,790 MW" in marker["text"][0]


def test_a_selection_without_projects_still_draws_the_map():
    """Türkiye alone: no energy project concerns it; the map shows (capitals, shading) with no section failure."""
    app = _run(["TUR"])
    assert not app.exception
    assert not [w.value for w in app.warning if "could not be shown" in w.value]
    specs = _specs(app)
    assert specs and any(trace["type"] == "choropleth" for trace in specs[0]["data"])
    assert _project_markers(specs[0]) == []
    for label in section_labels(app)[1:]:
        open_section(app, label)
        assert not app.exception
        assert _headers(app) == [SECTIONS[label]]
        assert not [w.value for w in app.warning if "could not be shown" in w.value], label
