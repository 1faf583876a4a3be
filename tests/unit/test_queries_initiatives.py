"""Pure queries of the Initiatives and events page: the tracker, its filters and the timeline."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.queries import initiatives as q
from data.loader import load_all

SOURCES = pd.DataFrame(
    {
        "id": ["speech", "news", "agency"],
        "publisher": ["Akorda", "Qazinform", "AZERTAC"],
        "date": ["2024-08-09", "2026-01-22", "2025-10-07"],
        "title": ["Speech", "Not yet", "Set to hold"],
        "url": [pd.NA, "https://example.org/n", pd.NA],
        "kind": ["speech", "news", "news"],
    }
)


def _figures(**overrides: list) -> pd.DataFrame:
    columns = {
        "id": ["f-council", "f-consortium", "f-summit", "f-meeting", "f-concept", "f-roadmap", "f-plan"],
        "metric": ["initiative", "initiative", "meeting", "meeting", "agreement", "agreement", "meeting"],
        "kind": ["proposal", "proposal", "event", "event", "document", "document", "plan"],
        "period": [pd.NA, pd.NA, "2024-08-09", "2025-11-15/2025-11-16", "2024-08-09", "2025-2027", "2026-04"],
        "countries": ["AZE;KAZ;TUR", "KAZ;KGZ;TJK;TKM;UZB", "KAZ;KGZ", "KAZ;UZB", pd.NA, "KAZ;KGZ", "KAZ"],
        "source_id": ["speech", "speech", "speech", "news", "speech", "speech", "agency"],
        "quote": ["Кеңес", "Консорциум", "Саммит", "Meeting", "Concept", "Roadmap", "Summit"],
        "quote_lang": ["kk", "kk", "kk", "en", "en", "en", "en"],
        "quote_en": ["Council", "Consortium", "Summit", "Meeting", "Concept", "Roadmap", "Summit"],
        "quote_ru": ["Совет", "Консорциум", "Саммит", "Встреча", "Концепция", "Дорожная карта", "Саммит"],
        "verified": [True, False, True, True, True, True, True],
    }
    columns.update(overrides)
    return pd.DataFrame(columns)


def _initiatives() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["council", "consortium", "chamber"],
            "figure_id": ["f-council", "f-consortium", "f-council"],
            "name_en": ["Council", "Consortium", "Chamber"],
            "proposed_by": ["Kazakhstan"] * 3,
            "forum": ["OTS summit", "C5 meeting", "OTS summit"],
            "proposed_on": ["2025-10-07", "2024-08-09", "2025-10-07"],
            "countries": ["AZE;KAZ;TUR", "KAZ;KGZ;TJK;TKM;UZB", pd.NA],
            "status": ["proposed", "not_established", "unknown"],
            "status_as_of": ["2025-10-07", "2026-01-22", pd.NA],
            "status_source_id": ["speech", "news", pd.NA],
            "verified": [True, True, True],
            "note": [pd.NA, "Not yet established", pd.NA],
        }
    )


def _tracker() -> pd.DataFrame:
    return q.initiative_tracker(_initiatives(), _figures(), SOURCES)


def test_tracker_joins_the_status_source_and_the_quote():
    """Each initiative carries its status source's publisher and date, and its figure's verbatim quote."""
    tracker = _tracker().set_index("id")
    assert tracker.loc["consortium", "status_publisher"] == "Qazinform"
    assert tracker.loc["consortium", "status_source_date"] == "2026-01-22"
    assert tracker.loc["consortium", "status_source_url"] == "https://example.org/n"
    assert tracker.loc["council", "status_source_kind"] == "speech"
    assert tracker.loc["council", "quote"] == "Кеңес"
    assert tracker.loc["council", "quote_en"] == "Council"
    assert pd.isna(tracker.loc["chamber", "status_publisher"])  # unknown: nothing cited


def test_tracker_is_ordered_by_speech_date_and_keeps_table_order_within_a_speech():
    """The older speech's initiatives come first; within a speech the table's order stands."""
    assert _tracker()["id"].tolist() == ["consortium", "council", "chamber"]


def test_an_unverified_quote_marks_the_initiative_unverified():
    """The mark follows the weakest link: an unverified figure makes the initiative unverified."""
    tracker = _tracker().set_index("id")
    assert not tracker.loc["consortium", "verified"]
    assert tracker.loc["council", "verified"]


def test_country_filter_keeps_initiatives_naming_a_selected_country_and_regionwide_ones():
    """TUR keeps the OTS council and the region-wide chamber; TJK keeps the consortium and the chamber."""
    tracker = _tracker()
    assert q.for_countries(tracker, ["TUR"])["id"].tolist() == ["council", "chamber"]
    assert q.for_countries(tracker, ["TJK"])["id"].tolist() == ["consortium", "chamber"]
    assert q.for_countries(tracker, [])["id"].tolist() == ["chamber"]


def test_status_filter_and_counts():
    """Counts follow STATUS_ORDER and leave out absent statuses; the filter keeps the chosen ones."""
    tracker = _tracker()
    assert q.status_counts(tracker) == {"proposed": 1, "not_established": 1, "unknown": 1}
    assert list(q.status_counts(tracker)) == ["proposed", "not_established", "unknown"]
    assert q.with_status(tracker, ["unknown"])["id"].tolist() == ["chamber"]
    assert len(q.with_status(tracker, None)) == 3


def test_speeches_are_listed_oldest_first():
    """The tracker groups by speech: (forum, date) pairs in time order."""
    assert q.speeches(_tracker()) == [("C5 meeting", "2024-08-09"), ("OTS summit", "2025-10-07")]


def test_country_counts_count_each_naming_and_skip_regionwide_rows():
    """KAZ is named by two initiatives, TUR by one, HUN by none; the region-wide one is not counted."""
    counts = q.country_counts(_tracker(), ["HUN", "KAZ", "TUR"]).set_index("iso3")["value"]
    assert counts.to_dict() == {"HUN": 0.0, "KAZ": 2.0, "TUR": 1.0}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-08-09", (pd.Timestamp(2024, 8, 9), "day")),
        ("2026-04", (pd.Timestamp(2026, 4, 15), "month")),
        ("2026", None),
        ("2025-2027", None),
        ("2025-02-30", None),
        (pd.NA, None),
    ],
)
def test_parse_date_places_days_and_months_but_not_bare_years(text, expected):
    """A month sits mid-month; a bare year, a span or an impossible day is not placed at all."""
    assert q.parse_date(text) == expected


ENTRIES = (
    q.TimelineEntry("concept", "Concept signed", "document", ("f-concept",)),
    q.TimelineEntry("summit", "Summit", "summit", ("f-summit",), ("news",)),
    q.TimelineEntry("roadmap", "Roadmap approved", "document", ("f-roadmap",)),
    q.TimelineEntry("meeting", "Meeting", "meeting", ("f-meeting",)),
    q.TimelineEntry("planned", "Planned summit", "summit", ("f-plan",)),
    q.TimelineEntry("missing", "Not in the data", "summit", ("f-absent",)),
)


def test_timeline_dates_come_from_the_figures_period_or_the_signing_report():
    """A day or an interval from the period; the Roadmap's span period takes its source's date."""
    events = q.timeline_events(_figures(), SOURCES, ENTRIES).set_index("key")
    assert events.loc["summit", "date"] == "2024-08-09"
    assert events.loc["meeting", "date"] == "2025-11-15"
    assert events.loc["meeting", "end"] == "2025-11-16"
    assert events.loc["roadmap", "date"] == "2024-08-09"  # period 2025-2027 is its span, not its date
    assert events.loc["planned", "x"] == pd.Timestamp(2026, 4, 15)
    assert events.loc["planned", "precision"] == "month"
    assert "missing" not in events.index


def test_timeline_marks_plans_as_planned_and_joins_sources_and_countries():
    """Only a plan or proposal is planned; sources join the figures' and the entry's own."""
    events = q.timeline_events(_figures(), SOURCES, ENTRIES).set_index("key")
    assert bool(events.loc["planned", "planned"])
    assert not bool(events.loc["summit", "planned"])
    assert events.loc["summit", "source_ids"] == ["speech", "news"]
    assert events.loc["summit", "countries"] == "KAZ;KGZ"
    assert events.loc["concept", "countries"] == ""  # names no country: region-wide


def test_timeline_is_in_time_order_with_the_summit_before_its_documents():
    """Same day: summit, then documents; then later events."""
    keys = q.timeline_events(_figures(), SOURCES, ENTRIES)["key"].tolist()
    assert keys == ["summit", "concept", "roadmap", "meeting", "planned"]


def test_timeline_entry_without_a_placeable_date_is_left_out():
    """A plan dated only to a year is not drawn (no precision invented)."""
    figures = _figures(period=[pd.NA, pd.NA, "2024-08-09", "2025-11-15/2025-11-16", "2024-08-09", "2025-2027", "2026"])
    events = q.timeline_events(figures, SOURCES, ENTRIES)
    assert "planned" not in set(events["key"])


def test_timeline_filter_by_country_keeps_regionwide_documents():
    """UZB keeps the meeting and the concept (no countries); TUR keeps only the concept."""
    events = q.timeline_events(_figures(), SOURCES, ENTRIES)
    assert q.for_countries(events, ["UZB"])["key"].tolist() == ["concept", "meeting"]
    assert q.for_countries(events, ["TUR"])["key"].tolist() == ["concept"]


@pytest.fixture(scope="module")
def real():
    result = load_all()
    assert not result.errors
    return result.tables


def test_real_timeline_has_the_summits_and_documents_on_their_days(real):
    """The five summits and four documents of the brief are there, dated from the data; April 2026 is planned."""
    events = q.timeline_events(real["figures"], real["sources"]).set_index("key")
    expected = {
        "ots-8th-summit": "2021-11-12",
        "turkic-world-vision-2040": "2021-11-12",
        "turkic-investment-fund-agreement": "2023-03-16",
        "c5-6th-consultative-meeting": "2024-08-09",
        "central-asia-2040": "2024-08-09",
        "roadmap-2025-2027": "2024-08-09",
        "ots-12th-summit": "2025-10-07",
        "c5-7th-consultative-meeting": "2025-11-15",
        "regional-summit-2026": "2026-04",
    }
    assert {key: events.loc[key, "date"] for key in expected} == expected
    assert events.loc["c5-7th-consultative-meeting", "end"] == "2025-11-16"
    assert events["planned"].sum() == 1 and bool(events.loc["regional-summit-2026", "planned"])


def test_real_initiatives_cite_a_source_for_every_known_status(real):
    """Every status but unknown names its source; the consortium is not established per Qazinform, 2026-01-22."""
    tracker = q.initiative_tracker(real["initiatives"], real["figures"], real["sources"]).set_index("id")
    known = tracker[tracker["status"] != "unknown"]
    assert known["status_publisher"].notna().all()
    assert tracker.loc["water-energy-consortium", "status"] == "not_established"
    assert tracker.loc["water-energy-consortium", "status_publisher"] == "Qazinform"
    assert tracker.loc["water-energy-consortium", "status_source_date"] == "2026-01-22"
    assert tracker.loc["alem-ai-centre", "status_as_of"] == "2025-10-02"
    # Beyond `proposed`, a status never rests on the speech alone, except Kazakhstan's own support.
    beyond = known[~known["status"].isin(["proposed", "supported"])]
    assert (beyond["status_source_kind"] != "speech").all()
