"""AppTest helpers: run the dashboard headless against the real data or a broken copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

REPO_ROOT = Path(__file__).resolve().parents[2]
APP = str(REPO_ROOT / "dashboard" / "app.py")
TIMEOUT = 60


def run_app(query: dict[str, str] | None = None) -> AppTest:
    """Run the whole app (sidebar + current page) once and return it (data tables closed: open_tables)."""
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        app.query_params[key] = value
    return app.run()


@pytest.fixture()
def data_copy(tmp_path, monkeypatch) -> Path:
    """A private copy of data/ the test may break; the app reads it via ORTAQ_DATA_DIR."""
    target = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", target, ignore=shutil.ignore_patterns("*.py", "__pycache__", "README.md"))
    monkeypatch.setenv("ORTAQ_DATA_DIR", str(target))
    return target


def open_tables(app):
    """Open every data table on the page, as a reader clicking each "Data shown", and rerun.

    Tables are sent only while open (dashboard/components/data_table.py).
    """
    from dashboard.components.data_table import TABLE_KEY_PREFIX

    keys = [key for key in app.session_state._state.filtered_state if str(key).startswith(TABLE_KEY_PREFIX)]
    for key in keys:
        app.session_state[key] = True
    return app.run()


def open_section(app, label: str):
    """Open the page's tab labelled `label`, as a reader clicking it, then its data tables; rerun.

    A page's parts are tabs and only the open one is drawn (dashboard/components/page_sections.py).
    """
    from dashboard.components.page_sections import TABS_KEY_PREFIX

    keys = [key for key in app.session_state._state.filtered_state if str(key).startswith(TABS_KEY_PREFIX)]
    assert len(keys) == 1, f"expected one page's tabs, found {keys}"
    tabs = app.tabs
    assert label in [tab.label for tab in tabs], f"no tab {label!r} in {[tab.label for tab in tabs]}"
    app.session_state[keys[0]] = label
    return open_tables(app.run())


def section_labels(app) -> list[str]:
    """The page's tab labels, in order."""
    return [tab.label for tab in app.tabs]


def each_section(app):
    """Open each of the page's tabs in turn (yielding its label); a page without tabs is yielded once, as it is."""
    labels = section_labels(app)
    if not labels:
        yield None
        return
    for label in labels:
        open_section(app, label)
        yield label


def check_a_selection_comes_back_from_the_kept_models(run, shown, other: list[str]) -> None:
    """KAZ+UZB, then `other`, then KAZ+UZB in one session: the third run shows exactly what the first
    (cold) did, and builds nothing new.

    `run(countries)` opens the page on a selection; `shown(app)` is what the page shows.
    """
    from dashboard import memo

    memo.clear()
    app = run(["KAZ", "UZB"])
    first = shown(app)
    assert memo.size() > 0
    app.session_state["country_filter"] = list(other)
    app.run()
    between = shown(app)
    kept = memo.size()
    app.session_state["country_filter"] = ["KAZ", "UZB"]
    app.run()
    assert not app.exception
    assert between != first
    assert shown(app) == first
    assert memo.size() == kept  # the first selection's models were reused, not built again


def check_a_warm_rerun_queries_nothing(monkeypatch, run, shown, queries, names: list[str]) -> None:
    """Once KAZ+UZB has been shown, its rerun calls none of `queries`' functions `names`; a selection
    never seen before does (and, with them broken, fails section by section)."""
    app = run(["KAZ", "UZB"])
    before = shown(app)

    def broken(*args, **kwargs):
        raise AssertionError("a warm rerun queried the data")

    for name in names:
        monkeypatch.setattr(queries, name, broken)
    app.run()
    assert not app.exception
    assert shown(app) == before
    app.session_state["country_filter"] = ["KAZ", "TKM"]
    app.run()
    assert any("could not be shown" in warning.value for warning in app.warning)


def page_content(app) -> list[str]:
    """Every element of the page (not the sidebar) with its whole message, as JSON lines.

    Left out: per-run download ids, an expander's id (a table's expander is re-keyed once
    opened, see data_table), and a widget's setValue and the raw value it carries (sent on every run
    once the value is a kept choice, see state.kept: they say who set the value; the value itself
    shows in what the page draws from it). Two runs that show the same page give equal lists.
    """
    import json

    from google.protobuf.json_format import MessageToDict

    found: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "DESCRIPTOR"):
            message = MessageToDict(proto)
            message.pop("deferredFileId", None)
            if message.pop("setValue", False):
                message.pop("rawValues", None)
                message.pop("rawValue", None)
                message.pop("value", None)
            if getattr(node, "type", "") == "expander":
                message.pop("id", None)
            found.append(json.dumps([getattr(node, "type", ""), message], sort_keys=True, ensure_ascii=False))
        children = getattr(node, "children", None)
        for child in children.values() if isinstance(children, dict) else []:
            walk(child)

    walk(app.main)
    return found
