"""The Sources page's search, joined column by column: the same matches as joining each row's text."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.queries import disagreements as d


def _overview() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "title": ["Railway Gazette", None, "ÉTUDE"],
            "publisher": ["Qazinform", "TASS", pd.NA],
            "event": [None, "12th OTS Summit", None],
            "speaker": [None, None, "Tokayev"],
            "url": ["https://qazinform.com/x", None, None],
            "note": [None, "km 295", None],
            "date": ["2025-10-07", None, "2024"],
            "kind": ["news", "news", "reference"],
        }
    ).astype({"title": "string", "publisher": "string", "date": "string"})


def _row_by_row(overview: pd.DataFrame, text: str) -> pd.DataFrame:
    needle = text.strip().casefold()
    if not needle:
        return overview
    hay = overview[list(d.SEARCHED_COLUMNS)].astype("string").fillna("").agg(" ".join, axis=1).str.casefold()
    return overview[hay.str.contains(needle, regex=False).astype(bool)]


@pytest.mark.parametrize(
    "text", ["", "  ", "qazinform", "GAZETTE", "étude", "a railway", "qazinform 2025", "km 295 2024", "tokayev", "x"]
)
def test_search_matches_what_the_row_by_row_join_matched(text):
    """Case-folded, across neighbouring columns (joined by a space), missing cells as empty text."""
    overview = _overview()
    assert d.matching(overview, text).equals(_row_by_row(overview, text))


def test_search_across_two_columns_needs_the_space_between_them():
    """`a railway` spans id and title; `arailway` spans nothing."""
    overview = _overview()
    assert list(d.matching(overview, "a railway")["id"]) == ["a"]
    assert d.matching(overview, "arailway").empty
