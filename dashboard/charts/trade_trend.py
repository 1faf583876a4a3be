"""Intra-regional trade over the years, every source apart, with the target marked."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import OKABE_ITO, base_layout
from dashboard.escaping import plotly_text
from dashboard.i18n import t

# Yellow is too pale for a line on white.
LINE_COLOURS = tuple(colour for colour in OKABE_ITO if colour != "#F0E442")
TARGET_COLOUR = "#D55E00"


def trade_trend(
    region_points: pd.DataFrame,
    target: float | None,
    target_label: str,
    country_points: pd.DataFrame,
    country_names: dict[str, str],
) -> go.Figure:
    """Region totals (one series per source), the target line, selected countries.

    `region_points` and `country_points` come from `queries.annual_points`; a source that
    disagrees with another keeps its own series, so both stand side by side.
    """
    traces = []
    for index, (_source_id, rows) in enumerate(region_points.groupby("source_id", sort=True)):
        rows = rows.sort_values("year")
        colour = LINE_COLOURS[index % len(LINE_COLOURS)]
        traces.append(
            go.Scatter(
                x=rows["year"].astype(int),
                y=rows["value"].astype(float),
                mode="lines+markers",
                name=t("Central Asia total — {source}", source=plotly_text(rows.iloc[0]["source_label"])),
                marker={"size": 11, "color": colour},
                line={"width": 2, "color": colour},
                customdata=rows[["source_id"]].astype(str).map(plotly_text).to_numpy(),
                hovertemplate=t("Year %{x}: %{y} bn USD") + "<br>" + t("Source") + ": %{customdata[0]}<extra></extra>",
            )
        )
    for index, (iso3, rows) in enumerate(country_points.groupby("country", sort=True)):
        rows = rows.sort_values("year")
        # Countries take the palette from its other end and draw dotted with diamonds.
        colour = LINE_COLOURS[-1 - index % len(LINE_COLOURS)]
        traces.append(
            go.Scatter(
                x=rows["year"].astype(int),
                y=rows["value"].astype(float),
                mode="lines+markers",
                name=t("{country} with the rest of Central Asia", country=plotly_text(country_names.get(iso3, iso3))),
                marker={"size": 9, "symbol": "diamond", "color": colour},
                line={"width": 2, "dash": "dot", "color": colour},
                customdata=rows[["source_id"]].astype(str).map(plotly_text).to_numpy(),
                hovertemplate=t("Year %{x}: %{y} bn USD") + "<br>" + t("Source") + ": %{customdata[0]}<extra></extra>",
            )
        )
    layout = base_layout(t("Intra-regional trade, bn USD"))
    layout.update(
        xaxis={"title": t("Year"), "dtick": 1, "tickformat": "d"},
        yaxis={"title": t("bn USD"), "rangemode": "tozero"},
        height=480,
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0},
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
    )
    if target is not None:
        # The target across the whole width with its label above the line's left end: what
        # Figure.add_hline(annotation_position="top left") draws, written out so the figure is
        # built in one go (adding to a built figure re-validates it, several times slower).
        layout["shapes"] = [
            {
                "type": "line", "xref": "x domain", "x0": 0, "x1": 1, "yref": "y", "y0": target, "y1": target,
                "line": {"dash": "dash", "color": TARGET_COLOUR, "width": 3},
            }
        ]
        layout["annotations"] = [
            {
                "text": plotly_text(target_label), "font": {"size": 15, "color": TARGET_COLOUR},
                "showarrow": False, "xref": "x domain", "x": 0, "xanchor": "left",
                "yref": "y", "y": target, "yanchor": "bottom",
            }
        ]
    return go.Figure(data=traces, layout=layout)
