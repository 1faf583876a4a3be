"""The slide deck: a title slide with the filter, date and link; per chart one picture and its source line."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dashboard import i18n, slides
from dashboard.export import __main__ as cli
from dashboard.export import deck, images
from data.loader import load_all
from geo.boundaries import load_boundaries

SELECTED = ["KAZ", "UZB"]
TODAY = dt.date(2025, 11, 21)
needs_chromium = pytest.mark.skipif(images.find_chromium() is None, reason="deck export needs Chromium")


@pytest.fixture(scope="module")
def tables():
    return load_all().tables


@pytest.fixture(scope="module")
def boundaries():
    return load_boundaries()


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("en")


def _png(colour: str = "white") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (160, 90), colour).save(buffer, "PNG")
    return buffer.getvalue()


def _texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def _page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_view_link_carries_filter_and_language():
    """The title slide's link reopens the view: base URL, ?countries=..., &lang=..."""
    assert deck.view_link("http://127.0.0.1:8501/", SELECTED, "ru") == "http://127.0.0.1:8501/?countries=KAZ,UZB&lang=ru"


def test_pptx_has_title_slide_and_one_picture_and_source_line_per_chart(tables, boundaries):
    """Every slide of the view: the title slide names countries, date and link; chart slides hold one picture each."""
    i18n.set_language("ru")
    built = slides.build_deck(tables, boundaries, SELECTED)
    info = deck.deck_info(tables, SELECTED, "http://example.org:8501", today=TODAY)
    data = deck.pptx_bytes(built, [_png() for _ in built], info)
    presentation = Presentation(io.BytesIO(data))
    assert len(presentation.slides) == len(built) + 1
    cover = "\n".join(_texts(presentation.slides[0]))
    assert "Казахстан, Узбекистан" in cover
    date = images.today_text(TODAY)
    assert date.startswith("21 ноября 2025") and date in cover
    assert "http://example.org:8501/?countries=KAZ,UZB&lang=ru" in cover
    for slide, expected in zip(list(presentation.slides)[1:], built, strict=True):
        pictures = [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        texts = _texts(slide)
        assert slide.shapes.title.text.startswith(expected.title)
        assert any(expected.source_line in text and date in text for text in texts)
    assert presentation.slide_width / presentation.slide_height == pytest.approx(16 / 9, rel=0.01)


def test_pdf_has_one_page_per_image():
    """Pillow assembles the page images into one PDF, a page each."""
    pdf = deck.pdf_bytes([_png("white"), _png("black"), _png("white")])
    assert pdf.startswith(b"%PDF")
    assert _page_count(pdf) == 3


def test_without_chromium_the_deck_says_so(monkeypatch, tables, boundaries):
    """No Chromium: render_deck raises ExportUnavailable naming the fix; the CLI exits 3 with that message."""
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(images.ExportUnavailable, match="apt-get install chromium"):
        deck.render_deck(tables, boundaries, SELECTED, "pptx")


def test_cli_refuses_bad_arguments_and_missing_chromium(monkeypatch, tmp_path, capsys):
    """Unknown countries exit 2; an unknown format exits 2; no Chromium exits 3; each with a clear message."""
    assert cli.main(["--countries", "KAZ,XXX", "--out", str(tmp_path / "d.pptx")]) == cli.EXIT_USAGE
    assert "unknown country codes: XXX" in capsys.readouterr().err
    assert cli.main(["--countries", "KAZ", "--out", str(tmp_path / "d.key")]) == cli.EXIT_USAGE
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    assert cli.main(["--countries", "KAZ", "--format", "pdf", "--out", str(tmp_path / "d.pdf")]) == cli.EXIT_NO_CHROMIUM
    assert "Image export needs Chromium (apt-get install chromium)" in capsys.readouterr().err
    assert not (tmp_path / "d.pdf").exists()


@needs_chromium
def test_cli_writes_real_pptx_and_pdf(monkeypatch, tmp_path, capsys):
    """End to end with kaleido (one chart, to keep it quick): the PPTX and the PDF open and hold every slide."""
    cargo = slides.SLIDES[[slide.key for slide in slides.SLIDES].index("middle-corridor-cargo")]
    monkeypatch.setattr(deck, "build_deck", lambda *args: [slides.build_slide(cargo, *args)])
    out = tmp_path / "deck.pptx"
    assert cli.main(["--countries", "KAZ,UZB", "--lang", "kk", "--out", str(out)]) == 0
    assert "2 slides" in capsys.readouterr().out
    presentation = Presentation(str(out))
    assert len(presentation.slides) == 2
    assert "Қазақстан, Өзбекстан" in "\n".join(_texts(presentation.slides[0]))
    chart = presentation.slides[1]
    picture = next(shape for shape in chart.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE)
    assert Image.open(io.BytesIO(picture.image.blob)).size[0] >= 2000  # sharp on a projector
    assert any(text.startswith("Дереккөздер:") for text in _texts(chart))
    pdf = tmp_path / "deck.pdf"
    assert cli.main(["--countries", "KAZ,UZB", "--format", "pdf", "--out", str(pdf),
                     "--base-url", "http://10.0.0.5:8501"]) == 0
    assert _page_count(pdf.read_bytes()) == 2
