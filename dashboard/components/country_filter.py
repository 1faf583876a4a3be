"""The sidebar country filter with its group presets; its state lives in dashboard.state."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.i18n import N_, t
from dashboard.memo import memoized
from dashboard.queries import country_names, preset_countries

PRESET_LABELS = {
    "c5": N_("Central Asian five"),
    "ots": N_("OTS members"),
    "ots-observers": N_("OTS members and observers"),
}


# Computed once per table version (and language), not on every rerun of every page.
_names = memoized(country_names)
_presets = memoized(preset_countries)


def country_filter(countries: pd.DataFrame | None, groups: pd.DataFrame | None) -> None:
    """Draw the filter; the selection is read anywhere with `state.selected_countries()`."""
    if countries is None:
        st.sidebar.info(t("The country filter needs the countries table."))
        return
    names = _names(countries)
    presets = _presets(groups) if groups is not None else {}
    default = presets.get("c5") or sorted(names)
    state.init_country_filter(sorted(names), default)

    st.sidebar.subheader(t("Countries"))
    # Stacked, full width: the labels are too long to share a row in the sidebar.
    for preset, codes in presets.items():
        st.sidebar.button(
            t(PRESET_LABELS[preset]),
            key=f"preset-{preset}",
            on_click=state.set_countries,
            args=(codes,),
            width="stretch",
        )
    st.sidebar.button(
        t("All countries"), key="preset-all", on_click=state.set_countries, args=(sorted(names),), width="stretch"
    )
    st.sidebar.multiselect(
        t("Selected countries"),
        options=sorted(names, key=lambda code: names[code]),
        format_func=lambda code: names.get(code, code),
        key=state.COUNTRY_WIDGET_KEY,
        help=t("Applies to every page. The selection is kept in the page's link."),
    )
    for notice in state.url_notices():
        st.sidebar.warning(notice)
    state.sync_query_params()
