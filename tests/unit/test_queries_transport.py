"""Transport queries: routes by country, map places, the ×6 recomputed, and every length kept."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.queries import transport as tq

SOURCES = pd.DataFrame(
    {
        "id": ["s-rg", "s-trend", "s-trend2", "s-report", "s-qaz"],
        "publisher": ["Railway Gazette", "Trend", "Trend", "Report.az", "Qazinform"],
        "date": ["2024-01-16", "2025-09-17", "2025-08-19", "2026-03-10", "2025-09-30"],
    }
)


def _places() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["dostyk", "moyinty", "aktau", "alat", "kuryk", "bakhty", "ayagoz", "kyzylzhar", "kars"],
            "name_en": ["Dostyk", "Moyinty", "Aktau", "Alat", "Kuryk", "Bakhty", "Ayagoz", "Kyzylzhar", "Kars"],
            "kind": ["border_crossing", "station", "port", "port", "port", "border_crossing", "city", "station",
                     "city"],
            "country": ["KAZ", "KAZ", "KAZ", "AZE", "KAZ", "KAZ", "KAZ", "KAZ", "TUR"],
            "lat": [45.25, 47.2, 43.65, 39.95, 43.2, 46.68, 47.97, None, 40.6],
            "lon": [82.48, 73.4, 51.15, 49.41, 51.65, 82.8, 80.43, None, 43.1],
            "source_id": ["s-rg"] * 9,
            "verified": [True, False, True, True, True, True, True, True, True],
        }
    )


def _routes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["dostyk-moyinty", "bakhty-ayagoz", "kyzylzhar-moyinty", "trans-caspian-sea"],
            "name_en": ["Dostyk – Moyinty", "Bakhty – Ayagoz", "Moyinty – Kyzylzhar", "Aktau – Alat"],
            "kind": ["rail_line", "rail_line", "rail_line", "sea_route"],
            "stops": ["dostyk;moyinty", "bakhty;ayagoz", "kyzylzhar;moyinty", "aktau;alat"],
            "status": ["operating", "under_construction", "under_construction", "operating"],
            "length_km": [836.0, 272.0, 329.0, None],
            "construction_start": ["2022", "2023-12-21", "2025", pd.NA],
            "opened": ["2025-09-30", pd.NA, pd.NA, pd.NA],
            "planned_completion": [pd.NA, "2027", "2026", pd.NA],
            "source_id": ["s-trend", "s-rg", "s-trend", "s-report"],
            "verified": [True, True, True, False],
        }
    )


def _lengths_figures() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["l1", "l2", "l3", "l4", "l5", "l6"],
            "metric": ["route-length"] * 5 + ["section-length"],
            "subject": ["bakhty-ayagoz", "bakhty-ayagoz", "kyzylzhar-moyinty", "almaty-bypass", "dostyk-moyinty",
                        "dostyk-moyinty"],
            "value": [272.0, 295.0, 360.0, 75.0, 836.0, 127.0],
            "unit": ["km"] * 6,
            "source_id": ["s-rg", "s-trend", "s-trend2", "s-trend", "s-trend", "s-trend"],
            "quote": ["q"] * 6,
            "verified": [True] * 6,
        }
    )


def _projects() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["almaty-bypass", "rogun"],
            "name_en": ["Almaty railway bypass", "Rogun"],
            "countries": ["KAZ", "TJK"],
            "status": ["under_construction", "under_construction"],
            "start": ["2023", "2016"],
            "completion": ["2025", "2033"],
            "source_id": ["s-trend", "s-rg"],
            "verified": [True, True],
        }
    )


def test_a_route_concerns_the_countries_of_its_stops():
    """The sea link touches Kazakhstan and Azerbaijan; rail lines only Kazakhstan."""
    countries = tq.route_countries(_routes(), _places())
    assert countries["trans-caspian-sea"] == ["KAZ", "AZE"]
    assert countries["dostyk-moyinty"] == ["KAZ"]


def test_routes_follow_the_selection():
    """Türkiye alone shows no line; Azerbaijan shows the sea link; Kazakhstan shows all four."""
    assert tq.routes_for_countries(_routes(), _places(), ["TUR"]).empty
    assert tq.routes_for_countries(_routes(), _places(), ["AZE"])["id"].tolist() == ["trans-caspian-sea"]
    assert len(tq.routes_for_countries(_routes(), _places(), ["KAZ"])) == 4


def test_map_places_are_route_stops_and_the_selections_ports_and_crossings():
    """Alat is drawn as a stop of a shown route; Kuryk as a Kazakh port; a stop without position never."""
    routes = tq.routes_for_countries(_routes(), _places(), ["KAZ"])
    ids = tq.map_places(_places(), routes, ["KAZ"])["id"].tolist()
    assert "alat" in ids and "kuryk" in ids and "dostyk" in ids
    assert "kyzylzhar" not in ids  # no sourced position
    assert "kars" not in ids  # a city of an unselected country on no shown route
    assert tq.map_places(_places(), routes.iloc[0:0], ["AZE"])["id"].tolist() == ["alat"]


def test_unplaced_stops_are_listed_per_route():
    """Kyzylzhar has no coordinates, so its line lists it as not drawn."""
    unplaced = tq.unplaced_stops(_routes(), _places())
    assert unplaced[["id", "stops"]].values.tolist() == [["kyzylzhar-moyinty", "Kyzylzhar"]]


def test_lines_table_keeps_every_length_beside_the_primary_one():
    """Bakhty–Ayagoz: primary 272, also 295 reported -> differ; Dostyk–Moyinty agrees."""
    figures = _lengths_figures()
    lengths = tq.length_figures(figures, SOURCES, ["dostyk-moyinty", "bakhty-ayagoz", "kyzylzhar-moyinty"])
    assert set(lengths["id"]) == {"l1", "l2", "l3", "l5"}  # section lengths are not route lengths
    table = tq.lines_table(_routes(), None, lengths, SOURCES).set_index("id")
    assert table.loc["bakhty-ayagoz", "length_km"] == 272.0
    assert table.loc["bakhty-ayagoz", "lengths_reported"] == (
        "272 km — Railway Gazette, 2024-01-16; 295 km — Trend, 2025-09-17"
    )
    assert bool(table.loc["bakhty-ayagoz", "lengths_differ"]) is True
    assert bool(table.loc["kyzylzhar-moyinty", "lengths_differ"]) is True  # 329 primary vs 360
    assert bool(table.loc["dostyk-moyinty", "lengths_differ"]) is False
    assert table.loc["dostyk-moyinty", "opened"] == "2025-09-30"
    assert table.loc["bakhty-ayagoz", "planned_completion"] == "2027"


def test_a_project_line_takes_its_own_sources_length():
    """The Almaty bypass has no route row: its 75 km come from its own source's length figure."""
    lengths = tq.length_figures(_lengths_figures(), SOURCES, ["almaty-bypass"])
    table = tq.lines_table(_routes().iloc[0:0], _projects(), lengths, SOURCES)
    assert table["id"].tolist() == ["almaty-bypass"]
    row = table.iloc[0]
    assert (row["length_km"], row["construction_start"], row["planned_completion"], row["opened"]) == (
        75.0, "2023", "2025", ""
    )


def test_length_disagreements_list_each_length_with_its_sources():
    """Two rows for Bakhty–Ayagoz (272 primary, 295) and two for Moyinty–Kyzylzhar (329 primary, 360)."""
    ids = ["dostyk-moyinty", "bakhty-ayagoz", "kyzylzhar-moyinty"]
    lengths = tq.length_figures(_lengths_figures(), SOURCES, ids)
    table = tq.lines_table(_routes(), None, lengths, SOURCES)
    disputed = tq.length_disagreements(lengths, table)
    assert disputed[["line", "length_km", "primary"]].values.tolist() == [
        ["Bakhty – Ayagoz", 272.0, True],
        ["Bakhty – Ayagoz", 295.0, False],
        ["Moyinty – Kyzylzhar", 329.0, True],
        ["Moyinty – Kyzylzhar", 360.0, False],
    ]
    # The primary 329 km has no length figure: the line's own source stands for it.
    assert disputed.iloc[2]["sources"] == "Trend, 2025-09-17"


def _cargo() -> pd.DataFrame:
    values = {2019: 0.759, 2020: 0.783, 2021: 0.586, 2022: 1.485, 2023: 2.764, 2024: 4.484, 2025: 4.119}
    rows = [
        {"metric": "middle-corridor-cargo", "country": "KAZ", "period": str(y), "year": y, "period_type": "year",
         "value": v, "unit": "m t", "source_id": "s-report", "verified": True}
        for y, v in values.items()
    ]
    rows.append({"metric": "middle-corridor-cargo", "country": "KAZ", "period": "2024-01/2024-11", "year": 2024,
                 "period_type": "part_year", "value": 4.1, "unit": "m t", "source_id": "s-trend", "verified": True})
    return pd.DataFrame(rows)


def test_the_six_fold_claim_is_recomputed_from_one_source():
    """2024/2019 = 4.484/0.759 = ×5.91 and 2025/2020 = 4.119/0.783 = ×5.26; part years never count."""
    growths = tq.claim_multiples(_cargo())
    table = tq.growth_table(growths, SOURCES)
    assert table[["start_year", "end_year", "multiple"]].values.tolist() == [[2020, 2025, 5.261], [2019, 2024, 5.908]]
    assert table.iloc[1]["label"] == "Report.az, 2026-03-10"


def test_series_points_keep_part_years_with_their_period():
    """Every value of the metric, the part year with its own period."""
    points = tq.series_points(_cargo(), "middle-corridor-cargo", SOURCES)
    assert len(points) == 8
    assert points[points["period_type"] == "part_year"]["period"].tolist() == ["2024-01/2024-11"]


def test_claim_period_reads_a_year_span():
    """`2020-2025` is (2020, 2025); an empty or single-year period is None."""
    assert tq.claim_period(pd.Series({"period": "2020-2025"})) == (2020, 2025)
    assert tq.claim_period(pd.Series({"period": pd.NA})) is None
    assert tq.claim_period(pd.Series({"period": "2025"})) is None


def test_capacity_steps_are_the_train_pairs_smallest_first():
    """12 then 60 pairs a day, whatever the file order; other metrics and subjects are left out."""
    figures = pd.DataFrame(
        {
            "id": ["p60", "p12", "other"],
            "metric": ["train-pairs-per-day", "train-pairs-per-day", "train-pairs-per-day"],
            "subject": ["dostyk-moyinty", "dostyk-moyinty", "elsewhere"],
            "value": [60.0, 12.0, 8.0],
        }
    )
    steps = tq.capacity_steps(figures)
    assert steps["value"].tolist() == [12.0, 60.0]
    assert steps["value"].iloc[1] / steps["value"].iloc[0] == pytest.approx(5)

