"""A table of exactly what a chart or section shows, with CSV and XLSX downloads of the same rows."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.export.tables import csv_bytes, xlsx_bytes
from dashboard.formatting import number
from dashboard.i18n import t

# Rows sent to the browser per table; a table longer than this shows its first rows and says so,
# and the CSV and XLSX keep every row. (A million-row series would otherwise be serialised and
# sent on every rerun.)
MAX_ROWS_SHOWN = 2000
# Each table's expander is keyed TABLE_KEY_PREFIX + its key (tests open them through it).
TABLE_KEY_PREFIX = "table-"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

__all__ = ["csv_bytes", "data_table"]


def data_table(frame: pd.DataFrame, key: str, *, expanded: bool = False, label: str | None = None) -> None:
    """Show `frame` in an expander with CSV and XLSX downloads of exactly those rows and columns.

    The table is sent only while its expander is open: a page has up to ten of them, and closed
    ones would otherwise cost every rerun their serialisation and the browser their grids before
    the charts draw. Opening it reruns the page (fast: the page's models are cached). Both files
    are written when their button is clicked. Text a spreadsheet would run as a formula is
    neutralised in both files (dashboard.export.tables).
    """
    # Streamlit forgets an expander's state when its label changes (the row count follows the
    # filter), so whether the reader left it open is kept here and becomes its default.
    remembered = f"open-{TABLE_KEY_PREFIX}{key}"
    box = st.expander(
        label or t("Data shown ({rows} rows)", rows=len(frame)),
        expanded=bool(st.session_state.get(remembered, expanded)),
        key=f"{TABLE_KEY_PREFIX}{key}",
        on_change="rerun",
    )
    st.session_state[remembered] = bool(box.open)
    if not box.open:
        return
    with box:
        long = len(frame) > MAX_ROWS_SHOWN
        st.dataframe(frame.head(MAX_ROWS_SHOWN) if long else frame, hide_index=True, width="stretch")
        if long:
            st.caption(
                t("Showing the first {shown} of {rows} rows; the downloads hold every row.",
                  shown=number(MAX_ROWS_SHOWN, 0), rows=number(len(frame), 0))
            )
        with st.container(horizontal=True, vertical_alignment="center"):
            st.download_button(
                t("Download CSV"),
                data=lambda: csv_bytes(frame),
                file_name=f"ortaq-{key}.csv",
                mime="text/csv",
                key=f"download-{key}",
                on_click="ignore",
            )
            st.download_button(
                t("Excel (XLSX)"),
                data=lambda: xlsx_bytes(frame, sheet=key),
                file_name=f"ortaq-{key}.xlsx",
                mime=XLSX_MIME,
                key=f"download-xlsx-{key}",
                on_click="ignore",
                icon=":material/table_view:",
            )
