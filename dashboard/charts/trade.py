"""Chart builders of the Trade page: pure functions from query results to Plotly figures."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.charts.region_map import VIEW_LAT, VIEW_LON, MapLayers, region_map
from dashboard.charts.style import OKABE_ITO, base_layout
from dashboard.escaping import plotly_text
from dashboard.i18n import t

# One colour per source; vermillion is kept for what leaders said (targets, quoted figures)
# and yellow is too light on white for a line.
SOURCE_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#000000")
QUOTED_COLOUR = "#D55E00"
TARGET_DASHES = ("dash", "dashdot", "longdash")
# Whose statistics: Kazakhstan's, the partner's, or not stated. Colour and symbol both differ.
SIDE_COLOURS = {"home": OKABE_ITO[0], "partner": OKABE_ITO[1], "unstated": OKABE_ITO[2]}
SIDE_SYMBOLS = {"home": "circle", "partner": "diamond", "unstated": "square"}
UNIT = "bn USD"


def side_label(side: str) -> str:
    """The legend name of a reporter side."""
    return {
        "home": t("Kazakhstan's statistics"),
        "partner": t("Partner's statistics"),
        "unstated": t("Reporter not stated"),
    }.get(side, side)


def dodge(index: int, count: int, step: float = 0.07) -> float:
    """A small horizontal offset for series `index` of `count`, centred on the year."""
    return (index - (count - 1) / 2) * step


def _hover(unit: str) -> str:
    return "%{customdata[0]}: %{y} " + unit + "<br>" + t("Source") + ": %{customdata[1]}<extra></extra>"


def _series_name(label: str, verified: bool) -> str:
    label = plotly_text(label)
    return label if verified else f"{label} ⚠ {t('unverified')}"


def intra_trade_chart(
    points: pd.DataFrame, others: pd.DataFrame, targets: pd.DataFrame, quoted: pd.DataFrame
) -> go.Figure:
    """Regional totals, one line per source; targets as lines; quoted figures as stars.

    `points`: full years (year, value, source_id, label, verified). `others`: part-year values
    and readings at a date (period, year, value, label), drawn as open markers and never joined.
    `targets`: value, text (plain text). `quoted`: year, value, text (may hold <br>; the caller escapes the
    data in it with `escaping.plotly_text`).
    """
    figure = go.Figure()
    groups = list(points.groupby("source_id", sort=False))
    for index, (_, rows) in enumerate(groups):
        rows = rows.sort_values("year")
        colour = SOURCE_COLOURS[index % len(SOURCE_COLOURS)]
        figure.add_trace(
            go.Scatter(
                # Sources that agree would hide each other: each one sits slightly apart in its year.
                x=rows["year"].astype(int) + dodge(index, len(groups)),
                y=rows["value"].astype(float),
                mode="lines+markers",
                name=_series_name(str(rows.iloc[0]["label"]), bool(rows["verified"].all())),
                marker={"size": 11, "color": colour},
                line={"width": 2.5, "color": colour},
                customdata=rows[["period", "label"]].astype(str).map(plotly_text).to_numpy(),
                hovertemplate=_hover(UNIT),
            )
        )
    if not others.empty:
        figure.add_trace(
            go.Scatter(
                x=others["year"].astype(int) + dodge(len(groups), len(groups)),
                y=others["value"].astype(float),
                mode="markers",
                name=t("Part of a year or a reading at a date (not joined to full years)"),
                marker={"size": 12, "symbol": "circle-open", "color": "#000000", "line": {"width": 2}},
                customdata=others[["period", "label"]].astype(str).map(plotly_text).to_numpy(),
                hovertemplate=_hover(UNIT),
            )
        )
    if not quoted.empty:
        figure.add_trace(
            go.Scatter(
                x=quoted["year"].astype(int),
                y=quoted["value"].astype(float),
                mode="markers",
                name=t("Figure quoted by the heads of state"),
                # Open, so the sources' markers inside the star stay visible.
                marker={"size": 26, "symbol": "star-open", "color": QUOTED_COLOUR, "line": {"width": 2.5}},
                text=quoted["text"],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    for index, target in enumerate(targets.itertuples(index=False)):
        figure.add_hline(
            y=float(target.value),
            line={"dash": TARGET_DASHES[index % len(TARGET_DASHES)], "color": QUOTED_COLOUR, "width": 2.5},
            annotation={"text": plotly_text(target.text), "font": {"size": 14, "color": QUOTED_COLOUR}},
            annotation_position="top left",
        )
    layout = base_layout(t("Intra-regional trade of the Central Asian five, bn USD"))
    layout.update(
        xaxis={"title": t("Year"), "dtick": 1, "tickformat": "d"},
        yaxis={"title": t("bn USD"), "rangemode": "tozero"},
        height=520,
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
    )
    figure.update_layout(**layout)
    return figure


def growth_chart(
    actual: pd.DataFrame,
    required: pd.DataFrame,
    pace: pd.DataFrame | None,
    target_value: float,
    target_text: str,
    base_label: str,
) -> go.Figure:
    """The base source's values, the path the target needs, and the path at the pace achieved.

    `required` and `pace` are year/value frames from `queries.trade.growth_path` (what-ifs,
    not forecasts); `pace` may be None when no source has two full years.
    """
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=actual["year"].astype(int),
            y=actual["value"].astype(float),
            mode="lines+markers",
            name=t("Reported: {source}", source=plotly_text(base_label)),
            marker={"size": 11, "color": OKABE_ITO[0]},
            line={"width": 2.5, "color": OKABE_ITO[0]},
            hovertemplate=t("Year %{x}: %{y} bn USD") + "<extra></extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=required["year"],
            y=required["value"],
            mode="lines",
            name=t("Path the target needs"),
            line={"width": 3, "color": QUOTED_COLOUR, "dash": "dash"},
            hovertemplate=t("Year %{x}: %{y:.2f} bn USD") + "<extra></extra>",
        )
    )
    if pace is not None and not pace.empty:
        figure.add_trace(
            go.Scatter(
                x=pace["year"],
                y=pace["value"],
                mode="lines",
                name=t("Path at the pace achieved so far"),
                line={"width": 3, "color": OKABE_ITO[2], "dash": "dot"},
                hovertemplate=t("Year %{x}: %{y:.2f} bn USD") + "<extra></extra>",
            )
        )
    figure.add_hline(
        y=target_value,
        line={"dash": "dash", "color": "#7F7F7F", "width": 1.5},
        annotation={"text": plotly_text(target_text), "font": {"size": 14}},
        annotation_position="top left",
    )
    layout = base_layout(t("What the target needs, and where the pace so far would lead (what-if, not a forecast)"))
    top = max([target_value, *actual["value"].astype(float), *required["value"]])
    if pace is not None and not pace.empty:
        top = max(top, min(float(pace["value"].max()), 2 * target_value))
    layout.update(
        xaxis={
            "title": t("Year"),
            "dtick": 1,
            "tickformat": "d",
            "range": [
                min([float(required["year"].min()), *actual["year"].astype(float)]) - 0.4,
                float(required["year"].max()) + 0.4,
            ],
        },
        yaxis={"title": t("bn USD"), "range": [0, math.ceil(top * 1.1)]},
        height=440,
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0},
    )
    figure.update_layout(**layout)
    return figure


def bilateral_chart(points: pd.DataFrame, partner_names: dict[str, str]) -> go.Figure:
    """One panel per partner; colour and symbol say whose statistics; open markers are part years.

    Full years of the same reporter side are joined; part-year values never are.
    """
    partners = list(dict.fromkeys(points["partner"].astype(str)))
    columns = min(3, max(1, len(partners)))
    rows_count = max(1, math.ceil(len(partners) / columns))
    figure = make_subplots(
        rows=rows_count,
        cols=columns,
        subplot_titles=[t("Kazakhstan – {partner}", partner=plotly_text(partner_names.get(p, p))) for p in partners],
        horizontal_spacing=0.07,
        vertical_spacing=0.16 if rows_count > 1 else 0.1,
    )
    shown: set[str] = set()
    for index, partner in enumerate(partners):
        row, col = index // columns + 1, index % columns + 1
        rows = points[points["partner"] == partner]
        for side in ("home", "partner", "unstated"):
            full = rows[(rows["side"] == side) & (rows["period_type"] == "year")].sort_values("year")
            if not full.empty:
                figure.add_trace(
                    go.Scatter(
                        x=full["year"].astype(int),
                        y=full["value"].astype(float),
                        mode="lines+markers",
                        name=side_label(side),
                        legendgroup=side,
                        showlegend=side not in shown,
                        marker={"size": 12, "symbol": SIDE_SYMBOLS[side], "color": SIDE_COLOURS[side]},
                        line={"width": 2, "color": SIDE_COLOURS[side]},
                        customdata=full[["period", "label"]].astype(str).map(plotly_text).to_numpy(),
                        hovertemplate=side_label(side) + "<br>" + _hover(UNIT),
                    ),
                    row=row,
                    col=col,
                )
                shown.add(side)
            part = rows[(rows["side"] == side) & (rows["period_type"] != "year")]
            if not part.empty:
                key = f"part-{side}"
                figure.add_trace(
                    go.Scatter(
                        x=part["year"].astype(int),
                        y=part["value"].astype(float),
                        mode="markers",
                        name=t("{side}, part of a year (not joined)", side=side_label(side)),
                        legendgroup=key,
                        showlegend=key not in shown,
                        marker={
                            "size": 12,
                            "symbol": f"{SIDE_SYMBOLS[side]}-open",
                            "color": SIDE_COLOURS[side],
                            "line": {"width": 2},
                        },
                        customdata=part[["period", "label"]].astype(str).map(plotly_text).to_numpy(),
                        hovertemplate=side_label(side) + "<br>" + _hover(UNIT),
                    ),
                    row=row,
                    col=col,
                )
                shown.add(key)
    years = points["year"].astype(int) if not points.empty else pd.Series([2020, 2025])
    figure.update_xaxes(dtick=1, tickformat="d", range=[int(years.min()) - 0.5, int(years.max()) + 0.5])
    figure.update_yaxes(rangemode="tozero")
    figure.update_yaxes(title_text=t("bn USD"), col=1)
    layout = base_layout(t("Kazakhstan's trade with each partner, bn USD, by whose statistics"))
    layout.update(
        height=330 * rows_count + 150,
        legend={"orientation": "h", "yanchor": "top", "y": -0.08, "x": 0},
        margin={"l": 10, "r": 10, "t": 90, "b": 10},
    )
    figure.update_layout(**layout)
    return figure


def country_ca_chart(points: pd.DataFrame, country_names: dict[str, str]) -> go.Figure:
    """Each country's trade with the rest of Central Asia; open markers are part years."""
    figure = go.Figure()
    for index, (iso3, rows) in enumerate(points.groupby("country", sort=True)):
        colour = SOURCE_COLOURS[index % len(SOURCE_COLOURS)]
        name = plotly_text(country_names.get(str(iso3), str(iso3)))
        full = rows[rows["period_type"] == "year"].sort_values("year")
        if not full.empty:
            figure.add_trace(
                go.Scatter(
                    x=full["year"].astype(int),
                    y=full["value"].astype(float),
                    mode="lines+markers",
                    name=t("{country} with the rest of Central Asia", country=name),
                    marker={"size": 11, "color": colour},
                    line={"width": 2.5, "color": colour},
                    customdata=full[["period", "label"]].astype(str).map(plotly_text).to_numpy(),
                    hovertemplate=_hover(UNIT),
                )
            )
        part = rows[rows["period_type"] != "year"]
        if not part.empty:
            figure.add_trace(
                go.Scatter(
                    x=part["year"].astype(int),
                    y=part["value"].astype(float),
                    mode="markers",
                    name=t("{country}, part of a year (not joined)", country=name),
                    marker={"size": 12, "symbol": "circle-open", "color": colour, "line": {"width": 2}},
                    customdata=part[["period", "label"]].astype(str).map(plotly_text).to_numpy(),
                    hovertemplate=_hover(UNIT),
                )
            )
    layout = base_layout(t("Trade with the rest of Central Asia, bn USD"))
    layout.update(
        xaxis={"title": t("Year"), "dtick": 1, "tickformat": "d"},
        yaxis={"title": t("bn USD"), "rangemode": "tozero"},
        height=420,
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0},
    )
    figure.update_layout(**layout)
    return figure


def partner_trade_map(layers: MapLayers, west: float | None = None) -> go.Figure:
    """The region map coloured by trade with Kazakhstan, widened west to `west` (e.g. for Türkiye)."""
    figure = region_map(layers)
    if west is not None and west < VIEW_LON[0]:
        figure.update_geos(lonaxis_range=[west, VIEW_LON[1]], lataxis_range=[VIEW_LAT[0], VIEW_LAT[1]])
        # A wider view is flatter: a shorter figure avoids blank bands above and below the map.
        figure.update_layout(height=520)
    if len(figure.data) > 1:
        # A short colour-bar title leaves the map more of the width.
        figure.data[1].colorbar.title.text = t("bn USD")
    return figure
