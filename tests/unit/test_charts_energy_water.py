"""Energy and water chart builders: project markers, the Caspian level, the stated falls."""

from __future__ import annotations

import math

import pandas as pd

from dashboard.charts import energy_water as charts
from dashboard.charts.region_map import MapLayers
from dashboard.charts.style import OKABE_ITO, STATUS_COLOURS


def _square(x: float, y: float) -> list:
    return [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]]


BOUNDARIES = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "id": code, "properties": {"iso3": code}, "geometry": {"type": "Polygon",
                                                                                   "coordinates": _square(i, 0)}}
        for i, code in enumerate(["KAZ", "TJK", "UZB"])
    ],
}


def _layers() -> MapLayers:
    metric = pd.DataFrame({"iso3": ["KAZ", "TJK"], "value": [2.0, 1.0], "year": ["A, B", "Rogun"],
                           "sources": ["s", "s"]})
    routes = pd.DataFrame(columns=["id", "kind", "status", "verified", "lats", "lons", "missing", "name"])
    places = pd.DataFrame({"name": ["Astana"], "kind": ["capital"], "kind_label": ["capital"], "lat": [51.1],
                           "lon": [71.4], "verified": [True]})
    return MapLayers(BOUNDARIES, {"KAZ": "Kazakhstan", "TJK": "Tajikistan", "UZB": "Uzbekistan"}, metric,
                     "Energy and water projects", ["KAZ", "TJK"], routes, places)


def _positions() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["rogun", "small", "gas", "nowhere"],
            "name": ["Rogun", "Small", "Gas line", "Nowhere"],
            "status": ["partly_operating", "partly_operating", "planned", "agreed"],
            "placed": [True, True, True, False],
            "lat": [38.7, 39.0, 40.0, math.nan],
            "lon": [69.8, 70.0, 71.0, math.nan],
            "family": ["power", "power", "gas", "power"],
            "capacity_value": [3780.0, 945.0, 30.0, 7.0],
            "capacity_unit": ["MW", "MW", "bcm/yr", "GW"],
            "capacity_comparable": [3780.0, 945.0, 30.0, 7000.0],
            "place_name": ["Rogun Dam", "X", "Y", pd.NA],
            "place_verified": [True, True, False, pd.NA],
            "source_id": ["wb", "wb", "trend", "ice"],
            "verified": [True, True, True, True],
        }
    )


def test_marker_area_grows_with_capacity_within_a_family():
    """A quarter of the family's largest capacity gets half the diameter range (area ∝ capacity)."""
    assert charts.marker_size(1000.0, 1000.0) == charts.MAX_MARKER
    assert charts.marker_size(250.0, 1000.0) == charts.MIN_MARKER + (charts.MAX_MARKER - charts.MIN_MARKER) * 0.5
    assert charts.marker_size(float("nan"), 1000.0) == charts.MIN_MARKER


def test_project_map_draws_only_placed_projects_with_gas_in_its_own_legend_group():
    """Unplaced projects get no marker; power and gas are separate groups; colour follows status."""
    figure = charts.project_map(_layers(), _positions(), {"power": 7000.0, "gas": 30.0})
    markers = [tr for tr in figure.data if tr.type == "scattergeo" and tr.legendgroup in ("power", "gas")]
    assert sorted(tr.legendgroup for tr in markers) == ["gas", "power"]
    drawn = sorted(text.split("<br>")[0] for tr in markers for text in tr.text)
    assert drawn == ["<b>Gas line</b>", "<b>Rogun</b>", "<b>Small</b>"]  # "Nowhere" has no position
    power = next(tr for tr in markers if tr.legendgroup == "power")
    gas = next(tr for tr in markers if tr.legendgroup == "gas")
    assert power.marker.color == charts.PROJECT_STATUS_COLOURS["partly_operating"] == OKABE_ITO[4]
    assert gas.marker.color == STATUS_COLOURS["planned"]
    assert gas.marker.symbol == "diamond" and power.marker.symbol == "circle"
    # The gas line is its family's largest, so it is full size on its own scale.
    assert list(gas.marker.size) == [charts.MAX_MARKER]
    assert "⚠ unverified" in gas.text[0]  # its place is unverified


def test_project_map_keeps_the_region_map_and_counts_in_whole_numbers():
    """Every boundary is drawn, the shaded count has integer ticks, the capitals are named so."""
    figure = charts.project_map(_layers(), _positions(), {"power": 7000.0, "gas": 30.0})
    assert list(figure.data[0].locations) == ["KAZ", "TJK", "UZB"]
    assert figure.data[1].colorbar.dtick == 1
    assert any(tr.name == "Capitals" for tr in figure.data)


def _levels() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": [pd.Timestamp(2006, 7, 1), pd.Timestamp(2024, 7, 1), pd.Timestamp(2024, 9, 15),
                     pd.Timestamp(2023, 7, 8)],
            "period": ["2006", "2024", "2024-09", "2023-07-01/2023-07-08"],
            "period_type": ["year", "year", "point", "point"],
            "value": [-27.07, -29.2, -29.18, -28.78],
            "unit": ["m BS"] * 4,
            "reporter": ["Kazhydromet"] * 4,
            "source_id": ["haqqin", "haqqin", "adyrna", "kazhydromet-1"],
            "source_name": ["haqqin.az", "haqqin.az", "Adyrna", "Kazhydromet"],
            "source_date": ["2025-11-16", "2025-11-16", "2024", pd.NA],
            "verified": [True, True, True, False],
            "note": [pd.NA, pd.NA, pd.NA, "Middle Caspian stations; not comparable."],
        }
    )


def test_caspian_level_keeps_sources_apart_and_marks_the_kind_of_reading():
    """Three sources give three traces; full-year values are circles, point readings open diamonds; no lines."""
    figure = charts.caspian_level_chart(_levels())
    assert len(figure.data) == 3
    assert all(tr.mode == "markers" for tr in figure.data)
    by_name = {tr.name: tr for tr in figure.data}
    full = by_name["haqqin.az — Kazhydromet (full-year value)"]
    assert list(full.y) == [-27.07, -29.2] and full.marker.symbol == "circle"
    point = by_name["Kazhydromet — Kazhydromet (point reading)"]
    assert point.marker.symbol == "diamond-open"
    assert "⚠ unverified" in point.text[0] and "not comparable" in point.text[0]


def _changes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": ["2021-2024", "2021-2025", "2024", "2024"],
            "value": [-96.0, -24.0, -22.0, -29.0],
            "unit": ["cm"] * 4,
            "value_cm": [-96.0, -24.0, -22.0, -29.0],
            "unit_cm": ["cm"] * 4,
            "source_name": ["Trend", "Report.az", "BAQ.kz", "BAQ.kz"],
            "source_date": ["2025-09", "2025-09", "2025-10-27", "2025-10-27"],
            "disagreement": pd.array([1, 1, pd.NA, pd.NA], dtype="Int64"),
            "verified": [True, True, True, False],
            "note": [pd.NA] * 4,
        }
    )


def test_change_bars_show_the_conflict_in_its_own_colour_and_keep_every_statement():
    """−96 and −24 cm are vermillion and say 'disagreement 1'; two BAQ.kz 2024 values stay two bars."""
    figure = charts.change_bars(_changes(), "Falls", "cm")
    conflict = next(tr for tr in figure.data if tr.name == "Statements that disagree")
    assert list(conflict.x) == [-96.0, -24.0]
    assert conflict.marker.color == charts.DISAGREEMENT_COLOUR
    assert all("disagreement 1" in text for text in conflict.text)
    other = next(tr for tr in figure.data if tr.name == "Other statements")
    assert list(other.y) == ["2024 · BAQ.kz", "2024 · BAQ.kz (2)"]
    assert list(other.marker.pattern.shape) == ["", "/"]  # the unverified one is hatched
    assert "⚠ unverified" in other.text[1]
