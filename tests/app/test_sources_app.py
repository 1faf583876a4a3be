"""The Sources page as Streamlit renders it: the sources table, one source's rows, the disagreements."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from dashboard import memo
from dashboard.queries import disagreements as queries
from tests.app.conftest import REPO_ROOT, TIMEOUT, open_section, open_tables, section_labels

PAGE = str(REPO_ROOT / "dashboard" / "views" / "sources.py")


EVERY_SOURCE, DISAGREEMENTS = "Every source", "Where sources disagree"  # the page's two tabs


def run_page(countries: list[str] | None, tab: str = EVERY_SOURCE) -> AppTest:
    """Run the page file alone with the sidebar filter preset, on its tab `tab`."""
    app = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    if countries is not None:
        app.session_state["country_filter"] = countries
    app = open_tables(app.run())
    return app if tab == EVERY_SOURCE else open_section(app, tab)


def _markdown(app: AppTest) -> str:
    return "\n".join(element.value for element in app.markdown)


def _captions(app: AppTest) -> str:
    return "\n".join(element.value for element in app.caption)


def test_page_lists_sources_with_counts_and_a_link_column():
    """KAZ+UZB: 115 of 125 sources, the speeches first, citation counts, addresses as links, CSV download."""
    app = run_page(["KAZ", "UZB"])
    assert not app.exception
    assert app.title[0].value == "Sources"
    assert section_labels(app) == [EVERY_SOURCE, DISAGREEMENTS]
    assert [h.value for h in app.header] == [EVERY_SOURCE]  # only the open tab is drawn
    sources = app.dataframe[0].value
    assert len(sources) == 115
    assert "115 of 125 sources" in _captions(app)
    assert set(sources["Kind"].head(2)) == {"Speech"}
    qazinform = sources[sources["Source id"] == "qazinform-2026-01-22-consortium-status"].iloc[0]
    assert (qazinform["Publisher"], qazinform["Date"], qazinform["Figures"], qazinform["Other rows"]) == (
        "Qazinform", "2026-01-22", 1, 1
    )
    report = sources[sources["Source id"] == "reportaz-2026-03-10-titr-cargo"].iloc[0]
    assert report["Series rows"] == 8
    columns = json.loads(app.dataframe[0].proto.columns)
    assert columns["Address"]["type_config"]["type"] == "link"
    labels = [button.label for button in app.get("download_button")]
    assert labels.count("Download CSV") >= 2


def test_a_chosen_source_lists_every_figure_and_series_value_with_its_quote():
    """Choosing Trend's 2025-09-17 programme article lists its route lengths and schedules with the quotes."""
    app = run_page(["KAZ", "UZB"])
    app.selectbox[0].set_value("trend-2025-09-17-ktz-railway-programme").run()
    assert not app.exception
    rows = app.dataframe[1].value
    assert len(rows) == 10
    by_subject = rows[rows["Value"] != ""].set_index("Subject")["Value"]
    assert by_subject["Bakhty – Ayagoz railway"] == "295 km"
    assert by_subject["Moyinty – Kyzylzhar railway"] == "329 km"
    assert rows["Quote"].str.len().min() > 0
    assert "Trend News Agency" in _markdown(app)
    app.selectbox[0].set_value("speech-ots-gabala-2025").run()
    rows = app.dataframe[1].value
    assert (rows["Period"] == "").any()  # figures without a period: an empty cell, not "None"
    assert not rows.isna().any().any()


def test_search_and_kind_filter_narrow_the_table():
    """Searching 'Qazinform' keeps Qazinform's articles; choosing only datasets keeps the three datasets."""
    app = run_page(["KAZ", "UZB"])
    app.text_input[0].set_value("Qazinform").run()
    assert not app.exception
    found = app.dataframe[0].value
    assert 0 < len(found) < 115
    assert set(found["Publisher"]) == {"Qazinform"}
    app.text_input[0].set_value("").run()
    app.button_group[0].set_value(["dataset"]).run()
    assert set(app.dataframe[0].value["Kind"]) == {"Dataset"}
    assert len(app.dataframe[0].value) == 3


def test_disagreements_stand_side_by_side_with_their_sources():
    """Bakhty–Ayagoz 272 vs 295 km, Kyzylzhar–Moyinty 329 vs 360 km, 10 vs 11 bn, the gas-projects wording."""
    app = run_page(["KAZ", "UZB"], DISAGREEMENTS)
    assert [h.value for h in app.header] == [DISAGREEMENTS]
    text = _markdown(app)
    assert "**A: 272 km**" in text and "**B: 295 km**" in text
    assert "**A: 329 km**" in text and "**B: 360 km**" in text
    assert "**A: 10 USD bn**" in text and "**B: 11 USD bn**" in text
    assert "B − A = 31 km \\(9\\.4% of A\\)" in text
    assert "Only A names: Tajikistan\\. Only B names: Turkmenistan\\." in text
    assert "Railway Gazette International, 16 January 2024" in text
    table = app.dataframe[-1].value
    assert len(table) == 9
    assert "9 of 10 disagreements" in _captions(app)
    assert len(app.dataframe) == 1  # the sources' tables are on the other tab, not drawn


def test_unverified_rows_carry_the_mark_in_the_disagreements():
    """Report.az's '400 students' is unverified: its side and the topic carry '⚠ unverified'."""
    app = run_page(["KAZ"], DISAGREEMENTS)
    text = _markdown(app)
    assert "400 students — Report\\.az, 7 October 2025 · ⚠ unverified" in text
    assert "Students trained in AI · period 2025\\-01/2025\\-10** · ⚠ unverified" in text


def test_the_country_filter_changes_sources_and_disagreements():
    """TJK: the Rogun capacities but not the Bakhty–Ayagoz lengths; TUR: fewer sources and no disagreement."""
    app = run_page(["TJK"])
    assert not app.exception
    tajik_sources = len(app.dataframe[0].value)
    open_section(app, DISAGREEMENTS)
    text = _markdown(app)
    assert "**A: 3,600 MW**" in text and "**B: 3,780 MW**" in text
    assert "272 km" not in text
    app.session_state["country_filter"] = ["TUR"]
    app.run()
    assert not app.exception
    assert "No disagreement in the data concerns the selected countries." in [info.value for info in app.info]
    open_section(app, EVERY_SOURCE)
    assert len(app.dataframe[0].value) == 27 != tajik_sources


def test_broken_series_table_shows_its_panel_and_the_figure_disagreements_remain(data_copy):
    """A ragged series.csv: a panel names series.csv; sources and the figures' disagreements still render."""
    path = data_copy / "series.csv"
    path.write_text(path.read_text(encoding="utf-8") + "broken,row\n", encoding="utf-8")
    app = run_page(["KAZ", "UZB"])
    assert not app.exception
    assert any("could not be loaded" in warning.value for warning in app.warning)  # the counts leave it out
    assert len(app.dataframe[0].value) > 0
    open_section(app, DISAGREEMENTS)
    assert not app.exception
    assert any("series" in error.value for error in app.error)
    assert any("series.csv" in code.value for code in app.code)
    text = _markdown(app)
    assert "**A: 272 km**" in text
    assert "**A: 10 USD bn**" not in text  # that one came from the series


def test_page_without_a_selection_asks_for_one():
    """No filter in the session: the page says no country is selected and still lists uncited sources."""
    app = run_page(None)
    assert not app.exception
    assert any("No country is selected" in info.value for info in app.info)


def _content(app: AppTest) -> dict:
    """Everything the page shows, as comparable values."""
    return {
        "markdown": [element.value for element in app.markdown],
        "captions": [element.value for element in app.caption],
        "infos": [element.value for element in app.info],
        "tables": [frame.value.to_dict("list") for frame in app.dataframe],
        "options": [list(box.options) for box in app.selectbox],
    }


def test_a_selection_shown_again_looks_the_same_and_is_built_once(monkeypatch):
    """TJK, then KAZ+UZB, then TJK again: the same page as the first time; the disagreements are found once.

    (TJK's kinds of source and of disagreement are among KAZ+UZB's, so the filters, which keep their
    choice, end as they began.)
    """
    memo.clear()
    found = []
    disagreements = queries.disagreements
    monkeypatch.setattr(queries, "disagreements", lambda *args: found.append(args) or disagreements(*args))
    app = run_page(["TJK"], DISAGREEMENTS)
    first = _content(app)
    app.session_state["country_filter"] = ["KAZ", "UZB"]
    app.run()
    assert _content(app) != first
    app.session_state["country_filter"] = ["TJK"]
    app.run()
    assert not app.exception
    assert _content(app) == first
    assert len(found) == 1


def test_search_and_source_choice_follow_the_filters():
    """A search, the source it leaves chosen, and the search cleared: each view is the one its filters give."""
    app = run_page(["KAZ", "UZB"])
    everything = app.dataframe[0].value
    app.text_input[0].set_value("Railway Gazette").run()
    assert set(app.dataframe[0].value["Publisher"]) == {"Railway Gazette International"}
    assert app.selectbox[0].value == "railwaygazette-2024-01-16-bakhty-ayagoz"
    assert "Work begins on third Kazakhstan – China railway" in _markdown(app)
    app.text_input[0].set_value("").run()
    assert not app.exception
    assert app.dataframe[0].value.equals(everything)


def test_an_edit_to_the_data_shows_on_the_next_rerun(data_copy):
    """A publisher renamed in sources.csv while the page is open: the table and the disagreements show it."""
    app = run_page(["KAZ", "UZB"], DISAGREEMENTS)
    assert "Railway Gazette International, 16 January 2024" in _markdown(app)
    path = data_copy / "sources.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count("Railway Gazette International") == 1
    path.write_text(text.replace("Railway Gazette International", "Railway Gazette <b>Intl</b>"), encoding="utf-8")
    open_section(app, EVERY_SOURCE)
    assert not app.exception
    assert "Railway Gazette <b>Intl</b>" in set(app.dataframe[0].value["Publisher"])
    open_section(app, DISAGREEMENTS)
    text = _markdown(app)
    assert "Railway Gazette International" not in text
    assert "Railway Gazette \\<b\\>Intl\\</b\\>, 16 January 2024" in text  # shown as text, not HTML


def test_kind_choice_survives_a_selection_without_that_kind():
    """KAZ,UZB -> TUR -> KAZ,UZB: the kinds offered stay the data's, so the reader's choice comes back whole."""
    app = run_page(["KAZ", "UZB"])
    kinds = list(app.button_group[0].value)
    app.session_state["country_filter"] = ["TUR"]
    app.run()
    assert list(app.button_group[0].value) == kinds
    app.session_state["country_filter"] = ["KAZ", "UZB"]
    app.run()
    assert list(app.button_group[0].value) == kinds
    assert "115 of 125 sources" in _captions(app)
