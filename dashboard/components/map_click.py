"""Click a country on any map to add it to the country filter or take it out."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard import state


def country_click_handler(chart_key: str) -> Callable[[], None]:
    """An `on_select` callback for the chart with `chart_key` that toggles the clicked country.

    It runs before the rerun, so the sidebar filter is drawn with the new selection.
    """

    def handle() -> None:
        selection = st.session_state.get(chart_key, {}).get("selection", {})
        for point in selection.get("points", []):
            location = point.get("location")
            if isinstance(location, str) and len(location) == 3:
                state.toggle_country(location)
                return

    return handle
