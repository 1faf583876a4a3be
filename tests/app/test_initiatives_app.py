"""The Initiatives and events page as Streamlit renders it: tracker, timeline, map, filters, broken data."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from dashboard import memo
from dashboard.queries import initiatives as queries
from tests.app.conftest import REPO_ROOT, TIMEOUT, open_section, open_tables, run_app, section_labels

PAGE = str(REPO_ROOT / "dashboard" / "views" / "initiatives.py")
# The page's parts as tabs (tab label: the open part's header); only the open one is drawn.
SECTIONS = {
    "Summits": "Summits and documents",
    "Initiatives": "Initiatives",
    "Map": "Who the initiatives concern",
}


def run_page(countries: list[str] | None) -> AppTest:
    """Run the page file alone with the sidebar filter preset."""
    app = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    if countries is not None:
        app.session_state["country_filter"] = countries
    return open_tables(app.run())


def _drawn(app: AppTest) -> list[str]:
    """The tabs with anything drawn in them."""
    return [tab.label for tab in app.tabs if tab.children]


def _specs(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def _markdown(app: AppTest) -> str:
    return "\n".join(element.value for element in app.markdown)


def _timeline_labels(app: AppTest) -> list[str]:
    timeline = _specs(app)[0]
    return [label for trace in timeline["data"] for label in trace["y"]]


def _tables(app: AppTest) -> list:
    return [frame.value for frame in app.dataframe]


def _tracker(app: AppTest):
    """The Initiatives tab's one table."""
    (tracker,) = _tables(app)
    assert "Initiative" in tracker.columns
    return tracker


def _captions(app: AppTest) -> str:
    return "\n".join(caption.value for caption in app.caption)


def test_page_shows_the_timeline_the_tracker_and_the_map():
    """KAZ+UZB: three tabs; 11 timeline points with the planned summit apart, 24 initiatives, a map; no exception.

    The page opens on the summits; only the open tab's part is drawn.
    """
    app = run_page(["KAZ", "UZB"])
    assert not app.exception
    assert app.title[0].value == "Initiatives and events"
    assert section_labels(app) == list(SECTIONS)
    assert [h.value for h in app.header] == ["Summits and documents"]
    assert _drawn(app) == ["Summits"]
    for label, title in SECTIONS.items():
        app = open_section(app, label)
        assert not app.exception
        assert [h.value for h in app.header] == [title]
        assert _drawn(app) == [label]

    app = open_section(app, "Summits")
    (timeline,) = _specs(app)
    assert len(_timeline_labels(app)) == 11
    planned = next(trace for trace in timeline["data"] if trace["name"] == "Summit (planned)")
    assert planned["y"] == ["Regional summit with UN support, Astana"]
    assert planned["marker"]["symbol"] == "circle-open"
    assert "Qazinform" in planned["customdata"][0][0]  # the hover names the sources
    (timeline_table,) = _tables(app)
    assert len(timeline_table) == 11
    captions = _captions(app)
    assert "Hürriyet Daily News" in captions and "TRT World" in captions  # the timeline's source line

    app = open_section(app, "Initiatives")
    assert not _specs(app)
    tracker_table = _tracker(app)
    assert len(tracker_table) == 24
    assert set(tracker_table["Status"]) >= {"Proposed", "Not established", "Established", "Status unknown"}

    app = open_section(app, "Map")
    (region,) = _specs(app)
    assert region["data"][0]["type"] == "choropleth"
    assert len(_tables(app)) == 1
    assert "Counts from the initiatives table" in _captions(app)  # the map's source line


def test_each_initiative_shows_its_status_badge_and_the_source_of_that_status():
    """The consortium: 'Not established' per Qazinform, 22 January 2026; unknown ones say no source since."""
    app = open_section(run_page(["KAZ"]), "Initiatives")
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
    app = open_section(run_page(["TJK"]), "Initiatives")
    assert not app.exception
    assert len(_tracker(app)) == 3
    assert [s.value for s in app.subheader] == [
        "6th Consultative Meeting of the Heads of State of Central Asia, Astana — 9 August 2024"
    ]
    app = open_section(app, "Summits")
    assert "12th OTS Summit, Gabala" not in _timeline_labels(app)
    assert "7th Consultative Meeting of Central Asian leaders, Tashkent" in _timeline_labels(app)

    app.session_state["country_filter"] = ["TUR"]
    app.run()
    assert not app.exception
    labels = _timeline_labels(app)
    assert "12th OTS Summit, Gabala" in labels and "8th OTS Summit, Istanbul" in labels
    assert "7th Consultative Meeting of Central Asian leaders, Tashkent" not in labels
    app = open_section(app, "Initiatives")
    assert not app.exception
    tracker = _tracker(app)
    assert "Water and Energy Consortium of the Central Asian states" not in set(tracker["Initiative"])
    assert "Cybersecurity Council of the Organization of Turkic States" in set(tracker["Initiative"])


def test_a_country_no_initiative_names_gets_notices_instead():
    """HUN: no initiative and no event concern it; each tab says so and only the map remains."""
    app = run_page(["HUN"])
    notices = {
        "Summits": "None of the summits, meetings or documents concerns the selected countries.",
        "Initiatives": "None of the initiatives concerns the selected countries.",
    }
    charts = {}
    for label in SECTIONS:
        app = open_section(app, label)
        assert not app.exception
        if label in notices:
            assert notices[label] in [info.value for info in app.info]
        charts[label] = len(app.get("plotly_chart"))
    assert charts == {"Summits": 0, "Initiatives": 0, "Map": 1}


def test_status_filter_keeps_the_chosen_statuses():
    """Choosing only 'Not established' leaves the consortium, in the cards and in the table."""
    app = open_section(run_page(["KAZ", "UZB"]), "Initiatives")
    app.button_group[0].set_value(["not_established"]).run()
    assert not app.exception
    tracker = _tracker(app)
    assert tracker["Initiative"].tolist() == ["Water and Energy Consortium of the Central Asian states"]
    assert "1 of 24 initiatives" in _captions(app)


def test_an_unverified_initiative_carries_the_mark(data_copy):
    """An initiative row set to verified=false shows '⚠ unverified' on its card and in the table."""
    path = data_copy / "initiatives.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [line.replace(",true,", ",false,", 1) if line.startswith("ots-cybersecurity-council,") else line
             for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = open_section(run_page(["KAZ"]), "Initiatives")
    assert not app.exception
    assert "Cybersecurity Council of the Organization of Turkic States** · ⚠ unverified" in _markdown(app)
    tracker = _tracker(app).set_index("Initiative")
    assert tracker.loc["Cybersecurity Council of the Organization of Turkic States", "Verified"] == "⚠ unverified"


def test_broken_initiatives_table_shows_its_panel_and_the_timeline_still_draws(data_copy):
    """A ragged initiatives.csv: the tracker and map tabs show panels naming the file; the timeline (figures,
    sources) still renders."""
    path = data_copy / "initiatives.csv"
    path.write_text(path.read_text(encoding="utf-8") + "broken,row\n", encoding="utf-8")
    app = run_page(["KAZ", "UZB"])
    charts = {}
    for label in SECTIONS:
        app = open_section(app, label)
        assert not app.exception
        assert [h.value for h in app.header] == [SECTIONS[label]]
        if label != "Summits":
            assert any("initiatives" in error.value for error in app.error)
            assert any("initiatives.csv" in code.value for code in app.code)
        charts[label] = len(app.get("plotly_chart"))
    assert charts == {"Summits": 1, "Initiatives": 0, "Map": 0}
    app = open_section(app, "Summits")
    assert len(_timeline_labels(app)) == 11


def test_page_without_a_selection_asks_for_one():
    """No filter in the session: the page says no country is selected and still renders."""
    app = run_page(None)
    assert not app.exception
    assert any("No country is selected" in info.value for info in app.info)


def _content(app: AppTest) -> dict:
    """Everything the page shows, as comparable values."""
    return {
        "headers": [element.value for element in app.header],
        "markdown": [element.value for element in app.markdown],
        "captions": [element.value for element in app.caption],
        "subheaders": [element.value for element in app.subheader],
        "infos": [element.value for element in app.info],
        "expanders": [element.label for element in app.expander],
        "tables": [frame.to_dict("list") for frame in _tables(app)],
        "charts": [chart.proto.spec for chart in app.get("plotly_chart")],
    }


def _every_part(app: AppTest) -> dict[str, dict]:
    """Each tab's content, opened in turn as a reader would."""
    return {label: _content(open_section(app, label)) for label in SECTIONS}


def test_a_selection_shown_again_looks_the_same_and_is_built_once(monkeypatch):
    """TJK, then KAZ+UZB, then TJK again: every tab the same as the first time, from the kept models.

    (The status filter is drawn only on the Initiatives tab, so each visit there starts from every status.)
    """
    memo.clear()
    built = []
    tracker = queries.initiative_tracker
    monkeypatch.setattr(queries, "initiative_tracker", lambda *args: built.append(args) or tracker(*args))
    app = run_page(["TJK"])
    first = _every_part(app)
    assert len(first["Initiatives"]["tables"][0]["Initiative"]) == 3
    app.session_state["country_filter"] = ["KAZ", "UZB"]
    app.run()
    between = _every_part(app)
    assert len(between["Initiatives"]["tables"][0]["Initiative"]) > 3
    assert all(between[label] != first[label] for label in SECTIONS)
    app.session_state["country_filter"] = ["TJK"]
    app.run()
    assert not app.exception
    assert _every_part(app) == first
    assert len(built) == 1  # one tracker for the tracker, the cards and the map, whichever the selection


def test_an_edit_to_the_data_shows_on_the_next_rerun(data_copy):
    """A name changed in initiatives.csv while the page is open: the next rerun shows it in card and table."""
    app = open_section(run_page(["KAZ", "UZB"]), "Initiatives")
    old = "Water and Energy Consortium of the Central Asian states"
    assert old in set(_tracker(app)["Initiative"])
    path = data_copy / "initiatives.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, "Water and Energy Consortium (renamed)"), encoding="utf-8")
    app.run()
    assert not app.exception
    names = set(_tracker(app)["Initiative"])
    assert "Water and Energy Consortium (renamed)" in names and old not in names
    assert "**Water and Energy Consortium \\(renamed\\)**" in _markdown(app)


def test_status_choice_survives_a_change_of_countries_another_tab_and_another_page():
    """Only 'Not established' chosen, then another selection and back, then the Map tab, the Overview and
    back to Initiatives: the choice is kept throughout (the whole app, where kept choices are re-saved)."""
    app = run_app({"countries": "KAZ,UZB"})
    app = open_section(app.switch_page("views/initiatives.py").run(), "Initiatives")
    every = list(app.main.button_group[0].value)
    assert "not_established" in every and len(every) > 1
    app.main.button_group[0].set_value(["not_established"]).run()
    app.session_state["country_filter"] = ["TUR"]
    app.run()
    assert not app.exception
    assert list(app.main.button_group[0].value) == ["not_established"]
    app.session_state["country_filter"] = ["KAZ", "UZB"]
    app.run()
    assert list(app.main.button_group[0].value) == ["not_established"]
    assert "1 of 24 initiatives" in _captions(app)

    app = open_section(app, "Map")
    assert not app.main.button_group
    app.switch_page("views/overview.py").run()
    app = open_section(app.switch_page("views/initiatives.py").run(), "Initiatives")
    assert not app.exception
    assert list(app.main.button_group[0].value) == ["not_established"]
    assert "1 of 24 initiatives" in _captions(app)
    assert len(_tracker(app)) == 1
