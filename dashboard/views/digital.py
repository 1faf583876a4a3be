"""Digital and AI: how many students were trained in AI, Alem.AI, and the digital centres proposed at Gabala.

Each section is a pure, `@memoized` model builder (queries, figures, texts) and a render part
that only emits Streamlit elements from the model, so a rerun with a selection seen before does
no pandas or Plotly work. Models are shared by every session: never change one in place.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import data_access, state
from dashboard.charts.digital import ai_training_chart
from dashboard.components.charts import show_chart
from dashboard.components.data_table import data_table
from dashboard.components.errors import section
from dashboard.components.page_sections import PagePart, page_sections
from dashboard.components.sources import source_details, unverified_label
from dashboard.escaping import md_text as _escape  # data shown as text, never Markdown
from dashboard.formatting import is_missing, iso_date, number
from dashboard.i18n import t, translation_column
from dashboard.memo import memoized
from dashboard.queries import country_names, source_of
from dashboard.queries import digital as q


def _date(value: object) -> str:
    return t("undated") if is_missing(value) else iso_date(str(value))


def _kind_label(kind: str) -> str:
    return {
        "proposal": t("proposal"),
        "plan": t("plan"),
        "event": t("event"),
        "status": t("status"),
        "actual": t("reported value"),
    }.get(kind, kind)


def _verified_cell(verified: object) -> str:
    return "" if bool(verified) else unverified_label()


@memoized
def _country_names(countries: pd.DataFrame | None) -> dict[str, str]:
    """ISO3 -> name in the reader's language (shared: read only)."""
    return country_names(countries)


# --- AI training ----------------------------------------------------------------------------


class CountCard(NamedTuple):
    """One source's count: a metric, its date, the unverified mark, the source popover."""

    label: str
    value: str
    caption: str  # Markdown
    verified: bool
    figure: dict  # the figure's row, for source_details


class TrainingModel(NamedTuple):
    figure: go.Figure | None  # None: nothing concerns the selection
    source_line: str
    warning: str | None  # why Report.az says 400
    cards: tuple[CountCard, ...]
    shown: pd.DataFrame | None


@memoized
def ai_training_model(figures: pd.DataFrame, sources: pd.DataFrame, selected: tuple[str, ...]) -> TrainingModel:
    """Every source's count of students trained in AI, with the Report.az slip explained."""
    rows = q.ai_training(figures, sources, list(selected))
    if rows.empty:
        return TrainingModel(None, "", None, (), None)
    source_line = t(
        "Sources: {sources}. Each bar is one source's count as printed, never averaged or corrected; "
        "hatched bars marked ⚠ are unverified. The counts differ in what they count (trained, completed "
        "a course, certified) and in their date.",
        sources="; ".join(dict.fromkeys(_escape(f"{n} ({_date(d)})") for n, d in zip(rows["source_name"],
                                                                                      rows["source_date"],
                                                                                      strict=True))),
    )
    reportaz = rows[rows["id"] == q.REPORTAZ_AI_FIGURE_ID]
    speech = rows[rows["is_speech"]]
    warning = None
    if not reportaz.empty and not is_missing(reportaz.iloc[0]["note"]):
        row = reportaz.iloc[0]
        said = number(speech.iloc[0]["value"]) if not speech.empty else "—"
        warning = (
            t("Why Report.az says {value}: ", value=number(row["value"]))
            + _escape(str(row["note"]))
            + " "
            + _escape(t("The speech's own words give {said}.", said=said))
        )
    cards = []
    for _, row in rows.iterrows():
        same = is_missing(row["period"]) or str(row["period"]) == str(row["source_date"])
        period = "" if same else " · " + t("period {period}", period=row["period"])
        cards.append(
            CountCard(
                _escape(str(row["short_source"])),
                number(row["value"]),
                _escape(f"{_date(row['source_date'])}{period}"),
                bool(row["verified"]),
                row.to_dict(),
            )
        )
    shown = pd.DataFrame(
        {
            t("Source"): rows["source_name"],
            t("Source date"): rows["source_date"].fillna(""),
            t("Students"): rows["value"],
            t("Period"): rows["period"].fillna(""),
            t("What the source says"): rows[translation_column()],
            t("Verified"): rows["verified"].map(_verified_cell),
            t("Note"): rows["note"].fillna(""),
        }
    )
    return TrainingModel(ai_training_chart(rows), source_line, warning, tuple(cards), shown)


def ai_training_section(tables: dict[str, pd.DataFrame], selected: list[str]) -> None:
    """Every source's count of students trained in AI, side by side, with the Report.az slip explained."""
    sources = tables["sources"]
    model = ai_training_model(tables["figures"], sources, tuple(selected))
    if model.figure is None:
        st.info(t("The AI training figures concern Kazakhstan only; add Kazakhstan to the selection to see them."))
        return
    show_chart(model.figure, key="digital_ai_training", source_line=model.source_line)
    if model.warning is not None:
        st.warning(model.warning)
    columns = st.columns(len(model.cards))
    for column, card in zip(columns, model.cards, strict=True):
        with column, st.container(border=True):
            st.metric(card.label, card.value)
            st.caption(card.caption)
            if not card.verified:
                st.markdown(f"**{unverified_label()}**")
            with st.popover(t("Source and quote"), width="stretch"):
                source_details(card.figure, sources)
    data_table(model.shown, "digital-ai-training")


# --- Alem.AI --------------------------------------------------------------------------------


class StatementCard(NamedTuple):
    """A dated statement: its kind, the words, the source, the unverified mark, the source popover."""

    badge: str
    colour: str
    quote: str  # Markdown
    caption: str  # Markdown
    verified: bool
    figure: dict  # the figure's row, for source_details


class AlemModel(NamedTuple):
    cards: tuple[StatementCard, ...]  # empty: nothing concerns the selection
    plan_last: bool
    shown: pd.DataFrame | None


@memoized
def alem_ai_model(figures: pd.DataFrame, sources: pd.DataFrame, selected: tuple[str, ...]) -> AlemModel:
    """The speech's claim beside the dated opening and the planned full start, in time order."""
    rows = q.alem_ai(figures, sources, list(selected))
    if rows.empty:
        return AlemModel((), False, None)
    cards = tuple(
        StatementCard(
            f"{_kind_label(str(row['kind']))} · {row['when']}",
            "blue" if row["kind"] != "plan" else "orange",
            f"> {_escape(str(row[translation_column()]))}",
            _escape(f"{row['source_name']}, {_date(row['source_date'])}"),
            bool(row["verified"]),
            row.to_dict(),
        )
        for _, row in rows.iterrows()
    )
    shown = pd.DataFrame(
        {
            t("When"): rows["when"],
            t("Kind"): rows["kind"].map(lambda k: _kind_label(str(k))),
            t("What the source says"): rows[translation_column()],
            t("Source"): rows["source_name"],
            t("Source date"): rows["source_date"].fillna(""),
            t("Verified"): rows["verified"].map(_verified_cell),
        }
    )
    return AlemModel(cards, rows.iloc[-1]["kind"] == "plan", shown)


def alem_ai_section(tables: dict[str, pd.DataFrame], selected: list[str]) -> None:
    """The speech's claim beside the dated opening and the planned full start, in time order."""
    sources = tables["sources"]
    model = alem_ai_model(tables["figures"], sources, tuple(selected))
    if not model.cards:
        st.info(t("The Alem.AI figures concern Kazakhstan only; add Kazakhstan to the selection to see them."))
        return
    columns = st.columns(len(model.cards))
    for column, card in zip(columns, model.cards, strict=True):
        with column, st.container(border=True):
            st.badge(card.badge, color=card.colour)
            st.markdown(card.quote)
            st.caption(card.caption)
            if not card.verified:
                st.markdown(f"**{unverified_label()}**")
            with st.popover(t("Source and quote"), width="stretch"):
                source_details(card.figure, sources)
    if model.plan_last:
        st.caption(t("The latest statement in the data is the plan; no source in the data reports the full start."))
    data_table(model.shown, "digital-alem-ai")


# --- Proposed centres -----------------------------------------------------------------------


class Centre(NamedTuple):
    """One proposed centre or forum: who proposed it where and when, then each statement."""

    title: str
    proposed: str  # Markdown
    statements: tuple[StatementCard, ...]  # `quote` holds the words and, when it differs, the translation


@memoized
def centres_model(
    figures: pd.DataFrame, sources: pd.DataFrame, selected: tuple[str, ...]
) -> tuple[tuple[Centre, ...], pd.DataFrame | None]:
    """One card per proposed centre or forum, and the table of every statement shown."""
    centres = q.digital_centres(figures, sources, list(selected))
    if not centres:
        return (), None
    blocks, table_rows = [], []
    for theme, rows in centres:
        first = source_of(sources, str(rows.iloc[0]["source_id"]))
        proposer = first.get("speaker") if not is_missing(first.get("speaker")) else first.get("publisher")
        forum = ", ".join(str(first[k]) for k in ("event", "place") if not is_missing(first.get(k)))
        proposed = _escape(
            t("Proposed by {who} · {forum} · {date}", who=proposer or "—", forum=forum or "—",
              date=_date(first.get("date")))
        )
        statements = []
        for _, row in rows.iterrows():
            period = "" if is_missing(row["period"]) else f" · {_escape(row['period'])}"
            words = f"> {_escape(str(row['quote']))}"
            if str(row[translation_column()]) != str(row["quote"]):
                # One Markdown element: the quoted words, then their translation as a paragraph.
                words += f"\n\n{_escape(str(row[translation_column()]))}"
            statements.append(
                StatementCard(
                    f"{_kind_label(str(row['kind']))}{period}",
                    "blue",
                    words,
                    _escape(f"{row['source_name']}, {_date(row['source_date'])}"),
                    bool(row["verified"]),
                    row.to_dict(),
                )
            )
            table_rows.append(
                {
                    t("Centre or forum"): t(theme.label),
                    t("Kind"): _kind_label(str(row["kind"])),
                    t("Period"): "" if is_missing(row["period"]) else str(row["period"]),
                    t("Original words"): row["quote"],
                    t("Translation"): row[translation_column()],
                    t("Source"): row["source_name"],
                    t("Source date"): "" if is_missing(row["source_date"]) else str(row["source_date"]),
                    t("Verified"): _verified_cell(row["verified"]),
                }
            )
        blocks.append(Centre(t(theme.label), proposed, tuple(statements)))
    return tuple(blocks), pd.DataFrame(table_rows)


def centres_section(tables: dict[str, pd.DataFrame], selected: list[str]) -> None:
    """One card per proposed centre or forum: who, where, when, the words, the source."""
    sources = tables["sources"]
    centres, table = centres_model(tables["figures"], sources, tuple(selected))
    if not centres:
        st.info(t("None of the proposed digital centres concerns the selected countries."))
        return
    for centre in centres:
        with st.container(border=True):
            st.subheader(centre.title)
            st.markdown(centre.proposed)
            for card in centre.statements:
                _statement(card, sources)
    data_table(table, "digital-centres")


def _statement(card: StatementCard, sources: pd.DataFrame) -> None:
    left, right = st.columns([3, 1], vertical_alignment="top")
    with left:
        st.badge(card.badge, color=card.colour)
        st.markdown(card.quote)
    with right:
        st.caption(card.caption)
        if not card.verified:
            st.markdown(f"**{unverified_label()}**")
        with st.popover(t("Source and quote"), width="stretch"):
            source_details(card.figure, sources)


# --- The page -------------------------------------------------------------------------------


@memoized
def filter_notice_model(figures: pd.DataFrame, countries: pd.DataFrame | None, selected: tuple[str, ...]) -> str | None:
    """How many of the page's figures the filter hides, and which countries they concern (None: none)."""
    names = _country_names(countries)
    ids = [*q.page_figure_ids(), *figures.loc[figures["metric"] == q.AI_TRAINING_METRIC, "id"].astype(str)]
    hidden = q.hidden_by_filter(figures, ids, list(selected))
    if hidden.empty:
        return None
    codes = sorted({code for codes in hidden["country_list"] for code in codes})
    return t(
        "{count} of this page's figures are hidden: they concern only countries that are not selected "
        "({countries}). Claims about the whole region stay.",
        count=len(hidden),
        countries=_escape(", ".join(names.get(c, c) for c in codes)),
    )


def filter_notice(figures: pd.DataFrame, selected: list[str], countries: pd.DataFrame | None) -> None:
    """Say how many of the page's figures the filter hides, and which countries they concern."""
    notice = filter_notice_model(figures, countries, tuple(selected))
    if notice is not None:
        st.info(notice)


def render() -> None:
    """Draw the page."""
    st.title(t("Digital and AI"))
    result = data_access.tables()
    selected = state.selected_countries()
    countries = result.tables.get("countries")
    names = _country_names(countries)
    if not selected:
        st.info(t("No country is selected: choose countries or a group in the sidebar."))
    elif names:
        st.caption(t("Showing: {countries}", countries=_escape(", ".join(names.get(c, c) for c in selected))))
    st.caption(
        t("No map on this page: the figures are national counts and organisation-wide proposals, and the "
          "one place they name (Astana) says nothing a map would add. The country filter still applies.")
    )
    with section(t("Filter")):
        figures = result.tables.get("figures")
        if figures is not None:
            filter_notice(figures, selected, countries)

    page_sections("digital", result, [
        PagePart("ai-training", t("AI training"), t("Students trained in AI"), ("figures", "sources"),
                 lambda tables: ai_training_section(tables, selected)),
        PagePart("alem-ai", t("Alem.AI"), t("Alem.AI"), ("figures", "sources"),
                 lambda tables: alem_ai_section(tables, selected)),
        PagePart("centres", t("Centres and forums"), t("Proposed digital centres and forums"), ("figures", "sources"),
                 lambda tables: centres_section(tables, selected)),
    ])

render()
