"""Trade queries: growth arithmetic, sources kept apart, bilateral sides side by side, the map metric."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.queries import trade as tq

SOURCES = pd.DataFrame(
    {
        "id": ["s-eco", "s-silk", "s-old", "s-kz", "s-kg", "s-part", "s-none"],
        "publisher": ["ekonomist.kz", "Silk Way TV", "uz-line.com", "Interfax", "Trend", "Trend", "Qazaq TV"],
        "date": [pd.NA, "2025-11-16", "2019-03-20", "2023-09-25", "2024-05-24", "2024-12-13", "2021-12-29"],
    }
)


def _row(metric, country, partner, period, year, kind, value, reporter, source, verified=True):
    return {
        "metric": metric, "country": country, "partner": partner, "period": period, "year": year,
        "period_type": kind, "value": value, "unit": "USD bn", "reporter": reporter, "source_id": source,
        "quote": "q", "verified": verified, "note": pd.NA,
    }


def _series() -> pd.DataFrame:
    rows = [
        _row("intra-ca-trade", "C5", pd.NA, "2019", 2019, "year", 6.0, pd.NA, "s-eco"),
        _row("intra-ca-trade", "C5", pd.NA, "2023", 2023, "year", 10.0, pd.NA, "s-eco"),
        _row("intra-ca-trade", "C5", pd.NA, "2024", 2024, "year", 11.5, "KAZ", "s-silk"),
        _row("intra-ca-trade", "C5", pd.NA, "2018", 2018, "year", 12.2, "UZB", "s-old"),
        _row("intra-ca-trade", "C5", pd.NA, "2023-09-13", 2023, "point", 10.0, "KAZ", "s-part"),
        _row("bilateral-trade", "KAZ", "KGZ", "2022", 2022, "year", 1.3, "KAZ", "s-kz"),
        _row("bilateral-trade", "KAZ", "KGZ", "2022", 2022, "year", 1.181, "KGZ", "s-kg"),
        _row("bilateral-trade", "KAZ", "KGZ", "2023", 2023, "year", 1.317, "KGZ", "s-kg"),
        _row("bilateral-trade", "KAZ", "UZB", "2023", 2023, "year", 4.4, "KAZ", "s-kz"),
        _row("bilateral-trade", "KAZ", "UZB", "2023", 2023, "year", 4.0, "UZB", "s-kg"),
        _row("bilateral-trade", "KAZ", "UZB", "2024-01/2024-10", 2024, "part_year", 3.4, "UZB", "s-part"),
        _row("bilateral-trade", "KAZ", "TUR", "2023", 2023, "year", 6.0, pd.NA, "s-none"),
        _row("country-ca-trade", "KAZ", "C5", "2021", 2021, "year", 6.3, "KAZ", "s-kz"),
        _row("country-ca-trade", "UZB", "C5", "2024", 2024, "year", 6.9, "UZB", "s-kg"),
        _row("country-ca-trade", "TJK", "C5", "2023-01/2023-11", 2023, "part_year", 1.539, "TJK", "s-part"),
    ]
    return pd.DataFrame(rows)


def test_cagr_is_the_compound_annual_rate():
    """100 -> 121 in two years is exactly 10 % a year; 6 -> 10 in four years is 13.62 %."""
    assert tq.cagr(100, 121, 2) == pytest.approx(0.10)
    assert tq.cagr(6, 10, 4) == pytest.approx(0.136219, abs=1e-6)
    assert tq.cagr(10, 10, 3) == 0


def test_cagr_refuses_an_empty_span_or_a_non_positive_start():
    """No span, or a zero start, has no growth rate."""
    with pytest.raises(ValueError):
        tq.cagr(1, 2, 0)
    with pytest.raises(ValueError):
        tq.cagr(0, 2, 3)


def test_required_growth_from_11_5_bn_in_2024_to_15_and_20_bn_by_2030():
    """(15 / 11.5)^(1/6) - 1 = 4.53 % and (20 / 11.5)^(1/6) - 1 = 9.66 % a year."""
    assert tq.required_growth(11.5, 2024, 15, 2030) == pytest.approx(0.045279, abs=1e-6)
    assert tq.required_growth(11.5, 2024, 20, 2030) == pytest.approx(0.096618, abs=1e-6)


def test_required_growth_needs_a_later_year_and_is_negative_when_met():
    """A target year not after the base year has no rate; a met target needs negative growth."""
    assert tq.required_growth(11.5, 2024, 15, 2024) is None
    assert tq.required_growth(16, 2024, 15, 2030) < 0


def test_year_reached_at_a_constant_rate():
    """100 growing 10 % a year reaches 121 in 2022; zero growth never reaches it."""
    assert tq.year_reached(100, 2020, 121, 0.10) == pytest.approx(2022)
    assert tq.year_reached(100, 2020, 121, 0.0) is None
    assert tq.year_reached(130, 2020, 121, 0.0) == 2020


def test_growth_path_compounds_from_the_base_year():
    """The path starts at the base value and ends at base × (1 + rate)^years."""
    path = tq.growth_path(100, 2020, 0.10, 2022)
    assert path["year"].tolist() == [2020, 2021, 2022]
    assert path["value"].tolist() == pytest.approx([100, 110, 121])


def test_base_options_are_each_sources_latest_full_year_newest_first():
    """The 2024 value comes first; a reading at a date is never a base; each source appears once."""
    bases = tq.base_options(_series(), SOURCES)
    assert bases[["source_id", "year", "value"]].values.tolist() == [
        ["s-silk", 2024, 11.5],
        ["s-eco", 2023, 10.0],
        ["s-old", 2018, 12.2],
    ]
    assert bases.iloc[0]["label"] == "Silk Way TV, 2025-11-16"


def test_pace_uses_two_years_of_the_same_source_only():
    """Only ekonomist.kz has two full years: 6 (2019) -> 10 (2023), 13.62 % a year."""
    paces = tq.pace_options(_series(), SOURCES)
    assert paces["source_id"].tolist() == ["s-eco"]
    pace = paces.iloc[0]
    assert (pace["start_year"], pace["start_value"], pace["end_year"], pace["end_value"]) == (2019, 6.0, 2023, 10.0)
    assert pace["rate"] == pytest.approx((10 / 6) ** 0.25 - 1)


def test_target_choices_keep_one_figure_per_value():
    """Two figures stating 15 bn give one choice (the first), beside 20 bn."""
    figures = pd.DataFrame(
        {
            "id": ["t15", "t20", "t15-again", "actual"],
            "metric": ["intra-ca-trade-target", "intra-ca-trade-target", "intra-ca-trade-target", "intra-ca-trade"],
            "value": [15.0, 20.0, 15.0, 11.0],
        }
    )
    assert tq.target_choices(figures)["id"].tolist() == ["t15", "t20"]


def test_figures_by_id_keeps_the_given_order_and_skips_missing():
    """Figures come in the requested order; unknown ids are skipped."""
    figures = pd.DataFrame({"id": ["a", "b"], "value": [1.0, 2.0]})
    assert tq.figures_by_id(figures, ("b", "x", "a"))["id"].tolist() == ["b", "a"]


def test_full_years_and_part_years_are_separate():
    """metric_points holds full years only; non_annual_points holds the rest."""
    full = tq.metric_points(_series(), "intra-ca-trade", SOURCES)
    other = tq.non_annual_points(_series(), "intra-ca-trade", SOURCES)
    assert set(full["period_type"]) == {"year"}
    assert other["period"].tolist() == ["2023-09-13"]


def test_bilateral_partners_follow_the_selection():
    """A selected partner shows its pair; Kazakhstan alone or no partner shows every partner."""
    series = _series()
    assert tq.bilateral_partners(series, ["KAZ", "UZB"]) == ["UZB"]
    assert tq.bilateral_partners(series, ["KAZ"]) == ["KGZ", "TUR", "UZB"]
    assert tq.bilateral_partners(series, ["AZE"]) == ["KGZ", "TUR", "UZB"]


def test_reporter_side_names_whose_statistics():
    """KAZ is the home side, the partner's code its side, anything else unstated."""
    assert tq.reporter_side("KAZ", "KGZ") == "home"
    assert tq.reporter_side("KGZ", "KGZ") == "partner"
    assert tq.reporter_side(pd.NA, "KGZ") == "unstated"
    assert tq.reporter_side("TITR", "KGZ") == "unstated"


def test_disagreements_put_both_sides_next_to_each_other():
    """2022 KGZ: Kazakhstan says 1.3, Kyrgyzstan 1.181; 2023 UZB: 4.4 vs 4.0; nothing averaged."""
    points = tq.bilateral_points(_series(), SOURCES, ["KGZ", "UZB", "TUR"])
    differ = tq.bilateral_disagreements(points)
    assert differ[["year", "partner"]].values.tolist() == [[2022, "KGZ"], [2023, "UZB"]]
    first = differ.iloc[0]
    assert first["kaz_reported"] == "1.3 (Interfax, 2023-09-25)"
    assert first["partner_reported"] == "1.181 (Trend, 2024-05-24)"
    assert first["difference"] == pytest.approx(0.119)


def test_map_metric_takes_the_latest_full_year_and_prefers_kazakh_statistics():
    """KGZ: 2023 (Kyrgyz) beats 2022; UZB 2023: Kazakh 4.4 over Uzbek 4.0; part years never count."""
    points = tq.bilateral_points(_series(), SOURCES, ["KGZ", "UZB", "TUR"])
    metric = tq.partner_trade_metric(points).set_index("iso3")
    assert (metric.loc["KGZ", "year"], metric.loc["KGZ", "value"], metric.loc["KGZ", "reporter"]) == (
        2023, 1.317, "KGZ"
    )
    assert (metric.loc["UZB", "year"], metric.loc["UZB", "value"], metric.loc["UZB", "reporter"]) == (
        2023, 4.4, "KAZ"
    )
    assert metric.loc["TUR", "reporter"] == ""


def test_country_ca_points_follow_the_selection():
    """Only the selected countries' rows, part years included (drawn apart by the chart)."""
    points = tq.country_ca_points(_series(), SOURCES, ["KAZ", "TJK"])
    assert points["country"].tolist() == ["KAZ", "TJK"]
    assert points["period_type"].tolist() == ["year", "part_year"]


def test_source_labels_add_the_date_when_there_is_one():
    """`publisher, date`, or the publisher alone for an undated source."""
    labels = tq.source_labels(SOURCES)
    assert labels["s-silk"] == "Silk Way TV, 2025-11-16"
    assert labels["s-eco"] == "ekonomist.kz"


def test_cagr_matches_the_logarithmic_form():
    """The rate satisfies start × (1 + rate)^years = end."""
    rate = tq.cagr(11.5, 20, 6)
    assert 11.5 * (1 + rate) ** 6 == pytest.approx(20)
    assert math.isclose(rate, math.exp(math.log(20 / 11.5) / 6) - 1)
