"""Figures as PNG, SVG or PDF with their title, source line and date drawn on the image itself.

kaleido drives the installed Chromium (Debian's /usr/bin/chromium, or the one BROWSER_PATH
names) and ships none. Geo figures get the local empty TopoJSON in dashboard/static instead of
Plotly's CDN, and MathJax is switched off (kaleido would fetch it from a CDN), so export works
offline. One Chromium is started per call, however many figures it renders (~3 s to start,
then well under a second per image).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import html
import json
import os
import textwrap
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import plotly.graph_objects as go

from dashboard.formatting import iso_date
from dashboard.i18n import N_
from dashboard.static_files import STATIC_DIR

# Shown (translated) in the app and printed by the command line when no Chromium is found.
CHROMIUM_HINT = N_("Image export needs Chromium (apt-get install chromium)")
FORMATS = ("png", "svg", "pdf")
IMAGE_WIDTH = 1400
TITLE_FONT = 28
FOOTER_FONT = 16
INK = "#000000"
# Average glyph width of DejaVu Sans as a share of the font size (Latin and Cyrillic alike),
# rounded up so estimated text is never narrower than drawn text.
GLYPH = 0.6


class ExportUnavailable(RuntimeError):
    """Nothing to render with: no Chromium is installed (or BROWSER_PATH names none)."""


def _is_exe(path: str) -> bool:
    return Path(path).is_file() and os.access(path, os.X_OK)


def find_chromium() -> str | None:
    """The Chromium kaleido would use (BROWSER_PATH first, then PATH and the usual places), or None."""
    # Looked up once a minute per (BROWSER_PATH, PATH), not for every chart on every rerun (the
    # search walks PATH for several names); a Chromium installed while Ortaq runs is found within a minute.
    return _find_chromium(os.environ.get("BROWSER_PATH"), os.environ.get("PATH"), int(time.monotonic() // 60))


@functools.lru_cache(maxsize=8)
def _find_chromium(named: str | None, _search_path: str | None, _minute: int) -> str | None:
    if named:
        return named if _is_exe(named) else None
    try:
        from choreographer.browsers.chromium import Chromium

        found = Chromium.find_browser(skip_local=False)
    except Exception:  # noqa: BLE001 - a lookup that fails means "not found", never a crash
        found = None
    return found if found and _is_exe(found) else None


def chromium_available() -> bool:
    """Whether images, PPTX and PDF can be rendered on this machine."""
    return find_chromium() is not None


# --- putting the title, source line and date on the figure --------------------------------


def plain(text: str) -> str:
    """Text as Plotly shows it literally: `&`, `<` and `>` as entities, so no tag in data is ever drawn as one."""
    return html.escape(str(text), quote=False)


def wrap(text: str, width_px: float, font_px: float) -> list[str]:
    """`text` broken into lines that fit `width_px` at `font_px` (estimated, on the safe side), each made plain."""
    chars = max(20, int(width_px / (font_px * GLYPH)))
    return [plain(line) for line in textwrap.wrap(str(text), width=chars, break_long_words=True)] or [""]


def _font_size(*candidates: object, default: float = 12.0) -> float:
    for candidate in candidates:
        if isinstance(candidate, int | float) and candidate > 0:
            return float(candidate)
    return default


def _legend_names(fig: go.Figure) -> list[str]:
    if fig.layout.showlegend is False:
        return []
    names = [
        str(trace.name or "")
        for trace in fig.data
        if trace.showlegend is not False and trace.type != "choropleth" and trace.name
    ]
    # Plotly hides the legend of a single trace unless asked to show it.
    return names if len(names) > 1 or fig.layout.showlegend else []


def _legend_height(fig: go.Figure, width_px: float) -> float:
    """Estimated height of a horizontal legend: its entries packed into rows of `width_px`."""
    names = _legend_names(fig)
    if not names:
        return 0.0
    font = _font_size(fig.layout.legend.font.size, fig.layout.font.size)
    rows, used = 1, 0.0
    for name in names:
        item = 48 + len(plain(name)) * font * GLYPH
        if used and used + item > width_px:
            rows, used = rows + 1, 0.0
        used += item
    return rows * (font * 1.45 + 6) + 14


def _legend_place(fig: go.Figure) -> str:
    """`below`, `above` or `side`: where the figure's legend sits."""
    legend = fig.layout.legend
    if legend.orientation != "h":
        return "side"
    if legend.y is not None and legend.y >= 0.9:
        return "above"
    return "below"


def _axis_height(fig: go.Figure) -> float:
    """Estimated height of the bottom x-axis: tick labels (as many lines as the longest) and its title."""
    cartesian = [trace for trace in fig.data if trace.type in ("scatter", "bar")]
    if not cartesian or fig.layout.xaxis.visible is False:
        return 0.0
    font = _font_size(fig.layout.xaxis.tickfont.size, fig.layout.font.size)
    lines = 1
    for trace in cartesian:
        if trace.type == "bar" and trace.x is not None:
            lines = max([lines, *(str(x).count("<br>") + 1 for x in trace.x if isinstance(x, str))])
    height = lines * font * 1.35 + 14
    if fig.layout.xaxis.title.text:
        height += _font_size(fig.layout.xaxis.title.font.size, fig.layout.font.size) * 1.5 + 8
    return height


def _has_top_titles(fig: go.Figure) -> float:
    """Room for subplot titles (annotations at the top edge of the plotting area)."""
    sizes = [
        _font_size(annotation.font.size, fig.layout.font.size)
        for annotation in fig.layout.annotations or ()
        if annotation.yref == "paper" and annotation.y is not None and annotation.y >= 0.99
        and annotation.yanchor in (None, "bottom")
    ]
    return max(sizes) * 1.6 + 6 if sizes else 0.0


def captioned(
    figure: go.Figure,
    title: str,
    source_line: str,
    date_text: str,
    *,
    width: int = IMAGE_WIDTH,
    height: int | None = None,
    title_font: float = TITLE_FONT,
    footer_font: float = FOOTER_FONT,
    subtitle: str = "",
) -> go.Figure:
    """A copy of `figure` with `title` on top and the source line and date at the bottom.

    The bottom is laid out in pixels so nothing overlaps: the footer takes the lowest band, a
    legend below the chart moves just above it (anchored to the whole image, so it never pushes
    the chart about), and the x-axis sits above the legend. `height` is the whole image's
    height; without it the image is the figure's own height plus the footer.
    """
    fig = go.Figure(figure)
    inner = width - 40
    title_lines = wrap(title, inner, title_font) if title else []
    subtitle_font = round(title_font * 0.7)
    subtitle_lines = wrap(subtitle, inner, subtitle_font) if subtitle and title else []
    # The footer starts at the plot's left edge, which the y-axis labels push right (by up to ~200 px).
    footer_width = inner - (220 if _axis_height(fig) else 60)
    footer_lines = [*wrap(source_line, footer_width, footer_font), plain(date_text)] if source_line else [
        plain(date_text)
    ]
    footer = len(footer_lines) * footer_font * 1.4 + 18
    place = _legend_place(fig)
    legend = _legend_height(fig, inner) if place != "side" else 0.0
    top = len(title_lines) * title_font * 1.3 + 22 + (legend if place == "above" else 0) + _has_top_titles(fig)
    if subtitle_lines:
        top += len(subtitle_lines) * subtitle_font * 1.35 + 8
    bottom = footer + (legend if place == "below" else 0) + _axis_height(fig) + 10
    total = height or int((fig.layout.height or 500) + footer)
    plot = total - top - bottom
    if plot < 120:  # a very short figure: give it room rather than squeeze the chart away
        total += int(120 - plot)
        plot = 120
    layout: dict = {
        "width": width,
        "height": total,
        "margin": {"t": top, "b": bottom, "l": fig.layout.margin.l or 10, "r": fig.layout.margin.r or 10},
        "title": {
            "text": "<br>".join(title_lines),
            "x": 0,
            "xref": "container",
            "xanchor": "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 14, "l": 20},
            "font": {"size": title_font, "color": INK},
            "subtitle": {"text": "<br>".join(subtitle_lines), "font": {"size": subtitle_font, "color": "#333333"}},
        },
        # White behind the chart too: the image goes on slides and paper, not on the app's theme.
        "template": "plotly_white",
        "paper_bgcolor": "white",
    }
    if place == "below":
        layout["legend"] = {"yref": "container", "y": (footer + 4) / total, "yanchor": "bottom", "x": 0}
    fig.update_layout(**layout)
    fig.add_annotation(
        text="<br>".join(footer_lines),
        xref="paper",
        yref="paper",
        x=0,
        xanchor="left",
        # Paper units are the plotting area: the footer's top is `footer` pixels above the bottom.
        y=-(bottom - footer + 8) / plot,
        yanchor="top",
        align="left",
        showarrow=False,
        font={"size": footer_font, "color": INK},
    )
    return fig


def today_text(today: dt.date | None = None) -> str:
    """Today's date as the current language writes it (`21 November 2025`, `21 ноября 2025 г.`)."""
    return iso_date((today or dt.date.today()).isoformat())


# --- rendering ----------------------------------------------------------------------------


def _in_thread(work: Callable[[], object]) -> object:
    """Run `work` (which calls asyncio.run) in its own thread: the caller may be inside an event loop."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # noqa: BLE001 - handed back to the caller below
            outcome["error"] = error

    thread = threading.Thread(target=target, name="ortaq-export", daemon=True)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome.get("value")


def _with_embedded_geojson(spec: dict) -> dict:
    """`spec` with each geojson URL (a file served from dashboard/static/) replaced by the file's contents.

    In the browser a map fetches its shapes from the dashboard; kaleido's page has no dashboard
    to fetch from, so the shapes go inside the figure.
    """
    loaded: dict[str, dict] = {}
    for trace in spec.get("data", []):
        source = trace.get("geojson")
        if isinstance(source, str):
            name = Path(source.split("?")[0]).name
            if name not in loaded:
                loaded[name] = json.loads((STATIC_DIR / name).read_text(encoding="utf-8"))
            trace["geojson"] = loaded[name]
    return spec


def render_jobs(jobs: Sequence[tuple[go.Figure, str, float]]) -> list[bytes]:
    """Each (figure, format, scale) as bytes, all in one Chromium session, at the figure's own size.

    Raises ExportUnavailable when no Chromium is installed.
    """
    for _, fmt, _ in jobs:
        if fmt not in FORMATS:
            raise ValueError(f"unknown image format {fmt!r}; use one of {', '.join(FORMATS)}")
    chromium = find_chromium()
    if chromium is None:
        raise ExportUnavailable(CHROMIUM_HINT)
    specs = [
        (
            _with_embedded_geojson(figure.to_dict()),
            {
                "format": fmt,
                "width": figure.layout.width or IMAGE_WIDTH,
                "height": figure.layout.height or 500,
                "scale": scale,
            },
        )
        for figure, fmt, scale in jobs
    ]
    topojson = STATIC_DIR.as_uri() + "/"

    async def run_all() -> list[bytes]:
        import kaleido

        async with kaleido.Kaleido(n=1, timeout=90, mathjax=False, path=chromium) as session:
            return [await session.calc_fig(fig, opts, topojson=topojson) for fig, opts in specs]

    try:
        return _in_thread(lambda: asyncio.run(run_all()))  # type: ignore[return-value]
    except Exception as error:
        # kaleido's own "no Chrome" error, should the browser vanish between the check and the start.
        if type(error).__name__ == "ChromeNotFoundError":
            raise ExportUnavailable(CHROMIUM_HINT) from error
        raise


def render(figures: Sequence[go.Figure], fmt: str, *, scale: float = 1.0) -> list[bytes]:
    """Each figure as `fmt` bytes (png, svg or pdf), in one Chromium session."""
    return render_jobs([(figure, fmt, scale) for figure in figures])


def chart_images(
    figure: go.Figure,
    title: str,
    source_line: str,
    date_text: str,
    formats: Sequence[str] = ("png", "svg"),
    *,
    width: int = IMAGE_WIDTH,
) -> dict[str, bytes]:
    """The chart with its title, source line and date drawn on it, in each of `formats`.

    PNG is rendered at twice the size, sharp enough for a slide or a printed page.
    """
    fig = captioned(figure, title, source_line, date_text, width=width)
    rendered = render_jobs([(fig, fmt, 2.0 if fmt == "png" else 1.0) for fmt in formats])
    return dict(zip(formats, rendered, strict=True))
