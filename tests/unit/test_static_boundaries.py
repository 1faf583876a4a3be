"""The boundaries the browser fetches (dashboard/static/) are the boundaries Ortaq validates (geo/)."""

from __future__ import annotations

import json

import plotly.graph_objects as go

from dashboard.export.images import _with_embedded_geojson
from dashboard.static_files import STATIC_BOUNDARIES
from geo.boundaries import BOUNDARIES_PATH


def test_served_copy_equals_geo_boundaries_byte_for_byte():
    """`make geo` writes both; a stale copy would draw other shapes than the ones validated."""
    assert STATIC_BOUNDARIES.read_bytes() == BOUNDARIES_PATH.read_bytes()


def test_export_embeds_the_served_geojson():
    """kaleido has no dashboard to fetch from: a geojson URL becomes the file's contents."""
    figure = go.Figure(go.Choropleth(geojson="/base/app/static/boundaries.geojson", locations=["KAZ"], z=[1]))
    spec = _with_embedded_geojson(figure.to_dict())
    assert spec["data"][0]["geojson"] == json.loads(BOUNDARIES_PATH.read_text(encoding="utf-8"))


def test_export_leaves_embedded_geojson_alone():
    shapes = {"type": "FeatureCollection", "features": []}
    figure = go.Figure(go.Choropleth(geojson=shapes, locations=["KAZ"], z=[1]))
    assert _with_embedded_geojson(figure.to_dict())["data"][0]["geojson"] == shapes
