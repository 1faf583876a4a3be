"""Charts of the Digital and AI page: every source's count of students trained in AI."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.energy_water import wrap_hover
from dashboard.charts.style import OKABE_ITO, base_layout
from dashboard.escaping import plotly_text
from dashboard.formatting import is_missing, number
from dashboard.i18n import t, translation_column
from dashboard.queries.energy_water import frame_records

SPEECH_COLOUR = OKABE_ITO[1]  # orange: the figure the speech quotes
OTHER_COLOUR = OKABE_ITO[0]  # blue: what other sources say
UNVERIFIED_PATTERN = "/"


def _or_dash(value: object) -> str:
    return "—" if is_missing(value) else str(value)


def bar_label(row: dict) -> str:
    """The category under a bar: the source and its date."""
    date = row["source_date"] if not is_missing(row["source_date"]) else t("undated")
    return f"{plotly_text(row['short_source'])}<br>{plotly_text(date)}"


def ai_training_chart(rows: pd.DataFrame) -> go.Figure:
    """One bar per source, labelled with its value; unverified bars hatched and marked.

    `rows` comes from `queries.digital.ai_training`. The values are drawn as the sources
    print them, on one linear axis, so a count that lost its "thousand" shows as the
    sliver it is rather than being corrected.
    """
    frame = rows.reset_index(drop=True)
    frame_rows = frame_records(frame)
    labels = [bar_label(row) for row in frame_rows]
    top = float(frame["value"].max()) if not frame.empty else 1.0
    layout = base_layout(t("Students trained in AI in Kazakhstan, as each source states it"))
    layout.update(
        height=520,
        xaxis={"categoryorder": "array", "categoryarray": labels, "title": None},
        yaxis={"title": t("students"), "range": [0, top * 1.25], "tickformat": ",d"},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        margin={"l": 10, "r": 10, "t": 90, "b": 10},
        bargap=0.35,
    )
    # The layout goes in first: updating it once traces are there costs several times more.
    figure = go.Figure(layout=layout)
    for is_speech in (True, False):
        mask = (frame["is_speech"] == is_speech).to_numpy()
        part = frame[mask]
        if part.empty:
            continue
        chosen = [row for row, keep in zip(frame_rows, mask, strict=True) if keep]
        text = []
        for row in chosen:
            label = number(row["value"])
            if not bool(row["verified"]):
                label += f"<br>⚠ {t('unverified')}"
            text.append(label)
        hover = [
            "<br>".join(
                [
                    f"<b>{number(row['value'])} {plotly_text(row['unit'])}</b>"
                    f" ({plotly_text(_or_dash(row['period']))})",
                    wrap_hover(str(row[translation_column()])),
                    t("Source: {source}, {date}", source=plotly_text(row["source_name"]),
                      date=plotly_text(row["source_date"]) if not is_missing(row["source_date"]) else t("undated")),
                ]
                + ([f"⚠ {t('unverified')}"] if not bool(row["verified"]) else [])
            )
            for row in chosen
        ]
        figure.add_trace(
            go.Bar(
                x=[label for label, keep in zip(labels, mask, strict=True) if keep],
                y=part["value"].astype(float).tolist(),
                name=t("The speech") if is_speech else t("Other sources"),
                marker={
                    "color": SPEECH_COLOUR if is_speech else OTHER_COLOUR,
                    "pattern": {
                        "shape": ["" if bool(v) else UNVERIFIED_PATTERN for v in part["verified"]],
                        "fgcolor": "#000000",
                        "solidity": 0.3,
                    },
                    "line": {"color": "#000000", "width": 1},
                },
                text=text,
                textposition="outside",
                cliponaxis=False,
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    return figure
