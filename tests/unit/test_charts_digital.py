"""Digital and AI chart builder: one bar per source, the speech set apart, unverified bars marked."""

from __future__ import annotations

import pandas as pd

from dashboard.charts import digital as charts


def _rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["speech", "stay", "glance", "reportaz"],
            "value": [400000.0, 390000.0, 440000.0, 400.0],
            "unit": ["students"] * 4,
            "period": ["2025-01/2025-10", "2025-09", "2025-10-01", "2025-01/2025-10"],
            "is_speech": [True, False, False, False],
            "short_source": ["Kassym-Jomart Tokayev", "StayAIware", "Glance", "Report.az"],
            "source_name": ["Kassym-Jomart Tokayev, Gabala", "StayAIware", "Glance", "Report.az"],
            "source_date": ["2025-10-07", "2025-09", "2025-10-01", "2025-10-07"],
            "quote_en": ["more than 400 thousand", "390,000 completed", "certified over 440,000", "over 400 students"],
            "verified": [True, True, False, False],
        }
    )


def test_each_source_is_a_bar_with_its_value_and_the_speech_has_its_own_colour():
    """Four sources, four bars, in the given order; values as printed, 400 included."""
    figure = charts.ai_training_chart(_rows())
    speech, others = figure.data
    assert list(speech.y) == [400000.0]
    assert speech.marker.color == charts.SPEECH_COLOUR
    assert list(others.y) == [390000.0, 440000.0, 400.0]
    assert others.marker.color == charts.OTHER_COLOUR
    assert list(figure.layout.xaxis.categoryarray) == [
        "Kassym-Jomart Tokayev<br>2025-10-07",
        "StayAIware<br>2025-09",
        "Glance<br>2025-10-01",
        "Report.az<br>2025-10-07",
    ]
    assert speech.text[0] == "400,000"


def test_unverified_bars_are_hatched_and_labelled():
    """Glance and Report.az are unverified: a hatch pattern and '⚠ unverified' in the label."""
    others = charts.ai_training_chart(_rows()).data[1]
    assert list(others.marker.pattern.shape) == ["", "/", "/"]
    assert "⚠ unverified" not in others.text[0]
    assert others.text[1] == "440,000<br>⚠ unverified"
    assert others.text[2] == "400<br>⚠ unverified"
    assert "over 400 students" in others.hovertext[2]
