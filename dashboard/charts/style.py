"""Shared look of every chart: a colour-blind-safe palette and type that reads across a room."""

from __future__ import annotations

# Okabe & Ito (2008), the palette most recommended for colour-vision deficiency.
OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)
# Route status is always the same colour on every map.
STATUS_COLOURS = {
    "operating": "#0072B2",
    "under_construction": "#E69F00",
    "planned": "#CC79A7",
    "proposed": "#CC79A7",
}
# Sequential scale for choropleths; cividis is perceptually uniform and CVD-safe.
SEQUENTIAL_SCALE = "Cividis"
BASE_FONT_SIZE = 15
NO_DATA_GREY = "#D9D9D9"
UNSELECTED_GREY = "#EFEFEF"


def base_layout(title: str) -> dict:
    """Layout settings every chart shares (title, font, margins)."""
    return {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": BASE_FONT_SIZE + 5}},
        "font": {"size": BASE_FONT_SIZE, "family": "DejaVu Sans, Arial, sans-serif"},
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "paper_bgcolor": "white",
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.08, "x": 0},
    }
