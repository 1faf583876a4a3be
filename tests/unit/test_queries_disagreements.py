"""Pure queries of the Sources page: citations per source, the filters, and the disagreement finder."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard import queries
from dashboard.queries import disagreements as d
from data.loader import load_all


def _series(rows: list[tuple]) -> pd.DataFrame:
    columns = ["metric", "country", "partner", "period", "year", "period_type", "value", "unit", "reporter",
               "source_id", "quote", "verified", "note"]
    return pd.DataFrame(rows, columns=columns)


def _figures(rows: list[tuple]) -> pd.DataFrame:
    columns = ["id", "metric", "subject", "value", "unit", "kind", "period", "countries", "source_id", "quote",
               "quote_lang", "quote_en", "verified", "note"]
    return pd.DataFrame(rows, columns=columns)


def _row(ident, metric, subject, value, unit, kind="actual", period=pd.NA, countries="KAZ", source="s1",
         verified=True, note=pd.NA):
    return (ident, metric, subject, value, unit, kind, period, countries, source, "q", "en", "q", verified, note)


TRADE = _series(
    [
        ("trade", "C5", pd.NA, "2023", 2023, "year", 11.0, "USD bn", "KAZ", "a", "q", True, pd.NA),
        ("trade", "C5", pd.NA, "2023", 2023, "year", 11.0, "USD bn", "KAZ", "b", "q", True, pd.NA),
        ("trade", "C5", pd.NA, "2023", 2023, "year", 10.0, "USD bn", pd.NA, "c", "q", True, pd.NA),
        ("trade", "C5", pd.NA, "2022", 2022, "year", 9.0, "USD bn", pd.NA, "c", "q", True, pd.NA),
        ("bilateral", "KAZ", "KGZ", "2022", 2022, "year", 1.3, "USD bn", "KAZ", "d", "q", True, pd.NA),
        ("bilateral", "KAZ", "KGZ", "2022", 2022, "year", 1.181, "USD bn", "KGZ", "e", "q", False, pd.NA),
        ("bilateral", "KAZ", "KGZ", "2023-01/2023-10", 2023, "part_year", 1.0, "USD bn", "KGZ", "e", "q", True,
         pd.NA),
        ("bilateral", "KAZ", "KGZ", "2023", 2023, "year", 1.3, "USD bn", "KAZ", "d", "q", True, pd.NA),
        ("cargo", "KAZ", pd.NA, "2024", 2024, "year", 4.484, "m t", "MoT", "f", "q", True, pd.NA),
        ("cargo", "KAZ", pd.NA, "2024", 2024, "year", 4.48, "m t", "MoT", "g", "q", True, pd.NA),
    ]
)


def test_series_values_that_differ_between_sources_are_one_disagreement_side_by_side():
    """C5 2023: 10 (one source) against 11 (two sources); each side keeps its sources, nothing averaged."""
    found = d.series_disagreements(TRADE, {"C5": ["KAZ", "UZB"]})
    trade = found[found["metric"] == "trade"]
    assert len(trade) == 1
    row = trade.iloc[0]
    assert (row["a_value"], row["b_value"], row["difference"]) == (10.0, 11.0, 1.0)
    assert [w.source_id for w in row["a"]] == ["c"]
    assert sorted(w.source_id for w in row["b"]) == ["a", "b"]
    assert row["period"] == "2023" and row["subject"] == "C5"
    assert row["countries"] == "KAZ;UZB"  # the group stands for its members


def test_series_disagreement_by_reporter_keeps_the_reporter_and_the_unverified_flag():
    """KAZ–KGZ 2022: Kazakh 1.3 against Kyrgyz 1.181; the side's reporter is named, the row is unverified."""
    found = d.series_disagreements(TRADE)
    row = found[found["subject"] == "KAZ–KGZ"].iloc[0]
    assert (row["a_value"], row["b_value"]) == (1.181, 1.3)
    assert row["a"][0].reporter == "KGZ" and row["b"][0].reporter == "KAZ"
    assert math.isclose(row["difference"], 0.119)
    assert not row["verified"]


def test_different_periods_and_rounded_copies_are_not_disagreements():
    """2022 vs 2023, a part year vs a full year, and 4.484 vs 4.48 (the same figure rounded) are not listed."""
    found = d.series_disagreements(TRADE)
    assert set(found["period"]) == {"2023", "2022"}
    assert len(found) == 2
    assert "cargo" not in set(found["metric"])


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [(2.764, 2.76, True), (4.484, 4.48, True), (2.7, 2.764, False), (4.0, 4.2, False), (11.0, 10.0, False),
     (272.0, 272.0, True), (1.3, 1.181, False)],
)
def test_rounded_copy_needs_equal_rounding_and_a_small_gap(a, b, same):
    """Equal at the coarser decimals and within 1 %: 4.0 vs 4.2 rounds alike but is 5 % apart."""
    assert d.rounded_copy(a, b) is same


def test_decimals_and_common_units():
    """Decimals as written; cm compare in m, USD m in USD bn, unknown units as they are."""
    assert (d.decimals(2.76), d.decimals(11.0), d.decimals(1.1488)) == (2, 0, 4)
    assert d.in_common_unit(-80, "cm") == ("m", -0.8)
    assert d.in_common_unit(500, "USD m") == ("USD bn", 0.5)
    assert d.in_common_unit(3, "MW") == ("MW", 3.0)


LENGTHS = _figures(
    [
        _row("len-272-a", "route-length", "bakhty-ayagoz", 272.0, "km", source="rg"),
        _row("len-272-b", "route-length", "bakhty-ayagoz", 272.0, "km", source="zawya"),
        _row("len-295", "route-length", "bakhty-ayagoz", 295.0, "km", source="trend"),
        _row("sec-127", "section-length", "dostyk-moyinty", 127.0, "km", source="kp"),
        _row("sec-166", "section-length", "dostyk-moyinty", 166.0, "km", source="200news"),
        _row("target-15", "trade-target", "C5", 15.0, "USD bn", kind="target", source="speech"),
        _row("target-20", "trade-target", "C5", 20.0, "USD bn", kind="target", source="silkway"),
        _row("coast-ne", "caspian-change", pd.NA, -22.0, "cm", period="2024", source="baq"),
        _row("coast-e", "caspian-change", pd.NA, -29.0, "cm", period="2024", source="baq"),
        _row("sea-m", "caspian-change", pd.NA, -1.0, "m", period="2020-2025", countries="KAZ;AZE", source="x"),
        _row("sea-cm", "caspian-change", pd.NA, -80.0, "cm", period="2020-2025", countries="AZE;KAZ", source="y"),
        _row("sea-other", "caspian-change", pd.NA, -0.5, "m", period="2021-2025", countries="KAZ;AZE", source="z"),
        _row("sea-kaz", "caspian-change", pd.NA, -0.6, "m", period="2020-2025", countries="KAZ", source="w"),
        _row("cap-actual", "capacity", "line", 28.0, "Mt", kind="capacity", source="rg"),
        _row("cap-target", "capacity", "line", 48.0, "Mt", kind="target", period="2030", source="zawya"),
        _row("named", "initiative", "C5", pd.NA, pd.NA, kind="proposal", source="speech"),
    ]
)


def test_figures_with_the_same_subject_and_different_values_from_different_sources():
    """Bakhty–Ayagoz 272 (two sources) against 295, and −1 m against −80 cm over the same span, in one unit."""
    found = d.figure_disagreements(LENGTHS).set_index("subject", drop=False)
    route = found.loc["bakhty-ayagoz"]
    assert (route["a_value"], route["b_value"], route["difference"]) == (272.0, 295.0, 23.0)
    assert sorted(w.ref for w in route["a"]) == ["len-272-a", "len-272-b"]
    sea = found[found["metric"] == "caspian-change"]
    assert len(sea) == 1
    row = sea.iloc[0]
    assert (row["a_value"], row["a_unit"], row["b_value"], row["b_unit"]) == (-1.0, "m", -80.0, "cm")
    assert math.isclose(row["difference"], 0.2)  # in A's unit, metres
    assert row["period"] == "2020-2025"


def test_parts_open_targets_one_source_other_kinds_other_countries_are_not_compared():
    """Two sections, a revised target, two coasts from one source, capacity vs target, KAZ vs KAZ;AZE: none."""
    found = d.figure_disagreements(LENGTHS)
    assert set(found["metric"]) == {"route-length", "caspian-change"}
    assert len(found) == 2


def test_quote_discrepancy_is_found_through_the_note_and_the_speech_reads_first():
    """The English text names TKM where the Kazakh report names TJK; A is the speech, B the other report."""
    figures = _figures(
        [
            _row("gas-en", "project", pd.NA, pd.NA, pd.NA, kind="project", countries="KAZ;UZB;TKM", source="nca",
                 note="The Kazakh report names Tajikistan (gas-kk)."),
            _row("gas-kk", "project", pd.NA, pd.NA, pd.NA, kind="project", countries="KAZ;UZB;TJK", source="speech",
                 note="The English text names Turkmenistan (gas-en)."),
            _row("rogun", "project", "rogun", pd.NA, pd.NA, kind="project", countries="TJK", source="speech",
                 note="See gas-en."),
            _row("silk", "project", pd.NA, pd.NA, pd.NA, kind="project", countries="KAZ", source="other"),
        ]
    )
    sources = pd.DataFrame({"id": ["nca", "speech", "other"], "kind": ["news", "speech", "news"]})
    found = d.quote_discrepancies(figures, sources)
    assert len(found) == 1  # rogun names gas-en but is about another subject; silk is named by no note
    row = found.iloc[0]
    assert row["a"][0].ref == "gas-kk" and row["b"][0].ref == "gas-en"
    assert d.country_difference(row["a"][0], row["b"][0]) == (["TJK"], ["TKM"])
    assert math.isnan(row["difference"])


def test_same_countries_in_both_reports_is_no_discrepancy():
    """Two reports naming the same countries agree, whatever their notes say."""
    figures = _figures(
        [
            _row("x-en", "project", pd.NA, pd.NA, pd.NA, countries="KAZ;UZB", source="a", note="see x-kk"),
            _row("x-kk", "project", pd.NA, pd.NA, pd.NA, countries="UZB;KAZ", source="b"),
        ]
    )
    assert d.quote_discrepancies(figures).empty


def test_all_disagreements_and_the_country_filter():
    """Series first, then figures; the filter keeps those naming a selected country or none."""
    found = d.disagreements(LENGTHS, TRADE, None, {"C5": ["KAZ", "KGZ", "UZB"]})
    assert found["kind"].tolist() == ["series", "series", "figures", "figures"]
    assert len(d.disagreements_for_countries(found, ["KGZ"])) == 2
    assert len(d.disagreements_for_countries(found, ["AZE"])) == 1  # the Caspian one
    assert d.disagreements(None, None).empty


SOURCES = pd.DataFrame(
    {
        "id": ["speech", "stats", "wiki", "news"],
        "title": ["Speech", "Trade statistics", "Dostyk (Wikipedia)", "Caspian report"],
        "publisher": ["Akorda", "Stat agency", "Mirror", "Trend"],
        "url": [pd.NA, "https://stat.example/x", "https://wiki.example/d", pd.NA],
        "date": ["2024-08-09", "2025-01", pd.NA, "2025-09"],
        "event": ["6th Consultative Meeting", pd.NA, pd.NA, pd.NA],
        "speaker": ["Tokayev", pd.NA, pd.NA, pd.NA],
        "language": ["kk", "en", "en", "en"],
        "kind": ["speech", "statistics", "reference", "news"],
        "note": [pd.NA, pd.NA, "Undated copy", pd.NA],
    }
)
CITING_FIGURES = _figures(
    [
        _row("f1", "trade", "C5", 11.0, "USD bn", countries="KAZ;KGZ", source="speech"),
        _row("f2", "trade", "C5", 15.0, "USD bn", countries=pd.NA, source="speech"),
        _row("f3", "caspian", pd.NA, -1.0, "m", countries="AZE;KAZ", source="news", verified=False),
    ]
)
CITING_SERIES = _series(
    [("trade", "C5", pd.NA, "2023", 2023, "year", 10.0, "USD bn", pd.NA, "stats", "q", True, pd.NA),
     ("bilateral", "KAZ", "TUR", "2023", 2023, "year", 6.0, "USD bn", pd.NA, "stats", "q", True, pd.NA)]
)


def test_citations_list_figures_and_series_with_the_countries_they_concern():
    """A C5 series row concerns the C5 members; a bilateral row its two countries."""
    cites = d.citations(CITING_FIGURES, CITING_SERIES, {"C5": ["KAZ", "UZB"]})
    assert cites["table"].tolist() == ["figures", "figures", "figures", "series", "series"]
    series = cites[cites["table"] == "series"]
    assert series["countries"].tolist() == ["KAZ;UZB", "KAZ;TUR"]
    assert series["subject"].tolist() == ["C5", "KAZ–TUR"]
    assert d.citations(None, None).empty


def test_source_overview_counts_citations_and_puts_speeches_first():
    """Counts per table, other tables counted apart; speech first, then newest, undated last."""
    cites = d.citations(CITING_FIGURES, CITING_SERIES)
    other = d.other_citations({"places": pd.DataFrame({"source_id": ["wiki", "wiki", pd.NA]}),
                               "initiatives": pd.DataFrame({"status_source_id": ["news"]})})
    assert other == {"wiki": 2, "news": 1}
    overview = d.source_overview(SOURCES, cites, other)
    assert overview["id"].tolist() == ["speech", "news", "stats", "wiki"]
    counts = overview.set_index("id")[["figures", "series", "other"]]
    assert counts.loc["speech"].tolist() == [2, 0, 0]
    assert counts.loc["stats"].tolist() == [0, 2, 0]
    assert counts.loc["wiki"].tolist() == [0, 0, 2]


def test_sources_follow_the_country_filter_and_uncited_sources_stay():
    """TUR: stats (KAZ–TUR row), speech (a region-wide figure), wiki (cites none); not the Caspian report."""
    cites = d.citations(CITING_FIGURES, CITING_SERIES, {"C5": ["KAZ", "UZB"]})
    overview = d.source_overview(SOURCES, cites)
    assert set(d.sources_for_countries(overview, cites, ["TUR"])["id"]) == {"speech", "stats", "wiki"}
    assert set(d.sources_for_countries(overview, cites, ["AZE"])["id"]) == {"speech", "news", "wiki"}


def test_search_kind_filter_and_citing_rows():
    """Search reads titles, publishers, events and notes in any case; kinds filter; citing lists one source."""
    overview = d.source_overview(SOURCES, d.citations(CITING_FIGURES, CITING_SERIES))
    assert d.matching(overview, "consultative")["id"].tolist() == ["speech"]
    assert d.matching(overview, "UNDATED")["id"].tolist() == ["wiki"]
    assert len(d.matching(overview, "  ")) == 4
    assert d.of_kinds(overview, ["statistics", "news"])["id"].tolist() == ["news", "stats"]
    cites = d.citations(CITING_FIGURES, CITING_SERIES)
    assert d.citing(cites, "speech")["ref"].tolist() == ["f1", "f2"]
    assert not d.citing(cites, "news").iloc[0]["verified"]


@pytest.fixture(scope="module")
def real():
    result = load_all()
    assert not result.errors
    tables = result.tables
    members = {"C5": queries.group_members(tables["groups"], "C5", ("member",))}
    return d.disagreements(tables["figures"], tables["series"], tables["sources"], members)


def _pairs(found: pd.DataFrame) -> set[tuple[str, str, float, float]]:
    return {(r.metric, r.subject, r.a_value, r.b_value) for r in found.itertuples() if r.kind != "quote"}


def test_real_data_yields_the_known_contradictions(real):
    """Route lengths, Kambarata-1 cost, Rogun MW, AI students, Caspian rates, intra-CA 2023, KZ–KG by reporter."""
    pairs = _pairs(real)
    assert ("route-length", "bakhty-ayagoz", 272.0, 295.0) in pairs
    assert ("route-length", "kyzylzhar-moyinty", 329.0, 360.0) in pairs
    assert ("project-cost", "kambarata-1", 4.0, 4.2) in pairs
    assert ("installed-capacity", "rogun", 3600.0, 3780.0) in pairs
    assert ("students-trained-ai", "", 400.0, 400000.0) in pairs
    assert ("caspian-level-change", "", -1.0, -0.8) in pairs
    assert ("intra-ca-trade", "C5", 10.0, 11.0) in pairs
    assert ("bilateral-trade", "KAZ–KGZ", 1.181, 1.3) in pairs


def test_real_data_yields_the_gas_projects_quote_discrepancy(real):
    """The Kazakh report (Tajikistan) against the English text (Turkmenistan), speech first."""
    quotes = real[real["kind"] == "quote"]
    row = next(r for r in quotes.itertuples() if {r.a[0].ref, r.b[0].ref} == {"c5-gas-projects-kk",
                                                                               "c5-gas-projects-en"})
    assert row.a[0].ref == "c5-gas-projects-kk"
    assert d.country_difference(row.a[0], row.b[0]) == (["TJK"], ["TKM"])


def test_real_data_has_no_false_contradictions(real):
    """Sections of one line, the revised 15→20 bn target and rounded copies of one series are not listed."""
    assert "section-length" not in set(real["metric"])
    assert "intra-ca-trade-target" not in set(real["metric"])
    report, rounded = "reportaz-2026-03-10-titr-cargo", "astanatimes-2026-03-10-titr-cargo-fivefold"
    for row in real[real["metric"] == "middle-corridor-cargo"].itertuples():
        sides = [{w.source_id for w in row.a}, {w.source_id for w in row.b}]
        # The Astana Times rounds Report.az's ministry figures: they always stand on the same side.
        assert not (report in sides[0] and rounded in sides[1]) and not (rounded in sides[0] and report in sides[1])


def test_real_sides_are_values_their_sources_state_never_an_average(real):
    """Each side's value is one of its own witnesses' values."""
    for row in real[real["kind"] != "quote"].itertuples():
        assert row.a_value in {w.value for w in row.a}
        assert row.b_value in {w.value for w in row.b}
