"""A page's parts as tabs, of which only the open one is drawn.

A page of five charts made the browser draw all five, in one task, before the first one showed
(time to first chart 1.6× a bare Streamlit page; one part alone: 1.2×). In a meeting room one
part at a time, full width, is also what the room should be looking at. The open part is kept
per page for the session (page switches and language changes keep it) and is in the link as
`?section=<id>`, so a link or a reconnect after a server restart opens the same part.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.components.errors import require, section
from dashboard.i18n import t
from data.loader import LoadResult

# Each page's tabs are the widget keyed TABS_KEY_PREFIX + the page (tests switch tabs through it).
TABS_KEY_PREFIX = "sections-"


class PagePart(NamedTuple):
    id: str  # stable across languages: the link's `section` value
    label: str  # the tab: a word or two, so that a page's tabs fit a projector's width
    title: str  # the heading over the open part
    needs: tuple[str, ...]  # the tables it draws from: a broken one gets its error panel instead
    draw: Callable[[dict[str, pd.DataFrame]], None]  # called with those tables


def page_sections(page: str, result: LoadResult, parts: list[PagePart]) -> str:
    """Draw `parts` as tabs; only the open part is drawn, inside its own error boundary.

    Returns the open part's id.
    """
    ids = [part.id for part in parts]
    labels = {part.id: part.label for part in parts}
    open_id, rejected = state.open_section(page, ids)
    key = f"{TABS_KEY_PREFIX}{page}"
    # The tabs' own state holds a label: after a language switch (or on a return to the page,
    # when Streamlit has dropped the state of the unrendered widget) it is set from the part kept
    # in the session.
    if st.session_state.get(key) not in labels.values():
        st.session_state[key] = labels[open_id]
    if rejected is not None:
        st.warning(t("Ignored an unknown section in the link: {value}", value=state.shown(rejected)))
    tabs = st.tabs([part.label for part in parts], key=key, on_change="rerun")
    for part, tab in zip(parts, tabs, strict=True):
        if not tab.open:
            continue
        open_id = part.id
        state.remember_section(page, open_id)
        with tab:
            st.header(part.title)
            with section(part.title):
                tables = require(result, *part.needs)
                if tables is not None:
                    part.draw(tables)
    return open_id
