"""Chart builders return figures whose traces carry exactly the data they were given."""

from __future__ import annotations

import pandas as pd

from dashboard.charts.region_map import MapLayers, region_map
from dashboard.charts.trade_trend import trade_trend


def _square(x: float, y: float) -> list:
    return [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]]


BOUNDARIES = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "id": code,
            "properties": {"iso3": code},
            "geometry": {"type": "Polygon", "coordinates": _square(i, 0)},
        }
        for i, code in enumerate(["KAZ", "UZB", "CHN"])
    ],
}


def _layers(selected: list[str]) -> MapLayers:
    metric = pd.DataFrame({"iso3": ["KAZ", "UZB", "CHN"], "value": [20.0, 36.0, None], "year": [2024, 2024, None],
                           "sources": ["wb", "wb", None]})
    routes = pd.DataFrame({"id": ["r"], "kind": ["rail_line"], "status": ["under_construction"], "verified": [True],
                           "lats": [[1.0, 2.0]], "lons": [[1.0, 2.0]], "missing": [[]], "name": ["Line"]})
    places = pd.DataFrame({"name": ["Dostyk"], "kind": ["station"], "kind_label": ["railway station"],
                           "lat": [45.2], "lon": [82.4], "verified": [False]})
    return MapLayers(BOUNDARIES, {"KAZ": "Kazakhstan", "UZB": "Uzbekistan", "CHN": "China"}, metric,
                     "Population", selected, routes, places)


def test_map_draws_every_country_and_colours_only_selected_ones_with_values():
    """The base layer has every boundary; the metric layer only selected countries with a value."""
    figure = region_map(_layers(["KAZ", "CHN"]))
    base, metric = figure.data[0], figure.data[1]
    assert list(base.locations) == ["KAZ", "UZB", "CHN"]
    assert list(base.z) == [1, 0, 1]
    assert list(metric.locations) == ["KAZ"]  # CHN is selected but has no sourced value
    assert figure.layout.geo.visible is False  # no CDN base map


def test_map_routes_do_not_steal_clicks_and_unverified_places_are_marked():
    """Lines skip hover (clicks reach the points); an unverified place says so on hover."""
    figure = region_map(_layers(["KAZ"]))
    line = next(tr for tr in figure.data if tr.type == "scattergeo" and tr.mode == "lines")
    assert line.hoverinfo == "skip"
    points = next(tr for tr in figure.data if tr.type == "scattergeo" and tr.mode == "markers")
    assert "unverified" in points.text[0]


def test_trend_keeps_each_source_apart_and_marks_the_target():
    """Two sources for 2023 give two series; the target is a horizontal line."""
    region = pd.DataFrame({"year": [2019, 2023, 2023], "value": [6.0, 10.0, 11.0],
                           "publisher": ["ekonomist.kz", "ekonomist.kz", "Silk Way TV"],
                           "source_id": ["e", "e", "s"], "country": ["C5"] * 3,
                           "source_label": ["ekonomist.kz", "ekonomist.kz", "Silk Way TV, 2024-08-09"]})
    countries = pd.DataFrame({"year": [2023], "value": [8.0], "country": ["KAZ"], "source_id": ["s"]})
    figure = trade_trend(region, 15.0, "Target: USD 15 bn", countries, {"KAZ": "Kazakhstan"})
    names = [trace.name for trace in figure.data]
    assert len(names) == 3 and any("Silk Way TV" in n for n in names) and any("Kazakhstan" in n for n in names)
    assert figure.layout.shapes[0].y0 == 15.0
