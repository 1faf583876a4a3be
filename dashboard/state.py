"""The one reader and writer of session state and URL query parameters.

The country filter lives in the session (so it follows the reader across pages) and is
mirrored into `?countries=KAZ,UZB` on every run (so a copied link reopens the same view).
"""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import t

COUNTRIES_PARAM = "countries"
COUNTRY_WIDGET_KEY = "country_filter"
_INITIALISED_KEY = "_ortaq_filter_initialised"
_NOTICES_KEY = "_ortaq_url_notices"


def parse_countries(raw: str | None, valid: list[str]) -> tuple[list[str], list[str]]:
    """Split a `countries` parameter into (known ISO3 codes in order, rejected items)."""
    if raw is None:
        return [], []
    known, rejected = [], []
    for item in raw.split(","):
        code = item.strip().upper()
        if not code:
            continue
        if code in valid and code not in known:
            known.append(code)
        elif code not in valid:
            rejected.append(item.strip()[:20])
    return known, rejected


def init_country_filter(valid: list[str], default: list[str]) -> None:
    """On a session's first run, take the filter from the URL, else use `default`."""
    if st.session_state.get(_INITIALISED_KEY):
        # Options can change when a data file is edited; drop codes that vanished.
        current = st.session_state.get(COUNTRY_WIDGET_KEY, [])
        st.session_state[COUNTRY_WIDGET_KEY] = [code for code in current if code in valid]
        return
    raw = st.query_params.get(COUNTRIES_PARAM)
    known, rejected = parse_countries(raw, valid)
    st.session_state[COUNTRY_WIDGET_KEY] = known if raw is not None and known else list(default)
    if rejected:
        st.session_state[_NOTICES_KEY] = [
            t("Ignored unknown country codes in the link: {codes}", codes=", ".join(rejected))
        ]
    st.session_state[_INITIALISED_KEY] = True


def url_notices() -> list[str]:
    """Notices about URL parameters that were ignored (shown once)."""
    return st.session_state.pop(_NOTICES_KEY, [])


def selected_countries() -> list[str]:
    """The ISO3 codes the reader has selected."""
    return list(st.session_state.get(COUNTRY_WIDGET_KEY, []))


def set_countries(codes: list[str]) -> None:
    """Replace the selection (call from a widget callback, before the filter is drawn)."""
    st.session_state[COUNTRY_WIDGET_KEY] = list(codes)


def toggle_country(code: str) -> None:
    """Add a country to the selection, or remove it if it is already there."""
    current = selected_countries()
    set_countries([c for c in current if c != code] if code in current else [*current, code])


def sync_query_params() -> None:
    """Write the filter into the URL (page switches clear query parameters)."""
    value = ",".join(selected_countries())
    if st.query_params.get(COUNTRIES_PARAM) != value:
        st.query_params[COUNTRIES_PARAM] = value
