"""Initiatives and events: what the two speeches proposed, where each proposal stands, and when things happened."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data_access, state
from dashboard.charts.region_map import MapLayers, region_map
from dashboard.charts.timeline import timeline_chart
from dashboard.components.charts import show_chart
from dashboard.components.data_table import data_table
from dashboard.components.errors import require, section
from dashboard.components.map_click import country_click_handler
from dashboard.components.sources import source_details, unverified_label
from dashboard.escaping import (
    md_link,
    plotly_text,  # data shown as text, never Markdown
)
from dashboard.escaping import md_text as _escape
from dashboard.formatting import iso_date
from dashboard.i18n import t, translation_column
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


def initiative_card(row: pd.Series, figures: pd.DataFrame, sources: pd.DataFrame, names: dict[str, str]) -> None:
    """One initiative: name, status badge, who/where/when, the status source, and the quote one click away."""
    with st.container(border=True):
        left, right = st.columns([3, 1])
        title = f"**{_escape(str(row['name']))}**"
        if not row["verified"]:
            title += f" · {unverified_label()}"
        left.markdown(title)
        right.badge(status_label(str(row["status"])), color=STATUS_COLOURS.get(str(row["status"]), "gray"))
        st.caption(
            _escape(
                t(
                    "Proposed by: {who} · {date} · concerns {countries}",
                    who=row["proposed_by"],
                    date=iso_date(row["proposed_on"]),
                    countries=_country_list(row["countries"], names),
                )
            )
        )
        st.markdown(_escape(status_source_line(row)))
        url = _text(row["status_source_url"])
        with st.expander(t("Quote, source and status note")):
            figure = figures[figures["id"] == row["figure_id"]]
            if figure.empty:
                st.error(t("Figure {id} is not in the figures table.", id=row["figure_id"]))
            else:
                source_details(figure.iloc[0], sources)
            if row["status"] != "unknown" and row["status_source_kind"] != "speech":
                st.markdown(f"**{t('Status source')}:** {_escape(_text(row['status_source_title']))}")
                if url.startswith(("http://", "https://")):
                    st.markdown(md_link(t('Open the status source'), url))
            if _text(row["note"]):
                st.markdown(f"**{t('Status note')}:** {_escape(_text(row['note']))}")


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


def tracker_section(tables: dict[str, pd.DataFrame], selected: list[str], names: dict[str, str]) -> None:
    """Every initiative of the two speeches, filtered by country and status, grouped by speech."""
    tracker = q.initiative_tracker(tables["initiatives"], tables["figures"], tables["sources"])
    shown = q.for_countries(tracker, selected)
    if shown.empty:
        st.info(t("None of the initiatives concerns the selected countries."))
        return
    counts = q.status_counts(shown)
    chosen = st.pills(
        t("Status"),
        options=list(counts),
        selection_mode="multi",
        default=list(counts),
        # A dict built in the script's thread, where the reader's language is set.
        format_func={status: f"{status_label(status)} ({counts.get(status, 0)})" for status in counts}.get,
        key=STATUS_KEY,
    )
    shown = q.with_status(shown, [status for status in chosen if status in counts])
    st.caption(
        t(
            "{shown} of {total} initiatives. A status is only what a source reports; where none does, "
            "the status is unknown.",
            shown=len(shown),
            total=len(tracker),
        )
    )
    if shown.empty:
        st.info(t("No initiative has the chosen status. Choose a status above."))
        return
    data_table(_tracker_table(shown, names), "initiatives-tracker")
    for forum, date in q.speeches(shown):
        st.subheader(f"{_escape(forum)} — {iso_date(date)}")
        in_speech = shown[(shown["forum"] == forum) & (shown["proposed_on"] == date)]
        columns = st.columns(2)
        for index, (_, row) in enumerate(in_speech.iterrows()):
            with columns[index % 2]:
                initiative_card(row, tables["figures"], tables["sources"], names)


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


def timeline_section(tables: dict[str, pd.DataFrame], selected: list[str], names: dict[str, str]) -> None:
    """Summits, meetings and signed documents on a date axis, each with its sources on hover."""
    events = q.for_countries(q.timeline_events(tables["figures"], tables["sources"]), selected)
    if events.empty:
        st.info(t("None of the summits, meetings or documents concerns the selected countries."))
        return
    sources = tables["sources"]
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
    show_chart(
        figure,
        key=TIMELINE_KEY,
        source_line=t(
            "Dates from the figures table; sources: {sources}. Hollow markers are planned: no source in the "
            "data says they have taken place. A month-only date is placed mid-month.",
            sources="; ".join(_escape(publisher) for publisher in publishers),
        ),
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
    data_table(table, "initiatives-timeline")


def map_section(tables: dict[str, pd.DataFrame], selected: list[str], names: dict[str, str]) -> None:
    """How many initiatives name each selected country; a click toggles a country in the filter."""
    boundaries = data_access.boundaries()
    if isinstance(boundaries, BoundariesError):
        st.error(t("The map cannot be drawn: {reason}", reason=str(boundaries)))
        return
    tracker = q.initiative_tracker(tables["initiatives"], tables["figures"], tables["sources"])
    all_names = dict(names)
    for feature in boundaries["features"]:
        all_names.setdefault(str(feature["id"]), str(feature["properties"].get("name_en", feature["id"])))
    counts = q.country_counts(tracker, sorted(all_names))
    years = sorted({str(date)[:4] for date in tracker["proposed_on"]})
    metric = counts.assign(year="–".join([years[0], years[-1]]) if years else "", sources="initiatives.csv")
    label = t("Initiatives naming the country")
    layers = MapLayers(
        boundaries=boundaries,
        geojson_url=data_access.boundaries_url(),
        country_names=all_names,
        metric=metric,
        metric_label=label,
        selected=selected,
        routes=pd.DataFrame(columns=["id", "kind", "status", "verified", "lats", "lons", "missing", "name"]),
        places=pd.DataFrame(columns=["id", "name", "kind", "kind_label", "lat", "lon", "verified"]),
    )
    figure = region_map(layers)
    # Counts start at zero: a scale from the smallest shown count would make 19 look like none.
    shown_counts = counts.loc[counts["iso3"].isin(selected), "value"]
    top = float(shown_counts.max()) if not shown_counts.empty else 0.0
    figure.update_traces(zmin=0, zmax=max(top, 1.0), selector={"name": label})
    show_chart(
        figure,
        key=MAP_KEY,
        source_line=t(
            "Counts from the initiatives table (countries column); initiatives that name no country are not "
            "counted. Boundaries: Natural Earth 1:50m (public domain). Click a country to add it to the filter "
            "or remove it."
        ),
        on_select=country_click_handler(MAP_KEY),
    )
    shown = counts[counts["iso3"].isin(selected)].assign(name=lambda frame: frame["iso3"].map(all_names))
    data_table(shown[["iso3", "name", "value"]].rename(columns={"value": label}), "initiatives-map")


def render() -> None:
    """Draw the page."""
    st.title(t("Initiatives and events"))
    result = data_access.tables()
    selected = state.selected_countries()
    if not selected:
        st.info(t("No country is selected: choose countries or a group in the sidebar."))
    names = country_names(result.tables.get("countries"))
    if names and selected:
        st.caption(t("Showing: {countries}", countries=_escape(", ".join(names.get(c, c) for c in selected))))
    st.markdown(
        t(
            "Every proposal and commitment of Kassym-Jomart Tokayev's speeches at the 6th Consultative Meeting "
            "of Central Asian leaders (Astana, 9 August 2024) and the 12th OTS Summit (Gabala, 7 October 2025), "
            "with what has become of it — as far as a source says."
        )
    )

    st.header(t("Summits and documents"))
    with section(t("Summits and documents")):
        tables = require(result, "figures", "sources")
        if tables is not None:
            timeline_section(tables, selected, names)

    st.header(t("Initiatives"))
    with section(t("Initiatives")):
        tables = require(result, "initiatives", "figures", "sources")
        if tables is not None:
            tracker_section(tables, selected, names)

    st.header(t("Who the initiatives concern"))
    with section(t("Who the initiatives concern")):
        tables = require(result, "initiatives", "figures", "sources")
        if tables is not None:
            map_section(tables, selected, names)


render()
