"""The presentation's slides: the key figures and charts, in a fixed order, for a filter and a language.

Pure (no Streamlit): the presentation mode, the slide-deck export and the command line all
build the same slides from the same queries (dashboard/queries) and chart builders
(dashboard/charts). Every text goes through `t()`, so a slide speaks the current language.
"""

from __future__ import annotations

import copy
import html
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard import queries
from dashboard.charts.digital import ai_training_chart
from dashboard.charts.energy_water import caspian_level_chart, wrap_hover
from dashboard.charts.region_map import MapLayers, place_kind_label, region_map
from dashboard.charts.trade import bilateral_chart, intra_trade_chart
from dashboard.charts.transport import Highlight, capacity_chart, series_chart
from dashboard.formatting import is_missing, iso_date, number, with_unit
from dashboard.i18n import N_, current_language, localized, t, translation_column
from dashboard.queries import digital as dq
from dashboard.queries import energy_water as eq
from dashboard.queries import trade as tq
from dashboard.queries import transport as xq
from data.loader import split_list

Tables = dict[str, pd.DataFrame]
Builder = Callable[[Tables, "dict | None", list[str]], "go.Figure | None"]
SourceLine = Callable[[Tables, list[str]], str]

# A projector washes out thin lines and small type: the sizes every slide is drawn with.
SLIDE_FONT = 22
SLIDE_TITLE_FONT = 36
SLIDE_LINE = 4.5
SLIDE_MARKER = 16
AXIS_TITLE_CHARS = 30
INK = "#000000"
# What a slide image is rendered at (16:9, the shape of a projector and of the PPTX slide).
SLIDE_WIDTH, SLIDE_HEIGHT = 1600, 900

# Titles of the headline figures: the same words as the Overview's tiles.
HEADLINES = (
    ("c5-trade-11bn", N_("Intra-regional trade reached")),
    ("c5-trade-target-15bn", N_("Intra-regional trade target")),
    ("mc-cargo-x6", N_("Middle Corridor cargo in five years")),
    ("dostyk-moyinty-x5", N_("Freight on the Dostyk–Moyinty second line")),
    ("rail-corridors-5", N_("International rail corridors through Kazakhstan")),
    ("ai-students-400k", N_("Students trained in AI this year: more than")),
)
NO_SOURCE_MIX = N_("Each source is its own series; values are never averaged.")


@dataclass(frozen=True)
class Slide:
    """One screen of the presentation: a title, a figure built for the filter, and its source line.

    `build` returns None when the slide has nothing to show for the selected countries (the
    Caspian level when no Caspian state is selected); such a slide is left out of the deck.
    """

    key: str
    title: str  # English message id; `heading()` translates it
    needs: tuple[str, ...]  # tables the slide cannot be built without
    build: Builder
    source_line: SourceLine

    def heading(self) -> str:
        """The slide's title in the current language."""
        return t(self.title)


@dataclass(frozen=True)
class BuiltSlide:
    """A slide built for one filter and language: what a screen, an image or a page shows."""

    slide: Slide
    title: str
    figure: go.Figure
    source_line: str
    subtitle: str = ""  # the chart's own title (it names units), shown under the slide's title


# --- helpers ------------------------------------------------------------------------------


def country_names(tables: Tables) -> dict[str, str]:
    """ISO3 -> country name in the current language (empty without the countries table)."""
    countries = tables.get("countries")
    if countries is None:
        return {}
    return dict(zip(countries["iso3"].astype(str), countries[localized("name")].astype(str), strict=True))


def sources_line(labels: list[str]) -> str:
    """`Sources: a; b.` with each source named once, in order."""
    named = list(dict.fromkeys(str(label) for label in labels))
    return t("Sources: {sources}.", sources="; ".join(named)) if named else ""


def figure_source(figure: pd.Series, sources: pd.DataFrame) -> str:
    """Who stated a figure, where and when: `Kassym-Jomart Tokayev, <event>, 9 August 2024`."""
    source = queries.source_of(sources, str(figure["source_id"]))
    who = source.get("speaker")
    who = who if isinstance(who, str) and who else source.get("publisher", figure["source_id"])
    event = source.get("event")
    event = f", {event}" if isinstance(event, str) and event else ""
    return f"{who}{event}, {iso_date(source.get('date'))}"


def tile_value(figure: pd.Series) -> str:
    """A headline figure as the Overview's tile shows it: `USD 11 bn`, `×6`, `5`, `400,000`."""
    unit = figure["unit"]
    if unit == "times":
        return f"×{number(figure['value'])}"
    if unit in ("count", "students"):
        return number(figure["value"])
    return with_unit(figure["value"], unit)


def _headline_row(tables: Tables, selected: list[str], figure_id: str) -> pd.Series | None:
    rows = queries.headline_figures(tables["figures"], selected)
    rows = rows[rows["id"] == figure_id]
    return None if rows.empty else rows.iloc[0]


def figure_title(figure: go.Figure) -> str:
    """A figure's title as plain text: Plotly's tags (<br>, <b>) dropped, entities (&amp;) decoded."""
    text = re.sub(r"<[^>]*>", " ", str(figure.layout.title.text or ""))
    return " ".join(html.unescape(text).split())


# --- headline figures ---------------------------------------------------------------------


def headline_figure(figure: pd.Series, sources: pd.DataFrame) -> go.Figure:
    """A figure as a slide: the big number, the original words, a translation and who said them.

    The blocks are stacked in pixels from the top (Plotly does not flow text), so they never
    overlap whatever the slide's height; long quotes are wrapped.
    """
    source = queries.source_of(sources, str(figure["source_id"]))
    who = source.get("speaker")
    who = who if isinstance(who, str) and who else source.get("publisher", figure["source_id"])
    period = "" if is_missing(figure["period"]) else t("Period: {period}", period=figure["period"])
    blocks = [
        (tile_value(figure), 130, "#0072B2", 0),
        (period, SLIDE_FONT + 2, INK, 6),
        (wrap_hover(f"«{figure['quote']}»", width=58), 34, INK, 28),
        (wrap_hover(str(figure[translation_column()]), width=68), 28, "#333333", 18),
        (wrap_hover(f"— {who}", width=80), SLIDE_FONT + 2, INK, 18),
        (f"⚠ {t('unverified')}" if not bool(figure["verified"]) else "", SLIDE_FONT, "#D55E00", 12),
    ]
    fig = go.Figure()
    offset = 0.0
    for text, size, colour, gap in blocks:
        if not text:
            continue
        offset += gap
        fig.add_annotation(
            x=0.0, y=1.0, xref="paper", yref="paper", xanchor="left", yanchor="top", align="left",
            yshift=-offset, text=text, showarrow=False, font={"size": size, "color": colour},
        )
        offset += (text.count("<br>") + 1) * size * 1.3
    fig.update_layout(
        xaxis={"visible": False}, yaxis={"visible": False}, showlegend=False, height=600,
        font={"family": "DejaVu Sans, Arial, sans-serif", "size": SLIDE_FONT, "color": INK},
        margin={"l": 30, "r": 30, "t": 30, "b": 30}, paper_bgcolor="white", plot_bgcolor="white",
    )
    return fig


def _headline_slide(figure_id: str, title: str) -> Slide:
    def build(tables: Tables, boundaries: dict | None, selected: list[str]) -> go.Figure | None:
        row = _headline_row(tables, selected, figure_id)
        return None if row is None else headline_figure(row, tables["sources"])

    def source_line(tables: Tables, selected: list[str]) -> str:
        row = _headline_row(tables, selected, figure_id)
        return "" if row is None else t("Source: {source}", source=figure_source(row, tables["sources"]))

    return Slide(f"figure-{figure_id}", title, ("figures", "sources"), build, source_line)


# --- the region map -----------------------------------------------------------------------


def _region_map(tables: Tables, boundaries: dict | None, selected: list[str]) -> go.Figure | None:
    if not boundaries:
        return None
    names = country_names(tables)
    for feature in boundaries["features"]:
        names.setdefault(str(feature["id"]), str(feature["properties"].get("name_en", feature["id"])))
    routes = queries.route_paths(tables["routes"], tables["places"])
    routes = routes.assign(name=routes["id"].map(tables["routes"].set_index("id")[localized("name")]))
    places = queries.mapped_places(tables["places"])
    places = places.assign(name=places[localized("name")], kind_label=places["kind"].map(place_kind_label))
    metric = next(m for m in queries.COUNTRY_METRICS if m.id == "population")
    layers = MapLayers(
        boundaries=boundaries,
        country_names=names,
        metric=queries.country_metric(tables["countries"], metric.id),
        metric_label=t(metric.label),
        selected=selected,
        routes=routes,
        places=places,
    )
    return region_map(layers)


def _region_map_source(tables: Tables, selected: list[str]) -> str:
    return t(
        "Boundaries: Natural Earth 1:50m (public domain). Country figures: World Bank, in the countries "
        "table. Lines and places: the routes and places tables."
    )


# --- trade --------------------------------------------------------------------------------


def _intra_parts(tables: Tables) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """As the Trade page: full years, other periods, targets, quoted figures, and those figures' rows."""
    series, sources, figures = tables["series"], tables["sources"], tables.get("figures")
    points = tq.metric_points(series, tq.INTRA_METRIC, sources)
    points = points[points["country"] == "C5"]
    others = tq.non_annual_points(series, tq.INTRA_METRIC, sources)
    others = others[others["country"] == "C5"]
    targets = pd.DataFrame(columns=["value", "text"])
    quoted = pd.DataFrame(columns=["year", "value", "text"])
    shown = pd.DataFrame()
    if figures is not None:
        target_rows = tq.figures_by_id(figures, tq.TARGET_FIGURE_IDS)
        targets = pd.DataFrame(
            {
                "value": target_rows["value"].astype(float),
                "text": [
                    # Plain text: the chart builder escapes target labels itself.
                    t("Target USD {value} bn — {source}", value=number(row["value"]),
                      source=figure_source(row, sources))
                    for _, row in target_rows.iterrows()
                ],
            }
        )
        quoted_rows = tq.figures_by_id(figures, tq.QUOTED_FIGURE_IDS)
        quoted_rows = quoted_rows[quoted_rows["period"].astype(str).str.fullmatch(r"\d{4}")]
        quoted = pd.DataFrame(
            {
                "year": quoted_rows["period"].astype(int),
                "value": quoted_rows["value"].astype(float),
                "text": [
                    t("Quoted: USD {value} bn in {year}", value=number(row["value"]), year=row["period"])
                    + f"<br>{html.escape(figure_source(row, sources), quote=False)}"
                    for _, row in quoted_rows.iterrows()
                ],
            }
        )
        shown = pd.concat([quoted_rows, target_rows], ignore_index=True)
    return points, others, targets, quoted, shown


def _intra_trade(tables: Tables, boundaries: dict | None, selected: list[str]) -> go.Figure | None:
    points, others, targets, quoted, _ = _intra_parts(tables)
    if points.empty and others.empty:
        return None
    return intra_trade_chart(points, others, targets, quoted)


def _intra_trade_source(tables: Tables, selected: list[str]) -> str:
    points, others, _, _, shown = _intra_parts(tables)
    labels = list(points["label"]) + list(others["label"])
    if not shown.empty:
        labels += [figure_source(row, tables["sources"]) for _, row in shown.iterrows()]
    return sources_line(labels) + " " + t(NO_SOURCE_MIX)


def _bilateral_points(tables: Tables, selected: list[str]) -> pd.DataFrame:
    partners = tq.bilateral_partners(tables["series"], selected)
    return tq.bilateral_points(tables["series"], tables["sources"], partners)


def _bilateral(tables: Tables, boundaries: dict | None, selected: list[str]) -> go.Figure | None:
    points = _bilateral_points(tables, selected)
    return None if points.empty else bilateral_chart(points, country_names(tables))


def _bilateral_source(tables: Tables, selected: list[str]) -> str:
    return (
        sources_line(list(_bilateral_points(tables, selected)["label"]))
        + " "
        + t("Filled markers: full years (joined per reporter). Open markers: part of a year, never joined.")
    )


# --- transport ----------------------------------------------------------------------------


def _cargo_parts(tables: Tables, selected: list[str]) -> tuple[pd.DataFrame, list[Highlight]] | None:
    """Middle Corridor cargo and the recomputed multiples, as the Transport page shows them."""
    series, figures = tables["series"], tables.get("figures")
    concerned = set(series[series["metric"].isin([xq.CARGO_METRIC, xq.TEU_METRIC])]["country"].astype(str))
    claim = None
    if figures is not None:
        rows = figures[figures["id"] == xq.CARGO_CLAIM_ID]
        if not rows.empty:
            claim = rows.iloc[0]
            concerned |= set(split_list(claim["countries"]))
    if not concerned.intersection(selected):
        return None
    points = xq.series_points(series, xq.CARGO_METRIC, tables["sources"])
    if points.empty:
        return None
    growths = xq.claim_multiples(series)
    claim_span = xq.claim_period(claim) if claim is not None else None
    # The claim's own span first, then the newest span the data allows.
    chosen = sorted(growths, key=lambda g: ((g.start_year, g.end_year) != claim_span, -g.end_year))[:2]
    highlights = [
        Highlight(g.source_id, g.start_year, g.start_value, g.end_year, g.end_value,
                  f"×{number(g.multiple, 1)} ({g.start_year}→{g.end_year})")
        for g in chosen
    ]
    return points, highlights


def _cargo(tables: Tables, boundaries: dict | None, selected: list[str]) -> go.Figure | None:
    parts = _cargo_parts(tables, selected)
    if parts is None:
        return None
    points, highlights = parts
    return series_chart(points, "m t", t("Middle Corridor (TITR) cargo, million tonnes"), highlights)


def _cargo_source(tables: Tables, selected: list[str]) -> str:
    parts = _cargo_parts(tables, selected)
    if parts is None:
        return ""
    return (
        sources_line(list(parts[0]["label"]))
        + " "
        + t("Each source is its own series; part-year values are open markers and never joined.")
    )


def _capacity_steps(tables: Tables, selected: list[str]) -> pd.DataFrame:
    steps = xq.capacity_steps(queries.figures_for_countries(tables["figures"], selected))
    labels = tq.source_labels(tables["sources"])
    return steps.assign(source_label=steps["source_id"].map(lambda sid: labels.get(str(sid), str(sid))))


def _capacity(tables: Tables, boundaries: dict | None, selected: list[str]) -> go.Figure | None:
    steps = _capacity_steps(tables, selected)
    if steps.empty:
        return None
    bar_labels = (
        [t("Before the second track"), t("With the second track")]
        if len(steps) == 2
        else [f"{number(v)}" for v in steps["value"]]
    )
    return capacity_chart(steps, bar_labels, "pairs/day", t("Dostyk–Moyinty: train pairs a day"))


def _capacity_source(tables: Tables, selected: list[str]) -> str:
    return sources_line(list(_capacity_steps(tables, selected)["source_label"]))


# --- energy and water, digital ------------------------------------------------------------


def _caspian(tables: Tables, boundaries: dict | None, selected: list[str]) -> go.Figure | None:
    levels = eq.caspian_levels(tables["series"], tables["sources"], selected)
    return None if levels.empty else caspian_level_chart(levels)


def _caspian_source(tables: Tables, selected: list[str]) -> str:
    levels = eq.caspian_levels(tables["series"], tables["sources"], selected)
    return t(
        "Sources: {sources}. Filled circles: full-year values; open diamonds: readings of a month or a "
        "week. Each source and reporter is its own series; station groups differ, so readings are not "
        "joined by lines.",
        sources="; ".join(dict.fromkeys(levels["source_name"].astype(str))),
    )


def _ai_students(tables: Tables, boundaries: dict | None, selected: list[str]) -> go.Figure | None:
    rows = dq.ai_training(tables["figures"], tables["sources"], selected)
    return None if rows.empty else ai_training_chart(rows)


def _ai_students_source(tables: Tables, selected: list[str]) -> str:
    rows = dq.ai_training(tables["figures"], tables["sources"], selected)

    def when(value: object) -> str:
        return t("undated") if is_missing(value) else iso_date(str(value))

    return t(
        "Sources: {sources}. Each bar is one source's count as printed, never averaged or corrected; "
        "hatched bars marked ⚠ are unverified. The counts differ in what they count (trained, completed "
        "a course, certified) and in their date.",
        sources="; ".join(dict.fromkeys(f"{n} ({when(d)})" for n, d in zip(rows["source_name"],
                                                                          rows["source_date"], strict=True))),
    )


# --- the registry -------------------------------------------------------------------------

SLIDES: tuple[Slide, ...] = (
    *(_headline_slide(figure_id, title) for figure_id, title in HEADLINES),
    Slide("region-map", N_("The region"), ("countries", "routes", "places"), _region_map, _region_map_source),
    Slide("intra-trade", N_("Intra-regional trade"), ("series", "sources"), _intra_trade, _intra_trade_source),
    Slide("bilateral-trade", N_("Kazakhstan's trade with its neighbours"), ("series", "sources", "countries"),
          _bilateral, _bilateral_source),
    Slide("middle-corridor-cargo", N_("Middle Corridor cargo"), ("series", "sources"), _cargo, _cargo_source),
    Slide("dostyk-moyinty", N_("Dostyk–Moyinty: capacity with the second track"), ("figures", "sources"),
          _capacity, _capacity_source),
    Slide("caspian-level", N_("The Caspian Sea level"), ("series", "sources"), _caspian, _caspian_source),
    Slide("ai-students", N_("Students trained in AI"), ("figures", "sources"), _ai_students, _ai_students_source),
)


def missing_tables(slide: Slide, tables: Tables) -> list[str]:
    """The tables a slide needs that could not be loaded."""
    return [name for name in slide.needs if name not in tables]


def build_slide(slide: Slide, tables: Tables, boundaries: dict | None, selected: list[str]) -> BuiltSlide | None:
    """One slide for the filter, or None when its tables are missing or it has nothing to show."""
    if missing_tables(slide, tables):
        return None
    figure = slide.build(tables, boundaries, selected)
    if figure is None:
        return None
    subtitle = figure_title(figure)
    return BuiltSlide(slide, slide.heading(), figure, slide.source_line(tables, selected), subtitle)


def build_deck(tables: Tables, boundaries: dict | None, selected: list[str]) -> list[BuiltSlide]:
    """Every slide that has something to show for the filter, in the fixed order."""
    built = (build_slide(slide, tables, boundaries, selected) for slide in SLIDES)
    return [slide for slide in built if slide is not None]


# --- the projector look -------------------------------------------------------------------


def _bigger(value: object, least: float, factor: float = 1.0) -> float:
    """`value` scaled by `factor`, at least `least` (None counts as nothing set)."""
    try:
        return max(float(value) * factor, least)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return least


def _wrap_axis_title(axis) -> None:
    text = axis.title.text
    if text and "<br>" not in text and len(text) > AXIS_TITLE_CHARS:
        axis.title.text = "<br>".join(textwrap.wrap(text, AXIS_TITLE_CHARS))


def projector_figure(figure: go.Figure, *, title: str | None = None, height: int | None = None) -> go.Figure:
    """A copy of `figure` that reads from the back of a room: large black type, thick lines, big markers.

    `title` replaces the chart's own title ("" removes it: the slide shows its heading instead).
    Colours stay the colour-blind-safe ones the builders chose; only sizes and ink change.
    """
    fig = go.Figure(copy.deepcopy(figure.to_dict()))
    for trace in fig.data:
        kind = trace.type
        if kind in ("scatter", "scattergeo"):
            mode = trace.mode or ""
            if "lines" in mode and trace.line is not None:
                trace.line.width = _bigger(trace.line.width, SLIDE_LINE, 1.6)
            if "markers" in mode and trace.marker is not None and not isinstance(trace.marker.size, tuple):
                trace.marker.size = _bigger(trace.marker.size, SLIDE_MARKER, 1.5)
            if "text" in mode and trace.textfont is not None:
                trace.textfont.size = _bigger(trace.textfont.size, SLIDE_FONT - 4, 1.4)
                trace.textfont.color = INK
        elif kind == "bar":
            trace.textfont.size = _bigger(trace.textfont.size, SLIDE_FONT + 4, 1.4)
            trace.textfont.color = INK
        elif kind == "choropleth" and trace.colorbar is not None and trace.showscale is not False:
            trace.colorbar.tickfont = {"size": SLIDE_FONT - 2, "color": INK}
            trace.colorbar.title.font = {"size": SLIDE_FONT - 2, "color": INK}
    for annotation in fig.layout.annotations or ():
        size = annotation.font.size if annotation.font is not None else None
        annotation.font.size = _bigger(size, SLIDE_FONT)
        if annotation.font.color is None:
            annotation.font.color = INK
    axis_style = {
        "tickfont": {"size": SLIDE_FONT, "color": INK},
        "title_font": {"size": SLIDE_FONT, "color": INK},
        "linecolor": INK,
        "linewidth": 2,
        "showline": True,
        "gridcolor": "#BDBDBD",
        "zerolinecolor": "#7F7F7F",
        # Large tick labels need room; without a template (the slide view draws with none) nothing makes it.
        "automargin": True,
    }
    fig.update_xaxes(**axis_style)
    fig.update_yaxes(**axis_style)
    # At slide size a long axis title would run off the plot: break it into short lines.
    fig.for_each_xaxis(_wrap_axis_title)
    fig.for_each_yaxis(_wrap_axis_title)
    layout: dict = {
        "template": "plotly_white",
        # Axis numbers as the language writes them: 1 234,5 in Kazakh and Russian, 1,234.5 in English.
        "separators": ".," if current_language() == "en" else ",\u00a0",
        "font": {"family": "DejaVu Sans, Arial, sans-serif", "size": SLIDE_FONT, "color": INK},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "legend": {"font": {"size": SLIDE_FONT - 2, "color": INK}},
        "hoverlabel": {"font": {"size": SLIDE_FONT}},
    }
    if title is not None:
        layout["title"] = {"text": title, "font": {"size": SLIDE_TITLE_FONT, "color": INK}}
    elif fig.layout.title.text:
        layout["title"] = {"font": {"size": SLIDE_TITLE_FONT - 6, "color": INK}}
    if height is not None:
        layout["height"] = height
    fig.update_layout(**layout)
    if title == "":
        fig.layout.title = None
    return fig
