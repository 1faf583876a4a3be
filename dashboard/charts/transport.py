"""Chart builders of the Transport page: the corridor map, Middle Corridor cargo, Dostyk–Moyinty capacity."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.region_map import MapLayers, map_parts
from dashboard.charts.style import OKABE_ITO, base_layout
from dashboard.charts.trade import SOURCE_COLOURS, dodge
from dashboard.escaping import plotly_text
from dashboard.formatting import number
from dashboard.i18n import t

HIGHLIGHT_COLOUR = "#D55E00"
LABELLED_KINDS = ("port", "border_crossing", "junction")


def transport_map(layers: MapLayers) -> go.Figure:
    """The region map with lines, ports and crossings; countries name themselves on hover only.

    No country metric belongs on this map, so the base layer's hover shows the name (and
    whether the country is selected) instead of "no sourced value".
    """
    traces, layout = map_parts(layers)
    selected = set(layers.selected)
    base = traces[0]
    base.text = [
        f"<b>{plotly_text(layers.country_names.get(iso3, iso3))}</b>"
        + (f"<br>{t('selected')}" if iso3 in selected else f"<br>{t('click to select')}")
        for iso3 in base.locations
    ]
    labelled = layers.places[layers.places["kind"].isin(LABELLED_KINDS)]
    if not labelled.empty:
        # Names beside ports and crossings, so the map reads without hovering (a projector has no mouse).
        traces.append(
            go.Scattergeo(
                lat=labelled["lat"].astype(float),
                lon=labelled["lon"].astype(float),
                mode="text",
                text=labelled["name"].astype(str).map(plotly_text),
                textposition=_label_positions(labelled),
                textfont={"size": 13, "color": "#1A1A1A"},
                hoverinfo="skip",
                showlegend=False,
                name=t("Place names"),
            )
        )
    title = t("Rail lines and corridors, the Caspian crossing, ports and border crossings")
    layout["title"] = {**layout["title"], "text": title}
    # Built in one go: adding traces one by one and updating the layout afterwards re-validates each time.
    return go.Figure(data=traces, layout=layout)


def _label_positions(places: pd.DataFrame) -> list[str]:
    """`top right`, or `bottom right` when a labelled neighbour lies just north (Aktau over Kuryk)."""
    lats, lons = places["lat"].astype(float).tolist(), places["lon"].astype(float).tolist()
    positions = []
    for lat, lon in zip(lats, lons, strict=True):
        crowded = any(0 < other_lat - lat < 1.0 and abs(other_lon - lon) < 1.0
                      for other_lat, other_lon in zip(lats, lons, strict=True))
        positions.append("bottom right" if crowded else "top right")
    return positions


@dataclass(frozen=True)
class Highlight:
    """Two values of one source joined on the chart to show a recomputed multiple."""

    source_id: str
    start_year: int
    start_value: float
    end_year: int
    end_value: float
    text: str


def _hover(unit: str) -> str:
    return "%{customdata[0]}: %{y} " + unit + "<br>" + t("Source") + ": %{customdata[1]}<extra></extra>"


def series_chart(points: pd.DataFrame, unit: str, title: str, highlights: list[Highlight] | None = None) -> go.Figure:
    """Full years one line per source; part years as open markers, never joined; multiples marked.

    `points` come from `queries.transport.series_points` (period, period_type, year, value,
    source_id, label, verified).
    """
    traces: list[go.Scatter] = []
    full = points[points["period_type"] == "year"]
    groups = list(full.groupby("source_id", sort=False))
    for index, (_, rows) in enumerate(groups):
        rows = rows.sort_values("year")
        colour = SOURCE_COLOURS[index % len(SOURCE_COLOURS)]
        label = plotly_text(rows.iloc[0]["label"])
        if not bool(rows["verified"].all()):
            label += f" ⚠ {t('unverified')}"
        traces.append(
            go.Scatter(
                # Sources that agree would hide each other: each one sits slightly apart in its year.
                x=rows["year"].astype(int) + dodge(index, len(groups)),
                y=rows["value"].astype(float),
                mode="lines+markers",
                name=label,
                marker={"size": 10, "color": colour},
                line={"width": 2.5, "color": colour},
                customdata=rows[["period", "label"]].astype(str).map(plotly_text).to_numpy(),
                hovertemplate=_hover(unit),
            )
        )
    part = points[points["period_type"] != "year"]
    if not part.empty:
        traces.append(
            go.Scatter(
                x=part["year"].astype(int) + 0.25,
                y=part["value"].astype(float),
                mode="markers",
                name=t("Part of a year (not joined to full years)"),
                marker={"size": 11, "symbol": "circle-open", "color": "#000000", "line": {"width": 2}},
                customdata=part[["period", "label"]].astype(str).map(plotly_text).to_numpy(),
                hovertemplate=_hover(unit),
            )
        )
    offsets = {source_id: dodge(index, len(groups)) for index, (source_id, _) in enumerate(groups)}
    # Label positions (pixels from the end point) that keep two labels apart: below right, above left.
    label_offsets = ((40, 60), (-90, -45))
    annotations = []
    for index, mark in enumerate(highlights or []):
        offset = offsets.get(mark.source_id, 0.0)
        traces.append(
            go.Scatter(
                x=[mark.start_year + offset, mark.end_year + offset],
                y=[mark.start_value, mark.end_value],
                mode="markers",
                name=plotly_text(mark.text),
                marker={"size": 18, "symbol": "circle-open", "color": HIGHLIGHT_COLOUR, "line": {"width": 2.5}},
                hoverinfo="skip",
            )
        )
        ax, ay = label_offsets[index % len(label_offsets)]
        annotations.append(
            {
                "x": mark.end_year + offset,
                "y": mark.end_value,
                "text": plotly_text(mark.text),
                "showarrow": True,
                "arrowcolor": HIGHLIGHT_COLOUR,
                "ax": ax,
                "ay": ay,
                "font": {"size": 15, "color": HIGHLIGHT_COLOUR},
                "bgcolor": "rgba(255,255,255,0.85)",
            }
        )
    layout = base_layout(title)
    top = float(points["value"].max()) if not points.empty else 1.0
    layout.update(
        xaxis={"title": t("Year"), "dtick": 1, "tickformat": "d"},
        yaxis={"title": unit, "range": [0, top * 1.25]},
        height=480,
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
    )
    if annotations:
        layout["annotations"] = annotations
    # Built in one go: adding traces one by one and updating the layout afterwards re-validates each time.
    return go.Figure(data=traces, layout=layout)


def capacity_chart(steps: pd.DataFrame, labels: list[str], unit: str, title: str) -> go.Figure:
    """Before/after bars of a capacity figure; each bar's hover names its source."""
    bar = go.Bar(
        x=[plotly_text(label) for label in labels],
        y=steps["value"].astype(float),
        marker={"color": [OKABE_ITO[4], OKABE_ITO[0]][: len(steps)] + [OKABE_ITO[0]] * max(0, len(steps) - 2)},
        text=[f"{number(v)} {unit}" for v in steps["value"]],
        textposition="outside",
        textfont={"size": 18},
        customdata=steps[["source_label"]].astype(str).map(plotly_text).to_numpy(),
        hovertemplate="%{x}: %{y} " + unit + "<br>" + t("Source") + ": %{customdata[0]}<extra></extra>",
    )
    layout = base_layout(title)
    top = float(steps["value"].max()) if not steps.empty else 1.0
    layout.update(yaxis={"title": unit, "range": [0, top * 1.2]}, height=400, showlegend=False, bargap=0.45)
    return go.Figure(data=[bar], layout=layout)
