"""The timeline builder: one row per event, kinds by colour and symbol, planned ones hollow."""

from __future__ import annotations

import pandas as pd

from dashboard.charts.style import OKABE_ITO
from dashboard.charts.timeline import KIND_STYLE, LABEL_DAYS, ROW_HEIGHT, timeline_chart

NAMES = {"summit": "Summit", "document": "Document", "meeting": "Meeting"}


def _events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "label": ["6th meeting", "Concept", "Board", "Regional summit"],
            "kind": ["summit", "document", "meeting", "summit"],
            "x": [pd.Timestamp(2024, 8, 9), pd.Timestamp(2024, 8, 9), pd.Timestamp(2024, 5, 18),
                  pd.Timestamp(2026, 4, 15)],
            "planned": [False, False, False, True],
            "when": ["9 August 2024", "9 August 2024", "18 May 2024", "2026-04"],
            "hover": ["<b>6th</b><br>Akorda", "<b>Concept</b>", "<b>Board</b>", "<b>Regional</b><br>AZERTAC"],
        }
    )


def test_one_trace_per_kind_and_planned_state_with_the_planned_one_named_and_hollow():
    """Summit, document, meeting and 'Summit (planned)'; the planned marker is the open symbol."""
    figure = timeline_chart(_events(), NAMES, "planned", "Timeline")
    traces = {trace.name: trace for trace in figure.data}
    assert set(traces) == {"Summit", "Document", "Meeting", "Summit (planned)"}
    assert traces["Summit (planned)"].marker.symbol == "circle-open"
    assert traces["Summit"].marker.symbol == "circle"
    assert traces["Document"].marker.symbol == KIND_STYLE["document"]["symbol"] == "square"
    # Open or filled, a kind keeps its colour, so the difference does not rest on colour alone.
    assert traces["Summit (planned)"].marker.color == traces["Summit"].marker.color == OKABE_ITO[0]


def test_points_sit_on_their_dates_and_rows_with_hover_text_and_date_labels():
    """Each point has its label as y, its date as x, the date written beside it and the hover text."""
    figure = timeline_chart(_events(), NAMES, "planned", "Timeline")
    planned = next(trace for trace in figure.data if trace.name == "Summit (planned)")
    assert list(planned.y) == ["Regional summit"]
    assert pd.Timestamp(planned.x[0]) == pd.Timestamp(2026, 4, 15)
    assert list(planned.text) == ["2026-04"]
    assert planned.customdata[0][0] == "<b>Regional</b><br>AZERTAC"
    assert planned.hovertemplate == "%{customdata[0]}<extra></extra>"


def test_rows_keep_the_given_order_from_the_top_and_the_height_grows_with_them():
    """The y categories follow the frame's order, reversed so the first is on top; 44 px per row."""
    figure = timeline_chart(_events(), NAMES, "planned", "Timeline")
    assert list(figure.layout.yaxis.categoryarray) == ["6th meeting", "Concept", "Board", "Regional summit"]
    assert figure.layout.yaxis.autorange == "reversed"
    assert figure.layout.height == 120 + ROW_HEIGHT * 4
    assert figure.layout.title.text == "Timeline"


def test_the_date_axis_leaves_room_for_the_last_label():
    """The x range runs from before the first event to well after the last one."""
    figure = timeline_chart(_events(), NAMES, "planned", "Timeline")
    start, end = (pd.Timestamp(value) for value in figure.layout.xaxis.range)
    assert start < pd.Timestamp(2024, 5, 18)
    assert end == pd.Timestamp(2026, 4, 15) + pd.Timedelta(days=LABEL_DAYS)


def test_unknown_kind_and_empty_frame_still_build():
    """A kind without a style gets the fallback; no events give an empty, titled chart."""
    odd = _events().assign(kind=["conference", "summit", "summit", "summit"])
    figure = timeline_chart(odd, NAMES, "planned", "Timeline")
    assert any(trace.name == "conference" for trace in figure.data)
    empty = timeline_chart(_events().iloc[0:0], NAMES, "planned", "Nothing")
    assert len(empty.data) == 0 and empty.layout.title.text == "Nothing"
