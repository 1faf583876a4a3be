"""The Trade page as Streamlit renders it on its own: trend, growth needed, both sides' figures, the map.

Each part is a tab and only the open one is drawn: a test opens the tab it reads, as a reader would.
"""

from __future__ import annotations

import base64
import csv
import json

import numpy as np
from streamlit.testing.v1 import AppTest

from tests.app.conftest import REPO_ROOT, TIMEOUT, open_section, open_tables, section_labels

PAGE = str(REPO_ROOT / "dashboard" / "views" / "trade.py")
# Each tab's label, and the heading and chart title a reader sees once it is open.
SECTIONS = {
    "Regional total": ("Intra-regional trade", "Intra-regional trade of the Central Asian five"),
    "Growth needed": ("Growth still needed", "What the target needs"),
    "Neighbours": ("Kazakhstan's trade with its neighbours", "Kazakhstan's trade with each partner"),
    "Map": ("Trade with Kazakhstan on the map", "Central Asia: Trade with Kazakhstan"),
    "By country": ("Each country's trade with the rest of Central Asia", "Trade with the rest of Central Asia"),
}


def run_page(countries: list[str]) -> AppTest:
    """Run views/trade.py alone with the country filter preset."""
    app = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    app.session_state["country_filter"] = countries
    return open_tables(app.run())


def run_section(countries: list[str], label: str) -> AppTest:
    """Run the page with the filter preset and open the tab labelled `label`."""
    return open_section(run_page(countries), label)


def _headers(app: AppTest) -> list[str]:
    return [header.value for header in app.header]


def _sources_lines(app: AppTest) -> int:
    return sum(caption.value.startswith("Sources:") for caption in app.caption)


def _specs(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def _chart_titles(app: AppTest) -> list[str]:
    return [spec["layout"]["title"]["text"] for spec in _specs(app)]


def _by_title(app: AppTest, start: str) -> dict:
    return next(spec for spec in _specs(app) if spec["layout"]["title"]["text"].startswith(start))


def _values(data: object) -> list:
    """A trace array as a list (plotly sends numeric arrays as base64 typed arrays)."""
    if isinstance(data, dict) and "bdata" in data:
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"]).tolist()
    return list(data)


def _markdown(app: AppTest) -> str:
    return "\n".join(markdown.value for markdown in app.markdown)


def _metrics(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def test_trade_page_shows_every_section_with_its_charts():
    """Title and five tabs; the regional total alone at first; each tab its heading and one chart (trend, growth,
    bilateral, map, country trade) with its source line; no exception."""
    app = run_page(["KAZ", "UZB"])
    assert not app.exception
    assert app.title[0].value == "Trade"
    assert section_labels(app) == list(SECTIONS)
    # Only the open part is drawn: at first the regional total, one heading and one chart.
    assert _headers(app) == ["Intra-regional trade"]
    assert len(app.get("plotly_chart")) == 1
    assert _sources_lines(app) == 1
    for label, (header, chart_title) in SECTIONS.items():
        open_section(app, label)
        assert not app.exception
        assert _headers(app) == [header]
        titles = _chart_titles(app)
        assert len(titles) == 1 and titles[0].startswith(chart_title), titles
        # The chart has its source line right under it.
        assert _sources_lines(app) == 1


def test_trend_keeps_every_source_apart_and_marks_the_15_and_20_bn_targets():
    """One line per source (ekonomist.kz 6 -> 10); targets at 15 and 20 bn with their speakers."""
    app = run_section(["KAZ", "UZB"], "Regional total")
    trend = _by_title(app, "Intra-regional trade")
    by_name = {trace["name"]: trace for trace in trend["data"]}
    assert _values(by_name["ekonomist.kz"]["y"]) == [6.0, 10.0]
    assert _values(by_name["Silk Way TV, 2025-11-16"]["y"]) == [11.5]
    assert sorted(shape["y0"] for shape in trend["layout"]["shapes"]) == [15.0, 20.0]
    texts = [annotation["text"] for annotation in trend["layout"]["annotations"]]
    assert any("Target USD 20 bn" in text and "7th Consultative Meeting" in text for text in texts)
    metrics = _metrics(app)
    assert metrics["Target"] in ("USD 15 bn", "USD 20 bn")
    assert "Reported by the heads of state (2024)" in metrics


def test_growth_needed_is_computed_from_the_latest_full_year_with_the_sum_shown():
    """11.5 bn (2024, Silk Way TV) -> 15 bn by 2030 needs 4.53 % a year; ekonomist.kz 2019->2023 ran 13.62 %."""
    app = run_section(["KAZ", "UZB"], "Growth needed")
    metrics = _metrics(app)
    assert metrics["Growth needed per year"] == "4.53 %"
    assert metrics["Pace achieved so far"] == "13.62 %"
    text = _markdown(app)
    assert "(15 ÷ 11.5)^(1 ÷ 6) − 1 = **4.53 %** a year" in text
    assert "USD 6 bn in 2019 → USD 10 bn in 2023" in text
    assert "Silk Way TV, 2025\\-11\\-16" in text


def test_choosing_the_20_bn_target_and_a_later_year_changes_the_growth_needed():
    """20 bn by 2030 needs 9.66 % a year; 15 bn by 2035 needs 2.44 %."""
    app = run_section(["KAZ"], "Growth needed")
    app.button_group(key="trade_growth_target").set_value("c5-trade-target-20bn").run()
    assert _metrics(app)["Growth needed per year"] == "9.66 %"
    app.button_group(key="trade_growth_target").set_value("c5-trade-target-15bn")
    app.slider(key="trade_growth_year").set_value(2035).run()
    assert not app.exception
    assert _metrics(app)["Growth needed per year"] == "2.44 %"


def test_choosing_another_base_source_states_its_value_and_year():
    """Starting from ekonomist.kz's 10 bn in 2023 changes the sum shown."""
    app = run_section(["KAZ"], "Growth needed")
    box = app.selectbox(key="trade_growth_base")
    index = next(i for i, option in enumerate(box.options) if "ekonomist.kz" in option)
    box.set_value(index).run()
    assert "(15 ÷ 10)^(1 ÷ 7) − 1" in _markdown(app)
    assert _metrics(app)["Growth needed per year"] == "5.96 %"


def test_the_filter_chooses_the_partners_and_shows_both_sides_where_they_differ():
    """KAZ+KGZ: one Kyrgyz panel and the 2022 gap (1.3 Kazakh vs 1.181 Kyrgyz); KAZ+UZB: an Uzbek panel."""
    app = run_section(["KAZ", "KGZ"], "Neighbours")
    bilateral = _by_title(app, "Kazakhstan's trade with each partner")
    assert [a["text"] for a in bilateral["layout"]["annotations"]] == ["Kazakhstan – Kyrgyzstan"]
    names = {trace["name"] for trace in bilateral["data"]}
    assert {"Kazakhstan's statistics", "Partner's statistics"} <= names
    differ = next(frame.value for frame in app.dataframe if "Kazakhstan's statistics (source)" in frame.value.columns)
    row = differ.iloc[0]
    assert row["Year"] == 2022
    assert row["Kazakhstan's statistics (source)"] == "1.3 (Interfax, 2023-09-25)"
    assert row["Partner's statistics (source)"] == "1.181 (Trend News Agency, 2024-05-24)"

    other = run_section(["KAZ", "UZB"], "Neighbours")
    bilateral = _by_title(other, "Kazakhstan's trade with each partner")
    assert [a["text"] for a in bilateral["layout"]["annotations"]] == ["Kazakhstan – Uzbekistan"]
    part = [trace for trace in bilateral["data"] if "part of a year" in trace["name"]]
    assert part and all(trace["mode"] == "markers" for trace in part)


def test_map_colours_kazakhstans_partners_with_year_reporter_and_source():
    """Five partners coloured; Türkiye 6 bn in 2023; Kyrgyzstan's 2024 value names Kyrgyz statistics."""
    app = run_section(["KAZ", "UZB"], "Map")
    spec = _by_title(app, "Central Asia: Trade with Kazakhstan")
    coloured = spec["data"][1]
    values = dict(zip(coloured["locations"], _values(coloured["z"]), strict=True))
    assert values == {"KGZ": 1.34, "TJK": 1.1488, "TKM": 0.563, "TUR": 6.0, "UZB": 4.3}
    hover = dict(zip(coloured["locations"], coloured["text"], strict=True))
    assert "(2024)" in hover["KGZ"] and "Kyrgyzstan's statistics" in hover["KGZ"] and "24.kg" in hover["KGZ"]
    assert spec["layout"]["geo"]["lonaxis"]["range"][0] == 25.0  # widened to show Türkiye


def test_without_kazakhstan_the_page_says_the_data_is_kazakhstans_and_still_maps_it():
    """Türkiye alone: Neighbours has a Kazakhstan–Türkiye panel; Map says the data is Kazakhstan's and maps it;
    By country has a notice and no chart. Four charts in all."""
    app = run_page(["TUR"])
    assert not app.exception
    charts = {}
    for label in SECTIONS:
        open_section(app, label)
        assert not app.exception
        charts[label] = len(app.get("plotly_chart"))
        infos = " ".join(info.value for info in app.info)
        if label == "Neighbours":
            bilateral = _by_title(app, "Kazakhstan's trade with each partner")
            assert [a["text"] for a in bilateral["layout"]["annotations"]] == ["Kazakhstan – Türkiye"]
        if label == "Map":
            assert "bilateral trade for Kazakhstan's partners only" in infos
            assert _by_title(app, "Central Asia: Trade with Kazakhstan")
        if label == "By country":
            assert "no trade-with-Central-Asia values" in infos
    assert charts == {"Regional total": 1, "Growth needed": 1, "Neighbours": 1, "Map": 1, "By country": 0}


def test_country_trade_follows_the_selection():
    """KAZ+UZB draws both countries' trade with the rest of Central Asia; KGZ alone has none."""
    app = run_section(["KAZ", "UZB"], "By country")
    chart = _by_title(app, "Trade with the rest of Central Asia")
    assert [trace["name"] for trace in chart["data"]] == [
        "Kazakhstan with the rest of Central Asia",
        "Uzbekistan with the rest of Central Asia",
    ]
    assert _values(chart["data"][1]["y"]) == [3.2, 6.9]
    kyrgyz = run_section(["KGZ"], "By country")
    assert any("no trade-with-Central-Asia values" in info.value for info in kyrgyz.info)


def test_an_unverified_series_row_carries_the_mark(data_copy):
    """A row set to verified=false is marked in the trend's legend and its data table."""
    path = data_copy / "series.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0])
    for row in rows:
        if row["source_id"] == "ekonomist-kz-ca-trade-2019-2023":
            row["verified"] = "false"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    app = run_section(["KAZ"], "Regional total")
    assert not app.exception
    trend = _by_title(app, "Intra-regional trade")
    assert "ekonomist.kz ⚠ unverified" in [trace["name"] for trace in trend["data"]]
    table = next(frame.value for frame in app.dataframe if "Quote" in frame.value.columns)
    assert (table["Check"] == "⚠ unverified").sum() == 2


def test_broken_figures_table_shows_a_panel_and_the_rest_still_renders(data_copy):
    """A ragged figures.csv: Growth needed shows the panel naming it, no chart; the trend (without targets),
    bilateral, map and country trade still draw under their tabs."""
    path = data_copy / "figures.csv"
    path.write_text(path.read_text(encoding="utf-8") + "broken,row\n", encoding="utf-8")
    app = run_page(["KAZ", "UZB"])
    assert not app.exception
    assert len(app.get("plotly_chart")) == 1
    trend = _by_title(app, "Intra-regional trade")
    assert not trend["layout"].get("shapes")
    open_section(app, "Growth needed")
    assert not app.exception
    assert _headers(app) == ["Growth still needed"]
    assert any("figures" in error.value for error in app.error)
    assert any("figures.csv" in code.value for code in app.code)
    assert not app.get("plotly_chart")
    for label in ["Neighbours", "Map", "By country"]:
        open_section(app, label)
        assert not app.exception
        titles = _chart_titles(app)
        assert len(titles) == 1 and titles[0].startswith(SECTIONS[label][1]), titles


def test_markup_in_a_target_source_is_drawn_as_text(data_copy):
    """The target line's label names its source: an event holding `<b>` is shown as `&lt;b&gt;`, never as markup."""
    path = data_copy / "sources.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    for row in rows:
        if row["id"] == "speech-c5-astana-2024":
            row["event"] = "<b>Summit</b>"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    app = run_section(["KAZ", "UZB"], "Regional total")
    assert not app.exception
    intra = json.dumps(_specs(app)[0], ensure_ascii=False)
    assert "&lt;b&gt;Summit&lt;/b&gt;" in intra
    assert "<b>Summit</b>" not in intra and "&amp;lt;" not in intra  # escaped once, not twice
