"""The one reader and writer of session state and URL query parameters.

The country filter and the language live in the session (so they follow the reader across
pages) and are mirrored into `?countries=KAZ,UZB&lang=ru` on every run (so a copied link
reopens the same view, in the same language); a page's open tab is kept per page and mirrored
into `section`. Choices made in widgets that are not always drawn (another tab, another page)
are kept with `kept`.
"""

from __future__ import annotations

import re
import unicodedata

import streamlit as st

from dashboard.escaping import md_text
from dashboard.i18n import (
    DEFAULT_LANGUAGE,
    SUPPORTED_LANGUAGES,
    current_language,
    language_from_locale,
    set_language,
    t,
)

LANG_PARAM = "lang"
LANG_WIDGET_KEY = "language"
_LANG_INITIALISED_KEY = "_ortaq_language_initialised"
COUNTRIES_PARAM = "countries"
COUNTRY_WIDGET_KEY = "country_filter"
_INITIALISED_KEY = "_ortaq_filter_initialised"
_NOTICES_KEY = "_ortaq_url_notices"
_LINK_CHECKED_KEY = "_ortaq_link_checked"
# How much of a rejected value a notice repeats: enough to recognise it, not a wall of text.
SHOWN_CHARS = 20
SHOWN_ITEMS = 10


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
            rejected.append(item.strip()[:SHOWN_CHARS])
    return known, rejected


def shown(value: str) -> str:
    """A value from the link as a notice repeats it: control characters replaced, cut short, and escaped
    so that it renders as the characters it is (never as Markdown, HTML or a link)."""
    clean = "".join("?" if unicodedata.category(char) in ("Cc", "Cf") else char for char in value)
    if len(clean) > SHOWN_CHARS:
        clean = clean[:SHOWN_CHARS] + "…"
    return md_text(clean)


def _shown_list(values: list[str]) -> str:
    items = [shown(value) for value in values[:SHOWN_ITEMS]]
    if len(values) > SHOWN_ITEMS:
        items.append("…")
    return ", ".join(items)


def _notice(text: str) -> None:
    st.session_state.setdefault(_NOTICES_KEY, []).append(text)


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
        _notice(t("Ignored unknown country codes in the link: {codes}", codes=_shown_list(rejected)))
    st.session_state[_INITIALISED_KEY] = True


def _browser_language() -> str | None:
    try:
        return language_from_locale(st.context.locale)
    except Exception:  # noqa: BLE001 - no browser context (bare or test runs): no preference
        return None


def init_language() -> str:
    """The session's language: from `?lang=`, else the browser's language, else English."""
    if not st.session_state.get(_LANG_INITIALISED_KEY):
        raw = st.query_params.get(LANG_PARAM)
        lang = raw if raw in SUPPORTED_LANGUAGES else None
        if raw is not None and lang is None:
            # Shown in English: the language this notice is about is the one we could not read.
            _notice(f"Ignored an unknown language in the link: '{shown(raw)}' (use kk, ru or en).")
        st.session_state[LANG_WIDGET_KEY] = lang or _browser_language() or DEFAULT_LANGUAGE
        st.session_state[_LANG_INITIALISED_KEY] = True
    lang = str(st.session_state[LANG_WIDGET_KEY])
    check_link(lang)
    return lang


def check_link(lang: str) -> None:
    """On a session's first run, note link parameters Ortaq does not know and a `present` it cannot read.

    They are ignored (the view opens as if they were absent) and a notice says so; the notices are in
    `lang`, the language the session opens in. Known parameters are KNOWN_PARAMS.
    """
    if st.session_state.get(_LINK_CHECKED_KEY):
        return
    st.session_state[_LINK_CHECKED_KEY] = True
    previous = current_language()
    set_language(lang)
    try:
        unknown = sorted(name for name in st.query_params.keys() if name not in KNOWN_PARAMS)
        if unknown:
            _notice(t("Ignored unknown parameters in the link: {names}", names=_shown_list(unknown)))
        raw = st.query_params.get(PRESENT_PARAM)
        if raw is not None and raw not in ("0", "1"):
            _notice(t("Ignored an unknown value for present in the link: {value}", value=shown(raw)))
        raw = st.query_params.get(SECTION_PARAM)
        if raw is not None and not SECTION_ID.fullmatch(raw):
            # Not even shaped like a part's id: dropped here, whatever page the link opens.
            _notice(t("Ignored an unknown section in the link: {value}", value=shown(raw)))
            del st.query_params[SECTION_PARAM]
    finally:
        set_language(previous)


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
    """Write the filter and the language into the URL (page switches clear query parameters)."""
    wanted = {
        COUNTRIES_PARAM: ",".join(selected_countries()),
        LANG_PARAM: str(st.session_state.get(LANG_WIDGET_KEY, DEFAULT_LANGUAGE)),
    }
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value
    # `present` appears only while presenting, so ordinary links stay short.
    if presentation_mode():
        if st.query_params.get(PRESENT_PARAM) != "1":
            st.query_params[PRESENT_PARAM] = "1"
    elif PRESENT_PARAM in st.query_params:
        del st.query_params[PRESENT_PARAM]


PRESENT_PARAM = "present"
# A page's open part (dashboard/components/page_sections.py), by its id: `?section=map`.
SECTION_PARAM = "section"
SECTION_ID = re.compile(r"[a-z][a-z0-9-]{0,30}")
PRESENT_KEY = "_ortaq_present"
# Every parameter a link may carry; any other is ignored with a notice (see check_link). A feature that
# adds a parameter adds it here.
KNOWN_PARAMS = frozenset({COUNTRIES_PARAM, LANG_PARAM, PRESENT_PARAM, SECTION_PARAM})
PRESENT_SLIDE_KEY = "_ortaq_present_slide"


def init_presentation() -> bool:
    """Presentation mode from `?present=1` on a session's first run; kept in the session after.

    A value other than 0 or 1 is announced by `check_link` and means not presenting.
    """
    if PRESENT_KEY not in st.session_state:
        st.session_state[PRESENT_KEY] = st.query_params.get(PRESENT_PARAM) == "1"
    return bool(st.session_state[PRESENT_KEY])


def presentation_mode() -> bool:
    """Whether the session is presenting (full-screen slides instead of pages)."""
    return bool(st.session_state.get(PRESENT_KEY, False))


def set_presentation(on: bool) -> None:
    """Enter or leave presentation mode (from a button callback); the URL follows."""
    st.session_state[PRESENT_KEY] = on
    st.session_state[PRESENT_SLIDE_KEY] = 0


_SECTION_KEY = "_ortaq_section_{page}"


def open_section(page: str, ids: list[str]) -> tuple[str, str | None]:
    """The part of `page` the reader has open, and a rejected link value (or None).

    Remembered per page for the session, so it survives page switches and language changes; on
    the page's first visit it comes from the link's `section` (a part's id), else the first part.
    """
    remembered = st.session_state.get(_SECTION_KEY.format(page=page))
    if remembered in ids:
        return remembered, None
    raw = st.query_params.get(SECTION_PARAM)
    if raw is None or raw in ids:
        return (raw or ids[0]), None
    return ids[0], raw


def remember_section(page: str, section_id: str) -> None:
    """Keep `section_id` open on `page` for the session and put it in the link."""
    st.session_state[_SECTION_KEY.format(page=page)] = section_id
    if st.query_params.get(SECTION_PARAM) != section_id:
        st.query_params[SECTION_PARAM] = section_id


_KEPT_KEY = "_ortaq_kept_widgets"


def kept(key: str) -> str:
    """`key`, for a widget whose choice is kept while it is not drawn (returns it for `key=`).

    Streamlit forgets a widget's value in any run that does not draw it: another tab, another page.
    A reader who chose the 20 bn target, looked at the map and came back would find 15 bn again.
    """
    st.session_state.setdefault(_KEPT_KEY, set()).add(key)
    return key


def keep_choices() -> None:
    """Called at the top of every run: re-save each kept widget's value, so that a run which does
    not draw the widget does not drop it (Streamlit's documented way to keep widget state)."""
    for key in st.session_state.get(_KEPT_KEY, ()):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
