"""Chart images carry their title, source line and date; without Chromium the export says so instead of failing."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import pytest

from dashboard.export import images


def _chart(legend_below: bool = True) -> go.Figure:
    figure = go.Figure()
    for name in ("Kazinform, 2024-08", "Trend News Agency, 2024-12-13", "Kazakhstan's statistics"):
        figure.add_trace(go.Scatter(x=[2022, 2023, 2024], y=[4.4, 4.3, -29.2], name=name))
    figure.update_layout(
        title={"text": "Kazakhstan – Uzbekistan, bn USD"},
        height=420,
        legend={"orientation": "h", "y": -0.2 if legend_below else 1.02,
                "yanchor": "top" if legend_below else "bottom"},
        xaxis={"title": "Year"},
    )
    return figure


def _footer(figure: go.Figure) -> go.layout.Annotation:
    return figure.layout.annotations[-1]


needs_chromium = pytest.mark.skipif(images.find_chromium() is None, reason="image export needs Chromium")


def test_captioned_puts_title_source_and_date_on_the_figure():
    """The title replaces the chart's; the footer holds the source line, then the date; the original is untouched."""
    original = _chart()
    out = images.captioned(original, "Trade <b>title</b>", "Sources: Kazinform; A & B <x>.", "21 November 2025")
    assert out.layout.title.text == "Trade &lt;b&gt;title&lt;/b&gt;"  # data never becomes a tag
    footer = _footer(out)
    assert footer.text.split("<br>")[-1] == "21 November 2025"
    assert "Sources: Kazinform; A &amp; B &lt;x&gt;." in footer.text
    assert original.layout.title.text == "Kazakhstan – Uzbekistan, bn USD" and not original.layout.annotations


def test_captioned_lays_the_bottom_out_in_pixels():
    """Image height = figure + footer; the legend sits just above the footer, anchored to the whole image."""
    out = images.captioned(_chart(), "T", "Sources: x.", "1 May 2025", width=1200)
    footer_px = 2 * images.FOOTER_FONT * 1.4 + 18  # one line of source, one of date
    assert out.layout.height == pytest.approx(420 + footer_px, abs=1)
    assert out.layout.width == 1200
    assert out.layout.legend.yref == "container"
    assert out.layout.legend.y * out.layout.height == pytest.approx(footer_px + 4, abs=1)
    plot = out.layout.height - out.layout.margin.t - out.layout.margin.b
    footer_top_px_above_bottom = out.layout.margin.b + _footer(out).y * plot
    assert footer_top_px_above_bottom == pytest.approx(footer_px - 8, abs=1)


def test_long_source_lines_wrap_and_the_image_grows():
    """A long source line is wrapped to the width, every word kept, and the image is taller for it."""
    line = "Sources: " + "; ".join(f"Publisher number {n}, 2025-01-{n:02d}" for n in range(1, 25)) + "."
    out = images.captioned(_chart(), "T", line, "today", width=1000)
    lines = _footer(out).text.split("<br>")
    assert len(lines) > 3
    assert " ".join(lines[:-1]) == line
    assert out.layout.height > images.captioned(_chart(), "T", "short", "today", width=1000).layout.height


def test_legend_above_the_chart_stays_and_gets_room():
    """A legend above the plot is left in place and the top margin grows by its height."""
    above = images.captioned(_chart(legend_below=False), "T", "S", "D")
    below = images.captioned(_chart(), "T", "S", "D")
    assert above.layout.legend.yref != "container"
    assert above.layout.margin.t > below.layout.margin.t


def test_missing_chromium_is_reported_not_crashed(monkeypatch):
    """BROWSER_PATH naming no browser: no Chromium is found and rendering raises ExportUnavailable with the hint."""
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    assert images.find_chromium() is None
    assert not images.chromium_available()
    with pytest.raises(images.ExportUnavailable, match=re.escape("apt-get install chromium")):
        images.chart_images(_chart(), "T", "S", "D")


def test_unknown_format_is_refused():
    """Only png, svg and pdf are rendered."""
    with pytest.raises(ValueError, match="unknown image format"):
        images.render([_chart()], "gif")


@needs_chromium
def test_svg_and_png_show_the_source_line_and_date():
    """One Chromium session renders both formats; the SVG's text holds the title, source line and date."""
    files = images.chart_images(_chart(), "Trade with Uzbekistan", "Sources: Kazinform, 2024-08.", "21 November 2025")
    svg = files["svg"].decode("utf-8")
    assert svg.startswith("<svg")
    assert "Trade with Uzbekistan" in svg
    assert "Sources: Kazinform, 2024-08." in svg
    assert "21 November 2025" in svg
    assert files["png"].startswith(b"\x89PNG")
