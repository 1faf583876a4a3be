"""Ortaq's entry point: the page list, the sidebar shared by every page, and nothing else."""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the repository root
# that holds the data/ and geo/ packages.
REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import streamlit as st  # noqa: E402

from dashboard import data_access, heap, state  # noqa: E402
from dashboard.components.country_filter import country_filter  # noqa: E402
from dashboard.components.language_switch import language_switch  # noqa: E402
from dashboard.components.presentation import presentation_controls, presentation_view  # noqa: E402
from dashboard.i18n import set_language, t  # noqa: E402

# Not "pages/": Streamlit would treat that folder as a legacy multipage app and run a page
# without this entry point (no sidebar, no filter) when a link opens it directly.
PAGES_DIR = Path(__file__).resolve().parent / "views"

# A local image: a Material page_icon makes the browser fetch the favicon from a font CDN,
# and an emoji needs a font the machine may not have. (Navigation icons are bundled.)
st.set_page_config(page_title="Ortaq", page_icon=str(Path(__file__).resolve().parent / "static" / "favicon.png"),
                   layout="wide")
# The language first: every string below, page titles included, is translated.
set_language(state.init_language())
state.keep_choices()
presenting = state.init_presentation()

result = data_access.tables()
st.sidebar.title("Ortaq")
st.sidebar.caption(t("Central Asian and Turkic-states cooperation, figure by figure, with sources."))
language_switch()
country_filter(result.tables.get("countries"), result.tables.get("groups"))
boundaries = data_access.boundaries()
presentation_controls(result, boundaries if isinstance(boundaries, dict) else None)

# Each url_path equals its file name so a page file can also be tested on its own. The
# default page is served at "/" (Streamlit ignores its url_path).
pages = [
    st.Page(
        PAGES_DIR / "overview.py", title=t("Overview"), icon=":material/dashboard:", url_path="overview", default=True
    ),
    st.Page(PAGES_DIR / "trade.py", title=t("Trade"), icon=":material/trending_up:", url_path="trade"),
    st.Page(PAGES_DIR / "transport.py", title=t("Transport"), icon=":material/train:", url_path="transport"),
    st.Page(
        PAGES_DIR / "energy_water.py", title=t("Energy and water"), icon=":material/bolt:", url_path="energy_water"
    ),
    st.Page(PAGES_DIR / "digital.py", title=t("Digital and AI"), icon=":material/memory:", url_path="digital"),
    st.Page(
        PAGES_DIR / "initiatives.py", title=t("Initiatives and events"), icon=":material/event:", url_path="initiatives"
    ),
    st.Page(PAGES_DIR / "sources.py", title=t("Sources"), icon=":material/menu_book:", url_path="sources"),
]
# Presenting: the slides instead of the page, no navigation. The sidebar is still drawn (and
# hidden by the slide view's stylesheet) so the filter and language survive until Exit.
page = st.navigation(pages, position="hidden" if presenting else "sidebar")
if presenting:
    presentation_view(result, boundaries if isinstance(boundaries, dict) else None)
else:
    page.run()

# The first run has imported and loaded what lives as long as the server: freeze it (dashboard/heap.py).
heap.freeze_once()
