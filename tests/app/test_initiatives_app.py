"""The Initiatives and events page as Streamlit renders it: tracker, timeline, map, filters, broken data."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from dashboard import memo
from dashboard.queries import initiatives as queries
from tests.app.conftest import REPO_ROOT, TIMEOUT, open_tables

PAGE = str(REPO_ROOT / "dashboard" / "views" / "initiatives.py")


def run_page(countries: list[str] | None) -> AppTest:
    """Run the page file alone with the sidebar filter preset."""
    app = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    if countries is not None:
        app.session_state["country_filter"] = countries
    return open_tables(app.run())


def _specs(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def _markdown(app: AppTest) -> str:
    return "\n".join(element.value for element in app.markdown)


def _timeline_labels(app: AppTest) -> list[str]:
    timeline = _specs(app)[0]
    return [label for trace in timeline["data"] for label in trace["y"]]


def _tables(app: AppTest) -> list:
    return [frame.value for frame in app.dataframe]


def test_page_shows_the_timeline_the_tracker_and_the_map():
    """KAZ+UZB: 11 timeline points with the planned summit apart, 24 initiatives, a map; no exception."""
    app = run_page(["KAZ", "UZB"])
    assert not app.exception
    assert app.title[0].value == "Initiatives and events"
    assert [h.value for h in app.header] == ["Summits and documents", "Initiatives", "Who the initiatives concern"]
    timeline, region = _specs(app)
    assert len(_timeline_labels(app)) == 11
    planned = next(trace for trace in timeline["data"] if trace["name"] == "Summit (planned)")
    assert planned["y"] == ["Regional summit with UN support, Astana"]
    assert planned["marker"]["symbol"] == "circle-open"
    assert "Qazinform" in planned["customdata"][0][0]  # the hover names the sources
    assert region["data"][0]["type"] == "choropleth"
    timeline_table, tracker_table, _ = _tables(app)
    assert len(timeline_table) == 11
    assert len(tracker_table) == 24
    assert set(tracker_table["Status"]) >= {"Proposed", "Not established", "Established", "Status unknown"}
    captions = "\n".join(caption.value for caption in app.caption)
    assert "Hürriyet Daily News" in captions and "TRT World" in captions  # the timeline's source line
    assert "Counts from the initiatives table" in captions  # the map's source line


def test_each_initiative_shows_its_status_badge_and_the_source_of_that_status():
    """The consortium: 'Not established' per Qazinform, 22 January 2026; unknown ones say no source since."""
    app = run_page(["KAZ"])
    text = _markdown(app)
    assert ":orange-badge[Not established]" in text
    assert ":gray-badge[Status unknown]" in text
    assert "Status as of 22 January 2026 — source: Qazinform, 22 January 2026" in text
    assert "No source on its status since the speech of 7 October 2025" in text
    assert "Status source: the speech itself \\(9 August 2024\\)" in text
    # The verbatim quote and its translation sit in the card's expander.
    assert "Осы мақсатта Су\\-энергетикалық консорциум құрылуы мүмкін" in text
    assert "a Water and Energy Consortium may be established" in text
    assert any(expander.label == "Quote, source and status note" for expander in app.expander)


def test_the_country_filter_changes_the_tracker_and_the_timeline():
    """TJK sees only the Astana initiatives and C5 events; switching to TUR shows the OTS ones instead."""
    app = run_page(["TJK"])
    assert not app.exception
    assert len(_tables(app)[1]) == 3
    assert [s.value for s in app.subheader] == [
        "6th Consultative Meeting of the Heads of State of Central Asia, Astana — 9 August 2024"
    ]
    assert "12th OTS Summit, Gabala" not in _timeline_labels(app)
    assert "7th Consultative Meeting of Central Asian leaders, Tashkent" in _timeline_labels(app)

    app.session_state["country_filter"] = ["TUR"]
    app.run()
    assert not app.exception
    labels = _timeline_labels(app)
    assert "12th OTS Summit, Gabala" in labels and "8th OTS Summit, Istanbul" in labels
    assert "7th Consultative Meeting of Central Asian leaders, Tashkent" not in labels
    tracker = _tables(app)[1]
    assert "Water and Energy Consortium of the Central Asian states" not in set(tracker["Initiative"])
    assert "Cybersecurity Council of the Organization of Turkic States" in set(tracker["Initiative"])


def test_a_country_no_initiative_names_gets_notices_instead():
    """HUN: no initiative and no event concern it; the page says so and only the map remains."""
    app = run_page(["HUN"])
    assert not app.exception
    infos = [info.value for info in app.info]
    assert "None of the initiatives concerns the selected countries." in infos
    assert "None of the summits, meetings or documents concerns the selected countries." in infos
    assert len(app.get("plotly_chart")) == 1


def test_status_filter_keeps_the_chosen_statuses():
    """Choosing only 'Not established' leaves the consortium, in the cards and in the table."""
    app = run_page(["KAZ", "UZB"])
    app.button_group[0].set_value(["not_established"]).run()
    assert not app.exception
    tracker = _tables(app)[1]
    assert tracker["Initiative"].tolist() == ["Water and Energy Consortium of the Central Asian states"]
    assert "1 of 24 initiatives" in "\n".join(caption.value for caption in app.caption)


def test_an_unverified_initiative_carries_the_mark(data_copy):
    """An initiative row set to verified=false shows '⚠ unverified' on its card and in the table."""
    path = data_copy / "initiatives.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [line.replace(",true,", ",false,", 1) if line.startswith("ots-cybersecurity-council,") else line
             for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = run_page(["KAZ"])
    assert not app.exception
    assert "Cybersecurity Council of the Organization of Turkic States** · ⚠ unverified" in _markdown(app)
    tracker = _tables(app)[1].set_index("Initiative")
    assert tracker.loc["Cybersecurity Council of the Organization of Turkic States", "Verified"] == "⚠ unverified"


def test_broken_initiatives_table_shows_its_panel_and_the_timeline_still_draws(data_copy):
    """A ragged initiatives.csv: panels name the file; the timeline (figures, sources) still renders."""
    path = data_copy / "initiatives.csv"
    path.write_text(path.read_text(encoding="utf-8") + "broken,row\n", encoding="utf-8")
    app = run_page(["KAZ", "UZB"])
    assert not app.exception
    assert any("initiatives" in error.value for error in app.error)
    assert any("initiatives.csv" in code.value for code in app.code)
    assert len(app.get("plotly_chart")) == 1
    assert len(_timeline_labels(app)) == 11


def test_page_without_a_selection_asks_for_one():
    """No filter in the session: the page says no country is selected and still renders."""
    app = run_page(None)
    assert not app.exception
    assert any("No country is selected" in info.value for info in app.info)


def _content(app: AppTest) -> dict:
    """Everything the page shows, as comparable values."""
    return {
        "markdown": [element.value for element in app.markdown],
        "captions": [element.value for element in app.caption],
        "subheaders": [element.value for element in app.subheader],
        "infos": [element.value for element in app.info],
        "expanders": [element.label for element in app.expander],
        "tables": [frame.to_dict("list") for frame in _tables(app)],
        "charts": [chart.proto.spec for chart in app.get("plotly_chart")],
    }


def test_a_selection_shown_again_looks_the_same_and_is_built_once(monkeypatch):
    """TJK, then KAZ+UZB, then TJK again: the same page as the first time, from the kept models.

    (TJK's statuses are among KAZ+UZB's, so the status filter, which keeps its choice, ends as it began.)
    """
    memo.clear()
    built = []
    tracker = queries.initiative_tracker
    monkeypatch.setattr(queries, "initiative_tracker", lambda *args: built.append(args) or tracker(*args))
    app = run_page(["TJK"])
    first = _content(app)
    assert len(first["tables"][1]["Initiative"]) == 3
    app.session_state["country_filter"] = ["KAZ", "UZB"]
    app.run()
    assert len(_content(app)["tables"][1]["Initiative"]) > 3
    app.session_state["country_filter"] = ["TJK"]
    app.run()
    assert not app.exception
    assert _content(app) == first
    assert len(built) == 1  # one tracker for the tracker, the cards and the map, whichever the selection


def test_an_edit_to_the_data_shows_on_the_next_rerun(data_copy):
    """A name changed in initiatives.csv while the page is open: the next rerun shows it in card and table."""
    app = run_page(["KAZ", "UZB"])
    old = "Water and Energy Consortium of the Central Asian states"
    assert old in set(_tables(app)[1]["Initiative"])
    path = data_copy / "initiatives.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, "Water and Energy Consortium (renamed)"), encoding="utf-8")
    app.run()
    assert not app.exception
    names = set(_tables(app)[1]["Initiative"])
    assert "Water and Energy Consortium (renamed)" in names and old not in names
    assert "**Water and Energy Consortium \\(renamed\\)**" in _markdown(app)


def test_status_choice_survives_a_change_of_countries():
    """Only 'Not established' chosen, then another selection and back: the choice is kept."""
    app = run_page(["KAZ", "UZB"])
    app.button_group[0].set_value(["not_established"]).run()
    app.session_state["country_filter"] = ["TUR"]
    app.run()
    assert list(app.button_group[0].value) == ["not_established"]
    app.session_state["country_filter"] = ["KAZ", "UZB"]
    app.run()
    assert list(app.button_group[0].value) == ["not_established"]
    assert "1 of 24 initiatives" in "\n".join(caption.value for caption in app.caption)
