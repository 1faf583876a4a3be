"""The Transport charts are built in one go (traces and layout together) and draw what the step-by-step API drew."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from dashboard.charts.region_map import region_map
from dashboard.charts.transport import _label_positions, transport_map
from dashboard.escaping import plotly_text
from dashboard.i18n import set_language
from tests.unit.test_charts_transport import _layers


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("en")


def _spec(figure: go.Figure) -> dict:
    return json.loads(figure.to_json())


def test_transport_map_is_the_region_map_with_its_hover_labels_and_title():
    """transport_map equals region_map with the country hover, the place names and the title put on after."""
    layers = _layers()
    expected = region_map(layers)
    expected.data[0].text = [
        f"<b>{layers.country_names.get(iso3, iso3)}</b>" + ("<br>selected" if iso3 == "KAZ" else "<br>click to select")
        for iso3 in expected.data[0].locations
    ]
    labelled = layers.places[layers.places["kind"].isin(("port", "border_crossing", "junction"))]
    expected.add_trace(
        go.Scattergeo(
            lat=labelled["lat"].astype(float),
            lon=labelled["lon"].astype(float),
            mode="text",
            text=labelled["name"].astype(str).map(plotly_text),
            textposition=_label_positions(labelled),
            textfont={"size": 13, "color": "#1A1A1A"},
            hoverinfo="skip",
            showlegend=False,
            name="Place names",
        )
    )
    expected.update_layout(title={"text": "Rail lines and corridors, the Caspian crossing, ports and border crossings"})
    assert _spec(transport_map(layers)) == _spec(expected)


def test_the_title_keeps_the_shared_title_style():
    title = _spec(transport_map(_layers()))["layout"]["title"]
    assert title["text"].startswith("Rail lines and corridors")
    assert title["x"] == 0 and title["xanchor"] == "left" and title["font"]["size"] == 20
