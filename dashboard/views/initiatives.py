"""Initiatives and events: what the two speeches proposed, where each proposal stands, and when things happened."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import data_access, state
from dashboard.charts.region_map import MapLayers, region_map
from dashboard.charts.timeline import timeline_chart
from dashboard.components.blocks import Block, draw, merged
from dashboard.components.charts import show_chart
from dashboard.components.data_table import data_table
from dashboard.components.map_click import country_click_handler
from dashboard.components.page_sections import PagePart, page_sections
from dashboard.components.sources import source_detail_blocks, unverified_label
from dashboard.escaping import (
    md_link,
    plotly_text,  # data shown as text, never Markdown
)
from dashboard.escaping import md_text as _escape
from dashboard.formatting import iso_date
from dashboard.i18n import t, translation_column
from dashboard.memo import memoized
from dashboard.queries import country_names, source_of
from dashboard.queries import initiatives as q
from geo.boundaries import BoundariesError

STATUS_KEY = "initiatives_status"
TIMELINE_KEY = "initiatives_timeline"
MAP_KEY = "initiatives_map"

# Badge colours say the same as the words; the words alone carry the meaning.
STATUS_COLOURS = {
    "held": "green",
    "established": "green",
    "in_preparation": "blue",
    "supported": "blue",
    "proposed": "violet",
    "not_established": "orange",
    "unknown": "gray",
}


def status_label(status: str) -> str:
    """The status as the reader sees it."""
    return {
        "proposed": t("Proposed"),
        "supported": t("Supported"),
        "in_preparation": t("In preparation"),
        "established": t("Established"),
        "held": t("Held"),
        "not_established": t("Not established"),
        "unknown": t("Status unknown"),
    }.get(status, status)


def kind_label(kind: str) -> str:
    """A timeline entry's kind as the reader sees it."""
    return {"summit": t("Summit"), "document": t("Document signed or adopted"), "meeting": t("Meeting")}.get(
        kind, kind
    )


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _country_list(cell: object, names: dict[str, str]) -> str:
    codes = [code for code in _text(cell).split(";") if code]
    return ", ".join(names.get(code, code) for code in codes) if codes else t("the whole region")


def status_source_line(row: pd.Series) -> str:
    """Where the status comes from: publisher and date, or that no source reports on it since the speech."""
    if row["status"] == "unknown":
        return t("No source on its status since the speech of {date}.", date=iso_date(row["proposed_on"]))
    if row["status_source_kind"] == "speech":
        return t(
            "Status source: the speech itself ({date}). No source on its status since.",
            date=iso_date(_text(row["status_source_date"])),
        )
    return t(
        "Status as of {as_of} — source: {publisher}, {date}.",
        as_of=iso_date(_text(row["status_as_of"])),
        publisher=_text(row["status_publisher"]) or _text(row["status_source_id"]),
        date=iso_date(_text(row["status_source_date"])),
    )


# ---------------------------------------------------------------------------------------------
# Models: everything a section shows, computed once per (loaded tables, selection, language) and
# shared by every session (dashboard.memo). No st.* call in a builder; nothing returned is changed
# afterwards. The render functions below only emit elements from a model.

@memoized
def country_names_of(countries: pd.DataFrame | None) -> dict[str, str]:
    """ISO3 -> the country's name in the reader's language (shared: never change it in place)."""
    return country_names(countries)


@memoized
def tracker_of(initiatives: pd.DataFrame, figures: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The initiative tracker, the same for every selection."""
    return q.initiative_tracker(initiatives, figures, sources)


class CardModel(NamedTuple):
    """One initiative's card."""

    title: str  # Markdown, data escaped
    status: str  # the badge's words
    colour: str  # the badge's colour
    caption: str  # who, when, where (escaped)
    status_line: str  # where the status comes from (escaped)
    details: tuple[Block, ...]  # inside the expander: quote, source and status note


def _card(row: pd.Series, figure: pd.Series | None, sources: pd.DataFrame, names: dict[str, str]) -> CardModel:
    title = f"**{_escape(str(row['name']))}**"
    if not row["verified"]:
        title += f" · {unverified_label()}"
    caption = _escape(
        t(
            "Proposed by: {who} · {date} · concerns {countries}",
            who=row["proposed_by"],
            date=iso_date(row["proposed_on"]),
            countries=_country_list(row["countries"], names),
        )
    )
    if figure is None:
        details = [("error", t("Figure {id} is not in the figures table.", id=row["figure_id"]))]
    else:
        details = source_detail_blocks(figure, sources)
    url = _text(row["status_source_url"])
    if row["status"] != "unknown" and row["status_source_kind"] != "speech":
        details.append(("markdown", f"**{t('Status source')}:** {_escape(_text(row['status_source_title']))}"))
        if url.startswith(("http://", "https://")):
            details.append(("markdown", md_link(t('Open the status source'), url)))
    if _text(row["note"]):
        details.append(("markdown", f"**{t('Status note')}:** {_escape(_text(row['note']))}"))
    return CardModel(
        title=title,
        status=status_label(str(row["status"])),
        colour=STATUS_COLOURS.get(str(row["status"]), "gray"),
        caption=caption,
        status_line=_escape(status_source_line(row)),
        details=merged(details),
    )


@memoized
def tracker_table_of(
    initiatives: pd.DataFrame, figures: pd.DataFrame, sources: pd.DataFrame, countries: pd.DataFrame | None
) -> pd.DataFrame:
    """The table of every initiative, by tracker row (a selection picks its rows)."""
    return _tracker_table(tracker_of(initiatives, figures, sources), country_names_of(countries))


@memoized
def cards_of(
    initiatives: pd.DataFrame, figures: pd.DataFrame, sources: pd.DataFrame, countries: pd.DataFrame | None
) -> tuple[CardModel, ...]:
    """Every initiative's card, in tracker order (a card does not depend on the selection)."""
    tracker = tracker_of(initiatives, figures, sources)
    names = country_names_of(countries)
    first: dict[str, int] = {}
    for position, figure_id in enumerate(figures["id"]):
        first.setdefault(figure_id, position)  # the first row wins, as a filter's .iloc[0] did
    cards = []
    for _, row in tracker.iterrows():
        position = first.get(row["figure_id"])
        figure = None if position is None else figures.iloc[position]
        cards.append(_card(row, figure, sources, names))
    return tuple(cards)


class StatusChoice(NamedTuple):
    """The initiatives that concern the selection and the statuses to choose from."""

    shown: pd.DataFrame
    counts: dict[str, int]
    labels: dict[str, str]  # status -> `Proposed (3)`
    total: int


@memoized
def status_choice(
    initiatives: pd.DataFrame, figures: pd.DataFrame, sources: pd.DataFrame, selected: tuple[str, ...]
) -> StatusChoice:
    """The tracker rows for the selected countries, with how many have each status."""
    tracker = tracker_of(initiatives, figures, sources)
    shown = q.for_countries(tracker, list(selected))
    # Every status in the tracker is an option, whatever the selection (a status that vanished
    # with one selection would otherwise be dropped from the reader's choice for good); the
    # labels count the selection's initiatives.
    found = q.status_counts(shown)
    counts = {status: found.get(status, 0) for status in q.status_counts(tracker)}
    labels = {status: f"{status_label(status)} ({counts[status]})" for status in counts}
    return StatusChoice(shown=shown, counts=counts, labels=labels, total=len(tracker))


class TrackerModel(NamedTuple):
    """The tracker for one selection and choice of statuses."""

    caption: str
    table: pd.DataFrame | None  # None: no initiative has a chosen status
    speeches: tuple[tuple[str, tuple[CardModel, ...]], ...]  # (heading, cards) per speech


@memoized
def tracker_model(
    initiatives: pd.DataFrame,
    figures: pd.DataFrame,
    sources: pd.DataFrame,
    countries: pd.DataFrame | None,
    selected: tuple[str, ...],
    statuses: tuple[str, ...],
) -> TrackerModel:
    """The caption, the table and the cards grouped by speech."""
    choice = status_choice(initiatives, figures, sources, selected)
    shown = q.with_status(choice.shown, list(statuses))
    caption = t(
        "{shown} of {total} initiatives. A status is only what a source reports; where none does, "
        "the status is unknown.",
        shown=len(shown),
        total=choice.total,
    )
    if shown.empty:
        return TrackerModel(caption=caption, table=None, speeches=())
    cards = cards_of(initiatives, figures, sources, countries)
    speeches = []
    for forum, date in q.speeches(shown):
        in_speech = shown[(shown["forum"] == forum) & (shown["proposed_on"] == date)]
        # The tracker's index is its row number, the cards' position.
        speeches.append((f"{_escape(forum)} — {iso_date(date)}", tuple(cards[i] for i in in_speech.index)))
    table = tracker_table_of(initiatives, figures, sources, countries).loc[shown.index]
    return TrackerModel(caption=caption, table=table, speeches=tuple(speeches))


# ---------------------------------------------------------------------------------------------
# Rendering


def initiative_card(card: CardModel) -> None:
    """One initiative: name, status badge, who/where/when, the status source, and the quote one click away."""
    with st.container(border=True):
        left, right = st.columns([3, 1])
        left.markdown(card.title)
        right.badge(card.status, color=card.colour)
        st.caption(card.caption)
        st.markdown(card.status_line)
        with st.expander(t("Quote, source and status note")):
            draw(card.details)


def _status_source_cell(row: pd.Series) -> str:
    """`Qazinform, 2026-01-22`, or empty when no source tells the status."""
    if pd.isna(row["status_source_id"]):
        return ""
    source = {
        "kind": row["status_source_kind"], "publisher": row["status_publisher"], "date": row["status_source_date"],
    }
    return f"{source_name(source, str(row['status_source_id']))}, {_text(row['status_source_date'])}"


def _tracker_table(tracker: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The initiatives exactly as the cards show them."""
    return pd.DataFrame(
        {
            t("Initiative"): tracker["name"],
            t("Status"): tracker["status"].map(status_label),
            t("Status as of"): tracker["status_as_of"],
            t("Status source"): [_status_source_cell(row) for _, row in tracker.iterrows()],
            t("Status source id"): tracker["status_source_id"],
            t("Proposed by"): tracker["proposed_by"],
            t("Forum"): tracker["forum"],
            t("Proposed on"): tracker["proposed_on"],
            t("Countries"): [_country_list(cell, names) for cell in tracker["countries"]],
            t("Quote (original)"): tracker["quote"],
            t("Translation"): tracker[translation_column()],
            t("Verified"): ["" if ok else unverified_label() for ok in tracker["verified"]],
            t("Note"): tracker["note"],
            t("Initiative id"): tracker["id"],
            t("Figure id"): tracker["figure_id"],
        }
    )


def tracker_section(
    tables: dict[str, pd.DataFrame], countries: pd.DataFrame | None, selected: tuple[str, ...]
) -> None:
    """Every initiative of the two speeches, filtered by country and status, grouped by speech."""
    initiatives, figures, sources = tables["initiatives"], tables["figures"], tables["sources"]
    choice = status_choice(initiatives, figures, sources, selected)
    if choice.shown.empty:
        st.info(t("None of the initiatives concerns the selected countries."))
        return
    counts = choice.counts
    chosen = st.pills(
        t("Status"),
        options=list(counts),
        selection_mode="multi",
        default=list(counts),
        format_func=choice.labels.get,
        key=state.kept(STATUS_KEY),
    )
    statuses = tuple(status for status in chosen if status in counts)
    model = tracker_model(initiatives, figures, sources, countries, selected, statuses)
    st.caption(model.caption)
    if model.table is None:
        st.info(t("No initiative has the chosen status. Choose a status above."))
        return
    data_table(model.table, "initiatives-tracker")
    for heading, cards in model.speeches:
        st.subheader(heading)
        columns = st.columns(2)
        for index, card in enumerate(cards):
            with columns[index % 2]:
                initiative_card(card)


def source_name(source: dict[str, object], source_id: str, dated: bool = False) -> str:
    """A source as a reader names it: the publisher, or for a speech the speech itself."""
    if source.get("kind") == "speech":
        if dated:
            return t("the speech of {date} (Kazakh report)", date=iso_date(_text(source.get("date"))))
        return t("the speech (Kazakh report)")
    return str(source.get("publisher", source_id))


def _hover(event: pd.Series, sources: pd.DataFrame, names: dict[str, str]) -> str:
    lines = [f"<b>{plotly_text(t(event['label']))}</b>"]
    when = iso_date(event["date"])
    if event["end"] != event["date"]:
        when = f"{when} – {iso_date(event['end'])}"
    lines.append(plotly_text(when) + (f" ({plotly_text(t('planned'))})" if event["planned"] else ""))
    lines.append(plotly_text(kind_label(event["kind"])) + " · " + plotly_text(_country_list(event["countries"], names)))
    lines.append(plotly_text(t("Sources:")))
    for source_id in event["source_ids"]:
        source = source_of(sources, source_id)
        lines.append("· " + plotly_text(f"{source_name(source, source_id)}, {iso_date(_text(source.get('date')))}"))
    if not event["verified"]:
        lines.append(plotly_text(unverified_label()))
    return "<br>".join(lines)


class TimelineModel(NamedTuple):
    """The timeline chart, its source line and its table."""

    figure: go.Figure
    source_line: str
    table: pd.DataFrame


@memoized
def timeline_events_of(figures: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Every placeable timeline entry, the same for every selection."""
    return q.timeline_events(figures, sources)


@memoized
def timeline_model(
    figures: pd.DataFrame, sources: pd.DataFrame, countries: pd.DataFrame | None, selected: tuple[str, ...]
) -> TimelineModel | None:
    """The timeline of the events that concern the selection; None when none does."""
    events = q.for_countries(timeline_events_of(figures, sources), list(selected))
    if events.empty:
        return None
    names = country_names_of(countries)
    drawn = events.assign(
        label=[t(label) for label in events["label"]],
        when=[iso_date(date) for date in events["date"]],
        hover=[_hover(event, sources, names) for _, event in events.iterrows()],
    )
    figure = timeline_chart(
        drawn,
        kind_names={kind: kind_label(kind) for kind in q.TIMELINE_KINDS},
        planned_name=t("planned"),
        title=t("Summits, meetings and documents"),
    )
    used = list(dict.fromkeys(sid for ids in events["source_ids"] for sid in ids))
    publishers = list(dict.fromkeys(source_name(source_of(sources, sid), sid, dated=True) for sid in used))
    source_line = t(
        "Dates from the figures table; sources: {sources}. Hollow markers are planned: no source in the "
        "data says they have taken place. A month-only date is placed mid-month.",
        sources="; ".join(_escape(publisher) for publisher in publishers),
    )
    table = pd.DataFrame(
        {
            t("Event or document"): drawn["label"],
            t("Kind"): [kind_label(kind) for kind in events["kind"]],
            t("Date"): events["date"],
            t("Until"): events["end"],
            t("Planned"): [t("planned") if planned else "" for planned in events["planned"]],
            t("Countries"): [_country_list(cell, names) for cell in events["countries"]],
            t("Sources"): [
                "; ".join(f"{source_name(source_of(sources, sid), sid)} ({sid})" for sid in ids)
                for ids in events["source_ids"]
            ],
            t("Figure ids"): [", ".join(ids) for ids in events["figure_ids"]],
            t("Verified"): ["" if ok else unverified_label() for ok in events["verified"]],
        }
    )
    return TimelineModel(figure=figure, source_line=source_line, table=table)


def timeline_section(
    tables: dict[str, pd.DataFrame], countries: pd.DataFrame | None, selected: tuple[str, ...]
) -> None:
    """Summits, meetings and signed documents on a date axis, each with its sources on hover."""
    model = timeline_model(tables["figures"], tables["sources"], countries, selected)
    if model is None:
        st.info(t("None of the summits, meetings or documents concerns the selected countries."))
        return
    show_chart(model.figure, key=TIMELINE_KEY, source_line=model.source_line)
    data_table(model.table, "initiatives-timeline")


class MapModel(NamedTuple):
    """The map of how many initiatives name each country, its source line and its table."""

    figure: go.Figure
    source_line: str
    table: pd.DataFrame


@memoized
def map_model(
    initiatives: pd.DataFrame,
    figures: pd.DataFrame,
    sources: pd.DataFrame,
    countries: pd.DataFrame | None,
    boundaries: dict,
    geojson_url: str | None,
    selected: tuple[str, ...],
) -> MapModel:
    """The map for the selection (the boundaries are the loaded file's, `geojson_url` where it is served)."""
    tracker = tracker_of(initiatives, figures, sources)
    all_names = dict(country_names_of(countries))
    for feature in boundaries["features"]:
        all_names.setdefault(str(feature["id"]), str(feature["properties"].get("name_en", feature["id"])))
    counts = q.country_counts(tracker, sorted(all_names))
    years = sorted({str(date)[:4] for date in tracker["proposed_on"]})
    metric = counts.assign(year="–".join([years[0], years[-1]]) if years else "", sources="initiatives.csv")
    label = t("Initiatives naming the country")
    layers = MapLayers(
        boundaries=boundaries,
        geojson_url=geojson_url,
        country_names=all_names,
        metric=metric,
        metric_label=label,
        selected=list(selected),
        routes=pd.DataFrame(columns=["id", "kind", "status", "verified", "lats", "lons", "missing", "name"]),
        places=pd.DataFrame(columns=["id", "name", "kind", "kind_label", "lat", "lon", "verified"]),
    )
    figure = region_map(layers)
    # Counts start at zero: a scale from the smallest shown count would make 19 look like none.
    shown_counts = counts.loc[counts["iso3"].isin(selected), "value"]
    top = float(shown_counts.max()) if not shown_counts.empty else 0.0
    figure.update_traces(zmin=0, zmax=max(top, 1.0), selector={"name": label})
    shown = counts[counts["iso3"].isin(selected)].assign(name=lambda frame: frame["iso3"].map(all_names))
    return MapModel(
        figure=figure,
        source_line=t(
            "Counts from the initiatives table (countries column); initiatives that name no country are not "
            "counted. Boundaries: Natural Earth 1:50m (public domain). Click a country to add it to the filter "
            "or remove it."
        ),
        table=shown[["iso3", "name", "value"]].rename(columns={"value": label}),
    )


def map_section(tables: dict[str, pd.DataFrame], countries: pd.DataFrame | None, selected: tuple[str, ...]) -> None:
    """How many initiatives name each selected country; a click toggles a country in the filter."""
    boundaries = data_access.boundaries()
    if isinstance(boundaries, BoundariesError):
        st.error(t("The map cannot be drawn: {reason}", reason=str(boundaries)))
        return
    model = map_model(
        tables["initiatives"], tables["figures"], tables["sources"], countries, boundaries,
        data_access.boundaries_url(), selected,
    )
    show_chart(model.figure, key=MAP_KEY, source_line=model.source_line, on_select=country_click_handler(MAP_KEY))
    data_table(model.table, "initiatives-map")


def render() -> None:
    """Draw the page."""
    st.title(t("Initiatives and events"))
    result = data_access.tables()
    selected = tuple(state.selected_countries())
    if not selected:
        st.info(t("No country is selected: choose countries or a group in the sidebar."))
    # One object per data version (None when the table is broken): builders are keyed by it.
    countries = result.tables.get("countries")
    names = country_names_of(countries)
    if names and selected:
        st.caption(t("Showing: {countries}", countries=_escape(", ".join(names.get(c, c) for c in selected))))
    st.markdown(
        t(
            "Every proposal and commitment of Kassym-Jomart Tokayev's speeches at the 6th Consultative Meeting "
            "of Central Asian leaders (Astana, 9 August 2024) and the 12th OTS Summit (Gabala, 7 October 2025), "
            "with what has become of it — as far as a source says."
        )
    )

    page_sections("initiatives", result, [
        PagePart("summits", t("Summits"), t("Summits and documents"), ("figures", "sources"),
                 lambda tables: timeline_section(tables, countries, selected)),
        PagePart("tracker", t("Initiatives"), t("Initiatives"), ("initiatives", "figures", "sources"),
                 lambda tables: tracker_section(tables, countries, selected)),
        PagePart("map", t("Map"), t("Who the initiatives concern"), ("initiatives", "figures", "sources"),
                 lambda tables: map_section(tables, countries, selected)),
    ])

render()
