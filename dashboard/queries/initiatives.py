"""Initiatives and events: the tracker of the speeches' proposals and the timeline of summits and documents.

Pure pandas, no Streamlit. The initiatives table gives each proposal's status and the source of
that status; the quote stays in figures (figure_id). The timeline takes its dates from figures
(kinds event/document/plan) and the sources that report them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from dashboard.i18n import N_, localized
from data.loader import split_list

# Display order of statuses: from the furthest along to the least known.
STATUS_ORDER = ("held", "established", "in_preparation", "supported", "proposed", "not_established", "unknown")

TRACKER_COLUMNS = [
    "id", "name", "proposed_by", "forum", "proposed_on", "countries", "status", "status_as_of",
    "status_source_id", "status_publisher", "status_source_date", "status_source_title", "status_source_url",
    "status_source_kind", "figure_id", "quote", "quote_lang", "quote_en", "quote_ru", "verified", "note",
]


def concerns(cell: object, selected: set[str]) -> bool:
    """A ';'-list of countries concerns the selection when it shares a country, or names none (region-wide)."""
    items = split_list(cell)
    return not items or bool(selected.intersection(items))


def for_countries(frame: pd.DataFrame, selected: list[str], column: str = "countries") -> pd.DataFrame:
    """Rows whose `column` names a selected country, plus the region-wide rows that name none."""
    chosen = set(selected)
    return frame[frame[column].map(lambda cell: concerns(cell, chosen))]


def initiative_tracker(initiatives: pd.DataFrame, figures: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per initiative with its status source and its quote, in speech and table order.

    `verified` is false when either the initiative row or the figure holding its quote is
    unverified, so the mark follows the weakest link.
    """
    by_figure = figures.set_index("id")
    by_source = sources.set_index("id")

    def figure_cell(figure_id: str, column: str) -> object:
        return by_figure.at[figure_id, column] if figure_id in by_figure.index else pd.NA

    def source_cell(source_id: object, column: str) -> object:
        if pd.isna(source_id) or source_id not in by_source.index:
            return pd.NA
        return by_source.at[source_id, column]

    rows = []
    for row in initiatives.itertuples(index=False):
        figure_verified = figure_cell(row.figure_id, "verified")
        rows.append(
            {
                "id": row.id,
                "name": getattr(row, localized("name")),
                "proposed_by": row.proposed_by,
                "forum": row.forum,
                "proposed_on": row.proposed_on,
                "countries": row.countries,
                "status": row.status,
                "status_as_of": row.status_as_of,
                "status_source_id": row.status_source_id,
                "status_publisher": source_cell(row.status_source_id, "publisher"),
                "status_source_date": source_cell(row.status_source_id, "date"),
                "status_source_title": source_cell(row.status_source_id, "title"),
                "status_source_url": source_cell(row.status_source_id, "url"),
                "status_source_kind": source_cell(row.status_source_id, "kind"),
                "figure_id": row.figure_id,
                "quote": figure_cell(row.figure_id, "quote"),
                "quote_lang": figure_cell(row.figure_id, "quote_lang"),
                "quote_en": figure_cell(row.figure_id, "quote_en"),
                "quote_ru": figure_cell(row.figure_id, "quote_ru"),
                "verified": bool(row.verified) and (pd.isna(figure_verified) or bool(figure_verified)),
                "note": row.note,
            }
        )
    frame = pd.DataFrame(rows, columns=TRACKER_COLUMNS)
    # Stable: within a speech the table's order is the speech's order.
    return frame.sort_values("proposed_on", kind="stable").reset_index(drop=True)


def with_status(tracker: pd.DataFrame, statuses: list[str] | None) -> pd.DataFrame:
    """The initiatives whose status is one of `statuses` (all of them when None)."""
    if statuses is None:
        return tracker
    return tracker[tracker["status"].isin(statuses)]


def status_counts(tracker: pd.DataFrame) -> dict[str, int]:
    """How many initiatives have each status, in STATUS_ORDER, statuses with none left out."""
    counts = tracker["status"].value_counts()
    return {status: int(counts[status]) for status in STATUS_ORDER if status in counts.index}


def speeches(tracker: pd.DataFrame) -> list[tuple[str, str]]:
    """The (forum, date) of each speech with initiatives, oldest first."""
    pairs = tracker[["forum", "proposed_on"]].drop_duplicates()
    return [(str(f), str(d)) for f, d in pairs.sort_values("proposed_on").itertuples(index=False)]


def country_counts(tracker: pd.DataFrame, iso3_codes: list[str]) -> pd.DataFrame:
    """iso3, value: how many of the initiatives shown name each country (region-wide ones not counted)."""
    counts = {code: 0 for code in iso3_codes}
    for cell in tracker["countries"]:
        for code in split_list(cell):
            if code in counts:
                counts[code] += 1
    return pd.DataFrame({"iso3": list(counts), "value": [float(v) for v in counts.values()]})


# ---------------------------------------------------------------------------------------------
# Timeline of summits, meetings and documents


@dataclass(frozen=True)
class TimelineEntry:
    """One point of the timeline and the claims that date it.

    `label` is English interface text (the page translates it). The date comes from the first
    figure whose period is a date; a document whose period is its span (the Roadmap 2025–2027)
    takes the date of the source that reports its signing. `source_ids` adds sources that report
    the same event without a figure of their own.
    """

    key: str
    label: str
    kind: str  # summit, meeting or document
    figure_ids: tuple[str, ...]
    source_ids: tuple[str, ...] = ()


TIMELINE = (
    TimelineEntry("ots-8th-summit", N_("8th OTS Summit, Istanbul"), "summit",
                  ("turkic-world-vision-2040-adopted",),
                  ("trtworld-2021-11-12-turkic-council-ots", "newscentralasia-2021-11-15-ots-8th-summit")),
    TimelineEntry("turkic-world-vision-2040", N_("Turkic World Vision – 2040 adopted"), "document",
                  ("turkic-world-vision-2040-adopted",)),
    TimelineEntry("turkic-investment-fund-agreement", N_("Turkic Investment Fund establishment agreement, Ankara"),
                  "document", ("turkic-investment-fund-agreement-2023-03-16",)),
    TimelineEntry("turkic-investment-fund-board", N_("Turkic Investment Fund: first Board of Governors, Istanbul"),
                  "meeting", ("turkic-investment-fund-first-board-2024-05-18",)),
    TimelineEntry("c5-6th-consultative-meeting", N_("6th Consultative Meeting of Central Asian leaders, Astana"),
                  "summit", ("c5-6th-consultative-meeting", "c5-6th-cm-newscentralasia")),
    TimelineEntry("central-asia-2040", N_("Concept “Central Asia – 2040” signed"), "document",
                  ("c5-concept-central-asia-2040", "c5-concept-2040-newscentralasia")),
    TimelineEntry("roadmap-2025-2027", N_("Roadmap for regional cooperation 2025–2027 approved"), "document",
                  ("c5-roadmap-2025-2027", "c5-roadmap-newscentralasia")),
    TimelineEntry("almaty-cybersecurity-conference", N_("Cybersecurity conference, Almaty"), "meeting",
                  ("almaty-cybersecurity-conference-2025-09",)),
    TimelineEntry("ots-12th-summit", N_("12th OTS Summit, Gabala"), "summit",
                  ("ots-12th-summit-gabala", "ots-12th-summit-kure", "ots-12th-summit-newscentralasia")),
    TimelineEntry("c5-7th-consultative-meeting", N_("7th Consultative Meeting of Central Asian leaders, Tashkent"),
                  "summit", ("c5-7th-consultative-meeting-tashkent",), ("silkwaytv-2025-11-16-c5-seventh-meeting",)),
    TimelineEntry("regional-summit-2026", N_("Regional summit with UN support, Astana"), "summit",
                  ("regional-summit-april-2026", "regional-summit-april-2026-azertag",
                   "regional-environmental-summit-2026-04-qazinform")),
)

# On one day a summit comes before the documents signed at it.
TIMELINE_KINDS = ("summit", "document", "meeting")

# Kinds of figure that say the event took place or the document exists; a plan or proposal does not.
HAPPENED_KINDS = ("event", "document")

_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?\Z")

TIMELINE_COLUMNS = [
    "key", "label", "kind", "date", "end", "x", "precision", "planned", "countries", "figure_ids", "source_ids",
    "verified",
]


def parse_date(text: object) -> tuple[pd.Timestamp, str] | None:
    """A day (`2024-08-09`) or a month (`2026-04`, placed mid-month) and its precision; else None.

    A bare year is not placed: a point on 1 January would claim a precision no source gives.
    """
    if text is None or pd.isna(text):
        return None
    match = _DATE.match(str(text))
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        if day is None:
            return pd.Timestamp(int(year), int(month), 15), "month"
        return pd.Timestamp(int(year), int(month), int(day)), "day"
    except ValueError:
        return None


def _figure_date(figure: pd.Series, sources: pd.DataFrame) -> tuple[str, str] | None:
    """(start, end) as ISO text from the figure's period, or from its source's date for a document."""
    period = "" if pd.isna(figure["period"]) else str(figure["period"])
    start, _, end = period.partition("/")
    if parse_date(start) is not None:
        return start, end or start
    if figure["kind"] == "document":
        date = sources.set_index("id")["date"].get(figure["source_id"])
        if parse_date(date) is not None:
            return str(date), str(date)
    return None


def timeline_events(
    figures: pd.DataFrame, sources: pd.DataFrame, entries: tuple[TimelineEntry, ...] = TIMELINE
) -> pd.DataFrame:
    """One row per timeline entry whose claims are in the data and give a day or a month.

    `planned` is true when none of its figures is of a kind that says it happened (only plans or
    proposals); `countries` joins its figures' countries; `source_ids` lists every source, the
    figures' first. Entries with no figure in the data, or no placeable date, are left out.
    """
    by_id = figures.set_index("id", drop=False)
    known_sources = set(sources["id"])
    rows = []
    for entry in entries:
        present = [by_id.loc[fid] for fid in entry.figure_ids if fid in by_id.index]
        if not present:
            continue
        dated = next((d for d in (_figure_date(f, sources) for f in present) if d is not None), None)
        if dated is None:
            continue
        start, end = dated
        x, precision = parse_date(start)  # type: ignore[misc]
        countries = list(dict.fromkeys(code for f in present for code in split_list(f["countries"])))
        source_ids = list(dict.fromkeys([str(f["source_id"]) for f in present] + list(entry.source_ids)))
        rows.append(
            {
                "key": entry.key,
                "label": entry.label,
                "kind": entry.kind,
                "date": start,
                "end": end,
                "x": x,
                "precision": precision,
                "planned": not any(f["kind"] in HAPPENED_KINDS for f in present),
                "countries": ";".join(countries),
                "figure_ids": [str(f["id"]) for f in present],
                "source_ids": [sid for sid in source_ids if sid in known_sources],
                "verified": all(bool(f["verified"]) for f in present),
            }
        )
    frame = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    rank = frame["kind"].map({kind: i for i, kind in enumerate(TIMELINE_KINDS)})
    return frame.assign(_rank=rank).sort_values(["x", "_rank"], kind="stable").drop(columns="_rank").reset_index(
        drop=True
    )
