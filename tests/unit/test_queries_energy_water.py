"""Energy and water queries: project filters and positions, capacity families, disagreements, the Caspian."""

from __future__ import annotations

import math

import pandas as pd

from dashboard.queries import energy_water as q


def _projects() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["kambarata-1", "rogun", "corridor", "gas-line", "bypass"],
            "name_en": ["Kambarata-1", "Rogun", "Green corridor", "Gas line", "Bypass"],
            "sector": ["hydropower", "hydropower", "electricity", "gas", "transport"],
            "countries": ["KGZ;KAZ;UZB", "TJK", "KAZ;AZE;UZB", "TKM;UZB", "KAZ"],
            "place_id": [pd.NA, "rogun-dam", pd.NA, "nowhere", pd.NA],
            "capacity_value": [1860.0, 3780.0, 7.0, 30.0, None],
            "capacity_unit": ["MW", "MW", "GW", "bcm/yr", pd.NA],
            "cost_usd_bn": [4.2, None, None, 6.7, None],
            "status": ["agreed", "partly_operating", "agreed", "planned", "under_construction"],
            "start": [pd.NA] * 5,
            "completion": [pd.NA, "2033", pd.NA, pd.NA, "2025"],
            "source_id": ["s-24kg", "s-wb", "s-ice", "s-trend", "s-trend"],
            "verified": [True, True, True, False, True],
        }
    ).astype({"capacity_value": "Float64", "cost_usd_bn": "Float64"})


def _places() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["rogun-dam", "nowhere", "astana"],
            "name_en": ["Rogun Dam", "Nowhere", "Astana"],
            "kind": ["dam", "station", "capital"],
            "lat": [38.68, None, 51.16],
            "lon": [69.77, None, 71.45],
            "source_id": ["s-wiki", "s-trend", "s-rc"],
            "verified": [True, True, True],
        }
    ).astype({"lat": "Float64", "lon": "Float64"})


def _sources() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["speech", "s-24kg", "s-wb", "s-kz", "s-tnw", "s-trend", "s-menafn"],
            "publisher": ["Not recorded", "24.kg", "World Bank", "Kazinform", "Turkish News World", "Trend", "MENAFN"],
            "date": ["2025-10-07", "2025-10-16", pd.NA, "2024-06", "2024", "2024-12-28", "2025-12-16"],
            "kind": ["speech", "news", "official", "news", "news", "news", "news"],
            "speaker": ["Kassym-Jomart Tokayev", pd.NA, pd.NA, pd.NA, pd.NA, pd.NA, pd.NA],
            "event": ["12th OTS Summit", pd.NA, pd.NA, pd.NA, pd.NA, pd.NA, pd.NA],
        }
    )


def _figure(fid, metric, value, unit, kind, period, source, subject="p", countries="KGZ", note=pd.NA):
    return {"id": fid, "metric": metric, "subject": subject, "value": value, "unit": unit, "kind": kind,
            "period": period, "countries": countries, "source_id": source, "note": note}


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows).astype({"value": "Float64"})


def test_energy_projects_keep_energy_and_water_sectors_of_the_selected_countries():
    """Transport projects never show; a project shows when one of its countries is selected."""
    assert q.energy_projects(_projects(), ["KAZ"])["id"].tolist() == ["kambarata-1", "corridor"]
    assert q.energy_projects(_projects(), ["TJK"])["id"].tolist() == ["rogun"]
    assert q.energy_projects(_projects(), ["HUN"]).empty
    assert q.energy_projects(_projects(), None)["id"].tolist() == ["kambarata-1", "rogun", "corridor", "gas-line"]


def test_capacity_is_compared_in_mw_and_gas_keeps_its_own_family():
    """7 GW is 7,000 MW; bcm/yr is gas, never converted to power; unknown units have no family."""
    assert q.capacity_in_family(7.0, "GW") == ("power", 7000.0)
    assert q.capacity_in_family(1860.0, "MW") == ("power", 1860.0)
    assert q.capacity_in_family(30.0, "bcm/yr") == ("gas", 30.0)
    assert q.capacity_in_family(5.6, "bn kWh/yr") == (None, None)
    assert q.capacity_in_family(pd.NA, "MW") == (None, None)
    assert q.family_maxima(_projects()) == {"power": 7000.0, "gas": 30.0}


def test_only_projects_whose_place_has_sourced_coordinates_are_placed():
    """Rogun's dam has coordinates; no place, or a place without coordinates, is never given a guessed one."""
    positions = q.project_positions(_projects(), _places()).set_index("id")
    assert bool(positions.loc["rogun", "placed"]) is True
    assert (positions.loc["rogun", "lat"], positions.loc["rogun", "lon"]) == (38.68, 69.77)
    assert positions.loc["rogun", "place_name"] == "Rogun Dam"
    for unplaced in ("kambarata-1", "corridor", "gas-line"):
        assert bool(positions.loc[unplaced, "placed"]) is False
        assert math.isnan(positions.loc[unplaced, "lat"])
    assert positions.loc["corridor", "capacity_comparable"] == 7000.0


def test_projects_per_country_counts_every_project_a_country_takes_part_in():
    """KAZ is in Kambarata-1 and the corridor (2); UZB in three; the names go with the count."""
    energy = q.energy_projects(_projects(), ["KAZ", "KGZ", "UZB", "TJK", "TKM", "AZE"])
    counts = q.projects_per_country(energy).set_index("iso3")
    assert counts.loc["KAZ", "value"] == 2.0
    assert counts.loc["UZB", "value"] == 3.0
    assert counts.loc["KAZ", "year"] == "Kambarata-1, Green corridor"
    assert "TUR" not in counts.index


def test_projects_table_names_the_source_by_publisher_and_date():
    """The table carries the publisher and the source's date beside each project."""
    table = q.projects_table(q.energy_projects(_projects(), ["KGZ"]), _sources())
    row = table.iloc[0]
    assert (row["name"], row["source"], row["source_date"], row["cost_usd_bn"]) == ("Kambarata-1", "24.kg",
                                                                                    "2025-10-16", 4.2)
    assert row["countries"] == "KGZ, KAZ, UZB"


def test_source_name_of_a_speech_is_speaker_and_event():
    """A speech has no publisher on record: it is named by who spoke where."""
    sources = _sources().set_index("id", drop=False)
    assert q.source_name(sources.loc["speech"].to_dict()) == "Kassym-Jomart Tokayev, 12th OTS Summit"
    assert q.source_name(sources.loc["s-wb"].to_dict()) == "World Bank"


def test_rival_cost_estimates_of_the_same_scope_form_one_disagreement():
    """>4, 4.2 and a 5–6 range without a single value, from three sources, are one disagreement."""
    figures = _frame(
        [
            _figure("cost-over-4", "project-cost", 4.0, "USD bn", "estimate", pd.NA, "s-kz"),
            _figure("cost-4-2", "project-cost", 4.2, "USD bn", "estimate", pd.NA, "s-24kg"),
            _figure("cost-5-6", "project-cost", None, pd.NA, "estimate", pd.NA, "s-tnw"),
            _figure("share-kgz", "project-share", 34.0, "%", "actual", pd.NA, "s-24kg", countries="KGZ"),
            _figure("share-uzb", "project-share", 33.0, "%", "actual", pd.NA, "s-kz", countries="UZB"),
        ]
    )
    groups = q.disagreement_groups(figures).tolist()
    assert groups[:3] == [1, 1, 1]
    assert pd.isna(groups[3]) and pd.isna(groups[4])  # shares of different countries do not conflict


def test_superseded_date_linked_by_a_note_is_a_disagreement_but_another_milestone_is_not():
    """Third unit 2025 vs 2027 (the notes name each other) conflict; full operation in 2033 stands alone."""
    figures = _frame(
        [
            _figure("unit-2025", "project-milestone", None, pd.NA, "plan", "2025", "s-trend",
                    note="Moved (unit-2027)."),
            _figure("unit-2027", "project-milestone", None, pd.NA, "plan", "2027", "s-menafn"),
            _figure("full-2033", "project-milestone", None, pd.NA, "plan", "2033", "s-wb"),
        ]
    )
    groups = q.disagreement_groups(figures).tolist()
    assert groups[0] == groups[1] == 1
    assert pd.isna(groups[2])


def test_equal_values_in_other_units_and_one_sources_own_figures_are_no_disagreement():
    """−1 m and −100 cm say the same; two regional values of one source do not contradict each other."""
    figures = _frame(
        [
            _figure("a", "caspian-level-change", -1.0, "m", "actual", "2020-2025", "s-kz", subject=pd.NA),
            _figure("b", "caspian-level-change", -100.0, "cm", "actual", "2020-2025", "s-trend", subject=pd.NA),
            _figure("c", "caspian-level-change", -22.0, "cm", "actual", "2024", "s-wb", subject=pd.NA),
            _figure("d", "caspian-level-change", -29.0, "cm", "actual", "2024", "s-wb", subject=pd.NA),
        ]
    )
    assert q.disagreement_groups(figures).isna().all()


def test_a_proposal_and_its_later_status_do_not_disagree():
    """Proposed in 2024 and 'not yet established' in 2026 are two facts, not rival figures."""
    figures = _frame(
        [
            _figure("proposed", "initiative", None, pd.NA, "proposal", pd.NA, "speech", note="See not-yet."),
            _figure("not-yet", "initiative", None, pd.NA, "status", "2026-01-22", "s-kz"),
        ]
    )
    assert q.disagreement_groups(figures).isna().all()


def test_period_dates_put_years_mid_year_months_mid_month_and_intervals_at_their_end():
    """2014 → 1 July 2014; 2024-09 → 15 Sept; a week → its last day."""
    assert q.period_date("2014") == pd.Timestamp(2014, 7, 1)
    assert q.period_date("2024-09") == pd.Timestamp(2024, 9, 15)
    assert q.period_date("2023-07-01/2023-07-08") == pd.Timestamp(2023, 7, 8)
    assert q.period_date("2025-10-02") == pd.Timestamp(2025, 10, 2)


def _caspian_series() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "metric": ["caspian-level", "caspian-level", "caspian-level", "bilateral-trade"],
            "country": ["AZE", "KAZ", "KAZ", "KAZ"],
            "period": ["2014", "2024-09", "2006", "2023"],
            "period_type": ["year", "point", "year", "year"],
            "value": [-27.43, -29.18, -27.07, 5.0],
            "unit": ["m BS", "m BS", "m BS", "USD bn"],
            "reporter": ["Ministry", "Kazhydromet", "Kazhydromet", "KAZ"],
            "source_id": ["s-kz", "s-trend", "s-wb", "s-wb"],
            "verified": [True, True, True, True],
        }
    ).astype({"value": "Float64"})


def test_caspian_levels_follow_the_filter_and_come_in_date_order():
    """Selecting KAZ drops Azerbaijan's reading; the rest is sorted by date, sources named."""
    levels = q.caspian_levels(_caspian_series(), _sources(), ["KAZ"])
    assert levels["value"].tolist() == [-27.07, -29.18]
    assert levels["source_name"].tolist() == ["World Bank", "Trend"]
    assert q.caspian_levels(_caspian_series(), _sources(), ["TUR"]).empty


def test_caspian_changes_convert_metres_to_cm_and_flag_the_conflict():
    """−0.96 m becomes −96 cm beside −24 cm, the two linked by a note as one disagreement."""
    figures = _frame(
        [
            _figure("c96", "caspian-level-change", -0.96, "m", "actual", "2021-2024", "s-trend", subject=pd.NA,
                    countries="KAZ;AZE", note="Conflicts with c24."),
            _figure("c24", "caspian-level-change", -24.0, "cm", "actual", "2021-2025", "s-kz", subject=pd.NA,
                    countries="KAZ;AZE"),
            _figure("words", "caspian-level-change", None, pd.NA, "status", pd.NA, "speech", subject=pd.NA,
                    countries="KAZ"),
            _figure("rate", "caspian-level-change-rate", -8.0, "cm/yr", "actual", "1996-2023", "s-wb", subject=pd.NA,
                    countries="KAZ"),
        ]
    )
    changes = q.caspian_changes(figures, _sources(), ["AZE"]).set_index("id")
    assert set(changes.index) == {"c96", "c24"}  # KAZ-only rows hidden; the speech's words carry no value
    assert changes.loc["c96", "value_cm"] == -96.0
    assert changes.loc["c96", "unit_cm"] == "cm"
    assert changes.loc["c96", "disagreement"] == changes.loc["c24", "disagreement"] == 1


def test_themes_keep_their_order_skip_absent_ids_and_follow_the_filter():
    """Figures come in the theme's order; a theme with nothing relevant disappears; None means no filter."""
    figures = pd.DataFrame(
        {
            "id": ["b", "a", "c"],
            "countries": ["KAZ;UZB", "KAZ", "TUR"],
        }
    )
    themes = (q.Theme("one", "One", ("a", "missing", "b")), q.Theme("two", "Two", ("c",)))
    shown = q.theme_figures(figures, themes, ["KAZ"])
    assert [(theme.id, rows["id"].tolist()) for theme, rows in shown] == [("one", ["a", "b"])]
    every = q.theme_figures(figures, themes, None)
    assert [theme.id for theme, _ in every] == ["one", "two"]
