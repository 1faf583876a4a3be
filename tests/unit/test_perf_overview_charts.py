"""The Overview's charts are built in one go (traces and layout together) and draw what the step-by-step API drew."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.charts.trade_trend import trade_trend
from dashboard.i18n import set_language


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("en")


def _layout(figure: go.Figure) -> dict:
    return json.loads(figure.to_json())["layout"]


def _trend(target: float | None) -> go.Figure:
    region = pd.DataFrame({"year": [2022, 2023], "value": [10.0, 11.0], "source_id": ["e", "e"],
                           "country": ["C5", "C5"], "source_label": ["ekonomist.kz", "ekonomist.kz"]})
    countries = pd.DataFrame({"year": [2023], "value": [8.0], "country": ["KAZ"], "source_id": ["s"]})
    return trade_trend(region, target, "Target: USD 15 bn <b>(x & y)</b>", countries, {"KAZ": "Kazakhstan"})


def test_the_target_is_the_line_and_label_add_hline_draws():
    """The hand-written target line and its label equal Figure.add_hline(annotation_position="top left")."""
    reference = go.Figure()
    reference.add_hline(
        y=15.0,
        line={"dash": "dash", "color": "#D55E00", "width": 3},
        annotation={
            "text": "Target: USD 15 bn &lt;b&gt;(x &amp; y)&lt;/b&gt;",
            "font": {"size": 15, "color": "#D55E00"},
        },
        annotation_position="top left",
    )
    drawn, expected = _layout(_trend(15.0)), _layout(reference)
    assert drawn["shapes"] == expected["shapes"]
    assert drawn["annotations"] == expected["annotations"]


def test_without_a_target_there_is_no_line_and_no_label():
    layout = _layout(_trend(None))
    assert "shapes" not in layout and "annotations" not in layout
    assert layout["title"]["text"] == "Intra-regional trade, bn USD"
