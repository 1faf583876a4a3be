"""Pure queries: filters, presets, growth recomputation, route geometry."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard import queries


def _figures() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["c5-trade-11bn", "rail-corridors-5", "ai-students-400k", "other"],
            "metric": ["intra-ca-trade", "rail-corridors", "students", "rail-corridors"],
            "subject": [pd.NA, pd.NA, pd.NA, pd.NA],
            "value": [11.0, 5.0, 400000.0, 13.0],
            "countries": ["KAZ;KGZ;TJK;TKM;UZB", "KAZ", pd.NA, "KAZ"],
            "source_id": ["s1", "s2", "s2", "s3"],
        }
    )


def test_filter_keeps_figures_of_selected_countries_and_regionwide_ones():
    """A figure naming no country concerns the region and stays in every view."""
    kept = queries.figures_for_countries(_figures(), ["TUR"])
    assert kept["id"].tolist() == ["ai-students-400k"]
    kept = queries.figures_for_countries(_figures(), ["UZB"])
    assert kept["id"].tolist() == ["c5-trade-11bn", "ai-students-400k"]


def test_headline_figures_follow_the_tile_order_and_the_filter():
    """Headline ids come in HEADLINE_FIGURE_IDS order; ids absent from the data are skipped."""
    shown = queries.headline_figures(_figures(), ["KAZ"])
    assert shown["id"].tolist() == ["c5-trade-11bn", "rail-corridors-5", "ai-students-400k"]


def test_related_figures_are_other_claims_on_the_same_metric():
    """Other sources' claims on the same metric stand beside the quoted one."""
    related = queries.related_figures(_figures(), "rail-corridors-5")
    assert related["id"].tolist() == ["other"]


def test_presets_come_from_the_groups_table():
    """C5 members, OTS members, and OTS members with observers."""
    groups = pd.DataFrame(
        {
            "group_id": ["C5", "C5", "OTS", "OTS", "OTS"],
            "iso3": ["KAZ", "UZB", "KAZ", "TUR", "HUN"],
            "role": ["member", "member", "member", "member", "observer"],
        }
    )
    presets = queries.preset_countries(groups)
    assert presets == {"c5": ["KAZ", "UZB"], "ots": ["KAZ", "TUR"], "ots-observers": ["HUN", "KAZ", "TUR"]}


def _series() -> pd.DataFrame:
    rows = [
        ("middle-corridor-cargo", 2019, "year", 0.759, "a"),
        ("middle-corridor-cargo", 2020, "year", 0.783, "a"),
        ("middle-corridor-cargo", 2024, "year", 4.484, "a"),
        ("middle-corridor-cargo", 2025, "year", 4.119, "a"),
        ("middle-corridor-cargo", 2024, "part_year", 4.1, "b"),
    ]
    return pd.DataFrame(rows, columns=["metric", "year", "period_type", "value", "source_id"]).assign(unit="m t")


def test_growth_multiple_is_recomputed_from_one_source_and_full_years_only():
    """2024/2019 and 2025/2020 from the same source; part-year rows are never used."""
    growths = queries.growth_multiples(_series(), "middle-corridor-cargo", span=5)
    assert [(g.start_year, g.end_year) for g in growths] == [(2020, 2025), (2019, 2024)]
    assert math.isclose(growths[1].multiple, 4.484 / 0.759)
    assert all(g.source_id == "a" for g in growths)


def test_route_paths_skip_stops_without_a_sourced_position():
    """A stop with no coordinates is listed as missing, never guessed."""
    places = pd.DataFrame(
        {
            "id": ["dostyk", "aktogay", "moyinty"],
            "lat": [45.25, 46.95, None],
            "lon": [82.48, 79.67, None],
            "verified": [True, True, False],
        }
    )
    routes = pd.DataFrame(
        {"id": ["dm"], "kind": ["rail_line"], "status": ["operating"], "stops": ["dostyk;aktogay;moyinty"],
         "verified": [True]}
    )
    path = queries.route_paths(routes, places).iloc[0]
    assert path["lats"] == [45.25, 46.95]
    assert path["missing"] == ["moyinty"]


def test_country_metric_per_capita_is_derived_from_both_sourced_columns():
    """GDP per person = GDP / population, carrying both source ids; unknown stays NaN."""
    countries = pd.DataFrame(
        {
            "iso3": ["KAZ", "CHN"],
            "population": pd.array([20, None], dtype="Int64"),
            "population_year": pd.array([2024, None], dtype="Int64"),
            "population_source_id": ["wb-pop", None],
            "gdp_usd": [200.0, None],
            "gdp_year": pd.array([2023, None], dtype="Int64"),
            "gdp_source_id": ["wb-gdp", None],
        }
    )
    frame = queries.country_metric(countries, "gdp_per_capita")
    assert frame.loc[0, "value"] == 10
    assert frame.loc[0, "sources"] == "wb-gdp;wb-pop"
    assert pd.isna(frame.loc[1, "value"])
    with pytest.raises(ValueError):
        queries.country_metric(countries, "nonsense")
