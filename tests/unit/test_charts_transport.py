"""Transport chart builders: the corridor map, cargo by source with the multiples marked, capacity bars."""

from __future__ import annotations

import pandas as pd

from dashboard.charts.region_map import MapLayers
from dashboard.charts.transport import Highlight, capacity_chart, series_chart, transport_map


def _square(x: float) -> list:
    return [[[x, 40], [x + 1, 40], [x + 1, 41], [x, 41], [x, 40]]]


BOUNDARIES = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "id": code, "properties": {}, "geometry": {"type": "Polygon", "coordinates": _square(i)}}
        for i, code in enumerate(["KAZ", "AZE"])
    ],
}


def _layers() -> MapLayers:
    routes = pd.DataFrame(
        {
            "id": ["dostyk-moyinty", "trans-caspian-sea"],
            "kind": ["rail_line", "sea_route"],
            "status": ["operating", "operating"],
            "verified": [True, False],
            "lats": [[45.2, 47.2], [43.65, 39.95]],
            "lons": [[82.5, 73.4], [51.15, 49.4]],
            "missing": [[], []],
            "name": ["Dostyk – Moyinty", "Aktau – Alat"],
        }
    )
    places = pd.DataFrame(
        {
            "name": ["Aktau", "Kuryk", "Moyinty"],
            "kind": ["port", "port", "station"],
            "kind_label": ["sea port", "sea port", "railway station"],
            "lat": [43.65, 43.2, 47.2],
            "lon": [51.15, 51.65, 73.4],
            "verified": [True, True, False],
        }
    )
    metric = pd.DataFrame(columns=["iso3", "value", "year", "sources"])
    return MapLayers(BOUNDARIES, {"KAZ": "Kazakhstan", "AZE": "Azerbaijan"}, metric, "Lines", ["KAZ"], routes, places)


def test_transport_map_draws_lines_and_names_ports_without_a_metric():
    """Both lines are drawn (the sea link as schematic); ports are labelled; hover names the country only."""
    figure = transport_map(_layers())
    names = [trace.name for trace in figure.data]
    assert "Caspian crossing (operating), schematic, unverified" in names
    assert "New rail line (operating)" in names
    labels = [trace for trace in figure.data if getattr(trace, "mode", None) == "text"]
    assert list(labels[0].text) == ["Aktau", "Kuryk"]
    # Kuryk sits just south of Aktau: its label goes below so the two do not overlap.
    assert list(labels[0].textposition) == ["top right", "bottom right"]
    base = figure.data[0]
    assert base.text[0] == "<b>Kazakhstan</b><br>selected"
    assert "no sourced value" not in base.text[1]


def _cargo() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source_id": ["rep", "rep", "rep", "astana", "trend"],
            "label": ["Report.az", "Report.az", "Report.az", "The Astana Times", "Trend"],
            "period": ["2019", "2024", "2025", "2024", "2024-01/2024-11"],
            "period_type": ["year", "year", "year", "year", "part_year"],
            "year": [2019, 2024, 2025, 2024, 2024],
            "value": [0.759, 4.484, 4.119, 4.48, 4.1],
            "verified": [True, True, True, True, True],
        }
    )


def test_cargo_chart_keeps_each_source_and_marks_the_recomputed_multiple():
    """Two sources -> two lines; the part year is a lone marker; ×5.9 is written on the chart."""
    mark = Highlight("rep", 2019, 0.759, 2024, 4.484, "×5.9 (2019→2024)")
    figure = series_chart(_cargo(), "m t", "Cargo", [mark])
    lines = [trace for trace in figure.data if trace.mode == "lines+markers"]
    assert [trace.name for trace in lines] == ["Report.az", "The Astana Times"]
    assert list(lines[0].y) == [0.759, 4.484, 4.119]
    part = [trace for trace in figure.data if trace.name.startswith("Part of a year")]
    assert part[0].mode == "markers" and list(part[0].y) == [4.1]
    assert [annotation.text for annotation in figure.layout.annotations] == ["×5.9 (2019→2024)"]
    highlight = next(trace for trace in figure.data if trace.name == "×5.9 (2019→2024)")
    # The circles sit on the source's own (dodged) points.
    assert list(highlight.x) == [x for x, year in zip(lines[0].x, [2019, 2024, 2025], strict=True) if year != 2025]


def test_capacity_chart_shows_before_and_after_with_their_values():
    """12 and 60 pairs a day as two labelled bars; hover names the source."""
    steps = pd.DataFrame({"value": [12.0, 60.0], "source_label": ["Qazinform, 2025-09-30"] * 2})
    figure = capacity_chart(steps, ["Before", "With the second track"], "pairs/day", "Dostyk–Moyinty")
    bar = figure.data[0]
    assert list(bar.x) == ["Before", "With the second track"]
    assert list(bar.y) == [12.0, 60.0]
    assert list(bar.text) == ["12 pairs/day", "60 pairs/day"]
    assert figure.layout.yaxis.range[1] == 72.0
