"""Show a Plotly figure the same way everywhere: offline base map, no logo, a source line, image downloads."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st
from plotly.basedatatypes import BaseFigure

from dashboard.export import images
from dashboard.i18n import current_language, set_language, t
from dashboard.slides import figure_title
from dashboard.static_files import static_url

LOG = logging.getLogger("ortaq")
IMAGE_FORMATS = {"png": ("PNG", "image/png"), "svg": ("SVG", "image/svg+xml")}


def plotly_config(filename: str) -> dict:
    """Chart config: local TopoJSON stub (no CDN), no Plotly logo, a sensible file name."""
    return {
        "topojsonURL": static_url(),
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }


class _WireFigure(BaseFigure):
    """A figure whose plain dict is already made: `st.plotly_chart` takes a figure's `to_dict()`.

    `Figure.to_dict()` deep-copies every trace and base64-encodes its arrays: about a third of a
    warm rerun on a page of five charts. Page models are memoized, so the same figure object comes
    back rerun after rerun; its dict is made once (see `wire_figure`). BaseFigure.__init__ is
    skipped on purpose: this object only carries the dict.
    """

    def __init__(self, wire: dict) -> None:  # noqa: D107 - see the class docstring
        object.__setattr__(self, "_wire", wire)

    def to_dict(self) -> dict:
        return self._wire


def wire_figure(figure: go.Figure) -> BaseFigure:
    """`figure`, with its `to_dict()` made once and kept on the figure for the next rerun.

    Figures shown by `show_chart` come from memoized page models and are not changed after they
    are built; a figure changed afterwards would still show its first state.
    """
    wire = figure.__dict__.get("_ortaq_wire")
    if wire is None:
        wire = figure.to_dict()
        figure._ortaq_wire = wire  # a private attribute: BaseFigure lets it through
    return _WireFigure(wire)


def show_chart(
    figure: go.Figure,
    key: str,
    source_line: str,
    on_select: Callable[[], None] | None = None,
) -> None:
    """Render `figure` with its source line underneath and PNG/SVG downloads; clicks call `on_select`."""
    if on_select is None:
        st.plotly_chart(wire_figure(figure), key=key, config=plotly_config(key), width="stretch")
    else:
        st.plotly_chart(
            wire_figure(figure),
            key=key,
            config=plotly_config(key),
            width="stretch",
            on_select=on_select,
            selection_mode="points",
        )
    st.caption(source_line)
    image_downloads(figure, key, source_line)


# CommonMark's backslash escapes: a source line is Markdown (data in it is escaped to show as text).
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def plain_caption(markdown: str) -> str:
    """A caption's Markdown source as the text it shows (`ekonomist\\.kz` -> `ekonomist.kz`)."""
    return _MARKDOWN_ESCAPE.sub(r"\1", markdown)


def image_downloads(figure: go.Figure, key: str, source_line: str) -> None:
    """The chart as PNG or SVG with its title, source line and date on it, drawn only when asked.

    Drawing needs Chromium; without one the control says so and everything else works.
    """
    if images.find_chromium() is None:
        st.button(t(images.CHROMIUM_HINT), key=f"image-{key}", disabled=True, type="tertiary",
                  icon=":material/image_not_supported:")
        return
    _image_fragment(figure, key, figure_title(figure), plain_caption(source_line), current_language())


@st.fragment
def _image_fragment(figure: go.Figure, key: str, title: str, source_line: str, lang: str) -> None:
    # A fragment's rerun does not pass through app.py, where the language is set.
    set_language(lang)
    row = st.container(horizontal=True, vertical_alignment="center")
    fmt = row.menu_button(
        t("Download image"),
        options=list(IMAGE_FORMATS),
        format_func=lambda option: IMAGE_FORMATS[option][0],
        key=f"image-{key}",
        type="tertiary",
        icon=":material/image:",
    )
    if fmt is None:
        return
    label, mime = IMAGE_FORMATS[fmt]
    try:
        with row, st.spinner(t("Drawing the image…")):
            data = images.chart_images(figure, title, source_line, images.today_text(), (fmt,))[fmt]
    except images.ExportUnavailable:
        row.warning(t(images.CHROMIUM_HINT))
        return
    except Exception:  # noqa: BLE001 - a failed image must not take the page down
        LOG.exception("image export of %s failed", key)
        row.warning(t("The image could not be drawn. The error has been logged."))
        return
    row.download_button(
        t("Save {format}", format=label),
        data=data,
        file_name=f"ortaq-{key}.{fmt}",
        mime=mime,
        key=f"image-file-{key}",
        on_click="ignore",
        type="primary",
        icon=":material/download:",
    )
