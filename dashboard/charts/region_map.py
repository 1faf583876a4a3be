"""The map of the region: a choropleth of a country metric, routes as lines, places as points.

Countries are drawn from Ortaq's own GeoJSON (geo/boundaries.geojson) with Plotly's base map
switched off, so nothing is fetched from a CDN; the page passes a local TopoJSON stub URL.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.basedatatypes import BaseTraceType

from dashboard.charts.style import (
    NO_DATA_GREY,
    SEQUENTIAL_SCALE,
    STATUS_COLOURS,
    UNSELECTED_GREY,
    base_layout,
)
from dashboard.escaping import plotly_text
from dashboard.formatting import is_missing, number
from dashboard.i18n import t

# What the default view shows: the five states with the Caspian and western China.
# Wide enough to fill a 16:9 screen at the map's height without stretching.
VIEW_LON = (38.0, 96.0)
VIEW_LAT = (34.0, 56.5)


@dataclass(frozen=True)
class MapLayers:
    """Everything the map draws, already queried and named in the reader's language."""

    boundaries: dict
    country_names: dict[str, str]
    metric: pd.DataFrame  # iso3, value, year, sources
    metric_label: str
    selected: list[str]
    routes: pd.DataFrame  # queries.route_paths + name
    places: pd.DataFrame  # queries.mapped_places + name
    # Where the browser gets the shapes: a URL of the same GeoJSON served as a static file (sent
    # once and cached, instead of inside every map's spec), or None to embed `boundaries`.
    geojson_url: str | None = None

    @property
    def geojson(self) -> dict | str:
        return self.geojson_url or self.boundaries


def place_kind_label(kind: str) -> str:
    """A place's kind as the legend and hover text name it, in the reader's language."""
    return {
        "capital": t("capital"),
        "city": t("city"),
        "station": t("railway station"),
        "junction": t("railway junction"),
        "port": t("sea port"),
        "border_crossing": t("border crossing"),
        "dam": t("dam"),
    }.get(kind, kind)


def _country_hover(layers: MapLayers) -> dict[str, str]:
    metric = layers.metric
    # One pass over the rows instead of an index lookup per country (the first row of a country wins).
    rows: dict[str, tuple[object, object, object]] = {}
    for iso3, value, year, sources in zip(
        metric["iso3"].tolist(), metric["value"].tolist(), metric["year"].tolist(), metric["sources"].tolist(),
        strict=True,
    ):
        rows.setdefault(iso3, (value, year, sources))
    value_label, source_label, no_value = layers.metric_label, t("Source"), t("no sourced value")
    hover = {}
    for iso3, name in layers.country_names.items():
        line = f"<b>{plotly_text(name)}</b>"
        row = rows.get(iso3)
        if row is not None and not is_missing(row[0]):
            line += f"<br>{value_label}: {number(row[0])} ({plotly_text(row[1])})"
            line += f"<br>{source_label}: {plotly_text(row[2])}"
        else:
            line += f"<br>{value_label}: {no_value}"
        hover[iso3] = line
    return hover


def _boundary_ids(boundaries: dict) -> list[str]:
    return [str(feature["id"]) for feature in boundaries["features"]]


def region_map(layers: MapLayers) -> go.Figure:
    """Build the region map figure; clicking a country returns its ISO3 as `location`."""
    traces, layout = map_parts(layers)
    return go.Figure(data=traces, layout=layout)


def map_parts(layers: MapLayers) -> tuple[list[BaseTraceType], dict]:
    """The region map's traces and layout, for a chart that adds its own before building the figure.

    A figure built in one go from its traces and layout takes a fraction of the time that adding
    the traces one by one and then updating the layout takes (Plotly re-validates on each step).
    """
    ids = _boundary_ids(layers.boundaries)
    hover = _country_hover(layers)
    selected = set(layers.selected)

    # Base layer: every country, the selected ones a shade darker, so the filter shows.
    traces: list[BaseTraceType] = [
        go.Choropleth(
            geojson=layers.geojson,
            locations=ids,
            featureidkey="id",
            z=[1 if iso3 in selected else 0 for iso3 in ids],
            zmin=0,
            zmax=1,
            colorscale=[[0, UNSELECTED_GREY], [1, NO_DATA_GREY]],
            showscale=False,
            marker={"line": {"color": "#7F7F7F", "width": 0.8}},
            text=[hover.get(iso3, iso3) for iso3 in ids],
            hovertemplate="%{text}<extra></extra>",
            name=t("Countries"),
            showlegend=False,
        )
    ]
    values = layers.metric[layers.metric["iso3"].isin(selected) & layers.metric["iso3"].isin(ids)]
    values = values[~values["value"].isna()]
    if not values.empty:
        traces.append(
            go.Choropleth(
                geojson=layers.geojson,
                locations=values["iso3"].tolist(),
                featureidkey="id",
                z=values["value"].astype(float).tolist(),
                colorscale=SEQUENTIAL_SCALE,
                reversescale=True,
                marker={"line": {"color": "#1A1A1A", "width": 1.6}},
                colorbar={"title": {"text": layers.metric_label}, "thickness": 14, "len": 0.7},
                text=[hover.get(iso3, iso3) for iso3 in values["iso3"]],
                hovertemplate="%{text}<extra></extra>",
                name=layers.metric_label,
                showlegend=False,
            )
        )
    traces += _route_traces(layers.routes)
    traces += _place_traces(layers.places)

    layout = base_layout(t("Central Asia: {metric}", metric=layers.metric_label))
    layout.update(
        height=680,
        dragmode=False,
        uirevision="region-map",
        legend={"orientation": "h", "yanchor": "top", "y": 0.0, "x": 0, "bgcolor": "rgba(255,255,255,0.8)"},
        geo={
            "visible": False,
            "projection": {"type": "mercator"},
            "lonaxis": {"range": list(VIEW_LON)},
            "lataxis": {"range": list(VIEW_LAT)},
            "bgcolor": "white",
        },
    )
    return traces, layout


def _route_traces(routes: pd.DataFrame) -> list[BaseTraceType]:
    traces: list[BaseTraceType] = []
    shown_in_legend: set[str] = set()
    for route in routes.itertuples(index=False):
        if len(route.lats) < 2:
            continue  # fewer than two located stops: nothing honest to draw
        colour = STATUS_COLOURS.get(route.status, "#000000")
        legend_key = f"{route.kind}:{route.status}:{route.verified}"
        dash = "dot" if route.kind in ("sea_route", "multimodal_corridor") else "solid"
        if not route.verified:
            dash = "dash"
        traces.append(
            go.Scattergeo(
                lat=route.lats,
                lon=route.lons,
                mode="lines",
                line={"width": 4 if route.kind == "rail_line" else 2.5, "color": colour, "dash": dash},
                name=_route_legend(route.kind, route.status, bool(route.verified)),
                legendgroup=legend_key,
                showlegend=legend_key not in shown_in_legend,
                # A point exactly on a line vertex would lose its click to the line.
                hoverinfo="skip",
            )
        )
        shown_in_legend.add(legend_key)
    return traces


def _route_legend(kind: str, status: str, verified: bool) -> str:
    kinds = {
        "rail_line": t("New rail line"),
        "rail_corridor": t("Rail corridor"),
        "sea_route": t("Caspian crossing"),
        "multimodal_corridor": t("Middle Corridor"),
    }
    statuses = {
        "operating": t("operating"),
        "under_construction": t("under construction"),
        "planned": t("planned"),
        "proposed": t("proposed"),
    }
    label = f"{kinds.get(kind, kind)} ({statuses.get(status, status)})"
    # Unverified lines join sourced stops by a path no source gives: say so in the legend.
    return label if verified else f"{label}, {t('schematic, unverified')}"


def _place_traces(places: pd.DataFrame) -> list[BaseTraceType]:
    if places.empty:
        return []
    unverified = t("unverified: position from memory")
    text = [
        f"<b>{plotly_text(row.name)}</b><br>{row.kind_label}" + ("" if row.verified else f"<br>⚠ {unverified}")
        for row in places.itertuples(index=False)
    ]
    return [
        go.Scattergeo(
            lat=places["lat"].astype(float),
            lon=places["lon"].astype(float),
            mode="markers",
            marker={
                "size": 10,
                "color": "#000000",
                "symbol": ["square" if kind == "capital" else "circle" for kind in places["kind"]],
                "line": {"color": "white", "width": 1.5},
                "opacity": [1.0 if verified else 0.5 for verified in places["verified"]],
            },
            text=text,
            hovertemplate="%{text}<extra></extra>",
            name=t("Places"),
        )
    ]
