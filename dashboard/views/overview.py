"""Overview: the headline figures with their sources, the region map and the trade trend.

Each section is split in two: a pure builder kept by `dashboard.memo.memoized` per (loaded
tables, selection, language) that runs the queries and builds the figures and texts, and the
drawing, which only emits Streamlit elements from what the builder returned. A filter change
that comes back to a selection seen before therefore costs only the drawing.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import data_access, queries, state
from dashboard.charts.region_map import MapLayers, place_kind_label, region_map
from dashboard.charts.trade_trend import trade_trend
from dashboard.components.charts import show_chart
from dashboard.components.data_table import data_table
from dashboard.components.errors import require, section
from dashboard.components.map_click import country_click_handler
from dashboard.components.sources import source_details, unverified_label
from dashboard.escaping import md_text
from dashboard.formatting import iso_date, number, with_unit
from dashboard.i18n import N_, localized, t, translation_column
from dashboard.memo import memoized
from geo.boundaries import BoundariesError

MAP_KEY = "overview_map"
MAP_METRIC_KEY = "overview_map_metric"

# Interface titles of the headline tiles (the figures themselves come from figures.csv).
TILE_TITLES = {
    "c5-trade-11bn": N_("Intra-regional trade reached"),
    "c5-trade-target-15bn": N_("Intra-regional trade target"),
    "mc-cargo-x6": N_("Middle Corridor cargo in five years"),
    "dostyk-moyinty-x5": N_("Freight on the Dostyk–Moyinty second line"),
    "rail-corridors-5": N_("International rail corridors through Kazakhstan"),
    "ai-students-400k": N_("Students trained in AI this year: more than"),
}


def tile_value(figure: pd.Series) -> str:
    """The figure as a tile shows it: `USD 11 bn`, `×6`, `5`, `400,000`."""
    unit = figure["unit"]
    if unit == "times":
        return f"×{number(figure['value'])}"
    if unit in ("count", "students"):
        return number(figure["value"])
    return with_unit(figure["value"], unit)


# --- headline figures ---------------------------------------------------------------------


class Tile(NamedTuple):
    """One headline tile as drawn: metric, caption, and its popover's figure and statistics."""

    column: int
    title: str
    value: str
    caption: str
    figure: pd.Series  # the figures row, for source_details
    statistics: str  # Markdown: the heading and what the statistics and other sources say
    said: bool  # False: the popover ends with "No other source ..." instead


class HeadlineModel(NamedTuple):
    tiles: tuple[Tile, ...]
    table: pd.DataFrame | None  # None: no headline figure concerns the selection


def statistics_lines(
    figure: pd.Series, figures: pd.DataFrame, sources: pd.DataFrame, series: pd.DataFrame | None
) -> tuple[list[str], list[str]]:
    """What other sources and the reference series say about the same figure.

    (paragraphs: the recomputed multiples, items: one list item per value), all Markdown with
    the data escaped. The series table only adds the statistics; broken (None), it must not take
    the tiles down.
    """
    paragraphs: list[str] = []
    items: list[str] = []
    if series is not None and figure["metric"] == "middle-corridor-cargo-growth":
        for growth in queries.growth_multiples(series, "middle-corridor-cargo", span=5)[:2]:
            publisher = md_text(queries.source_of(sources, growth.source_id).get("publisher", growth.source_id))
            paragraphs.append(
                t(
                    "{end} ÷ {start}: {end_value} ÷ {start_value} {unit} = ×{multiple} ({publisher})",
                    end=growth.end_year,
                    start=growth.start_year,
                    end_value=number(growth.end_value, 3),
                    start_value=number(growth.start_value, 3),
                    unit=md_text(growth.unit),
                    multiple=number(growth.multiple, 1),
                    publisher=publisher,
                )
            )
    period = str(figure["period"]) if not pd.isna(figure["period"]) else ""
    if series is not None and period.isdigit():
        for row in queries.series_values(series, str(figure["metric"]), int(period)).itertuples(index=False):
            publisher = queries.source_of(sources, row.source_id).get("publisher", row.source_id)
            items.append(f"- {md_text(period)}: {md_text(with_unit(row.value, row.unit))} — {md_text(publisher)}")
    for row in queries.related_figures(figures, str(figure["id"])).itertuples(index=False):
        source = queries.source_of(sources, row.source_id)
        mark = "" if row.verified else f" ({unverified_label()})"
        items.append(
            f"- {md_text(with_unit(row.value, row.unit))} — {md_text(source.get('publisher', row.source_id))}, "
            f"{iso_date(source.get('date'))}{mark}"
        )
    return paragraphs, items


def _statistics_markdown(paragraphs: list[str], items: list[str]) -> str:
    """The heading, the multiples and the list as one Markdown text (one element instead of many)."""
    blocks = [f"**{t('What the statistics and other sources say')}**", *paragraphs]
    if items:
        blocks.append("\n".join(items))  # one tight list
    return "\n\n".join(blocks)


def _tiles_table(figures: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The headline figures exactly as the tiles show them, with their sources."""
    rows = []
    for figure in figures.itertuples(index=False):
        source = queries.source_of(sources, figure.source_id)
        rows.append(
            {
                t("Figure"): t(TILE_TITLES.get(figure.id, figure.metric)),
                t("Value"): figure.value,
                t("Unit"): figure.unit,
                t("Period"): figure.period,
                t("Speaker"): source.get("speaker"),
                t("Event"): source.get("event"),
                t("Date"): source.get("date"),
                t("Quote (original)"): figure.quote,
                t("Translation"): getattr(figure, translation_column()),
                t("Verified"): "" if figure.verified else unverified_label(),
                t("Source id"): figure.source_id,
            }
        )
    return pd.DataFrame(rows)


@memoized
def _headline_ids(figures: pd.DataFrame, selected: tuple[str, ...]) -> tuple[str, ...]:
    """The ids of the headline figures that concern the selection, in tile order."""
    return tuple(queries.headline_figures(figures, list(selected))["id"])


@memoized
def headline_model(
    figures: pd.DataFrame, sources: pd.DataFrame, series: pd.DataFrame | None, ids: tuple[str, ...]
) -> HeadlineModel:
    """The tiles of the headline figures `ids` (`_headline_ids`), and their table.

    Kept per set of figures, not per selection: selections that concern the same figures share it.
    """
    if not ids:
        return HeadlineModel((), None)
    shown = figures.set_index("id", drop=False).loc[list(ids)].reset_index(drop=True)
    tiles = []
    for index, figure in shown.iterrows():
        source = queries.source_of(sources, figure["source_id"])
        caption = md_text(f"{source.get('speaker') or source.get('publisher', '')}, {iso_date(source.get('date'))}")
        if not bool(figure["verified"]):
            caption += f" · {unverified_label()}"
        paragraphs, items = statistics_lines(figure, figures, sources, series)
        tiles.append(
            Tile(
                column=index % 3,
                title=t(TILE_TITLES.get(figure["id"], figure["metric"])),
                value=tile_value(figure),
                caption=caption,
                figure=figure,
                statistics=_statistics_markdown(paragraphs, items),
                said=bool(paragraphs or items),
            )
        )
    return HeadlineModel(tuple(tiles), _tiles_table(shown, sources))


def headline_tiles(tables: dict[str, pd.DataFrame], selected: list[str]) -> None:
    """The quoted figures as tiles, each with its source one click away."""
    figures = tables["figures"]
    model = headline_model(figures, tables["sources"], tables.get("series"), _headline_ids(figures, tuple(selected)))
    if model.table is None:
        st.info(t("None of the headline figures concerns the selected countries."))
        return
    columns = st.columns(3)
    data_table(model.table, "overview-headline-figures")
    popover_label = t("Source and quote")
    for tile in model.tiles:
        with columns[tile.column].container(border=True):
            st.metric(tile.title, tile.value)
            st.caption(tile.caption)
            with st.popover(popover_label, width="stretch"):
                source_details(tile.figure, tables["sources"])
                st.markdown(tile.statistics)
                if not tile.said:
                    st.caption(t("No other source in the data states this figure."))


# --- the region map -----------------------------------------------------------------------


class MapModel(NamedTuple):
    figure: go.Figure
    source_line: str
    table: pd.DataFrame  # the selected countries' values, as the map colours them
    not_drawn: str  # Markdown list of the stops without a sourced position, or ""


def _metric_labels() -> dict[str, str]:
    return {metric.id: t(metric.label) for metric in queries.COUNTRY_METRICS}


class MapBase(NamedTuple):
    """What the map draws whatever the selection (shared: read it, never change it)."""

    names: dict[str, str]  # every country of the data and of the boundaries
    routes: pd.DataFrame  # queries.route_paths + name
    places: pd.DataFrame  # queries.mapped_places + name, kind_label
    not_drawn: str  # Markdown list of the stops without a sourced position, or ""


@memoized
def _map_base(
    countries: pd.DataFrame, routes_table: pd.DataFrame, places_table: pd.DataFrame, boundaries: dict
) -> MapBase:
    names = queries.country_names(countries)
    for feature in boundaries["features"]:
        names.setdefault(str(feature["id"]), str(feature["properties"].get("name_en", feature["id"])))
    routes = queries.route_paths(routes_table, places_table)
    routes = routes.assign(name=routes["id"].map(routes_table.set_index("id")[localized("name")]))
    places = queries.mapped_places(places_table)
    places = places.assign(name=places[localized("name")], kind_label=places["kind"].map(place_kind_label))
    not_drawn = routes[routes["missing"].map(len) > 0]
    return MapBase(
        names,
        routes,
        places,
        "\n".join(
            f"- {md_text(route.name)}: {md_text(', '.join(route.missing))}"
            for route in not_drawn.itertuples(index=False)
        ),
    )


@memoized
def map_model(
    countries: pd.DataFrame,
    routes_table: pd.DataFrame,
    places_table: pd.DataFrame,
    boundaries: dict,
    geojson_url: str | None,
    metric_id: str,
    selected: tuple[str, ...],
) -> MapModel:
    """The choropleth of `metric_id` with routes and places, and the rows it shows."""
    metric_label = _metric_labels()[metric_id]
    names, routes, places, not_drawn = _map_base(countries, routes_table, places_table, boundaries)
    layers = MapLayers(
        boundaries=boundaries,
        geojson_url=geojson_url,
        country_names=names,
        metric=queries.country_metric(countries, metric_id),
        metric_label=metric_label,
        selected=list(selected),
        routes=routes,
        places=places,
    )
    shown = layers.metric[layers.metric["iso3"].isin(selected)].assign(
        name=lambda frame: frame["iso3"].map(names)
    )[["iso3", "name", "value", "year", "sources"]]
    return MapModel(
        figure=region_map(layers),
        source_line=t(
            "Boundaries: Natural Earth 1:50m (public domain). Country figures: World Bank, in the "
            "countries table. Lines and places: the routes and places tables. Click a country to add "
            "it to the filter or remove it."
        ),
        table=shown.rename(columns={"value": metric_label}),
        not_drawn=not_drawn,
    )


def region_map_section(tables: dict[str, pd.DataFrame], selected: list[str]) -> None:
    """The choropleth of a chosen country metric with routes and places."""
    boundaries = data_access.boundaries()
    if isinstance(boundaries, BoundariesError):
        st.error(t("The map cannot be drawn: {reason}", reason=str(boundaries)))
        return
    metric_labels = _metric_labels()
    metric_id = st.segmented_control(
        t("Colour countries by"),
        options=list(metric_labels),
        format_func=metric_labels.get,
        default="population",
        required=True,
        key=state.kept(MAP_METRIC_KEY),
    )
    model = map_model(
        tables["countries"],
        tables["routes"],
        tables["places"],
        boundaries,
        data_access.boundaries_url(),
        metric_id,
        tuple(selected),
    )
    show_chart(model.figure, key=MAP_KEY, source_line=model.source_line, on_select=country_click_handler(MAP_KEY))
    data_table(model.table, f"overview-map-{metric_id}")
    if model.not_drawn:
        with st.expander(t("Stops without a sourced position (not drawn)")):
            st.markdown(model.not_drawn)


# --- intra-regional trade -----------------------------------------------------------------


class TrendModel(NamedTuple):
    figure: go.Figure
    source_line: str
    table: pd.DataFrame


@memoized
def _trend_countries(series: pd.DataFrame, sources: pd.DataFrame, selected: tuple[str, ...]) -> tuple[str, ...]:
    """The selected countries the series has trade with the rest of Central Asia for, sorted."""
    return tuple(sorted(set(queries.country_ca_trade(series, sources, list(selected))["country"].astype(str))))


@memoized
def trend_model(
    series: pd.DataFrame,
    sources: pd.DataFrame,
    countries: pd.DataFrame,
    figures: pd.DataFrame | None,
    selected: tuple[str, ...],
) -> TrendModel:
    """Intra-regional trade by year and source, the 15 bn target, and the selected countries.

    `selected` is `_trend_countries`' answer: selections that draw the same country lines share
    the model. The target comes from the figures table; if that table is broken (None) the
    trend still draws, without the target line.
    """
    region = queries.annual_points(series, queries.INTRA_TRADE_METRIC, sources)
    country_points = queries.country_ca_trade(series, sources, list(selected))
    target = queries.figure_value(figures, queries.TRADE_TARGET_FIGURE_ID) if figures is not None else None
    target_source = queries.source_of(
        sources, str(figures.set_index("id").loc[queries.TRADE_TARGET_FIGURE_ID, "source_id"])
    ) if target is not None else {}
    target_label = t(
        "Target: USD {value} bn ({speaker}, {date})",
        value=number(target),
        speaker=target_source.get("speaker", ""),
        date=iso_date(target_source.get("date")),
    )
    names = queries.country_names(countries)
    figure = trade_trend(region, target, target_label, country_points, names)
    used = sorted(set(region["source_id"]) | set(country_points["source_id"]))
    publishers = [str(queries.source_of(sources, sid).get("publisher", sid)) for sid in used]
    shown = pd.concat([region, country_points], ignore_index=True)[
        ["metric", "country", "year", "value", "unit", "publisher", "source_id", "quote"]
    ]
    return TrendModel(
        figure=figure,
        source_line=t("Sources: {sources}. Each source is its own series; values are never averaged.",
                      sources="; ".join(md_text(p) for p in dict.fromkeys(publishers))),
        table=shown,
    )


def trade_trend_section(
    tables: dict[str, pd.DataFrame], figures: pd.DataFrame | None, selected: list[str]
) -> None:
    """Intra-regional trade by year and source, the 15 bn target, and selected countries."""
    series, sources = tables["series"], tables["sources"]
    drawn = _trend_countries(series, sources, tuple(selected))
    model = trend_model(series, sources, tables["countries"], figures, drawn)
    show_chart(model.figure, key="overview_trade_trend", source_line=model.source_line)
    data_table(model.table, "overview-trade-trend")


# --- the page -----------------------------------------------------------------------------


@memoized
def _showing(countries: pd.DataFrame | None, selected: tuple[str, ...]) -> str:
    """The caption naming the selected countries, or "" when there is nothing to name."""
    lookup = queries.country_names(countries)
    if not (lookup and selected):
        return ""
    return t("Showing: {countries}", countries=md_text(", ".join(lookup.get(c, c) for c in selected)))


def render() -> None:
    """Draw the page."""
    st.title(t("Overview"))
    result = data_access.tables()
    selected = state.selected_countries()
    if not selected:
        st.info(t("No country is selected: choose countries or a group in the sidebar."))
    showing = _showing(result.tables.get("countries"), tuple(selected))
    if showing:
        st.caption(showing)

    st.header(t("Headline figures"))
    with section(t("Headline figures")):
        tables = require(result, "figures", "sources")
        if tables is not None:
            if "series" in result.tables:
                tables["series"] = result.tables["series"]
            headline_tiles(tables, selected)

    st.header(t("The region"))
    with section(t("The region")):
        tables = require(result, "countries", "routes", "places")
        if tables is not None:
            region_map_section(tables, selected)

    st.header(t("Intra-regional trade"))
    with section(t("Intra-regional trade")):
        tables = require(result, "series", "sources", "countries")
        if tables is not None:
            trade_trend_section(tables, result.tables.get("figures"), selected)


render()
