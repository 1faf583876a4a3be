"""A timeline of summits, meetings and documents: one row per event, planned ones drawn hollow."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import OKABE_ITO, base_layout

KIND_STYLE = {
    "summit": {"color": OKABE_ITO[0], "symbol": "circle"},
    "document": {"color": OKABE_ITO[5], "symbol": "square"},
    "meeting": {"color": OKABE_ITO[2], "symbol": "diamond"},
}
FALLBACK_STYLE = {"color": OKABE_ITO[7], "symbol": "circle"}
ROW_HEIGHT = 44
LABEL_DAYS = 240  # the date text beside a point needs about this much of the axis


def timeline_chart(
    events: pd.DataFrame,
    kind_names: dict[str, str],
    planned_name: str,
    title: str,
) -> go.Figure:
    """Events as points on a date axis, one labelled row each, oldest at the top.

    `events` needs label, kind, x (a timestamp), planned, when (the date as the reader sees it)
    and hover (the full hover text, sources included). Each kind has its own colour and symbol;
    a planned event keeps them but is drawn hollow and named "(planned)" in the legend, so the
    difference does not rest on colour alone.
    """
    order = list(dict.fromkeys(events["label"]))
    traces = []
    for (kind, planned), rows in events.groupby(["kind", "planned"], sort=False):
        style = KIND_STYLE.get(str(kind), FALLBACK_STYLE)
        name = kind_names.get(str(kind), str(kind))
        traces.append(
            go.Scatter(
                x=list(rows["x"]),
                y=list(rows["label"]),
                mode="markers+text",
                text=list(rows["when"]),
                textposition="middle right",
                textfont={"size": 13, "color": "#333333"},
                cliponaxis=False,
                name=f"{name} ({planned_name})" if planned else name,
                # An open symbol takes its outline colour from `color`.
                marker={
                    "size": 16,
                    "color": style["color"],
                    "symbol": style["symbol"] + ("-open" if planned else ""),
                    "line": {"color": style["color"], "width": 3},
                },
                customdata=[[hover] for hover in rows["hover"]],
                hovertemplate="%{customdata[0]}<extra></extra>",
            )
        )
    layout = base_layout(title)
    xaxis = {"type": "date", "showgrid": True, "gridcolor": "#E5E5E5", "tickformat": "%Y", "dtick": "M12"}
    if not events.empty:
        # Room on the right for the date written beside the last point.
        first, last = pd.Timestamp(min(events["x"])), pd.Timestamp(max(events["x"]))
        xaxis["range"] = [first - pd.Timedelta(days=60), last + pd.Timedelta(days=LABEL_DAYS)]
    layout.update(
        height=max(260, 120 + ROW_HEIGHT * len(order)),
        xaxis=xaxis,
        yaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": order,
            "autorange": "reversed",
            "automargin": True,
            "showgrid": True,
            "gridcolor": "#F2F2F2",
        },
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
        margin={"l": 10, "r": 20, "t": 60, "b": 10},
        plot_bgcolor="white",
        hoverlabel={"align": "left"},
    )
    # Traces and layout in one go: adding them to an empty figure one update at a time costs
    # twice as long, and the figure is rebuilt for every new selection.
    return go.Figure(data=traces, layout=layout)
