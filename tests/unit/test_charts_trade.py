"""Trade chart builders: sources apart, targets and quotes marked, part years never joined."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.charts.region_map import VIEW_LON, MapLayers
from dashboard.charts.trade import (
    bilateral_chart,
    country_ca_chart,
    dodge,
    growth_chart,
    intra_trade_chart,
    partner_trade_map,
)


def _points() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source_id": ["eco", "eco", "silk"],
            "label": ["ekonomist.kz", "ekonomist.kz", "Silk Way TV, 2025-11-16"],
            "period": ["2019", "2023", "2024"],
            "year": [2019, 2023, 2024],
            "value": [6.0, 10.0, 11.5],
            "verified": [True, True, False],
        }
    )


def _others() -> pd.DataFrame:
    return pd.DataFrame({"period": ["2023-09-13"], "year": [2023], "value": [10.0], "label": ["nCa, 2023-09-14"]})


def test_intra_chart_draws_one_series_per_source_and_both_targets():
    """Two sources -> two line traces; 15 and 20 bn as horizontal lines; the 2024 quote as a star."""
    targets = pd.DataFrame({"value": [15.0, 20.0], "text": ["Target 15", "Target 20"]})
    quoted = pd.DataFrame({"year": [2024], "value": [11.5], "text": ["Quoted 11.5"]})
    figure = intra_trade_chart(_points(), _others(), targets, quoted)
    lines = [trace for trace in figure.data if trace.mode == "lines+markers"]
    assert [trace.name for trace in lines] == ["ekonomist.kz", "Silk Way TV, 2025-11-16 ⚠ unverified"]
    assert list(lines[0].y) == [6.0, 10.0]
    assert sorted(shape.y0 for shape in figure.layout.shapes) == [15.0, 20.0]
    stars = [trace for trace in figure.data if trace.marker.symbol == "star-open"]
    assert list(stars[0].y) == [11.5]


def test_a_reading_at_a_date_is_a_marker_never_a_line():
    """The 2023-09-13 reading is drawn with markers only, in its own trace."""
    figure = intra_trade_chart(_points(), _others(), pd.DataFrame(columns=["value", "text"]),
                               pd.DataFrame(columns=["year", "value", "text"]))
    part = [trace for trace in figure.data if "not joined" in trace.name]
    assert len(part) == 1 and part[0].mode == "markers"
    assert list(part[0].y) == [10.0]


def test_dodge_centres_the_sources_on_the_year():
    """Three sources sit at -0.07, 0, +0.07 around their year; one source sits on it."""
    assert [dodge(i, 3) for i in range(3)] == pytest.approx([-0.07, 0.0, 0.07])
    assert dodge(0, 1) == 0


def test_growth_chart_draws_the_required_and_the_pace_paths():
    """The required path ends at the target; the pace path is drawn beside it; the target is a line."""
    actual = pd.DataFrame({"year": [2024], "value": [11.5]})
    required = pd.DataFrame({"year": [2024, 2025], "value": [11.5, 15.0]})
    pace = pd.DataFrame({"year": [2024, 2025], "value": [11.5, 13.0]})
    figure = growth_chart(actual, required, pace, 15.0, "Target 15", "Silk Way TV")
    assert [trace.name for trace in figure.data] == [
        "Reported: Silk Way TV", "Path the target needs", "Path at the pace achieved so far"
    ]
    assert figure.data[1].y[-1] == 15.0
    assert figure.layout.shapes[0].y0 == 15.0
    assert figure.layout.xaxis.range[0] < 2024 < 2025 < figure.layout.xaxis.range[1]


def _bilateral() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "partner": ["KGZ", "KGZ", "KGZ", "UZB"],
            "period": ["2022", "2022", "2021-01/2021-09", "2023"],
            "period_type": ["year", "year", "part_year", "year"],
            "year": [2022, 2022, 2021, 2023],
            "value": [1.3, 1.181, 0.68, 4.4],
            "side": ["home", "partner", "home", "home"],
            "label": ["Interfax", "Trend", "Astana Times", "Kazinform"],
        }
    )


def test_bilateral_chart_has_a_panel_per_partner_and_a_symbol_per_side():
    """KGZ and UZB panels; Kazakh figures are circles, the partner's diamonds; both 2022 values drawn."""
    figure = bilateral_chart(_bilateral(), {"KGZ": "Kyrgyzstan", "UZB": "Uzbekistan"})
    titles = [annotation.text for annotation in figure.layout.annotations]
    assert titles == ["Kazakhstan – Kyrgyzstan", "Kazakhstan – Uzbekistan"]
    symbols = {trace.name: trace.marker.symbol for trace in figure.data}
    assert symbols["Kazakhstan's statistics"] == "circle"
    assert symbols["Partner's statistics"] == "diamond"
    values = sorted(v for trace in figure.data if trace.mode == "lines+markers" for v in trace.y)
    assert values == [1.181, 1.3, 4.4]


def test_bilateral_part_years_are_open_markers_not_joined():
    """The nine-month 2021 value is an open circle in a markers-only trace."""
    figure = bilateral_chart(_bilateral(), {})
    part = [trace for trace in figure.data if "part of a year" in trace.name]
    assert len(part) == 1
    assert part[0].mode == "markers" and part[0].marker.symbol == "circle-open"
    assert list(part[0].y) == [0.68]


def test_country_ca_chart_keeps_part_years_apart():
    """A full-year line for Kazakhstan and an open marker for Tajikistan's eleven months."""
    points = pd.DataFrame(
        {
            "country": ["KAZ", "KAZ", "TJK"],
            "period": ["2021", "2023", "2023-01/2023-11"],
            "period_type": ["year", "year", "part_year"],
            "year": [2021, 2023, 2023],
            "value": [6.3, 8.0, 1.539],
            "label": ["Kursiv", "Silk Way TV", "MENAFN"],
        }
    )
    figure = country_ca_chart(points, {"KAZ": "Kazakhstan", "TJK": "Tajikistan"})
    assert [trace.name for trace in figure.data] == [
        "Kazakhstan with the rest of Central Asia", "Tajikistan, part of a year (not joined)"
    ]
    assert figure.data[1].mode == "markers"


def _square(x: float) -> list:
    return [[[x, 40], [x + 1, 40], [x + 1, 41], [x, 41], [x, 40]]]


def test_partner_map_colours_partners_and_widens_the_view_for_turkiye():
    """Partners with values are coloured; passing `west` moves the view's western edge."""
    boundaries = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": code, "properties": {},
             "geometry": {"type": "Polygon", "coordinates": _square(i)}}
            for i, code in enumerate(["KAZ", "UZB", "TUR"])
        ],
    }
    metric = pd.DataFrame({"iso3": ["UZB", "TUR"], "value": [4.3, 6.0], "year": [2024, 2023],
                           "sources": ["UrduPoint — Kazakhstan's statistics", "Trend — reporter not stated"]})
    layers = MapLayers(boundaries, {"KAZ": "Kazakhstan", "UZB": "Uzbekistan", "TUR": "Türkiye"}, metric,
                       "Trade with Kazakhstan, bn USD", ["KAZ", "UZB", "TUR"],
                       pd.DataFrame(columns=["id", "kind", "status", "verified", "lats", "lons", "missing", "name"]),
                       pd.DataFrame(columns=["name", "kind", "kind_label", "lat", "lon", "verified"]))
    figure = partner_trade_map(layers, west=25.0)
    coloured = figure.data[1]
    assert list(coloured.locations) == ["UZB", "TUR"] and list(coloured.z) == [4.3, 6.0]
    assert "2023" in coloured.text[1] and "reporter not stated" in coloured.text[1]
    assert figure.layout.geo.lonaxis.range[0] == 25.0
    assert partner_trade_map(layers).layout.geo.lonaxis.range[0] == VIEW_LON[0]
