"""A long table shows its first rows and says so; the downloads keep every row."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard.components.data_table import MAX_ROWS_SHOWN
from tests.app.conftest import open_tables


def _script(rows: int) -> None:
    import pandas as pd

    from dashboard.components.data_table import data_table

    data_table(pd.DataFrame({"year": range(rows), "value": [1.5] * rows}), key="long")


def _open(rows: int) -> AppTest:
    app = AppTest.from_function(_script, args=(rows,), default_timeout=60)
    return open_tables(app.run())


def test_a_long_table_shows_its_first_rows_and_says_how_many_there_are():
    app = _open(MAX_ROWS_SHOWN + 500)
    assert not app.exception
    assert len(app.dataframe[0].value) == MAX_ROWS_SHOWN
    captions = [caption.value for caption in app.caption]
    assert "Showing the first 2,000 of 2,500 rows; the downloads hold every row." in captions
    assert app.expander[0].label == f"Data shown ({MAX_ROWS_SHOWN + 500} rows)"


def test_a_short_table_is_shown_whole_without_a_note():
    app = _open(10)
    assert len(app.dataframe[0].value) == 10
    assert not [caption for caption in app.caption if "Showing the first" in caption.value]


def _filtered_script() -> None:
    import pandas as pd
    import streamlit as st

    from dashboard.components.data_table import data_table

    rows = st.session_state.get("rows", 10)  # stands for the country filter
    data_table(pd.DataFrame({"year": range(rows)}), key="filtered")


def test_a_closed_table_sends_nothing_and_stays_open_once_opened():
    """Closed: no grid, no downloads. Opened, it stays open when its label (the row count) changes."""
    app = AppTest.from_function(_filtered_script, default_timeout=60).run()
    assert not app.dataframe and not app.get("download_button")
    assert app.expander[0].label == "Data shown (10 rows)"
    open_tables(app)
    assert len(app.dataframe[0].value) == 10 and len(app.get("download_button")) == 2
    app.session_state["rows"] = 4
    app.run()
    assert app.expander[0].label == "Data shown (4 rows)"
    assert len(app.dataframe[0].value) == 4
