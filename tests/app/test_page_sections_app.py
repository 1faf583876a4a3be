"""A page's parts as tabs: only the open one is drawn, it is kept across pages and languages, and in the link."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, TIMEOUT, open_section, section_labels

TRADE_LABELS = ["Regional total", "Growth needed", "Neighbours", "Map", "By country"]


def open_trade(query: dict[str, str] | None = None) -> AppTest:
    """The whole app, opened on a link to the Trade page (`/trade?...`)."""
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.query_params["countries"] = "KAZ,UZB"
    for key, value in (query or {}).items():
        app.query_params[key] = value
    app.switch_page("views/trade.py")
    return app.run()


def _headers(app: AppTest) -> list[str]:
    return [header.value for header in app.header]


def _chart_titles(app: AppTest) -> list[str]:
    return [json.loads(chart.proto.spec)["layout"]["title"]["text"] for chart in app.get("plotly_chart")]


def test_a_page_opens_on_its_first_part_and_draws_only_that_part():
    """Trade: five tabs; the first part's heading and its one chart, nothing of the other four; the link names it."""
    app = open_trade()
    assert not app.exception
    assert section_labels(app) == TRADE_LABELS
    assert _headers(app) == ["Intra-regional trade"]
    assert len(app.get("plotly_chart")) == 1
    assert _chart_titles(app)[0].startswith("Intra-regional trade")
    assert app.query_params["section"] == "intra"


def test_choosing_a_tab_draws_that_part_instead_and_puts_it_in_the_link():
    """Map: its heading and the choropleth only; the link says section=map."""
    app = open_section(open_trade(), "Map")
    assert not app.exception
    assert _headers(app) == ["Trade with Kazakhstan on the map"]
    charts = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    assert len(charts) == 1 and charts[0]["data"][0]["type"] == "choropleth"
    assert app.query_params["section"] == "map"


def test_a_link_with_a_section_opens_that_part():
    """/trade?section=neighbours opens on Kazakhstan's neighbours."""
    app = open_trade({"section": "neighbours"})
    assert not app.exception
    assert _headers(app) == ["Kazakhstan's trade with its neighbours"]
    assert app.tabs[2].label == "Neighbours"


def test_the_open_part_is_kept_across_pages_and_a_language_change():
    """Map on Trade, a visit to Transport, back to Trade: still Map. In Russian: the same part, in Russian."""
    app = open_section(open_trade(), "Map")
    app.switch_page("views/transport.py").run()
    assert _headers(app) == ["Corridors and new lines"]  # Transport opens on its own first part
    app.switch_page("views/trade.py").run()
    assert _headers(app) == ["Trade with Kazakhstan on the map"]
    app.session_state["language"] = "ru"
    app.run()
    assert not app.exception
    assert _headers(app) == ["Торговля с Казахстаном на карте"]
    assert section_labels(app)[3] == "Карта"
    assert app.query_params["section"] == "map"


def test_an_unknown_section_in_the_link_is_ignored_with_a_notice():
    """?section=nosuch on Trade: the first part, and a notice naming the value."""
    app = open_trade({"section": "nosuch"})
    assert not app.exception
    assert _headers(app) == ["Intra-regional trade"]
    assert any("unknown section" in warning.value and "nosuch" in warning.value for warning in app.warning)
    assert app.query_params["section"] == "intra"


def test_a_hostile_section_in_the_link_is_dropped_with_a_notice_shown_as_text():
    """?section=<script>…: not a part's id on any page; a sidebar notice shows it escaped, the link drops it."""
    app = open_trade({"section": "<script>alert(1)</script>"})
    assert not app.exception
    assert _headers(app) == ["Intra-regional trade"]
    notices = [warning.value for warning in app.sidebar.warning]
    # Markdown-escaped: the notice shows the characters, never a tag.
    assert any("unknown section" in notice and "\\<script\\>" in notice for notice in notices), notices
    assert app.query_params["section"] == "intra"


def test_choices_inside_a_part_are_kept_across_tabs_and_pages():
    """20 bn by 2033 on Growth needed, then Map, the Overview and back: still 20 bn by 2033, same result."""
    app = open_section(open_trade(), "Growth needed")
    app.button_group(key="trade_growth_target").set_value("c5-trade-target-20bn")
    app.slider(key="trade_growth_year").set_value(2033).run()
    chosen = {metric.label: metric.value for metric in app.metric}
    open_section(app, "Map")
    assert not app.main.button_group  # not drawn on the map part
    app.switch_page("views/overview.py").run()
    app.switch_page("views/trade.py").run()
    assert _headers(app) == ["Trade with Kazakhstan on the map"]
    open_section(app, "Growth needed")
    assert not app.exception
    assert app.button_group(key="trade_growth_target").value == "c5-trade-target-20bn"
    assert app.slider(key="trade_growth_year").value == 2033
    assert {metric.label: metric.value for metric in app.metric} == chosen
