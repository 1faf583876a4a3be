"""Digital and AI: how many students were trained in AI, Alem.AI, and the digital centres proposed at Gabala."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data_access, state
from dashboard.charts.digital import ai_training_chart
from dashboard.components.charts import show_chart
from dashboard.components.data_table import data_table
from dashboard.components.errors import require, section
from dashboard.components.sources import source_details, unverified_label
from dashboard.escaping import md_text as _escape  # data shown as text, never Markdown
from dashboard.formatting import is_missing, iso_date, number
from dashboard.i18n import t, translation_column
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


# --- AI training ----------------------------------------------------------------------------


def ai_training_section(tables: dict[str, pd.DataFrame], selected: list[str]) -> None:
    """Every source's count of students trained in AI, side by side, with the Report.az slip explained."""
    rows = q.ai_training(tables["figures"], tables["sources"], selected)
    if rows.empty:
        st.info(t("The AI training figures concern Kazakhstan only; add Kazakhstan to the selection to see them."))
        return
    show_chart(
        ai_training_chart(rows),
        key="digital_ai_training",
        source_line=t(
            "Sources: {sources}. Each bar is one source's count as printed, never averaged or corrected; "
            "hatched bars marked ⚠ are unverified. The counts differ in what they count (trained, completed "
            "a course, certified) and in their date.",
            sources="; ".join(dict.fromkeys(_escape(f"{n} ({_date(d)})") for n, d in zip(rows["source_name"],
                                                                                          rows["source_date"],
                                                                                          strict=True))),
        ),
    )
    reportaz = rows[rows["id"] == q.REPORTAZ_AI_FIGURE_ID]
    speech = rows[rows["is_speech"]]
    if not reportaz.empty and not is_missing(reportaz.iloc[0]["note"]):
        row = reportaz.iloc[0]
        said = number(speech.iloc[0]["value"]) if not speech.empty else "—"
        st.warning(
            t("Why Report.az says {value}: ", value=number(row["value"]))
            + _escape(str(row["note"]))
            + " "
            + _escape(t("The speech's own words give {said}.", said=said))
        )
    columns = st.columns(len(rows))
    for column, (_, row) in zip(columns, rows.iterrows(), strict=True):
        with column, st.container(border=True):
            st.metric(_escape(str(row["short_source"])), number(row["value"]))
            same = is_missing(row["period"]) or str(row["period"]) == str(row["source_date"])
            period = "" if same else " · " + t("period {period}", period=row["period"])
            st.caption(_escape(f"{_date(row['source_date'])}{period}"))
            if not bool(row["verified"]):
                st.markdown(f"**{unverified_label()}**")
            with st.popover(t("Source and quote"), width="stretch"):
                source_details(row, tables["sources"])
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
    data_table(shown, "digital-ai-training")


# --- Alem.AI --------------------------------------------------------------------------------


def alem_ai_section(tables: dict[str, pd.DataFrame], selected: list[str]) -> None:
    """The speech's claim beside the dated opening and the planned full start, in time order."""
    rows = q.alem_ai(tables["figures"], tables["sources"], selected)
    if rows.empty:
        st.info(t("The Alem.AI figures concern Kazakhstan only; add Kazakhstan to the selection to see them."))
        return
    columns = st.columns(len(rows))
    for column, (_, row) in zip(columns, rows.iterrows(), strict=True):
        with column, st.container(border=True):
            st.badge(f"{_kind_label(str(row['kind']))} · {row['when']}", color="blue" if row["kind"] != "plan"
                     else "orange")
            st.markdown(f"> {_escape(str(row[translation_column()]))}")
            st.caption(_escape(f"{row['source_name']}, {_date(row['source_date'])}"))
            if not bool(row["verified"]):
                st.markdown(f"**{unverified_label()}**")
            with st.popover(t("Source and quote"), width="stretch"):
                source_details(row, tables["sources"])
    if rows.iloc[-1]["kind"] == "plan":
        st.caption(t("The latest statement in the data is the plan; no source in the data reports the full start."))
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
    data_table(shown, "digital-alem-ai")


# --- Proposed centres -----------------------------------------------------------------------


def centres_section(tables: dict[str, pd.DataFrame], selected: list[str]) -> None:
    """One card per proposed centre or forum: who, where, when, the words, the source."""
    sources = tables["sources"]
    centres = q.digital_centres(tables["figures"], sources, selected)
    if not centres:
        st.info(t("None of the proposed digital centres concerns the selected countries."))
        return
    table_rows = []
    for theme, rows in centres:
        with st.container(border=True):
            st.subheader(t(theme.label))
            first = source_of(sources, str(rows.iloc[0]["source_id"]))
            proposer = first.get("speaker") if not is_missing(first.get("speaker")) else first.get("publisher")
            forum = ", ".join(str(first[k]) for k in ("event", "place") if not is_missing(first.get(k)))
            st.markdown(
                _escape(
                    t("Proposed by {who} · {forum} · {date}", who=proposer or "—", forum=forum or "—",
                      date=_date(first.get("date")))
                )
            )
            for _, row in rows.iterrows():
                _statement(row, sources)
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
    data_table(pd.DataFrame(table_rows), "digital-centres")


def _statement(row: pd.Series, sources: pd.DataFrame) -> None:
    period = "" if is_missing(row["period"]) else f" · {_escape(row['period'])}"
    left, right = st.columns([3, 1], vertical_alignment="top")
    with left:
        st.badge(f"{_kind_label(str(row['kind']))}{period}", color="blue")
        st.markdown(f"> {_escape(str(row['quote']))}")
        if str(row[translation_column()]) != str(row["quote"]):
            st.markdown(f"{_escape(str(row[translation_column()]))}")
    with right:
        caption = f"{row['source_name']}, {_date(row['source_date'])}"
        st.caption(_escape(caption))
        if not bool(row["verified"]):
            st.markdown(f"**{unverified_label()}**")
        with st.popover(t("Source and quote"), width="stretch"):
            source_details(row, sources)


# --- The page -------------------------------------------------------------------------------


def filter_notice(figures: pd.DataFrame, selected: list[str], names: dict[str, str]) -> None:
    """Say how many of the page's figures the filter hides, and which countries they concern."""
    ids = [*q.page_figure_ids(), *figures.loc[figures["metric"] == q.AI_TRAINING_METRIC, "id"].astype(str)]
    hidden = q.hidden_by_filter(figures, ids, selected)
    if hidden.empty:
        return
    countries = sorted({code for codes in hidden["country_list"] for code in codes})
    st.info(
        t(
            "{count} of this page's figures are hidden: they concern only countries that are not selected "
            "({countries}). Claims about the whole region stay.",
            count=len(hidden),
            countries=_escape(", ".join(names.get(c, c) for c in countries)),
        )
    )


def render() -> None:
    """Draw the page."""
    st.title(t("Digital and AI"))
    result = data_access.tables()
    selected = state.selected_countries()
    names = country_names(result.tables.get("countries"))
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
            filter_notice(figures, selected, names)

    st.header(t("Students trained in AI"))
    with section(t("Students trained in AI")):
        tables = require(result, "figures", "sources")
        if tables is not None:
            ai_training_section(tables, selected)

    st.header(t("Alem.AI"))
    with section(t("Alem.AI")):
        tables = require(result, "figures", "sources")
        if tables is not None:
            alem_ai_section(tables, selected)

    st.header(t("Proposed digital centres and forums"))
    with section(t("Proposed digital centres and forums")):
        tables = require(result, "figures", "sources")
        if tables is not None:
            centres_section(tables, selected)


render()
