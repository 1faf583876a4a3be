"""Sources: every document a figure comes from, what each one supports, and where sources disagree."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import streamlit as st

from dashboard import data_access, queries, state
from dashboard.components.blocks import Block, draw, merged
from dashboard.components.data_table import csv_bytes, data_table
from dashboard.components.errors import require
from dashboard.components.page_sections import PagePart, page_sections
from dashboard.components.sources import unverified_label
from dashboard.escaping import md_link
from dashboard.escaping import md_text as _escape  # data shown as text, never Markdown
from dashboard.formatting import iso_date, number
from dashboard.i18n import localized, t, translation_column
from dashboard.memo import memoized
from dashboard.queries import country_names
from dashboard.queries import disagreements as d
from data.loader import LoadResult

KIND_FILTER_KEY = "sources_kind"
SEARCH_KEY = "sources_search"
CHOSEN_KEY = "sources_chosen"
DISAGREEMENT_KIND_KEY = "sources_disagreement_kind"


def source_kind_label(kind: str) -> str:
    """A source's kind as the reader sees it."""
    return {
        "speech": t("Speech"),
        "news": t("News report"),
        "official": t("Official publication"),
        "statistics": t("Statistics"),
        "dataset": t("Dataset"),
        "reference": t("Reference work"),
    }.get(kind, kind)


def disagreement_kind_label(kind: str) -> str:
    """Which way a disagreement was found, as the reader sees it."""
    return {
        "series": t("Statistics series"),
        "figures": t("Quoted figures"),
        "quote": t("Wording of the same statement"),
    }.get(kind, kind)


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def value_text(value: object, unit: object) -> str:
    """A value with all the decimals its source gives (1.181, not 1.18) and its unit."""
    if value is None or pd.isna(value):
        return ""
    text = number(float(value), max(2, d.decimals(float(value))))
    return f"{text} {unit}" if _text(unit) else text


def source_name(source: dict[str, object], source_id: str) -> str:
    """A source as a reader names it: the publisher, or for a speech the speech itself."""
    if source.get("kind") == "speech":
        return t("the speech (Kazakh report)")
    return str(source.get("publisher", source_id))


def subject_names(result_tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """Display names of what a figure or series row is about: routes, projects, places, countries, groups."""
    found: dict[str, str] = {"C5": t("Central Asia (C5)"), "OTS": t("Organization of Turkic States")}
    for name, key in (("countries", "iso3"), ("routes", "id"), ("projects", "id"), ("places", "id")):
        frame = result_tables.get(name)
        if frame is not None:
            found.update(zip(frame[key].astype(str), frame[localized("name")].astype(str), strict=True))
    return found


def subject_text(subject: object, subjects: dict[str, str]) -> str:
    """`bakhty-ayagoz` as its route name, `KAZ–KGZ` as `Kazakhstan–Kyrgyzstan`."""
    text = _text(subject)
    return "–".join(subjects.get(part, part) for part in text.split("–")) if text else ""


def _group_members(result_tables: dict[str, pd.DataFrame]) -> dict[str, list[str]]:
    groups = result_tables.get("groups")
    if groups is None:
        return {}
    return {"C5": queries.group_members(groups, "C5", ("member",))}


def _metric_names(result_tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    metrics = result_tables.get("metrics")
    if metrics is None:
        return {}
    return dict(zip(metrics["id"].astype(str), metrics[localized("name")].astype(str), strict=True))


def _citations(result_tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Figures and series rows as citations; a broken one of the two leaves the other's citations."""
    return d.citations(result_tables.get("figures"), result_tables.get("series"), _group_members(result_tables))


def _source_table(overview: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("Title"): overview["title"],
            t("Publisher"): overview["publisher"],
            t("Date"): overview["date"],
            t("Kind"): overview["kind"].map(source_kind_label),
            t("Figures"): overview["figures"],
            t("Series rows"): overview["series"],
            t("Other rows"): overview["other"],
            # A speech heard, not read online, has no address: an empty cell, not Streamlit's "None".
            t("Address"): overview["url"].fillna(""),
            t("Language"): overview["language"],
            t("Source id"): overview["id"],
        }
    )


# ---------------------------------------------------------------------------------------------
# Models: what a section shows, computed once per (loaded tables, selection, filters, language) and
# shared by every session (dashboard.memo). No st.* call in a builder; nothing returned is changed
# afterwards. The tables come as one tuple of frames (PAGE_TABLES order, None for a table that did
# not load): each frame is one object per data version, so an edited file gives new keys.

PAGE_TABLES = (
    "sources", "figures", "series", "groups", "metrics", "countries", "routes", "projects", "places", "initiatives",
)

Frames = tuple[pd.DataFrame | None, ...]


@memoized
def country_names_of(countries: pd.DataFrame | None) -> dict[str, str]:
    """ISO3 -> the country's name in the reader's language (shared: never change it in place)."""
    return country_names(countries)


def page_frames(result_tables: dict[str, pd.DataFrame], sources: pd.DataFrame) -> Frames:
    """The page's tables as builder arguments."""
    return tuple(sources if name == "sources" else result_tables.get(name) for name in PAGE_TABLES)


def _tables(frames: Frames) -> dict[str, pd.DataFrame]:
    return {name: frame for name, frame in zip(PAGE_TABLES, frames, strict=True) if frame is not None}


class Basics(NamedTuple):
    """What every section needs, the same for every selection."""

    cites: pd.DataFrame
    overview: pd.DataFrame
    metric_names: dict[str, str]
    subjects: dict[str, str]
    names: dict[str, str]


@memoized
def basics(frames: Frames) -> Basics:
    """Citations, the sources with their counts, and the names things are shown by."""
    tables = _tables(frames)
    cites = _citations(tables)
    return Basics(
        cites=cites,
        overview=d.source_overview(tables["sources"], cites, d.other_citations(tables)),
        metric_names=_metric_names(tables),
        subjects=subject_names(tables),
        names=country_names_of(tables.get("countries")),
    )


class KindChoice(NamedTuple):
    """The sources that concern the selection and the kinds to choose from."""

    relevant: pd.DataFrame
    kinds: list[str]
    labels: dict[str, str]


@memoized
def kind_choice(frames: Frames, selected: tuple[str, ...]) -> KindChoice:
    """The sources listed for the selection, and their kinds in display order."""
    base = basics(frames)
    relevant = d.sources_for_countries(base.overview, base.cites, list(selected))
    # Every kind in the data, whatever the selection: an option that vanished with one selection
    # would be dropped from the reader's choice and stay dropped when the selection comes back.
    present = set(base.overview["kind"])
    kinds = [kind for kind in ("speech", "news", "official", "statistics", "dataset", "reference") if kind in present]
    return KindChoice(relevant=relevant, kinds=kinds, labels={kind: source_kind_label(kind) for kind in kinds})


class SourcesModel(NamedTuple):
    """The sources table for one selection, choice of kinds and search."""

    caption: str
    table: pd.DataFrame | None  # None: no source matches
    ids: list[str]
    labels: dict[str, str]  # source id -> how the chooser names it


@memoized
def sources_model(frames: Frames, selected: tuple[str, ...], kinds: tuple[str, ...], search: str) -> SourcesModel:
    """The sources shown, as a table and as the options of the source chooser."""
    base = basics(frames)
    shown = d.matching(d.of_kinds(kind_choice(frames, selected).relevant, list(kinds)), search)
    caption = t(
        "{shown} of {total} sources. A source is listed when a figure or series row taken from it concerns a "
        "selected country, or when no figure or series row cites it. 'Other rows': places, routes, projects, "
        "countries, groups and initiatives that name it.",
        shown=len(shown),
        total=len(base.overview),
    )
    if shown.empty:
        return SourcesModel(caption=caption, table=None, ids=[], labels={})
    return SourcesModel(
        caption=caption,
        table=_source_table(shown),
        ids=list(shown["id"]),
        labels={
            source_id: _source_label(publisher, title, date)
            for source_id, publisher, title, date in zip(
                shown["id"], shown["publisher"], shown["title"], shown["date"], strict=True
            )
        },
    )


def sources_section(frames: Frames, selected: tuple[str, ...]) -> None:
    """The table of sources, filtered by the country selection, kind and a search, with a CSV download."""
    choice = kind_choice(frames, selected)
    kinds = choice.kinds
    left, right = st.columns([3, 2])
    chosen_kinds = left.pills(
        t("Kind of source"),
        options=kinds,
        selection_mode="multi",
        default=kinds,
        format_func=choice.labels.get,
        key=state.kept(KIND_FILTER_KEY),
    )
    search = right.text_input(t("Search titles, publishers, events, speakers"), key=state.kept(SEARCH_KEY))
    model = sources_model(frames, selected, tuple(k for k in chosen_kinds if k in kinds), search or "")
    st.caption(model.caption)
    if model.table is None:
        st.info(t("No source matches the filters."))
        return
    st.dataframe(
        model.table,
        hide_index=True,
        width="stretch",
        column_config={
            t("Title"): st.column_config.TextColumn(t("Title"), width="large"),
            t("Address"): st.column_config.LinkColumn(t("Address"), display_text=r"https?://(?:www\.)?([^/]+)"),
            t("Figures"): st.column_config.NumberColumn(t("Figures"), format="%d"),
            t("Series rows"): st.column_config.NumberColumn(t("Series rows"), format="%d"),
            t("Other rows"): st.column_config.NumberColumn(t("Other rows"), format="%d"),
        },
    )
    table = model.table
    st.download_button(
        t("Download CSV"),
        # Written when clicked, not on every rerun.
        data=lambda: csv_bytes(table),
        file_name="ortaq-sources.csv",
        mime="text/csv",
        key="download-sources",
    )
    source_detail(frames, model, selected)


def _source_label(publisher: object, title: object, date: object) -> str:
    return f"{publisher} — {title} ({_text(date) or t('undated')})"


def _citing_table(rows: pd.DataFrame, metric_names: dict[str, str], subjects: dict[str, str]) -> pd.DataFrame:
    # Text cells a row leaves empty are empty strings: Streamlit shows a missing value as "None".
    return pd.DataFrame(
        {
            t("Table"): rows["table"].map({"figures": t("figure"), "series": t("series")}),
            t("What"): [metric_names.get(m, m) for m in rows["metric"]],
            t("Subject"): [subject_text(subject, subjects) for subject in rows["subject"]],
            t("Period"): rows["period"].map(_text),
            t("Value"): [value_text(v, u) for v, u in zip(rows["value"], rows["unit"], strict=True)],
            t("Countries"): rows["countries"].map(_text),
            t("Quote"): rows["quote"].map(_text),
            t("Verified"): ["" if ok else unverified_label() for ok in rows["verified"]],
            t("Note"): rows["note"].map(_text),
            t("Row"): rows["ref"],
        }
    )


class DetailModel(NamedTuple):
    """One source: what it is, and the figures and series values taken from it."""

    about: str  # Markdown: title, facts and the link
    note: str  # caption, escaped ("" for none)
    caption: str  # how many rows ("" when none)
    table: pd.DataFrame | None  # None: no row is taken from it


@memoized
def detail_model(frames: Frames, chosen: str, selected: tuple[str, ...]) -> DetailModel:
    """The chosen source's card and its citing rows."""
    base = basics(frames)
    source = base.overview[base.overview["id"] == chosen].iloc[0]
    facts = [
        (t("Publisher"), source["publisher"]),
        (t("Date"), iso_date(_text(source["date"])) if _text(source["date"]) else t("undated")),
        (t("Kind"), source_kind_label(str(source["kind"]))),
        (t("Event"), source["event"]),
        (t("Speaker"), source["speaker"]),
    ]
    about = [
        f"**{_escape(str(source['title']))}**",
        " · ".join(f"**{label}:** {_escape(_text(value))}" for label, value in facts if _text(value)),
    ]
    url = _text(source["url"])
    if url.startswith(("http://", "https://")):
        about.append(md_link(t('Open the source'), url))
    note = _escape(_text(source["note"])) if _text(source["note"]) else ""
    rows = d.citing(base.cites, chosen)
    if rows.empty:
        return DetailModel(about="\n\n".join(about), note=note, caption="", table=None)
    concerning = rows[rows["countries"].map(lambda cell: d.concerns(cell, set(selected))).astype(bool)]
    caption = t(
        "{count} figures and series values are taken from this source; all are listed, whichever countries "
        "they concern ({concerning} concern the selection).",
        count=len(rows),
        concerning=len(concerning),
    )
    table = _citing_table(rows, base.metric_names, base.subjects)
    return DetailModel(about="\n\n".join(about), note=note, caption=caption, table=table)


def source_detail(frames: Frames, sources: SourcesModel, selected: tuple[str, ...]) -> None:
    """For the chosen source: what it is, and every figure and series value taken from it, with quotes."""
    st.subheader(t("What a source supports"))
    chosen = st.selectbox(t("Source"), options=sources.ids, format_func=sources.labels.get, key=state.kept(CHOSEN_KEY))
    if chosen is None:
        return
    model = detail_model(frames, chosen, selected)
    with st.container(border=True):
        st.markdown(model.about)
        if model.note:
            st.caption(model.note)
    if model.table is None:
        st.info(t("No figure or series value in the data is taken from this source."))
        return
    st.caption(model.caption)
    table = model.table
    st.dataframe(table, hide_index=True, width="stretch")
    st.download_button(
        t("Download CSV"),
        data=lambda: csv_bytes(table),
        file_name=f"ortaq-source-{chosen}.csv",
        mime="text/csv",
        key="download-source-rows",
    )


def _witness_lines(witnesses: list[d.Witness], sources: pd.DataFrame, with_values: bool) -> list[str]:
    lines = []
    for witness in witnesses:
        source = queries.source_of(sources, witness.source_id)
        date = iso_date(_text(source.get("date"))) if _text(source.get("date")) else t("undated")
        line = f"{source_name(source, witness.source_id)}, {date}"
        if with_values:
            line = f"{value_text(witness.value, witness.unit)} — {line}"
        if witness.reporter:
            line += " · " + t("reporter: {reporter}", reporter=witness.reporter)
        if not witness.verified:
            line += f" · {unverified_label()}"
        lines.append(line)
    return lines


def _countries_text(codes: tuple[str, ...] | list[str], names: dict[str, str]) -> str:
    return ", ".join(names.get(code, code) for code in codes) or "—"


def topic(row: pd.Series, metric_names: dict[str, str], subjects: dict[str, str]) -> str:
    """What the two sides are about: measure, subject and period."""
    parts = [metric_names.get(row["metric"], row["metric"])]
    if row["subject"]:
        parts.append(subject_text(row["subject"], subjects))
    if row["kind"] == "quote":
        parts.append(t("countries named"))
    if row["period"]:
        parts.append(t("period {period}", period=row["period"]))
    return " · ".join(parts)


def difference_text(row: pd.Series, names: dict[str, str]) -> str:
    """The difference as the reader sees it: B − A in A's unit (and as a share of A), or the countries that differ."""
    if row["kind"] == "quote":
        only_a, only_b = d.country_difference(row["a"][0], row["b"][0])
        return t(
            "Only A names: {a}. Only B names: {b}.",
            a=_countries_text(only_a, names),
            b=_countries_text(only_b, names),
        )
    text = t("B − A = {difference}", difference=value_text(round(row["difference"], 6), row["a_unit"]))
    if row["a_value"]:
        text += " " + t("({share}% of A)", share=number(100 * row["difference"] / abs(row["a_value"]), 1))
    return text


class DisagreementCard(NamedTuple):
    """One disagreement: the topic, side A and side B next to each other, and the difference."""

    heading: str  # Markdown, data escaped
    kind: str  # caption
    sides: tuple[tuple[Block, ...], tuple[Block, ...]]  # what each column shows
    difference: str  # escaped


def _side_blocks(row: pd.Series, side: str, letter: str, tables: dict[str, pd.DataFrame],
                 names: dict[str, str]) -> tuple[Block, ...]:
    """The value (or the countries named), each witness, and for a wording the words themselves."""
    if row["kind"] == "quote":
        witness = row[side][0]
        lines = [f"**{letter}:** " + _escape(_countries_text(witness.countries, names))]
    else:
        lines = [f"**{letter}: {_escape(value_text(row[f'{side}_value'], row[f'{side}_unit']))}**"]
    lines += ["- " + _escape(line)
              for line in _witness_lines(row[side], tables["sources"], with_values=row["kind"] != "quote")]
    blocks = [("markdown", line) for line in lines]
    if row["kind"] == "quote":
        blocks += _quote_of(row[side][0].ref, tables.get("figures"))
    return merged(blocks)


def disagreement_card(row: pd.Series, tables: dict[str, pd.DataFrame], metric_names: dict[str, str],
                      names: dict[str, str], subjects: dict[str, str]) -> DisagreementCard:
    """One disagreement as its card shows it."""
    heading = f"**{_escape(topic(row, metric_names, subjects))}**"
    if not row["verified"]:
        heading += f" · {unverified_label()}"
    return DisagreementCard(
        heading=heading,
        kind=disagreement_kind_label(str(row["kind"])),
        sides=(_side_blocks(row, "a", "A", tables, names), _side_blocks(row, "b", "B", tables, names)),
        difference=_escape(difference_text(row, names)),
    )


def _quote_of(figure_id: str, figures: pd.DataFrame | None) -> list[Block]:
    """The words of one report, verbatim, with the translation when they are not English."""
    if figures is None:
        return []
    rows = figures[figures["id"] == figure_id]
    if rows.empty:
        return []
    figure = rows.iloc[0]
    blocks: list[Block] = [("markdown", f"> {_escape(str(figure['quote']))}")]
    if figure["quote_lang"] != "en":
        blocks.append(("caption", t("Translation: {text}", text=_escape(str(figure[translation_column()])))))
    return blocks


def _disagreement_table(frame: pd.DataFrame, sources: pd.DataFrame, metric_names: dict[str, str],
                        names: dict[str, str], subjects: dict[str, str]) -> pd.DataFrame:
    def side(row: pd.Series, key: str) -> str:
        return "; ".join(_witness_lines(row[key], sources, with_values=row["kind"] != "quote"))

    return pd.DataFrame(
        {
            t("Found in"): frame["kind"].map(disagreement_kind_label),
            t("Topic"): [topic(row, metric_names, subjects) for _, row in frame.iterrows()],
            t("Value A"): [
                _countries_text(row["a"][0].countries, names) if row["kind"] == "quote"
                else value_text(row["a_value"], row["a_unit"]) for _, row in frame.iterrows()
            ],
            t("Sources A"): [side(row, "a") for _, row in frame.iterrows()],
            t("Value B"): [
                _countries_text(row["b"][0].countries, names) if row["kind"] == "quote"
                else value_text(row["b_value"], row["b_unit"]) for _, row in frame.iterrows()
            ],
            t("Sources B"): [side(row, "b") for _, row in frame.iterrows()],
            t("Difference"): [difference_text(row, names) for _, row in frame.iterrows()],
            t("Rows A"): [", ".join(w.ref for w in ws) for ws in frame["a"]],
            t("Rows B"): [", ".join(w.ref for w in ws) for ws in frame["b"]],
            t("Verified"): ["" if ok else unverified_label() for ok in frame["verified"]],
        }
    )


class Disagreements(NamedTuple):
    """Every disagreement in the data and each one's card, the same for every selection."""

    found: pd.DataFrame
    table: pd.DataFrame  # by row of `found`
    cards: tuple[DisagreementCard, ...]  # by row of `found`


@memoized
def all_disagreements(frames: Frames) -> Disagreements:
    """Every contradiction in the figures and series that loaded."""
    tables = _tables(frames)
    base = basics(frames)
    found = d.disagreements(tables.get("figures"), tables.get("series"), tables["sources"], _group_members(tables))
    found = found.reset_index(drop=True)
    cards = tuple(
        disagreement_card(row, tables, base.metric_names, base.names, base.subjects) for _, row in found.iterrows()
    )
    table = _disagreement_table(found, tables["sources"], base.metric_names, base.names, base.subjects)
    return Disagreements(found=found, table=table, cards=cards)


class DisagreementChoice(NamedTuple):
    """The disagreements that concern the selection and the kinds to choose from."""

    caption: str
    shown: pd.DataFrame
    kinds: list[str]
    labels: dict[str, str]


@memoized
def disagreement_choice(frames: Frames, selected: tuple[str, ...]) -> DisagreementChoice:
    """The selection's disagreements, how many of all, and the kinds among them."""
    found = all_disagreements(frames).found
    shown = d.disagreements_for_countries(found, list(selected))
    caption = t(
        "{shown} of {total} disagreements concern the selected countries. Found automatically: series values "
        "for the same measure, countries and period; quoted figures on the same measure, subject and period; "
        "and two reports of one statement that name different countries. Values that are the same figure "
        "rounded count as agreeing. Both sides are shown as their sources give them; nothing is averaged.",
        shown=len(shown),
        total=len(found),
    )
    # Every kind found in the data, whatever the selection (see kind_choice).
    kinds = [kind for kind in ("series", "figures", "quote") if kind in set(found["kind"])]
    return DisagreementChoice(
        caption=caption, shown=shown, kinds=kinds, labels={kind: disagreement_kind_label(kind) for kind in kinds}
    )


class DisagreementsModel(NamedTuple):
    """The disagreements shown for one selection and choice of kinds."""

    table: pd.DataFrame | None  # None: no kind chosen
    cards: tuple[DisagreementCard, ...]


@memoized
def disagreements_model(frames: Frames, selected: tuple[str, ...], kinds: tuple[str, ...]) -> DisagreementsModel:
    """The table and the cards of the chosen kinds."""
    everything = all_disagreements(frames)
    shown = disagreement_choice(frames, selected).shown
    shown = shown[shown["kind"].isin(list(kinds))]
    if shown.empty:
        return DisagreementsModel(table=None, cards=())
    # Rows of the table and cards made once for every disagreement, picked by the row of `found`.
    return DisagreementsModel(
        table=everything.table.loc[shown.index], cards=tuple(everything.cards[i] for i in shown.index)
    )


def show_disagreement(card: DisagreementCard) -> None:
    """One disagreement: the topic, side A and side B next to each other, and the difference."""
    with st.container(border=True):
        st.markdown(card.heading)
        st.caption(card.kind)
        for column, blocks in zip(st.columns(2), card.sides, strict=True):
            with column:
                draw(blocks)
        st.markdown(card.difference)


def disagreements_section(frames: Frames, selected: tuple[str, ...]) -> None:
    """Every contradiction in the data, side by side, restricted to the selected countries."""
    choice = disagreement_choice(frames, selected)
    st.caption(choice.caption)
    if choice.shown.empty:
        st.info(t("No disagreement in the data concerns the selected countries."))
        return
    kinds = choice.kinds
    chosen = st.pills(
        t("Found in"),
        options=kinds,
        selection_mode="multi",
        default=kinds,
        format_func=choice.labels.get,
        key=state.kept(DISAGREEMENT_KIND_KEY),
    )
    model = disagreements_model(frames, selected, tuple(kind for kind in chosen if kind in kinds))
    if model.table is None:
        st.info(t("Choose at least one kind of disagreement above."))
        return
    data_table(model.table, "sources-disagreements")
    for card in model.cards:
        show_disagreement(card)


def _every_source(result: LoadResult, tables: dict[str, pd.DataFrame], selected: tuple[str, ...]) -> None:
    """The sources of the selection, searchable, and what one of them supports."""
    for name in ("figures", "series"):
        if name in result.errors:
            st.warning(t("The {table} table could not be loaded: the counts leave it out.", table=name))
    sources_section(page_frames(result.tables, tables["sources"]), selected)


def _where_sources_disagree(
    result: LoadResult, tables: dict[str, pd.DataFrame], selected: tuple[str, ...]
) -> None:
    """Every contradiction in the data that concerns the selection, side by side."""
    # Each of figures and series holds its own disagreements: a broken one gets its panel,
    # the other's disagreements are still listed.
    for name in ("figures", "series"):
        if name not in result.tables:
            require(result, name)
    if "figures" in result.tables or "series" in result.tables:
        disagreements_section(page_frames(result.tables, tables["sources"]), selected)


def render() -> None:
    """Draw the page."""
    st.title(t("Sources"))
    result = data_access.tables()
    selected = tuple(state.selected_countries())
    if not selected:
        st.info(t("No country is selected: choose countries or a group in the sidebar."))
    names = country_names_of(result.tables.get("countries"))
    if names and selected:
        st.caption(t("Showing: {countries}", countries=_escape(", ".join(names.get(c, c) for c in selected))))

    # Two parts as tabs, like every page with parts: the disagreements are what a room is shown, and
    # the tables of sources are long (a switch to this page cost the browser 0.63 CPU-s drawn together,
    # 0.49 as tabs: tests/load/client_cost.py).
    page_sections("sources", result, [
        PagePart("every-source", t("Every source"), t("Every source"), ("sources",),
                 lambda tables: _every_source(result, tables, selected)),
        PagePart("disagreements", t("Where sources disagree"), t("Where sources disagree"), ("sources",),
                 lambda tables: _where_sources_disagree(result, tables, selected)),
    ])


render()
