"""The presentation as a slide deck: PPTX (python-pptx) or PDF (one page per slide).

A deck is the current view: the slides of `dashboard.slides` for the selected countries, in
the current language, after a title slide naming the countries, the date and the link that
reopens the view. Chart slides are images rendered by kaleido with the local Chromium; the
PPTX keeps titles and source lines as text (searchable, editable), the PDF draws them on each
page. No Streamlit here: the app and `python -m dashboard.export` share it.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from urllib.parse import quote

import pandas as pd
import plotly.graph_objects as go

from dashboard.export import images
from dashboard.i18n import current_language, t
from dashboard.slides import (
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    BuiltSlide,
    build_deck,
    country_names,
    projector_figure,
)

FORMATS = ("pptx", "pdf")
MIME = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}
DEFAULT_BASE_URL = "http://127.0.0.1:8501"
# A 16:9 slide, 13.333 × 7.5 inches, and where a chart slide puts its parts (inches).
SLIDE_W_IN, SLIDE_H_IN = 13.333, 7.5
MARGIN_IN = 0.4
TITLE_TOP_IN, TITLE_H_IN = 0.25, 0.9
FOOTER_H_IN = 0.85
PICTURE_TOP_IN = TITLE_TOP_IN + TITLE_H_IN + 0.05
PICTURE_H_IN = SLIDE_H_IN - PICTURE_TOP_IN - FOOTER_H_IN - 0.15
PICTURE_W_IN = SLIDE_W_IN - 2 * MARGIN_IN
# Chart pictures are drawn at the picture box's shape, 1600 px wide, and rendered at 1.5×.
PICTURE_PX_W = SLIDE_WIDTH
PICTURE_PX_H = round(SLIDE_WIDTH * PICTURE_H_IN / PICTURE_W_IN)
PICTURE_SCALE = 1.5
PDF_SCALE = 1.25
PDF_DPI = 150  # 1600 × 1.25 px at 150 dpi: a 13.33-inch page, the size of the PPTX slide


@dataclass(frozen=True)
class DeckInfo:
    """What the title slide says: the countries (named in the deck's language), the date, the link."""

    title: str
    countries: list[str]
    date_text: str
    link: str

    def lines(self) -> list[str]:
        """The title slide's lines under its title."""
        return [
            t("Countries: {countries}", countries=", ".join(self.countries) if self.countries else "—"),
            self.date_text,
            t("The view online: {link}", link=self.link),
        ]


def view_link(base_url: str, selected: list[str], lang: str) -> str:
    """The link that reopens this view: base URL + `?countries=KAZ,UZB&lang=ru`."""
    countries = ",".join(quote(code, safe="") for code in selected)
    return f"{base_url.rstrip('/')}/?countries={countries}&lang={quote(lang, safe='')}"


def deck_info(tables: dict[str, pd.DataFrame], selected: list[str], base_url: str,
              today: dt.date | None = None) -> DeckInfo:
    """The title slide of the current view, in the current language."""
    names = country_names(tables)
    return DeckInfo(
        title=t("Ortaq: the figures and their sources"),
        countries=[names.get(code, code) for code in selected],
        date_text=images.today_text(today),
        link=view_link(base_url, selected, current_language()),
    )


def title_card(info: DeckInfo) -> go.Figure:
    """The title slide as a figure (the PDF's first page)."""
    fig = go.Figure()
    shift = 0.0
    for text, size, gap in [(info.title, 48, 0), *((line, 26, 22) for line in info.lines())]:
        wrapped = images.wrap(text, SLIDE_WIDTH - 160, size)
        shift += gap
        fig.add_annotation(
            x=0, y=0.8, xref="paper", yref="paper", xanchor="left", yanchor="top", align="left",
            yshift=-shift, text="<br>".join(wrapped), showarrow=False, font={"size": size, "color": "#000000"},
        )
        shift += len(wrapped) * size * 1.3
    fig.update_layout(
        width=SLIDE_WIDTH, height=SLIDE_HEIGHT, xaxis={"visible": False}, yaxis={"visible": False},
        margin={"l": 80, "r": 80, "t": 60, "b": 60}, paper_bgcolor="white", plot_bgcolor="white",
        font={"family": "DejaVu Sans, Arial, sans-serif"},
    )
    return fig


# --- PPTX ---------------------------------------------------------------------------------


def _text_box(slide, left: float, top: float, width: float, height: float, lines: list[tuple[str, int, bool]]):
    from pptx.util import Inches, Pt

    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    for index, (text, size, bold) in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = text
        paragraph.font.size = Pt(size)
        paragraph.font.bold = bold
    return box


def pptx_bytes(slides: list[BuiltSlide], pictures: list[bytes], info: DeckInfo) -> bytes:
    """A 16:9 deck: the title slide, then per chart its title, its picture and its source line with the date."""
    from pptx import Presentation
    from pptx.util import Inches, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_W_IN), Inches(SLIDE_H_IN)
    deck.core_properties.title = info.title
    deck.core_properties.language = current_language()

    cover = deck.slides.add_slide(deck.slide_layouts[0])
    title, subtitle = cover.shapes.title, cover.placeholders[1]
    title.left, title.top, title.width, title.height = (Inches(MARGIN_IN * 2), Inches(1.6),
                                                        Inches(SLIDE_W_IN - 4 * MARGIN_IN), Inches(1.5))
    title.text = info.title
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = (Inches(MARGIN_IN * 2), Inches(3.3),
                                                                    Inches(SLIDE_W_IN - 4 * MARGIN_IN), Inches(2.8))
    for index, line in enumerate(info.lines()):
        paragraph = subtitle.text_frame.paragraphs[0] if index == 0 else subtitle.text_frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(22)

    for built, picture in zip(slides, pictures, strict=True):
        slide = deck.slides.add_slide(deck.slide_layouts[5])  # "Title Only": the title stays a real title
        heading = slide.shapes.title
        heading.left, heading.top = Inches(MARGIN_IN), Inches(TITLE_TOP_IN)
        heading.width, heading.height = Inches(PICTURE_W_IN), Inches(TITLE_H_IN)
        heading.text = built.title
        heading.text_frame.paragraphs[0].font.size = Pt(30)
        if built.subtitle:
            paragraph = heading.text_frame.add_paragraph()
            paragraph.text = built.subtitle
            paragraph.font.size = Pt(16)
        slide.shapes.add_picture(io.BytesIO(picture), Inches(MARGIN_IN), Inches(PICTURE_TOP_IN),
                                 Inches(PICTURE_W_IN), Inches(PICTURE_H_IN))
        _text_box(slide, MARGIN_IN, SLIDE_H_IN - FOOTER_H_IN - 0.1, PICTURE_W_IN, FOOTER_H_IN,
                  [(built.source_line, 12, False), (info.date_text, 12, False)])
        slide.notes_slide.notes_text_frame.text = f"{built.source_line}\n{info.link}"
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


# --- PDF ----------------------------------------------------------------------------------


def pdf_bytes(pages: list[bytes]) -> bytes:
    """PNG pages as one PDF, a page each (Pillow; no PDF library needed)."""
    from PIL import Image

    opened = [Image.open(io.BytesIO(page)).convert("RGB") for page in pages]
    buffer = io.BytesIO()
    opened[0].save(buffer, "PDF", save_all=True, append_images=opened[1:], resolution=PDF_DPI, quality=92,
                   title="Ortaq")
    return buffer.getvalue()


# --- the whole deck -----------------------------------------------------------------------


def render_deck(
    tables: dict[str, pd.DataFrame],
    boundaries: dict | None,
    selected: list[str],
    fmt: str,
    *,
    base_url: str = DEFAULT_BASE_URL,
    today: dt.date | None = None,
) -> tuple[bytes, int]:
    """The current view (filter and language) as PPTX or PDF bytes, and its number of slides.

    Raises images.ExportUnavailable when no Chromium is installed.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown deck format {fmt!r}; use pptx or pdf")
    if images.find_chromium() is None:
        raise images.ExportUnavailable(images.CHROMIUM_HINT)
    slides = build_deck(tables, boundaries, selected)
    info = deck_info(tables, selected, base_url, today)
    if fmt == "pptx":
        figures = [
            projector_figure(built.figure, title="", height=PICTURE_PX_H).update_layout(width=PICTURE_PX_W)
            for built in slides
        ]
        pictures = images.render(figures, "png", scale=PICTURE_SCALE)
        return pptx_bytes(slides, pictures, info), len(slides) + 1
    pages = [title_card(info)] + [
        images.captioned(projector_figure(built.figure), built.title, built.source_line, info.date_text,
                         width=SLIDE_WIDTH, height=SLIDE_HEIGHT, title_font=36, footer_font=18,
                         subtitle=built.subtitle)
        for built in slides
    ]
    return pdf_bytes(images.render(pages, "png", scale=PDF_SCALE)), len(pages)
