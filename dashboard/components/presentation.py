"""Presenting at a meeting: full-screen slides for a projector, and the slides as PPTX or PDF.

`?present=1` (or the sidebar's Present button) shows one chart or figure per screen, in the
fixed order of `dashboard.slides`, for the sidebar's countries and language: large type, black
on white, a footer with the source line and today's date, Previous and Next (also the arrow
keys, and Page Up / Page Down as presentation clickers send them), a counter and Exit.
"""

from __future__ import annotations

import logging
import threading
from urllib.parse import urlsplit

import streamlit as st

from dashboard import state
from dashboard.components.charts import plotly_config
from dashboard.export import deck, images
from dashboard.i18n import current_language, set_language, t
from dashboard.slides import SLIDES, BuiltSlide, build_deck, missing_tables, projector_figure
from data.loader import LoadResult

LOG = logging.getLogger("ortaq")
CHART_HEIGHT = 620
DECK_LABELS = {"pptx": "PowerPoint (PPTX)", "pdf": "PDF"}

# A static stylesheet (never data): hide Streamlit's chrome and the sidebar, black on white,
# type that reads from the back of a room.
PRESENT_CSS = """<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stSidebarNav"], .st-key-present-hidden {
  display: none !important;
}
.stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] { background: #ffffff; color: #000000; }
[data-testid="stMainBlockContainer"] { padding: 1.2rem 2.5rem 1rem 2.5rem; max-width: 100%; }
.st-key-present-slide h1 { font-size: 46px; line-height: 1.15; color: #000000; padding: 0 0 0.2rem 0; }
.st-key-present-slide h3 { font-size: 26px; font-weight: 400; color: #000000; padding: 0; }
.st-key-present-footer [data-testid="stCaptionContainer"], .st-key-present-footer p {
  font-size: 22px !important; color: #000000 !important; opacity: 1 !important; line-height: 1.35;
}
.st-key-present-counter p { font-size: 28px; font-weight: 700; color: #000000; margin: 0; }
.st-key-present-nav button { min-height: 3.2rem; padding: 0 1.6rem; border: 2px solid #000000; color: #000000; }
.st-key-present-nav button p { font-size: 22px; font-weight: 600; }
</style>"""

# Streamlit's button shortcuts take one key each (the arrows); clickers send Page Down / Page
# Up, which this listener turns into clicks on the same buttons. Inline, so it works offline.
CLICKER_KEYS_JS = """<script>
(() => {
  if (window.__ortaqClickerKeys) return;
  window.__ortaqClickerKeys = true;
  document.addEventListener("keydown", (event) => {
    const which = {PageDown: "next", PageUp: "prev"}[event.key];
    if (!which || event.altKey || event.ctrlKey || event.metaKey) return;
    const button = document.querySelector(".st-key-present-" + which + " button");
    if (!button) return;
    event.preventDefault();
    if (!button.disabled) button.click();
  });
})();
</script>"""

# Decks built per data, boundaries, filter and language, shared by every session; the objects
# are kept with the entry so an id can never be reused by a newer table set.
_DECKS: dict[tuple, tuple[object, object, list[BuiltSlide], dict[int, object]]] = {}
_DECKS_LOCK = threading.Lock()
_MAX_DECKS = 8


def _deck(result: LoadResult, boundaries: dict | None, selected: list[str]) -> tuple[list[BuiltSlide], dict]:
    key = (id(result), id(boundaries), tuple(selected), current_language())
    with _DECKS_LOCK:
        entry = _DECKS.get(key)
        if entry is not None and entry[0] is result and entry[1] is boundaries:
            return entry[2], entry[3]
    built, styled = build_deck(result.tables, boundaries, selected), {}
    with _DECKS_LOCK:
        if len(_DECKS) >= _MAX_DECKS:
            _DECKS.pop(next(iter(_DECKS)))
        _DECKS[key] = (result, boundaries, built, styled)
    return built, styled


def _md_text(text: str) -> str:
    """Text shown as the characters it is, never as Markdown (source lines carry publishers' names)."""
    for char in "\\`*_{}[]()#+-.!|<>~$&=":
        text = text.replace(char, "\\" + char)
    return text


def _slide_index(count: int) -> int:
    index = int(st.session_state.get(state.PRESENT_SLIDE_KEY, 0) or 0)
    return min(max(index, 0), max(count - 1, 0))


def _step(delta: int, count: int) -> None:
    st.session_state[state.PRESENT_SLIDE_KEY] = min(max(_slide_index(count) + delta, 0), count - 1)


def presentation_view(result: LoadResult, boundaries: dict | None) -> None:
    """The slide show: one slide of the current view per screen, nothing else."""
    with st.container(key="present-hidden"):
        st.markdown(PRESENT_CSS, unsafe_allow_html=True)
        st.html(CLICKER_KEYS_JS, unsafe_allow_javascript=True)
    selected = state.selected_countries()
    slides, styled = _deck(result, boundaries, selected)
    count = len(slides)
    if not count:
        st.info(t("No slide has anything to show for the selected countries."))
        st.button(t("Exit"), key="present-exit", on_click=state.set_presentation, args=(False,))
        return
    index = _slide_index(count)
    built = slides[index]
    if index not in styled:
        styled[index] = projector_figure(built.figure, title="", height=CHART_HEIGHT)
    with st.container(key="present-slide"):
        st.title(built.title, anchor=False)
        if built.subtitle:
            st.subheader(built.subtitle, anchor=False)
        st.plotly_chart(styled[index], key=f"present-chart-{built.slide.key}", config=plotly_config(built.slide.key),
                        theme=None, width="stretch")
    with st.container(key="present-footer"):
        st.caption(_md_text(built.source_line))
        st.caption(images.today_text())
        left_out = sorted({name for slide in SLIDES for name in missing_tables(slide, result.tables)})
        if left_out:
            st.caption(t("Slides left out because a table could not be loaded: {tables}", tables=", ".join(left_out)))
    with st.container(key="present-nav", horizontal=True, vertical_alignment="center"):
        st.button(t("Previous"), key="present-prev", icon=":material/arrow_back:", on_click=_step,
                  args=(-1, count), shortcut="Left", disabled=index == 0)
        with st.container(key="present-counter", width="content"):
            st.markdown(f"{index + 1} / {count}")
        st.button(t("Next"), key="present-next", icon=":material/arrow_forward:", on_click=_step,
                  args=(1, count), shortcut="Right", disabled=index == count - 1)
        st.button(t("Exit"), key="present-exit", icon=":material/close:", on_click=state.set_presentation,
                  args=(False,))


# --- the sidebar: Present, and the slides as a file --------------------------------------


def _base_url() -> str:
    """Where this dashboard is reached (for the deck's link), else the default local address."""
    try:
        url = st.context.url
    except Exception:  # noqa: BLE001 - no browser context (bare or test runs)
        url = None
    if not url:
        return deck.DEFAULT_BASE_URL
    parts = urlsplit(url)
    path = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"{parts.scheme}://{parts.netloc}" + (f"/{path}" if path else "")


def presentation_controls(result: LoadResult, boundaries: dict | None) -> None:
    """The sidebar's Present button and the Download slides menu."""
    st.sidebar.button(
        t("Present"),
        key="present-start",
        icon=":material/slideshow:",
        on_click=state.set_presentation,
        args=(True,),
        width="stretch",
        help=t("Full screen for a projector: one chart per screen; arrow keys move between slides."),
    )
    with st.sidebar:
        _slides_download(result, boundaries, state.selected_countries(), _base_url(), current_language())


@st.fragment
def _slides_download(
    result: LoadResult, boundaries: dict | None, selected: list[str], base_url: str, lang: str
) -> None:
    """Render the deck only when asked: a menu of formats, then the file's download button."""
    # A fragment's rerun does not pass through app.py, where the language is set.
    set_language(lang)
    if images.find_chromium() is None:
        st.button(t(images.CHROMIUM_HINT), key="slides-unavailable", disabled=True, width="stretch",
                  icon=":material/block:")
        return
    fmt = st.menu_button(
        t("Download slides"),
        options=list(deck.FORMATS),
        format_func=DECK_LABELS.get,
        key="slides-format",
        icon=":material/download:",
        width="stretch",
    )
    if fmt is None:
        return
    try:
        with st.spinner(t("Drawing the slides (about 15 seconds)…")):
            data, count = deck.render_deck(result.tables, boundaries, selected, fmt, base_url=base_url)
    except images.ExportUnavailable:
        st.warning(t(images.CHROMIUM_HINT))
        return
    except Exception:  # noqa: BLE001 - one failed export must not take the page down
        LOG.exception("slide deck export failed")
        st.warning(t("The slides could not be drawn. The error has been logged."))
        return
    st.download_button(
        t("Save {format} ({count} slides)", format=DECK_LABELS[fmt], count=count),
        data=data,
        file_name=f"ortaq-{'-'.join(selected) or 'all'}-{lang}.{fmt}",
        mime=deck.MIME[fmt],
        key=f"slides-file-{fmt}",
        on_click="ignore",
        type="primary",
        icon=":material/download:",
        width="stretch",
    )
