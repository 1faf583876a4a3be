"""Presentation mode and the export controls in the running app (AppTest)."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import i18n
from dashboard.export import images
from tests.app.conftest import APP, TIMEOUT, open_tables, run_app

needs_chromium = pytest.mark.skipif(images.find_chromium() is None, reason="image export needs Chromium")


def _counter(app: AppTest) -> str:
    return next(markdown.value for markdown in app.markdown if " / " in markdown.value and len(markdown.value) < 12)


def _present(query: dict[str, str]) -> AppTest:
    return run_app({"present": "1", **query})


def test_present_link_shows_only_the_first_slide_with_counter_and_footer():
    """?present=1: no page (no "Overview" title), slide 1 of 13 with its title, one chart, source and date."""
    app = _present({"countries": "KAZ,UZB"})
    assert not app.exception
    titles = [title.value for title in app.title]
    assert "Overview" not in titles
    assert titles[0] == "Intra-regional trade reached"
    assert _counter(app) == "1 / 13"
    assert len(app.get("plotly_chart")) == 1
    captions = [caption.value for caption in app.caption]
    assert any("Tokayev" in caption and caption.startswith("Source") for caption in captions)
    assert images.today_text() in captions
    style = next(markdown.value for markdown in app.markdown if markdown.value.startswith("<style>"))
    assert 'section[data-testid="stSidebar"]' in style and 'header[data-testid="stHeader"]' in style
    assert app.query_params["present"] == "1"


def test_slide_chart_is_drawn_for_a_projector():
    """The slide's chart: base type 22 px and more, black ink, no template greys behind the data."""
    app = _present({"countries": "KAZ,UZB"})
    for _ in range(7):  # to the intra-regional trade chart
        app.button(key="present-next").click().run()
    assert app.title[0].value == "Intra-regional trade"
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    layout = spec["layout"]
    assert layout["font"]["size"] >= 22 and layout["font"]["color"] == "#000000"
    widths = [trace["line"]["width"] for trace in spec["data"] if "lines" in trace.get("mode", "")]
    assert widths and min(widths) >= 4


def test_next_previous_and_exit():
    """Next advances to slide 2, Previous returns; Exit shows the Overview again and drops present from the link."""
    app = _present({"countries": "KAZ,UZB"})
    first = app.title[0].value
    app.button(key="present-next").click().run()
    assert _counter(app) == "2 / 13"
    assert app.title[0].value == "Intra-regional trade target" != first
    app.button(key="present-prev").click().run()
    assert _counter(app) == "1 / 13"
    assert app.button(key="present-prev").disabled
    app.button(key="present-exit").click().run()
    assert app.title[0].value == "Overview"
    assert "present" not in app.query_params
    assert app.query_params["countries"] == "KAZ,UZB"  # the filter survives the slide show


def test_present_button_in_the_sidebar_starts_the_slides_for_the_current_filter():
    """The sidebar's Present button opens slide 1 for the filter in use (Türkiye: fewer slides)."""
    app = run_app({"countries": "TUR"})
    assert app.title[0].value == "Overview"
    app.sidebar.button(key="present-start").click().run()
    assert not app.exception
    counter = _counter(app)
    assert counter.startswith("1 / ") and counter != "1 / 13"
    assert app.query_params["present"] == "1"


def test_slides_in_kazakh(monkeypatch):
    """?lang=kk: slide title, buttons and the date are Kazakh, and no slide shows an untranslated string."""
    monkeypatch.setenv("ORTAQ_I18N_STRICT", "1")
    i18n.MISSING.clear()
    app = _present({"countries": "KAZ,UZB,KGZ,TJK,TKM,AZE", "lang": "kk"})  # every slide is built for the deck
    assert not sorted(message for code, message in i18n.MISSING if code == "kk")
    i18n.set_language("kk")
    try:
        assert app.title[0].value == i18n.t("Intra-regional trade reached")
        assert app.button(key="present-next").label == i18n.t("Next") == "Келесі"
        assert images.today_text() in [caption.value for caption in app.caption]
    finally:
        i18n.set_language("en")
    assert "Шолу" not in [title.value for title in app.title]


def test_pages_work_without_chromium_and_say_what_is_missing(monkeypatch):
    """No Chromium: the Overview renders fully; chart images and slides say Chromium is needed."""
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    app = run_app({"countries": "KAZ,UZB"})
    assert not app.exception
    assert len(app.get("plotly_chart")) == 2
    hint = "Image export needs Chromium (apt-get install chromium)"
    charts = [button for button in app.button if button.key.startswith("image-")]
    assert len(charts) == 2 and all(button.label == hint and button.disabled for button in charts)
    slides = app.sidebar.button(key="slides-unavailable")
    assert slides.label == hint and slides.disabled


def test_every_table_offers_csv_and_xlsx():
    """Each table has its two downloads, written on click (tests/e2e/test_downloads_browser.py saves them)."""
    app = open_tables(run_app({"countries": "KAZ,UZB"}))
    labels = {button.key: button.label for button in app.get("download_button")}
    tables = [key.removeprefix("download-") for key in labels if not key.startswith(("download-xlsx-", "image-"))]
    assert len(tables) == 3
    for table in tables:
        assert labels[f"download-{table}"] == "Download CSV"
        assert labels[f"download-xlsx-{table}"] == "Excel (XLSX)"


@needs_chromium
def test_chart_image_is_drawn_on_request():
    """Choosing SVG in a chart's image menu draws it and offers the file."""
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.query_params["countries"] = "KAZ,UZB"
    app.run()
    app.get("menu_button")[1].click("svg").run()  # [0] is the sidebar's slides menu
    assert not app.exception
    assert "Save SVG" in [button.label for button in app.get("download_button")]
