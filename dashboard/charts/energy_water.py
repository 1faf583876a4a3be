"""Charts of the Energy and water page: the project map, the Caspian level, its stated falls."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.region_map import MapLayers, region_map
from dashboard.charts.style import OKABE_ITO, STATUS_COLOURS, base_layout
from dashboard.escaping import plotly_text
from dashboard.formatting import is_missing, number
from dashboard.i18n import t
from dashboard.queries.energy_water import frame_records

# Statuses the shared palette leaves out get the remaining Okabe–Ito colours.
PROJECT_STATUS_COLOURS = {
    **STATUS_COLOURS,
    "partly_operating": OKABE_ITO[4],  # sky blue: between operating and under construction
    "agreed": OKABE_ITO[2],  # bluish green
}
# Marker diameters in px: area grows with capacity (sqrt), inside each family's own scale.
MIN_MARKER = 12
MAX_MARKER = 46
FAMILY_SYMBOLS = {"power": "circle", "gas": "diamond"}
DISAGREEMENT_COLOUR = OKABE_ITO[5]  # vermillion
AGREED_COLOUR = OKABE_ITO[0]  # blue


def status_label(status: str) -> str:
    """A project status in words."""
    return {
        "operating": t("operating"),
        "partly_operating": t("partly operating"),
        "under_construction": t("under construction"),
        "planned": t("planned"),
        "proposed": t("proposed"),
        "agreed": t("agreed"),
    }.get(status, status)


def marker_size(value: float, family_max: float | None) -> float:
    """Diameter in px: the family's largest project gets MAX_MARKER, marker area ∝ capacity."""
    if is_missing(value) or not family_max or value <= 0:
        return float(MIN_MARKER)
    return MIN_MARKER + (MAX_MARKER - MIN_MARKER) * math.sqrt(min(value / family_max, 1.0))


def _family_title(family: str | None) -> str:
    if family == "power":
        return t("Electric capacity (marker area ∝ MW)")
    if family == "gas":
        return t("Gas (marker area ∝ bcm/yr, own scale)")
    return t("Capacity not stated")


def project_map(layers: MapLayers, projects: pd.DataFrame, maxima: dict[str, float]) -> go.Figure:
    """The region map with a marker per project that has a sourced position.

    `projects` comes from `queries.energy_water.project_positions` (only rows with `placed`
    are drawn) with `name` added; `maxima` are each family's largest capacity. One legend
    group per capacity family, one entry per status, so a gas marker is never compared with
    an electric one.
    """
    figure = region_map(layers)
    for trace in figure.data:
        # The shaded layer counts projects: whole numbers only on its colour bar.
        if trace.type == "choropleth" and trace.showscale is not False:
            trace.colorbar.dtick = 1
        # This map draws only capitals, for orientation.
        if trace.type == "scattergeo" and trace.name == t("Places"):
            trace.name = t("Capitals")
    placed = projects[projects["placed"]] if "placed" in projects else projects.iloc[0:0]
    keyed = placed.assign(_family=placed["family"].map(lambda f: f if isinstance(f, str) else "none"))
    for (family, status), rows in keyed.groupby(["_family", "status"], sort=True):
        family_key = None if family == "none" else str(family)
        sizes = [marker_size(v, maxima.get(family_key or "")) for v in rows["capacity_comparable"]]
        text = [_project_hover(row) for row in frame_records(rows)]
        figure.add_trace(
            go.Scattergeo(
                lat=rows["lat"].astype(float).tolist(),
                lon=rows["lon"].astype(float).tolist(),
                mode="markers",
                marker={
                    "size": sizes,
                    "sizemode": "diameter",
                    "color": PROJECT_STATUS_COLOURS.get(str(status), OKABE_ITO[7]),
                    "symbol": FAMILY_SYMBOLS.get(family_key or "", "square"),
                    "line": {"color": "#000000", "width": 2.5},
                    "opacity": [0.95 if bool(v) else 0.55 for v in rows["verified"]],
                },
                text=text,
                hovertemplate="%{text}<extra></extra>",
                name=status_label(str(status)),
                legendgroup=str(family),
                legendgrouptitle={"text": _family_title(family_key)},
            )
        )
    figure.update_layout(title={"text": t("Energy and water projects: positions, capacity and status")},
                         legend={"groupclick": "toggleitem"})
    return figure


def _project_hover(row: dict) -> str:
    lines = [f"<b>{plotly_text(row['name'])}</b>", status_label(str(row["status"]))]
    if not is_missing(row.get("capacity_value")):
        lines.append(t("Capacity: {value} {unit}", value=number(row["capacity_value"]),
                       unit=plotly_text(row["capacity_unit"])))
    else:
        lines.append(t("Capacity: not stated"))
    if not is_missing(row.get("place_name")):
        lines.append(t("Position: {place}", place=plotly_text(row["place_name"])))
    lines.append(t("Source: {source}", source=plotly_text(row["source_id"])))
    if not bool(row["verified"]) or (not is_missing(row.get("place_verified")) and not bool(row["place_verified"])):
        lines.append(f"⚠ {t('unverified')}")
    return "<br>".join(lines)


def caspian_level_chart(levels: pd.DataFrame) -> go.Figure:
    """Caspian level readings over time: one trace per source and reporter, kind of reading by marker.

    `levels` comes from `queries.energy_water.caspian_levels`. Full-year values are filled
    circles, point readings (a month, a week) open diamonds; sources are never joined by a line.
    """
    layout = base_layout(t("Caspian Sea level, m (Baltic height system)"))
    layout.update(
        height=480,
        xaxis={"title": t("Date of the reading")},
        yaxis={"title": t("m below the Baltic datum (negative)"), "tickformat": ".2f"},
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0, "font": {"size": 13}},
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
    )
    # The layout goes in first: updating it once traces are there costs several times more.
    figure = go.Figure(layout=layout)
    # One series per publisher and reporter: a publisher's weekly bulletins are one series.
    keys = levels[["source_name", "reporter", "period_type"]].astype("string").fillna("")
    groups = levels.assign(_source=keys["source_name"], _reporter=keys["reporter"], _type=keys["period_type"])
    sources = list(dict.fromkeys(groups["_source"]))
    for (source, reporter, period_type), rows in groups.groupby(["_source", "_reporter", "_type"], sort=False):
        colour = OKABE_ITO[sources.index(source) % len(OKABE_ITO)]
        full_year = period_type == "year"
        kind = t("full-year value") if full_year else t("point reading")
        hover = [
            "<br>".join(
                [
                    f"<b>{number(row['value'])} {plotly_text(row['unit'])}</b> — {plotly_text(row['period'])} ({kind})",
                    t("Reporter: {reporter}",
                      reporter=plotly_text(row["reporter"]) if not is_missing(row["reporter"]) else "—"),
                    t("Source: {source}, {date}", source=plotly_text(row["source_name"]),
                      date=plotly_text(row["source_date"]) if not is_missing(row["source_date"]) else "—"),
                ]
                + ([f"⚠ {t('unverified')}"] if not bool(row["verified"]) else [])
                + ([wrap_hover(str(row["note"]))] if not is_missing(row.get("note")) else [])
            )
            for row in frame_records(rows)
        ]
        figure.add_trace(
            go.Scatter(
                x=[date.strftime("%Y-%m-%d") for date in rows["date"]],
                y=rows["value"].astype(float).tolist(),
                mode="markers",
                name=f"{plotly_text(source)} — {plotly_text(reporter or '—')} ({kind})",
                marker={
                    "size": 13 if full_year else 12,
                    "symbol": "circle" if full_year else "diamond-open",
                    "color": colour,
                    "line": {"width": 2.5 if not full_year else 1, "color": colour},
                },
                text=hover,
                hovertemplate="%{text}<extra></extra>",
            )
        )
    return figure


def _unique(labels: list[str]) -> list[str]:
    """Labels made unique by numbering repeats: two statements of one source for one span stay two bars."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def wrap_hover(text: str, width: int = 70) -> str:
    """Hover text broken into lines (Plotly does not wrap), shown as the text it is (no tags)."""
    words, lines, line = plotly_text(text).split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "<br>".join(lines)


def change_bars(changes: pd.DataFrame, title: str, axis_title: str) -> go.Figure:
    """Horizontal bars, one per stated change, each labelled with its span and source.

    `changes` comes from `queries.energy_water.caspian_changes` (one unit only). Bars in a
    disagreement are vermillion and say which disagreement; unverified bars are hatched.
    """
    frame = changes.reset_index(drop=True)
    frame_rows = frame_records(frame)
    labels = _unique([plotly_text(f"{row['period']} · {row['source_name']}") for row in frame_rows])
    layout = base_layout(title)
    span = frame["value_cm"].abs().max() if not frame.empty else 1
    lo = min(0.0, float(frame["value_cm"].min())) if not frame.empty else -1
    hi = max(0.0, float(frame["value_cm"].max())) if not frame.empty else 1
    pad = float(span) * 0.35
    layout.update(
        height=max(260, 46 * len(frame) + 140),
        xaxis={"title": axis_title, "zeroline": True, "zerolinecolor": "#000000",
               "range": [lo - (pad if lo < 0 else 0), hi + (pad if hi > 0 else 0)]},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(labels)), "automargin": True},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        margin={"l": 10, "r": 10, "t": 90, "b": 10},
        barmode="overlay",
    )
    # The layout goes in first: updating it once traces are there costs several times more.
    figure = go.Figure(layout=layout)
    in_conflict = frame["disagreement"].notna() if "disagreement" in frame else pd.Series(False, index=frame.index)
    for conflict in (False, True):
        mask = (in_conflict == conflict).to_numpy()
        rows = frame[mask]
        if rows.empty:
            continue
        y = [label for label, keep in zip(labels, mask, strict=True) if keep]
        chosen = [row for row, keep in zip(frame_rows, mask, strict=True) if keep]
        text = []
        for row in chosen:
            label = f"{number(row['value_cm'])} {row['unit_cm']}"
            if conflict:
                label += " · " + t("disagreement {n}", n=int(row["disagreement"]))
            if not bool(row["verified"]):
                label += f" · ⚠ {t('unverified')}"
            text.append(label)
        hover = [
            "<br>".join(
                [
                    f"<b>{number(row['value'])} {plotly_text(row['unit'])}</b> ({plotly_text(row['period'])})",
                    t("Source: {source}, {date}", source=plotly_text(row["source_name"]),
                      date=plotly_text(row["source_date"]) if not is_missing(row["source_date"]) else "—"),
                ]
                + ([wrap_hover(str(row["note"]))] if not is_missing(row.get("note")) else [])
            )
            for row in chosen
        ]
        figure.add_trace(
            go.Bar(
                x=rows["value_cm"].astype(float).tolist(),
                y=y,
                orientation="h",
                name=t("Statements that disagree") if conflict else t("Other statements"),
                marker={
                    "color": DISAGREEMENT_COLOUR if conflict else AGREED_COLOUR,
                    "pattern": {"shape": ["" if bool(v) else "/" for v in rows["verified"]]},
                },
                text=text,
                textposition="outside",
                cliponaxis=False,
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    return figure
