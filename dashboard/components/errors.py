"""Error panels: a broken table or map is named and explained, and the page goes on."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pandas as pd
import streamlit as st

from dashboard.i18n import t
from data.loader import LoadResult

LOG = logging.getLogger("ortaq")
MAX_LISTED_PROBLEMS = 12


def table_error_panel(name: str, result: LoadResult) -> None:
    """Show which file is broken and every problem found in it, as text (never HTML)."""
    error = result.errors[name]
    with st.container(border=True):
        st.error(t("The table '{table}' could not be loaded, so what depends on it is not shown.", table=name))
        lines = [str(problem) for problem in error.problems]
        st.code("\n".join(lines[:MAX_LISTED_PROBLEMS]), language=None)
        if len(lines) > MAX_LISTED_PROBLEMS:
            st.caption(t("… and {count} more problems.", count=len(lines) - MAX_LISTED_PROBLEMS))
        st.caption(t("Fix the file and reload the page; `python -m data.validate` lists every problem."))


def require(result: LoadResult, *names: str) -> dict[str, pd.DataFrame] | None:
    """The named tables, or None after showing an error panel for each broken one."""
    broken = [name for name in names if name in result.errors or name not in result.tables]
    for name in broken:
        if name in result.errors:
            table_error_panel(name, result)
        else:
            st.error(t("The table '{table}' is missing.", table=name))
    if broken:
        return None
    return {name: result.tables[name] for name in names}


@contextmanager
def section(title: str) -> Iterator[None]:
    """Run one part of a page; an unexpected failure is logged and shown as a short notice.

    The traceback goes to the server log only: viewers never see one, and the rest of the
    page still renders.
    """
    try:
        yield
    except Exception:  # noqa: BLE001 - the boundary that keeps one failure local
        LOG.exception("section %r failed", title)
        st.warning(t("'{section}' could not be shown. The error has been logged.", section=title))


def render_safely(title: str, render: Callable[[], None]) -> None:
    """Call `render` inside `section(title)`."""
    with section(title):
        render()
