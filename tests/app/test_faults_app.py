"""Faults while the dashboard runs: data edited or broken under it, the boundaries gone, a bug in one section.

Each AppTest keeps one session across runs, as a reader who leaves the page open while a curator
edits data/: the next rerun must show the edit, a broken file must take down only what needs it,
and mending it must bring everything back, all without a restart.
"""

from __future__ import annotations

import json
import os
import time
from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data_access
from tests.app.conftest import APP, TIMEOUT, open_section, open_tables, page_content, section_labels

ALL_COUNTRIES = "KAZ,UZB,KGZ,TJK,TKM,AZE,TUR,HUN"
PAGES = ["overview", "trade", "transport", "energy_water", "digital", "initiatives", "sources"]
# Pages that draw a map of the region (the others have none to lose).
MAP_PAGES = {"overview", "trade", "transport", "energy_water", "initiatives"}
# On a page of tabs the map is the open part of this one.
MAP_TAB = "Map"
TRADE_TILE = "Intra-regional trade reached"


def _open(query: dict[str, str] | None = None) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        app.query_params[key] = value
    return app.run()


def _tiles(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def _replace_once(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name} should hold {old!r} once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_value_edited_while_running_shows_on_the_next_rerun(data_copy):
    """figures.csv 11 -> 12 (same size, same second) while a session is open: the tile shows 12 on rerun."""
    app = _open()
    assert _tiles(app)[TRADE_TILE] == "USD 11 bn"
    path = data_copy / "figures.csv"
    before = path.stat()
    _replace_once(path, "c5-trade-11bn,intra-ca-trade,C5,11,", "c5-trade-11bn,intra-ca-trade,C5,12,")
    # Put the old modification time back: only the content tells the edit apart now.
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    app.run()
    assert not app.exception
    assert _tiles(app)[TRADE_TILE] == "USD 12 bn"


def test_a_file_broken_while_running_shows_its_error_panel_and_mending_it_recovers(data_copy):
    """series.csv broken mid-session: a panel names it, the tiles (figures) still show; mended, all is back."""
    app = _open()
    charts_before = len(app.get("plotly_chart"))
    path = data_copy / "series.csv"
    good = path.read_text(encoding="utf-8")
    path.write_text(good + "intra-ca-trade,C5,,not-a-period,20x3,year\n", encoding="utf-8")
    app.run()
    assert not app.exception
    assert any("series" in error.value for error in app.error)
    assert any("series.csv" in code.value for code in app.code)
    assert _tiles(app)[TRADE_TILE] == "USD 11 bn"  # the figures table does not depend on series
    assert len(app.get("plotly_chart")) == charts_before - 1  # the map stays; the trade trend goes

    path.write_text(good, encoding="utf-8")
    app.run()
    assert not app.exception
    assert not [error for error in app.error if "series" in error.value]
    assert len(app.get("plotly_chart")) == charts_before


def test_a_file_deleted_while_running_is_named_and_the_rest_works(data_copy):
    """projects.csv removed mid-session: the Map and Projects tabs name the file; Caspian and Water draw as before."""
    app = _open({"countries": ALL_COUNTRIES})
    app.switch_page("views/energy_water.py").run()
    labels = section_labels(app)
    assert labels == ["Map", "Projects", "Caspian", "Water"]
    before, charts_before = {}, {}
    for label in labels:
        open_section(app, label)
        before[label], charts_before[label] = page_content(app), len(app.get("plotly_chart"))
    assert charts_before["Map"] == 1 and charts_before["Caspian"] > 0
    (data_copy / "projects.csv").unlink()
    app.run()
    assert not app.exception
    for label in ("Map", "Projects"):  # both draw from the projects table
        open_section(app, label)
        assert not app.exception
        assert any("projects.csv" in code.value and "file not found" in code.value for code in app.code), label
        assert not app.get("plotly_chart"), label
        assert not app.dataframe, label
    # The Caspian charts and the water initiatives do not need the projects table.
    for label in ("Caspian", "Water"):
        open_section(app, label)
        assert not app.exception
        assert not app.error, label
        assert len(app.get("plotly_chart")) == charts_before[label]
        assert page_content(app) == before[label], label


@pytest.mark.parametrize("page", PAGES)
def test_without_boundaries_every_page_works_and_only_the_map_is_missing(page, monkeypatch):
    """ORTAQ_BOUNDARIES=/nonexistent: a clear message instead of the map; every other chart and table stays."""
    def shown(app: AppTest) -> dict:
        assert not app.exception, [e.value for e in app.exception]
        return {
            "charts": len(app.get("plotly_chart")),
            "tables": len(app.dataframe),
            "errors": [error.value for error in app.error],
            "title": app.title[0].value,
        }

    def render(boundaries: str | None) -> dict[str, dict]:
        """What each tab shows (a page without tabs: its one part, under "")."""
        if boundaries is None:
            monkeypatch.delenv("ORTAQ_BOUNDARIES", raising=False)
        else:
            monkeypatch.setenv("ORTAQ_BOUNDARIES", boundaries)
        app = _open({"countries": ALL_COUNTRIES})
        if page != "overview":
            app.switch_page(f"views/{page}.py").run()
        labels = section_labels(app)
        if not labels:
            return {"": shown(open_tables(app))}
        return {label: shown(open_section(app, label)) for label in labels}

    whole, broken = render(None), render("/nonexistent")
    assert list(broken) == list(whole)
    if page in MAP_PAGES:
        assert "" in whole or MAP_TAB in whole  # the map is somewhere to go missing from
    for label in whole:
        lost = 1 if page in MAP_PAGES and label in ("", MAP_TAB) else 0
        assert broken[label]["charts"] == whole[label]["charts"] - lost, label
        assert broken[label]["tables"] == whole[label]["tables"] - lost, label  # the map's own data table goes too
        messages = broken[label]["errors"]
        if lost:
            assert any("The map cannot be drawn" in m and "/nonexistent" in m and "not found" in m for m in messages)
        else:
            assert not messages, label
        assert broken[label]["title"] == whole[label]["title"]


def test_a_bug_in_one_section_is_a_notice_and_the_rest_of_the_page_renders(monkeypatch):
    """A query that raises: that section says it could not be shown (no traceback); map and trend still draw."""
    from dashboard import queries

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(queries, "headline_figures", broken)
    app = _open()
    assert not app.exception
    assert any("could not be shown" in warning.value for warning in app.warning)
    assert not any("a bug" in element.value for element in [*app.warning, *app.error, *app.markdown])
    assert len(app.get("plotly_chart")) == 2


# --- the cache fingerprint -------------------------------------------------------------------


def _fake_stat(path, stat):
    """Path.stat() that always answers `stat`, as a file system whose timestamps did not move."""
    real = type(path).stat

    def fake(self, *args, **kwargs):
        return stat if self == path else real(self, *args, **kwargs)

    return fake


def test_fingerprint_sees_a_same_size_edit_with_an_unchanged_stat(tmp_path, monkeypatch):
    """Two writes in one timestamp tick (identical stat): the content hash still tells them apart."""
    path = tmp_path / "figures.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    frozen = SimpleNamespace(st_mtime_ns=time.time_ns(), st_size=8, st_ino=1, st_ctime_ns=0)
    monkeypatch.setattr(type(path), "stat", _fake_stat(path, frozen))
    first = data_access._fingerprint([path])
    path.write_text("a,b\n1,3\n", encoding="utf-8")
    assert data_access._fingerprint([path]) != first


def test_fingerprint_trusts_the_stat_of_a_file_quiet_for_longer_than_the_granularity(tmp_path, monkeypatch):
    """A file last modified long ago is not re-read while its stat is unchanged (the rerun stays cheap)."""
    path = tmp_path / "figures.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    old = SimpleNamespace(st_mtime_ns=time.time_ns() - 60 * 10**9, st_size=8, st_ino=1, st_ctime_ns=0)
    monkeypatch.setattr(type(path), "stat", _fake_stat(path, old))
    first = data_access._fingerprint([path])
    reads = []
    monkeypatch.setattr(type(path), "read_bytes", lambda self: reads.append(self) or b"")
    assert data_access._fingerprint([path]) == first
    assert reads == []


def test_fingerprint_counts_a_missing_file_as_missing(tmp_path):
    """A file that vanished has a fingerprint of its own (so its error panel shows), never an exception."""
    assert data_access._fingerprint([tmp_path / "gone.csv"]) == (("gone.csv", "missing"),)


def _map_geojson(app: AppTest) -> list[object]:
    specs = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    return [trace["geojson"] for spec in specs for trace in spec["data"] if trace.get("type") == "choropleth"]


def test_maps_fetch_the_served_boundaries_and_embed_any_other_file(tmp_path, monkeypatch):
    """The shipped boundaries go by URL (sent once, not in every spec); another file is embedded as loaded."""
    app = _open()
    shapes = _map_geojson(app)
    assert shapes and all(source == "/app/static/boundaries.geojson" for source in shapes)

    other = tmp_path / "boundaries.geojson"
    geojson = json.loads(data_access.BOUNDARIES_PATH.read_text(encoding="utf-8"))
    geojson["features"] = [f for f in geojson["features"] if f["id"] != "HUN"]
    other.write_text(json.dumps(geojson), encoding="utf-8")
    monkeypatch.setenv("ORTAQ_BOUNDARIES", str(other))
    app = _open()
    shapes = _map_geojson(app)
    assert shapes and all(isinstance(source, dict) for source in shapes)
    assert "HUN" not in {feature["id"] for feature in shapes[0]["features"]}
