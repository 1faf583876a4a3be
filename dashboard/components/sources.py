"""Provenance of a figure, one click away: speaker, event, date, verbatim quote, translation."""

from __future__ import annotations

import pandas as pd

from dashboard.components.blocks import Block, draw
from dashboard.escaping import md_link
from dashboard.escaping import md_text as _escape  # data shown as text, never Markdown
from dashboard.formatting import iso_date
from dashboard.i18n import t, translation_column
from dashboard.queries import source_of

UNVERIFIED_MARK = "⚠"


def unverified_label() -> str:
    """The mark every unverified figure carries."""
    return f"{UNVERIFIED_MARK} {t('unverified')}"


def translation_of(figure: pd.Series) -> str:
    """The quote's translation in the interface language (English until more exist)."""
    return str(figure[translation_column()])


def source_detail_blocks(figure: pd.Series, sources: pd.DataFrame) -> list[Block]:
    """A figure's source as blocks: who, where, when, the original words, a translation, the note.

    Pure (no Streamlit), so a cached page model can hold it; `source_details` draws it at once.
    """
    source = source_of(sources, str(figure["source_id"]))
    if not source:
        return [("error", t("Source {id} is not in the sources table.", id=figure["source_id"]))]
    blocks: list[Block] = []
    if not bool(figure["verified"]):
        blocks.append(("warning", unverified_label()))
    rows = [
        (t("Speaker"), source.get("speaker")),
        (t("Event"), source.get("event")),
        (t("Place"), source.get("place")),
        (t("Date"), iso_date(source.get("date"))),
        (t("Publisher"), source.get("publisher")),
        (t("Document"), source.get("title")),
    ]
    # One Markdown element for the whole card: a page shows dozens of these, and every element
    # costs the rerun time and bytes of its own message.
    lines = [f"**{label}:** {_escape(str(value))}" for label, value in rows
             if value is not None and not pd.isna(value) and str(value)]
    lines += [
        f"**{t('Original words')}** ({figure['quote_lang']}):",
        f"> {_escape(str(figure['quote']))}",
        f"**{t('Translation')}:**",
        f"> {_escape(translation_of(figure))}",
    ]
    url = source.get("url")
    if url is not None and not pd.isna(url) and str(url).startswith(("http://", "https://")):
        lines.append(md_link(t("Open the source"), url))
    blocks.append(("markdown", "\n\n".join(lines)))
    if figure.get("note") is not None and not pd.isna(figure.get("note")):
        blocks.append(("caption", _escape(str(figure["note"]))))
    return blocks


def source_details(figure: pd.Series, sources: pd.DataFrame) -> None:
    """Render a figure's source: who, where, when, the original words and a translation."""
    draw(source_detail_blocks(figure, sources))
