"""Every figure quoted from a stored speech is a verbatim substring of that speech's text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from data.loader import TableError, load_table

REPO = Path(__file__).resolve().parents[2]
SOURCES_DIR = REPO.parent / "shared" / "sources"


def _read(name: str) -> pd.DataFrame:
    """The table, or its rows as read when its only problems are inside cells (e.g. a missing date)."""
    try:
        return load_table(name)
    except TableError as error:
        if error.frame is None:
            raise
        return error.frame


def _cases() -> list:
    """(figure id, quote, text file) for each figure whose source has a text_file."""
    try:
        figures, sources = _read("figures"), _read("sources")
    except TableError as error:
        # The table's own problems are reported by test_validate_cli; here we cannot know the quotes.
        return [pytest.param(None, None, None, id="tables-not-loadable",
                             marks=pytest.mark.skip(reason=f"figures/sources unreadable: {error.problems[0]}"))]
    text_files = sources.set_index("id")["text_file"].dropna()
    cases = [
        pytest.param(row.id, row.quote, text_files[row.source_id],
                     id=row.id if isinstance(row.id, str) else f"line-{row.Index}")
        for row in figures.itertuples()
        # Cells may be empty in a table read despite problems; those are reported elsewhere.
        if isinstance(row.source_id, str) and row.source_id in text_files.index and isinstance(row.quote, str)
    ]
    return cases or [pytest.param(None, None, None, id="no-quoted-figures",
                                  marks=pytest.mark.skip(reason="no figure cites a source with a text_file"))]


@pytest.mark.parametrize(("figure_id", "quote", "text_file"), _cases())
def test_quote_is_verbatim_in_its_source(figure_id: str, quote: str, text_file: str) -> None:
    """The figure's quote appears character for character in ../shared/sources/<text_file>."""
    if not SOURCES_DIR.is_dir():
        pytest.skip(f"{SOURCES_DIR} is absent: source texts are not available on this machine")
    path = SOURCES_DIR / text_file
    assert path.is_file(), f"figure {figure_id}: its source text {path} does not exist"
    text = path.read_text(encoding="utf-8")
    if quote not in text:
        # Show how much of the quote does match, to point at the first differing character.
        matched = max((n for n in range(len(quote) + 1) if quote[:n] in text), default=0)
        pytest.fail(
            f"figure {figure_id}: quote not found verbatim in {text_file}; "
            f"the first {matched} characters match, then {quote[matched:matched + 30]!r}"
        )
