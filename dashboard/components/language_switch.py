"""The sidebar language switch (Қазақша, Русский, English); its state lives in dashboard.state."""

from __future__ import annotations

import streamlit as st

from dashboard import state
from dashboard.i18n import LANGUAGE_NAMES, SUPPORTED_LANGUAGES, t


def language_switch() -> None:
    """Draw the switch; a change reruns the app in the chosen language and updates `?lang=`."""
    st.sidebar.segmented_control(
        t("Language"),
        options=list(SUPPORTED_LANGUAGES),
        format_func=LANGUAGE_NAMES.get,
        key=state.LANG_WIDGET_KEY,
        required=True,
    )
