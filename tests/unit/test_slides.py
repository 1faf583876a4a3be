"""The slides registry: the key charts in a fixed order, built for a filter and a language, in a projector's look."""

from __future__ import annotations

import subprocess
import sys

import plotly.graph_objects as go
import pytest

from dashboard import i18n, slides
from data.loader import load_all
from geo.boundaries import load_boundaries

C5 = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
ORDER = [
    "figure-c5-trade-11bn",
    "figure-c5-trade-target-15bn",
    "figure-mc-cargo-x6",
    "figure-dostyk-moyinty-x5",
    "figure-rail-corridors-5",
    "figure-ai-students-400k",
    "region-map",
    "intra-trade",
    "bilateral-trade",
    "middle-corridor-cargo",
    "dostyk-moyinty",
    "caspian-level",
    "ai-students",
]


@pytest.fixture(scope="module")
def tables():
    result = load_all()
    assert not result.errors
    return result.tables


@pytest.fixture(scope="module")
def boundaries():
    return load_boundaries()


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("en")


def test_registry_order_is_fixed():
    """Headline figures first, then the map, trade, transport, the Caspian and AI, each key once."""
    assert [slide.key for slide in slides.SLIDES] == ORDER


def test_central_asian_five_get_every_slide_with_a_source_line(tables, boundaries):
    """For the C5 every slide has something to show, in order, each with a title and a source line."""
    deck = slides.build_deck(tables, boundaries, C5)
    assert [built.slide.key for built in deck] == ORDER
    for built in deck:
        assert isinstance(built.figure, go.Figure)
        assert built.title
        assert built.source_line.startswith(("Source: ", "Sources: ", "Boundaries: "))
    by_key = {built.slide.key: built for built in deck}
    assert "Kassym-Jomart Tokayev" in by_key["figure-c5-trade-11bn"].source_line
    assert "Report.az" in by_key["middle-corridor-cargo"].source_line
    assert by_key["middle-corridor-cargo"].subtitle == "Middle Corridor (TITR) cargo, million tonnes"


def test_filter_leaves_out_what_does_not_concern_the_selection(tables, boundaries):
    """Türkiye alone: no Kazakhstan-only slides (Dostyk–Moyinty, AI students, Caspian readings); trade stays."""
    keys = [built.slide.key for built in slides.build_deck(tables, boundaries, ["TUR"])]
    for absent in ("dostyk-moyinty", "ai-students", "figure-ai-students-400k", "caspian-level"):
        assert absent not in keys
    assert "intra-trade" in keys and "region-map" in keys
    assert keys == [key for key in ORDER if key in keys]  # still the fixed order


def test_cargo_slide_marks_the_recomputed_multiples(tables, boundaries):
    """The Middle Corridor slide draws the ×5.9 (2019→2024) and ×5.3 (2020→2025) recomputed from one source."""
    cargo = slides.build_slide(slides.SLIDES[ORDER.index("middle-corridor-cargo")], tables, boundaries, C5)
    texts = {annotation.text for annotation in cargo.figure.layout.annotations}
    assert {"×5.9 (2019→2024)", "×5.3 (2020→2025)"} <= texts


def test_headline_slide_shows_number_quote_translation_and_speaker(tables, boundaries):
    """The trade slide: USD 11 bn, the verbatim Kazakh words, the English translation, the speaker."""
    built = slides.build_slide(slides.SLIDES[0], tables, boundaries, C5)
    text = " ".join(annotation.text for annotation in built.figure.layout.annotations).replace("<br>", " ")
    assert "USD 11 bn" in text
    assert "миллииард" in text  # the original, verbatim (with its misspelling)
    assert "$11 billion" in text
    assert "Kassym-Jomart Tokayev" in text


def test_slides_speak_the_current_language(tables, boundaries):
    """In Kazakh the titles, units and country names on the slides are Kazakh."""
    i18n.set_language("kk")
    deck = slides.build_deck(tables, boundaries, ["KAZ", "UZB"])
    assert deck[0].title == i18n.t("Intra-regional trade reached") != "Intra-regional trade reached"
    assert "11 млрд АҚШ доллары" in deck[0].figure.layout.annotations[0].text
    bilateral = next(built for built in deck if built.slide.key == "bilateral-trade")
    assert "Қазақстан – Өзбекстан" in {annotation.text for annotation in bilateral.figure.layout.annotations}


def test_a_missing_table_leaves_its_slides_out(tables, boundaries):
    """Without the series table the trade and Caspian slides are left out; the rest still build."""
    partial = {name: frame for name, frame in tables.items() if name != "series"}

    def built(key: str, source: dict, shapes: dict | None) -> bool:
        return slides.build_slide(slides.SLIDES[ORDER.index(key)], source, shapes, C5) is not None

    assert not built("intra-trade", partial, boundaries) and not built("caspian-level", partial, boundaries)
    assert built("figure-c5-trade-11bn", partial, boundaries) and built("dostyk-moyinty", partial, boundaries)
    assert slides.missing_tables(slides.SLIDES[ORDER.index("intra-trade")], partial) == ["series"]
    assert not built("region-map", tables, None)  # no boundaries, no map


def test_projector_figure_is_large_and_leaves_the_original_alone(tables, boundaries):
    """Base type 22 px, title 36 px, lines at least 4 px, black ink; the page's figure keeps its own sizes."""
    built = slides.build_slide(slides.SLIDES[ORDER.index("intra-trade")], tables, boundaries, C5)
    before = built.figure.to_json()
    big = slides.projector_figure(built.figure, title="Intra-regional trade")
    assert big.layout.font.size >= 22 and big.layout.font.color == "#000000"
    assert big.layout.title.font.size >= 36
    assert big.layout.xaxis.tickfont.size >= 22 and big.layout.yaxis.tickfont.size >= 22
    for trace in big.data:
        if "lines" in (trace.mode or ""):
            assert trace.line.width >= 4
    assert all(annotation.font.size >= 22 for annotation in big.layout.annotations)
    assert built.figure.to_json() == before
    assert not slides.projector_figure(built.figure, title="").layout.title.text


def test_slides_and_exports_never_import_streamlit():
    """The registry, the deck and the command line run without Streamlit (a notebook or the CLI can use them)."""
    code = (
        "import sys, dashboard.slides, dashboard.export.deck, dashboard.export.tables, dashboard.export.__main__; "
        "sys.exit('streamlit' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_a_target_source_with_markup_is_escaped_once_on_the_slide():
    """The slide's target line names its source: `<b>` and `&` shown as written (escaped once, not twice)."""
    import json

    from dashboard.slides import _intra_trade
    from data.loader import load_all

    tables = dict(load_all().tables)
    sources = tables["sources"].copy()
    sources.loc[sources["id"] == "speech-c5-astana-2024", "event"] = "<b>Summit</b> & more"
    tables["sources"] = sources
    spec = json.dumps(json.loads(_intra_trade(tables, None, ["KAZ"]).to_json()), ensure_ascii=False)
    assert "&lt;b&gt;Summit&lt;/b&gt; &amp; more" in spec
    assert "&amp;lt;" not in spec and "&amp;amp;" not in spec
