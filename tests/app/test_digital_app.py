"""The Digital and AI page as Streamlit renders it, on its own, with the filter preset.

Each part is a tab and only the open one is drawn: a test opens the tab it reads, as a reader would.
"""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from tests.app.conftest import (
    REPO_ROOT,
    TIMEOUT,
    check_a_selection_comes_back_from_the_kept_models,
    check_a_warm_rerun_queries_nothing,
    open_section,
    section_labels,
)

PAGE = str(REPO_ROOT / "dashboard" / "views" / "digital.py")
# Each tab's label and the heading a reader sees over its part once it is open.
SECTIONS = {
    "AI training": "Students trained in AI",
    "Alem.AI": "Alem.AI",
    "Centres and forums": "Proposed digital centres and forums",
}


def _run(countries: list[str]) -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    app.session_state["country_filter"] = countries
    return app.run()


def _run_section(countries: list[str], label: str) -> AppTest:
    """Run the page with the filter preset and open the tab labelled `label`."""
    return open_section(_run(countries), label)


def _opening(label: str):
    """A `run(countries)` for the kept-model checks that opens the tab labelled `label`."""
    return lambda countries: _run_section(countries, label)


def _headers(app: AppTest) -> list[str]:
    return [h.value for h in app.header]


def _specs(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def _text(elements) -> str:
    return "\n".join(element.value for element in elements)


def test_ai_training_chart_shows_each_source_as_a_bar_with_unverified_ones_marked():
    """Three tabs, the first open alone: four bars (400,000 speech; 390,000; 440,000 and 400 unverified), a source
    line and the Report.az note. The other tabs each show their own heading and no chart."""
    app = _run(["KAZ", "UZB"])
    assert not app.exception
    assert app.title[0].value == "Digital and AI"
    assert section_labels(app) == list(SECTIONS)
    assert _headers(app) == ["Students trained in AI"]  # only the open part is drawn
    specs = _specs(app)
    assert len(specs) == 1
    speech, others = specs[0]["data"]
    assert speech["y"] == [400000.0]
    assert others["y"] == [390000.0, 440000.0, 400.0]
    assert others["text"] == ["390,000", "440,000<br>⚠ unverified", "400<br>⚠ unverified"]
    assert others["marker"]["pattern"]["shape"] == ["", "/", "/"]
    assert any(c.value.startswith("Sources: Kassym\\-Jomart Tokayev") and "Report\\.az" in c.value for c in app.caption)
    warning = _text(app.warning)
    assert "Why Report.az says 400" in warning and "dropped 'thousand'" in warning
    assert {m.label: m.value for m in app.metric}["Report\\.az"] == "400"  # a data label, Markdown-escaped
    assert "⚠ unverified" in _text(app.markdown)
    for label, header in SECTIONS.items():
        open_section(app, label)
        assert not app.exception
        assert _headers(app) == [header]
        assert len(_specs(app)) == (1 if label == "AI training" else 0)


def test_alem_ai_shows_the_claim_the_technical_opening_and_the_plan():
    """The speech's 'recently opened', TASS's technical opening of 2 October 2025, the full start planned."""
    app = _run_section(["KAZ"], "Alem.AI")
    text = _text(app.markdown)
    assert "recently opened in Astana" in text
    assert "The technical opening has been today" in text
    assert "planned by the end of this year" in text
    assert "TASS, 2 October 2025" in _text(app.caption)


def test_each_proposed_centre_is_a_card_with_proposer_forum_date_and_verbatim_words():
    """Five cards; the Digital Monitoring Centre names Tokayev, the 12th OTS Summit in Gabala, the Kazakh words."""
    app = _run_section(["KAZ", "UZB"], "Centres and forums")
    cards = [h.value for h in app.subheader]
    assert cards[0] == "Digital Monitoring Centre"
    assert len(cards) == 5
    assert any("Cybersecurity Council" in card for card in cards)
    text = _text(app.markdown)
    assert "Proposed by Kassym\\-Jomart Tokayev · 12th Summit of the Organization of Turkic States, Gabala" in text
    assert "Цифрлық мониторинг орталығын" in text  # the verbatim Kazakh words
    assert "Digital Monitoring Centre within the Organization" in text  # and their translation


def test_selecting_only_hungary_hides_the_kazakh_and_ots_member_figures_and_says_so():
    """HUN: no chart and no card under any tab, and a notice counting the hidden figures and naming Kazakhstan."""
    wide = _run(["KAZ", "UZB"])
    app = _run(["HUN"])
    assert not app.exception
    assert _specs(wide) and not _specs(app)
    notice = _text(app.info)
    assert "of this page's figures are hidden" in notice and "Kazakhstan" in notice
    assert "add Kazakhstan to the selection" in notice
    assert _run_section(["KAZ", "UZB"], "Centres and forums").subheader
    for label in SECTIONS:
        open_section(app, label)
        assert not app.exception
        assert not _specs(app)
        assert not app.subheader


def test_a_broken_sources_table_shows_its_error_panel_and_the_page_still_renders(data_copy):
    """sources.csv without its columns: each tab's section names it; the title and the filter notice remain."""
    (data_copy / "sources.csv").write_text("nonsense\n1\n", encoding="utf-8")
    app = _run(["HUN"])
    assert not app.exception
    for label, header in SECTIONS.items():
        open_section(app, label)
        assert not app.exception
        assert app.title[0].value == "Digital and AI"
        assert _headers(app) == [header]
        assert "'sources'" in _text(app.error)
        assert "of this page's figures are hidden" in _text(app.info)


# --- Warm reruns: each section's model is kept per (data, selection, language) -----------------
# Only the open tab's section is drawn, so each check is made once per tab.


def _shown(app: AppTest) -> dict[str, list]:
    """Everything the page shows that a reader reads: texts, tables, metrics and chart specs, in order."""
    return {
        "markdown": _text(app.markdown).split("\n"),
        "caption": [e.value for e in app.caption],
        "headings": [e.value for e in [*app.title, *app.header, *app.subheader]],
        "notices": [e.value for e in [*app.info, *app.warning, *app.error]],
        "metrics": [(m.label, m.value) for m in app.metric],
        "tables": [frame.value.to_csv() for frame in app.dataframe],
        "charts": _specs(app),
    }


def test_a_selection_shown_again_comes_back_the_same_from_the_cache():
    """Under each tab, KAZ+UZB, then HUN, then KAZ+UZB in one session: the third run shows exactly what the first
    (cold) did."""
    for label in SECTIONS:
        check_a_selection_comes_back_from_the_kept_models(_opening(label), _shown, ["HUN"])


def test_a_warm_rerun_runs_no_query(monkeypatch):
    """Once a selection has been shown, rerunning it needs no query: every section comes from the cache."""
    from dashboard.queries import digital as queries

    names = ["ai_training", "alem_ai", "digital_centres", "hidden_by_filter"]
    for label in SECTIONS:
        with monkeypatch.context() as patch:  # the queries work again for the next tab's cold run
            check_a_warm_rerun_queries_nothing(patch, _opening(label), _shown, queries, names)


def test_a_data_edit_shows_on_the_next_rerun_of_the_same_selection(data_copy):
    """The speech's 400,000 edited while the page is open: the next rerun shows the new count, not the kept one."""
    app = _run_section(["KAZ"], "AI training")
    assert _specs(app)[0]["data"][0]["y"] == [400000.0]
    path = data_copy / "figures.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count("ai-students-400k,students-trained-ai,,400000,") == 1
    path.write_text(text.replace("ai-students-400k,students-trained-ai,,400000,",
                                 "ai-students-400k,students-trained-ai,,410000,"), encoding="utf-8")
    app.run()
    assert not app.exception
    assert _specs(app)[0]["data"][0]["y"] == [410000.0]
    assert "410,000" in [metric.value for metric in app.metric]
