"""The Overview as Streamlit renders it: tiles, map, trend, the filter and the URL."""

from __future__ import annotations

import json

from tests.app.conftest import open_tables, page_content, run_app

C5 = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]


def _metric_labels(app) -> list[str]:
    return [metric.label for metric in app.metric]


def _plotly_specs(app) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def test_overview_shows_headline_tiles_map_and_trend():
    """Six headline tiles with their values, a map and a trend chart, and no exception."""
    app = run_app()
    assert not app.exception
    assert app.title[0].value == "Overview"
    labels = _metric_labels(app)
    assert "Intra-regional trade reached" in labels
    assert "Intra-regional trade target" in labels
    assert "Middle Corridor cargo in five years" in labels
    values = {metric.label: metric.value for metric in app.metric}
    assert values["Intra-regional trade reached"] == "USD 11 bn"
    assert values["Intra-regional trade target"] == "USD 15 bn"
    assert values["Middle Corridor cargo in five years"] == "×6"
    specs = _plotly_specs(app)
    assert len(specs) == 2
    map_spec, trend_spec = specs
    assert map_spec["data"][0]["type"] == "choropleth"
    assert len(map_spec["data"][0]["locations"]) >= 15  # every boundary country drawn
    assert any(trace["type"] == "scattergeo" and trace["mode"] == "lines" for trace in map_spec["data"])
    target_lines = [shape for shape in trend_spec["layout"]["shapes"] if shape.get("y0") == 15]
    assert target_lines, "the 15 bn target is marked on the trend"


def test_default_filter_is_the_central_asian_five_and_it_is_in_the_url():
    """Without a link parameter the view opens on the C5 preset, written to ?countries=."""
    app = run_app()
    assert app.sidebar.multiselect[0].value == C5
    assert app.query_params["countries"] == ",".join(C5)


def test_link_parameter_sets_the_filter_and_the_filter_changes_the_page():
    """?countries=TUR shows Türkiye only: C5 trade tiles disappear, the map colours one country."""
    app = run_app({"countries": "TUR"})
    assert app.sidebar.multiselect[0].value == ["TUR"]
    assert "Intra-regional trade reached" not in _metric_labels(app)
    map_spec = _plotly_specs(app)[0]
    base = map_spec["data"][0]
    selected = [loc for loc, z in zip(base["locations"], base["z"], strict=True) if z == 1]
    assert selected == ["TUR"]


def test_unknown_country_in_link_is_ignored_with_a_notice():
    """?countries=KAZ,XXX keeps KAZ and says that XXX was ignored."""
    app = run_app({"countries": "KAZ,XXX"})
    assert app.sidebar.multiselect[0].value == ["KAZ"]
    assert any("XXX" in warning.value for warning in app.sidebar.warning)


def test_preset_button_selects_the_group():
    """Clicking 'OTS members' selects the OTS member states and updates the URL."""
    app = run_app()
    ots_button = next(button for button in app.sidebar.button if button.label == "OTS members")
    app = ots_button.click().run()
    selected = app.sidebar.multiselect[0].value
    assert {"AZE", "KAZ", "KGZ", "TUR", "UZB"} == set(selected)
    assert app.query_params["countries"] == ",".join(selected)


def test_tile_source_shows_speaker_event_date_and_verbatim_quote():
    """The first tile's popover names the speaker, the event, the date and the Kazakh words."""
    app = run_app()
    text = "\n".join(markdown.value for markdown in app.markdown)
    assert "Kassym" in text and "Tokayev" in text
    assert "Consultative Meeting" in text
    assert "9 August 2024" in text
    assert "миллииард" in text  # the source's own spelling, kept verbatim


def test_broken_table_shows_a_panel_naming_the_file_and_the_rest_still_works(data_copy):
    """A ragged figures.csv: an error panel names figures.csv; the map and trend still draw."""
    path = data_copy / "figures.csv"
    path.write_text(path.read_text(encoding="utf-8") + "broken,row\n", encoding="utf-8")
    app = run_app()
    assert not app.exception
    assert any("figures" in error.value for error in app.error)
    assert any("figures.csv" in code.value for code in app.code)
    assert len(app.get("plotly_chart")) == 2


def test_page_file_runs_on_its_own_and_asks_for_a_selection():
    """views/overview.py alone (no sidebar filter) renders and says no country is selected."""
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import REPO_ROOT, TIMEOUT

    app = AppTest.from_file(str(REPO_ROOT / "dashboard" / "views" / "overview.py"), default_timeout=TIMEOUT).run()
    assert not app.exception
    assert app.title[0].value == "Overview"
    assert any("No country is selected" in info.value for info in app.info)
    assert len(app.get("plotly_chart")) == 2


def test_every_section_has_a_table_of_what_it_shows_with_a_csv_download():
    """Tiles, map and trend each come with a data table and CSV and XLSX download buttons."""
    app = open_tables(run_app({"countries": "KAZ,UZB"}))
    labels = [button.label for button in app.get("download_button")]
    assert labels.count("Download CSV") == 3 and labels.count("Excel (XLSX)") == 3
    tables = app.dataframe
    assert len(tables) == 3
    tiles, map_rows, trend = (table.value for table in tables)
    assert "USD 11 bn" not in tiles.to_string()  # raw values, not display strings
    assert 11.0 in tiles["Value"].tolist()
    assert sorted(map_rows["iso3"]) == ["KAZ", "UZB"]
    assert set(trend["country"]) >= {"C5", "KAZ"}


# --- the kept page models (dashboard.memo) ------------------------------------------------

OTS = ["AZE", "KAZ", "KGZ", "TUR", "UZB"]


def test_a_selection_shown_again_is_drawn_from_the_kept_models_exactly_as_the_first_time():
    """KAZ,UZB (built), OTS (built), KAZ,UZB again (kept): the page is the same as the first time."""
    from dashboard import memo

    memo.clear()
    app = run_app({"countries": "KAZ,UZB"})
    first = page_content(app)
    assert memo.size() > 0, "the page keeps its models"
    app = app.multiselect(key="country_filter").set_value(OTS).run()
    assert not app.exception
    assert page_content(app) != first
    app = app.multiselect(key="country_filter").set_value(["KAZ", "UZB"]).run()
    assert not app.exception
    assert page_content(app) == first
    # The same again with the map coloured by another metric: built once, then kept.
    app = app.segmented_control(key="overview_map_metric").set_value("gdp_usd").run()
    by_gdp = page_content(app)
    assert by_gdp != first
    app = app.multiselect(key="country_filter").set_value(OTS).run()
    app = app.multiselect(key="country_filter").set_value(["KAZ", "UZB"]).run()
    assert page_content(app) == by_gdp


def test_an_edited_data_file_shows_on_the_next_rerun_not_the_kept_page(data_copy):
    """The kept models belong to one version of the data: an edited figures.csv shows at once."""
    app = open_tables(run_app({"countries": "KAZ,UZB"}))
    assert {metric.label: metric.value for metric in app.metric}["Intra-regional trade reached"] == "USD 11 bn"
    path = data_copy / "figures.csv"
    text = path.read_text(encoding="utf-8")
    edited = text.replace("c5-trade-11bn,intra-ca-trade,C5,11,", "c5-trade-11bn,intra-ca-trade,C5,12,")
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    app = app.run()
    assert not app.exception
    assert {metric.label: metric.value for metric in app.metric}["Intra-regional trade reached"] == "USD 12 bn"
    assert 12.0 in app.dataframe[0].value["Value"].tolist()
