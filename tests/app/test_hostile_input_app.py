"""Hostile text in the data and in the link is shown as the text it is: never HTML, Markdown or a traceback.

A copy of the data carries `<script>`, `<img onerror>`, Markdown emphasis, a link and an image in every
free-text column (quotes, country and place names, source titles, publishers, speakers, notes...).
Every page is rendered and every element that Streamlit renders as Markdown (markdown, captions,
alerts, headings, metric labels, widget labels, expander and popover labels) is checked for the raw
syntax, and every Plotly label (hover text, trace names, tick labels, annotations) for raw tags.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, REPO_ROOT, TIMEOUT, each_section, run_app

HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> **bold** "
    "[link](http://evil.example/) ![pic](http://evil.example/x.png) &amp; <b>b</b>"
)
# Raw syntax that must never reach a Markdown element or a Plotly label unescaped.
RAW_MARKDOWN = ("<script>", "<img", "<b>b", "**bold**", "](http://evil", "![pic]", "&amp;")
RAW_TAGS = ("<script>", "<img", "<b>b</b>")
# The same text, escaped, is still there: the injection was exercised, not dropped.
ESCAPED_MARKDOWN = "\\<script\\>alert\\(1\\)"
ESCAPED_PLOTLY = "&lt;script&gt;alert(1)"

FREE_TEXT = {
    "sources": ["title", "publisher", "event", "place", "speaker", "note"],
    "countries": ["name_en", "name_ru", "name_kk", "capital_en", "capital_ru", "capital_kk"],
    "figures": ["quote", "quote_en", "quote_ru", "note"],
    "series": ["quote", "note", "reporter"],
    "places": ["name_en", "name_ru", "name_kk", "note"],
    "routes": ["name_en", "name_ru", "name_kk", "note"],
    "projects": ["name_en", "name_ru", "name_kk", "note"],
    "initiatives": ["name_en", "name_ru", "name_kk", "proposed_by", "forum", "note"],
    "metrics": ["name_en", "name_ru", "name_kk", "description"],
    "groups": ["note"],
}
ALL_COUNTRIES = "KAZ,UZB,KGZ,TJK,TKM,AZE,TUR,HUN"
PAGES = ["overview", "trade", "transport", "energy_water", "digital", "initiatives", "sources"]

# Elements whose text Streamlit shows as plain text (cells, code, text) or that are checked apart.
PLAIN_ELEMENTS = {"dataframe", "text", "code", "json", "plotly_chart"}
# Fields of select widgets that hold options: plain text in the browser (checked there).
OPTION_FIELDS = {"options", "default", "value", "rawValue", "rawValues", "setValue"}


def write_hostile_copy(target: Path, hostile: str = HOSTILE) -> Path:
    """Copy data/ to `target` with `hostile` appended to every free-text cell that holds a value."""
    shutil.copytree(REPO_ROOT / "data", target, ignore=shutil.ignore_patterns("*.py", "__pycache__", "README.md"))
    for table, columns in FREE_TEXT.items():
        path = target / f"{table}.csv"
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        for row in rows:
            for column in columns:
                if row[column]:
                    row[column] = f"{row[column]} {hostile}"
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory) -> Path:
    """One hostile copy of the data for the whole module (it is only read)."""
    return write_hostile_copy(tmp_path_factory.mktemp("hostile") / "data")


def _strings(value: object, skip: set[str] = frozenset()) -> list[str]:
    if isinstance(value, dict):
        return [s for key, item in value.items() if key not in skip for s in _strings(item, skip)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item, skip)]
    return [value] if isinstance(value, str) else []


def markdown_texts(app: AppTest) -> list[tuple[str, str]]:
    """(element type, text) for every string the browser renders as Markdown, sidebar included."""
    found: list[tuple[str, str]] = []

    def walk(node) -> None:
        kind = getattr(node, "type", "")
        proto = getattr(node, "proto", None)
        if proto is not None and kind not in PLAIN_ELEMENTS and hasattr(proto, "DESCRIPTOR"):
            found.extend((kind, text) for text in _strings(MessageToDict(proto), OPTION_FIELDS))
        children = getattr(node, "children", None)
        for child in (children.values() if isinstance(children, dict) else []):
            walk(child)

    walk(app._tree)
    return found


def chart_texts(app: AppTest) -> list[str]:
    """Every string in every Plotly figure but the boundaries (labels, hover text, names, ticks)."""
    return [s for chart in app.get("plotly_chart") for s in _strings(json.loads(chart.proto.spec), {"geojson"})]


def _raw(text: str, marker: str) -> bool:
    """`marker` occurs in `text` with its first character not backslash-escaped."""
    return re.search(r"(?<!\\)" + re.escape(marker), text) is not None


def _assert_no_raw(texts: list[tuple[str, str]], raw: tuple[str, ...]) -> None:
    leaks = [(kind, text[:160]) for kind, text in texts if any(_raw(text, marker) for marker in raw)]
    assert not leaks, f"{len(leaks)} elements render data as Markdown/HTML: {leaks[:5]}"


@pytest.mark.parametrize("page", PAGES)
def test_hostile_data_is_shown_as_text_on_every_page(hostile_dir, monkeypatch, page):
    """Every page, every tab, with hostile data: no traceback, no raw Markdown/HTML in any element, the text
    still shown."""
    monkeypatch.setenv("ORTAQ_DATA_DIR", str(hostile_dir))
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.query_params["countries"] = ALL_COUNTRIES
    app.run()
    if page != "overview":
        app.switch_page(f"views/{page}.py").run()
    texts, charts = [], []
    for section in each_section(app):
        assert not app.exception, (section, [e.value for e in app.exception])
        assert app.title[0].value  # the page drew
        texts += markdown_texts(app)
        charts += chart_texts(app)
    _assert_no_raw(texts, RAW_MARKDOWN)
    assert any(ESCAPED_MARKDOWN in text for _, text in texts), "the hostile text should be shown, escaped"
    _assert_no_raw([("plotly_chart", text) for text in charts], RAW_TAGS)
    if charts:
        assert any(ESCAPED_PLOTLY in text for text in charts) or page == "initiatives"


def test_hostile_data_in_russian_and_kazakh_names_is_shown_as_text(hostile_dir, monkeypatch):
    """The same in Russian and Kazakh, where names and translations come from other columns."""
    monkeypatch.setenv("ORTAQ_DATA_DIR", str(hostile_dir))
    for lang in ("ru", "kk"):
        app = AppTest.from_file(APP, default_timeout=TIMEOUT)
        app.query_params["countries"] = ALL_COUNTRIES
        app.query_params["lang"] = lang
        app.run()
        for page in ("overview", "transport", "energy_water"):
            if page != "overview":
                app.switch_page(f"views/{page}.py").run()
            for _ in each_section(app):
                assert not app.exception
                _assert_no_raw(markdown_texts(app), RAW_MARKDOWN)
                _assert_no_raw([("plotly_chart", text) for text in chart_texts(app)], RAW_TAGS)


# --- the link ------------------------------------------------------------------------------

LINK_VALUES = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "**bold** [link](http://evil.example/) ![pic](http://evil.example/x.png)",
    "KAZ,<b>UZB</b>,`code`,$x$,:red[red]",
]


@pytest.mark.parametrize("value", LINK_VALUES)
def test_hostile_countries_in_the_link_are_ignored_with_a_notice_shown_as_text(value):
    """?countries=<hostile>: no traceback; the notice names the rejected items, escaped, never as HTML."""
    app = run_app({"countries": value})
    assert not app.exception
    notices = [warning.value for warning in app.sidebar.warning]
    assert notices, "an ignored parameter is announced"
    _assert_no_raw([("warning", notice) for notice in notices], RAW_MARKDOWN + ("`code`", ":red["))
    _assert_no_raw(markdown_texts(app), RAW_MARKDOWN)
    assert app.title[0].value == "Overview"


@pytest.mark.parametrize("value", ["<script>alert(1)</script>", "**ru**", "[ru](http://evil.example/)"])
def test_hostile_language_in_the_link_is_ignored_with_a_notice_shown_as_text(value):
    """?lang=<hostile>: English, a notice, and the value shown escaped."""
    app = run_app({"lang": value})
    assert not app.exception
    assert app.title[0].value == "Overview"
    notices = [warning.value for warning in app.sidebar.warning]
    assert any("unknown language" in notice for notice in notices)
    _assert_no_raw([("warning", notice) for notice in notices], RAW_MARKDOWN + ("**ru**", "](http"))


def test_hostile_present_value_is_ignored_with_a_notice_shown_as_text():
    """?present=<script>: not presenting, a notice, the value escaped."""
    app = run_app({"present": "<script>alert(1)</script>"})
    assert not app.exception
    notices = [warning.value for warning in app.sidebar.warning]
    assert any("present" in notice for notice in notices)
    _assert_no_raw([("warning", notice) for notice in notices], RAW_MARKDOWN)
    assert "present" not in app.query_params


def test_unknown_parameters_in_the_link_are_ignored_with_a_notice():
    """?foo=1&utm_source=x: the page opens as without them and a notice names them, escaped."""
    app = run_app({"countries": "KAZ", "foo": "1", "utm_source": "x", "<b>x</b>": "1"})
    assert not app.exception
    assert app.sidebar.multiselect[0].value == ["KAZ"]
    notices = [warning.value for warning in app.sidebar.warning]
    assert any("unknown parameters" in notice and "foo" in notice and "utm\\_source" in notice for notice in notices)
    _assert_no_raw([("warning", notice) for notice in notices], RAW_MARKDOWN)


@pytest.mark.parametrize(
    "query",
    [
        {"countries": ""},
        {"countries": ",,,;;"},
        {"countries": "KAZ," * 2000},
        {"countries": "x" * 5000},
        {"countries": "\x00\n\r\t\u202e"},
        {"countries": "ҚАЗ,kaz,Uzb"},
        {"lang": ""},
        {"lang": "EN"},
        {"lang": "ru-RU"},
        {"present": ""},
        {"present": "1" * 100},
    ],
    ids=lambda query: repr(query)[:40],
)
def test_malformed_link_values_never_raise(query):
    """Empty, repeated, huge, control-character and wrong-case values: the page renders, no traceback."""
    app = run_app(query)
    assert not app.exception
    assert app.title[0].value == "Overview"
    for notice in (warning.value for warning in app.sidebar.warning):
        assert len(notice) < 600, "a notice repeats only the start of a long value"
        assert "\x00" not in notice and "\u202e" not in notice
