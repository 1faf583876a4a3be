"""A table of exactly what a chart or section shows, with a CSV download of the same rows."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.i18n import t


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with BOM, so spreadsheet programs read Cyrillic correctly)."""
    return frame.to_csv(index=False).encode("utf-8-sig")


def data_table(frame: pd.DataFrame, key: str, *, expanded: bool = False, label: str | None = None) -> None:
    """Show `frame` in an expander with a CSV download of exactly those rows and columns."""
    with st.expander(label or t("Data shown ({rows} rows)", rows=len(frame)), expanded=expanded):
        st.dataframe(frame, hide_index=True, width="stretch")
        st.download_button(
            t("Download CSV"),
            data=csv_bytes(frame),
            file_name=f"ortaq-{key}.csv",
            mime="text/csv",
            key=f"download-{key}",
        )
