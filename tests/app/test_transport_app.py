"""The Transport page as Streamlit renders it on its own: corridor map, cargo ×6 recomputed, capacity, lengths."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from tests.app.conftest import REPO_ROOT, TIMEOUT, open_section, open_tables, page_content, section_labels

PAGE = str(REPO_ROOT / "dashboard" / "views" / "transport.py")
# The page's parts as tabs (tab label: the open part's header); only the open one is drawn.
SECTIONS = {
    "Map": "Corridors and new lines",
    "Middle Corridor": "Middle Corridor cargo",
    "Dostyk–Moyinty": "Dostyk–Moyinty: capacity with the second track",
    "Lines": "Lines: lengths, dates and sources",
}


def run_page(countries: list[str]) -> AppTest:
    """Run views/transport.py alone with the country filter preset."""
    app = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    app.session_state["country_filter"] = countries
    return open_tables(app.run())


def _drawn(app: AppTest) -> list[str]:
    """The tabs with anything drawn in them."""
    return [tab.label for tab in app.tabs if tab.children]


def _specs(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def _by_title(app: AppTest, start: str) -> dict:
    return next(spec for spec in _specs(app) if spec["layout"]["title"]["text"].startswith(start))


def _line_traces(spec: dict) -> list[dict]:
    return [trace for trace in spec["data"] if trace["type"] == "scattergeo" and trace.get("mode") == "lines"]


def _markdown(app: AppTest) -> str:
    return "\n".join(markdown.value for markdown in app.markdown)


def _frame(app: AppTest, column: str):
    return next(frame.value for frame in app.dataframe if column in frame.value.columns)


def test_transport_page_shows_map_cargo_capacity_and_lines():
    """Title, four tabs, each with its header and charts (map; cargo, containers; capacity; none), no exception.

    The page opens on the map; only the open tab's part is drawn.
    """
    app = run_page(["KAZ", "UZB"])
    assert not app.exception
    assert app.title[0].value == "Transport"
    assert section_labels(app) == list(SECTIONS)
    assert [header.value for header in app.header] == ["Corridors and new lines"]
    assert _drawn(app) == ["Map"]
    charts = {
        "Map": ["Rail lines and corridors"],
        "Middle Corridor": ["Middle Corridor (TITR) cargo", "Middle Corridor (TITR) containers"],
        "Dostyk–Moyinty": ["Dostyk–Moyinty: train pairs a day"],
        "Lines": [],
    }
    drawn_charts = sources_lines = 0
    for label, title in SECTIONS.items():
        app = open_section(app, label)
        assert not app.exception
        assert [header.value for header in app.header] == [title]
        assert _drawn(app) == [label]
        titles = [spec["layout"]["title"]["text"] for spec in _specs(app)]
        assert len(titles) == len(charts[label])
        assert all(text.startswith(start) for text, start in zip(titles, charts[label], strict=True))
        drawn_charts += len(titles)
        sources_lines += sum(caption.value.startswith("Sources:") for caption in app.caption)
    assert drawn_charts == 4
    assert sources_lines == 4


def test_map_draws_corridors_by_status_marks_schematic_lines_and_lists_unplaced_stops():
    """Lines by kind and status, the Middle Corridor as schematic (unverified), ports labelled, stops listed."""
    app = open_section(run_page(["KAZ", "UZB"]), "Map")
    spec = _by_title(app, "Rail lines and corridors")
    names = {trace["name"] for trace in _line_traces(spec)}
    assert "New rail line (under construction)" in names
    assert "Middle Corridor (operating), schematic, unverified" in names
    assert "Caspian crossing (operating), schematic, unverified" in names
    labels = next(trace for trace in spec["data"] if trace.get("mode") == "text")
    assert {"Aktau", "Kuryk", "Dostyk"} <= set(labels["text"])
    assert any(expander.label.startswith("Stops without a sourced position") for expander in app.expander)
    assert any(text.value.startswith("Moyinty – Kyzylzhar railway: Kyzylzhar") for text in app.text)


def test_six_fold_claim_is_recomputed_with_the_sum_and_a_verdict():
    """2019→2024: 0.759 → 4.484 m t = ×5.9 and 2020→2025 = ×5.3 from Report.az; the claim ×6 with its source."""
    app = open_section(run_page(["KAZ"]), "Middle Corridor")
    text = _markdown(app)
    assert "2019→2024: 0.759 → 4.484 m t = **×5.9** (Report\\.az, 2026\\-03\\-10)" in text
    assert "2020→2025: 0.783 → 4.119 m t = **×5.3**" in text
    assert "Соңғы 5 жылда Орта дәліз" in text  # the verbatim quote in the popover
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Middle Corridor cargo in five years"] == "×6"
    verdict = " ".join(info.value for info in app.info)
    assert "×6 over 2020\\-2025" in verdict and "×5.3" in verdict and "closest is ×5.9 (2019→2024)" in verdict
    cargo = _by_title(app, "Middle Corridor (TITR) cargo")
    assert [a["text"] for a in cargo["layout"]["annotations"]] == ["×5.3 (2020→2025)", "×5.9 (2019→2024)"]


def test_dostyk_moyinty_bars_show_12_and_60_train_pairs_beside_the_x5_claim():
    """Two bars, 12 and 60 pairs a day, 60 ÷ 12 = ×5, the claim ×5 with its speaker."""
    app = open_section(run_page(["KAZ"]), "Dostyk–Moyinty")
    bars = _by_title(app, "Dostyk–Moyinty")["data"][0]
    assert bars["x"] == ["Before the second track", "With the second track"]
    assert bars["text"] == ["12 pairs/day", "60 pairs/day"]
    assert "60 ÷ 12 train pairs a day = **×5**" in _markdown(app)
    assert {metric.label: metric.value for metric in app.metric}["Freight on the Dostyk–Moyinty second line"] == "×5"


def test_lines_table_shows_lengths_dates_and_every_disagreement():
    """Eleven lines with the Almaty bypass; Bakhty–Ayagoz 272 vs 295 km side by side; unverified rows marked."""
    app = open_section(run_page(["KAZ"]), "Lines")
    lines = _frame(app, "Every length reported").set_index("Line")
    assert len(lines) == 11
    bakhty = lines.loc["Bakhty – Ayagoz railway"]
    assert bakhty["Length, km (primary source)"] == "272"
    assert "295 km — Trend News Agency, 2025-09-17" in bakhty["Every length reported"]
    assert bakhty["Sources disagree"] == "yes"
    assert bakhty["Construction start"] == "2023-12-21" and bakhty["Planned completion"] == "2027"
    assert lines.loc["Almaty railway bypass", "Length, km (primary source)"] == "75"
    assert lines.loc["Middle Corridor (Trans-Caspian International Transport Route, TITR)", "Check"] == "⚠ unverified"
    disputed = _frame(app, "Given by")
    assert disputed[["Line", "Length, km"]].values.tolist() == [
        ["Bakhty – Ayagoz railway", 272.0],
        ["Bakhty – Ayagoz railway", 295.0],
        ["Moyinty – Kyzylzhar railway", 329.0],
        ["Moyinty – Kyzylzhar railway", 360.0],
    ]
    assert any(button.label == "Download CSV" for button in app.get("download_button"))


def test_turkiye_alone_shows_no_kazakh_lines_and_says_so():
    """TUR: no line on the map, a notice naming where the lines run, no capacity chart; the ×6 claim stays."""
    app = open_section(run_page(["TUR"]), "Map")
    assert not app.exception
    assert not _line_traces(_by_title(app, "Rail lines and corridors"))
    infos = " ".join(info.value for info in app.info)
    assert "None of the lines in the data runs through the selected countries" in infos
    assert "Azerbaijan, Kazakhstan" in infos
    app = open_section(app, "Dostyk–Moyinty")
    assert not app.exception
    assert "The Dostyk–Moyinty figures concern Kazakhstan" in " ".join(info.value for info in app.info)
    assert not _specs(app)
    titles = []
    for label in SECTIONS:
        app = open_section(app, label)
        assert not app.exception
        titles += [spec["layout"]["title"]["text"] for spec in _specs(app)]
    assert not any(title.startswith("Dostyk") for title in titles)
    assert any(title.startswith("Middle Corridor (TITR) cargo") for title in titles)


def test_azerbaijan_shows_the_caspian_crossing_only():
    """AZE: the Middle Corridor and the sea link, no Kazakh rail line."""
    app = open_section(run_page(["AZE"]), "Map")
    names = {trace["name"] for trace in _line_traces(_by_title(app, "Rail lines and corridors"))}
    assert names == {
        "Middle Corridor (operating), schematic, unverified",
        "Caspian crossing (operating), schematic, unverified",
    }


def test_kyrgyzstan_alone_shows_only_the_map():
    """KGZ concerns none of the transport figures: only the map, and notices saying why."""
    app = run_page(["KGZ"])
    charts = {}
    for label in SECTIONS:
        app = open_section(app, label)
        assert not app.exception
        charts[label] = len(app.get("plotly_chart"))
        if label == "Middle Corridor":
            assert any("Middle Corridor figures concern" in info.value for info in app.info)
    assert charts == {"Map": 1, "Middle Corridor": 0, "Dostyk–Moyinty": 0, "Lines": 0}


def test_broken_routes_table_shows_a_panel_and_the_rest_still_renders(data_copy):
    """A ragged routes.csv: the map and lines tabs show the panel naming it; cargo, containers and capacity
    charts still draw."""
    path = data_copy / "routes.csv"
    path.write_text(path.read_text(encoding="utf-8") + "broken,row\n", encoding="utf-8")
    app = run_page(["KAZ"])
    titles = []
    for label in SECTIONS:
        app = open_section(app, label)
        assert not app.exception
        assert [header.value for header in app.header] == [SECTIONS[label]]
        if label in ("Map", "Lines"):
            assert any("routes" in error.value for error in app.error)
            assert any("routes.csv" in code.value for code in app.code)
        titles += [spec["layout"]["title"]["text"] for spec in _specs(app)]
    assert len(titles) == 3 and not any(title.startswith("Rail lines") for title in titles)


# --- the kept page models (dashboard.memo) ------------------------------------------------


def _select(app: AppTest, countries: list[str]) -> AppTest:
    app.session_state["country_filter"] = countries
    return app.run()


def _every_part(app: AppTest) -> dict[str, list[str]]:
    """Each tab's page, opened in turn as a reader would."""
    return {label: page_content(open_section(app, label)) for label in SECTIONS}


def test_a_selection_shown_again_is_drawn_from_the_kept_models_exactly_as_the_first_time():
    """KAZ,UZB (built), TUR (built), AZE (built), KAZ,UZB again (kept): every tab the same as the first time."""
    from dashboard import memo

    memo.clear()
    app = run_page(["KAZ", "UZB"])
    first = _every_part(app)
    assert memo.size() > 0, "the page keeps its models"
    turkiye = _every_part(_select(app, ["TUR"]))
    assert turkiye != first
    assert turkiye["Map"] != first["Map"]
    azerbaijan = _every_part(_select(app, ["AZE"]))
    assert azerbaijan not in (first, turkiye)
    assert azerbaijan["Map"] not in (first["Map"], turkiye["Map"])
    assert _every_part(_select(app, ["KAZ", "UZB"])) == first
    assert _every_part(_select(app, ["TUR"])) == turkiye
    assert not app.exception


def test_an_edited_data_file_shows_on_the_next_rerun_not_the_kept_page(data_copy):
    """The kept models belong to one version of the data: a renamed line shows on the map and in the tables."""
    app = open_section(run_page(["KAZ"]), "Map")
    assert "Bakhty – Ayagoz railway" in _frame(app, "Stops")["Line"].tolist()
    app = open_section(app, "Lines")
    assert "Bakhty – Ayagoz railway" in _frame(app, "Every length reported")["Line"].tolist()
    path = data_copy / "routes.csv"
    text = path.read_text(encoding="utf-8")
    edited = text.replace("bakhty-ayagoz,Bakhty – Ayagoz railway,", "bakhty-ayagoz,Bakhty – Ayagoz line (edited),")
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    app = app.run()
    assert not app.exception
    lines = _frame(app, "Every length reported")["Line"].tolist()
    assert "Bakhty – Ayagoz line (edited)" in lines and "Bakhty – Ayagoz railway" not in lines
    assert any("Bakhty – Ayagoz line (edited)" in row for row in _frame(app, "Given by")["Line"].tolist())
    app = open_section(app, "Map")
    assert not app.exception
    stops = _frame(app, "Stops")["Line"].tolist()
    assert "Bakhty – Ayagoz line (edited)" in stops and "Bakhty – Ayagoz railway" not in stops
