"""Overview: the headline figures with their sources, the region map and the trade trend."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data_access, queries, state
from dashboard.charts.region_map import MapLayers, region_map
from dashboard.charts.trade_trend import trade_trend
from dashboard.components.charts import show_chart
from dashboard.components.data_table import data_table
from dashboard.components.errors import require, section
from dashboard.components.map_click import country_click_handler
from dashboard.components.sources import source_details, unverified_label
from dashboard.escaping import md_text
from dashboard.formatting import iso_date, number, with_unit
from dashboard.i18n import N_, localized, t, translation_column
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


def statistics_check(figure: pd.Series, tables: dict[str, pd.DataFrame]) -> None:
    """What other sources and the reference series say about the same figure."""
    figures, sources = tables["figures"], tables["sources"]
    # The series table only adds the statistics; broken, it must not take the tiles down.
    series = tables.get("series")
    st.markdown(f"**{t('What the statistics and other sources say')}**")
    said = False
    if series is not None and figure["metric"] == "middle-corridor-cargo-growth":
        for growth in queries.growth_multiples(series, "middle-corridor-cargo", span=5)[:2]:
            publisher = md_text(queries.source_of(sources, growth.source_id).get("publisher", growth.source_id))
            st.markdown(
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
            said = True
    period = str(figure["period"]) if not pd.isna(figure["period"]) else ""
    if series is not None and period.isdigit():
        for row in queries.series_values(series, str(figure["metric"]), int(period)).itertuples(index=False):
            publisher = queries.source_of(sources, row.source_id).get("publisher", row.source_id)
            st.markdown(f"- {md_text(period)}: {md_text(with_unit(row.value, row.unit))} — {md_text(publisher)}")
            said = True
    for row in queries.related_figures(figures, str(figure["id"])).itertuples(index=False):
        source = queries.source_of(sources, row.source_id)
        mark = "" if row.verified else f" ({unverified_label()})"
        st.markdown(
            f"- {md_text(with_unit(row.value, row.unit))} — {md_text(source.get('publisher', row.source_id))}, "
            f"{iso_date(source.get('date'))}{mark}"
        )
        said = True
    if not said:
        st.caption(t("No other source in the data states this figure."))


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


def headline_tiles(tables: dict[str, pd.DataFrame], selected: list[str]) -> None:
    """The quoted figures as tiles, each with its source one click away."""
    figures = queries.headline_figures(tables["figures"], selected)
    if figures.empty:
        st.info(t("None of the headline figures concerns the selected countries."))
        return
    columns = st.columns(3)
    data_table(_tiles_table(figures, tables["sources"]), "overview-headline-figures")
    for index, figure in figures.iterrows():
        with columns[index % 3].container(border=True):
            st.metric(t(TILE_TITLES.get(figure["id"], figure["metric"])), tile_value(figure))
            source = queries.source_of(tables["sources"], figure["source_id"])
            caption = md_text(f"{source.get('speaker') or source.get('publisher', '')}, {iso_date(source.get('date'))}")
            if not bool(figure["verified"]):
                caption += f" · {unverified_label()}"
            st.caption(caption)
            with st.popover(t("Source and quote"), width="stretch"):
                source_details(figure, tables["sources"])
                statistics_check(figure, tables)


def region_map_section(tables: dict[str, pd.DataFrame], selected: list[str]) -> None:
    """The choropleth of a chosen country metric with routes and places."""
    boundaries = data_access.boundaries()
    if isinstance(boundaries, BoundariesError):
        st.error(t("The map cannot be drawn: {reason}", reason=str(boundaries)))
        return
    metric_labels = {metric.id: t(metric.label) for metric in queries.COUNTRY_METRICS}
    metric_id = st.segmented_control(
        t("Colour countries by"),
        options=list(metric_labels),
        format_func=metric_labels.get,
        default="population",
        required=True,
        key=MAP_METRIC_KEY,
    )
    countries = tables["countries"]
    names = queries.country_names(countries)
    for feature in boundaries["features"]:
        names.setdefault(str(feature["id"]), str(feature["properties"].get("name_en", feature["id"])))
    routes = queries.route_paths(tables["routes"], tables["places"])
    routes = routes.assign(name=routes["id"].map(tables["routes"].set_index("id")[localized("name")]))
    places = queries.mapped_places(tables["places"])
    places = places.assign(name=places[localized("name")], kind_label=places["kind"].map(_place_kind_label))
    layers = MapLayers(
        boundaries=boundaries,
        geojson_url=data_access.boundaries_url(),
        country_names=names,
        metric=queries.country_metric(countries, metric_id),
        metric_label=metric_labels[metric_id],
        selected=selected,
        routes=routes,
        places=places,
    )
    show_chart(
        region_map(layers),
        key=MAP_KEY,
        source_line=t(
            "Boundaries: Natural Earth 1:50m (public domain). Country figures: World Bank, in the "
            "countries table. Lines and places: the routes and places tables. Click a country to add "
            "it to the filter or remove it."
        ),
        on_select=country_click_handler(MAP_KEY),
    )
    shown = layers.metric[layers.metric["iso3"].isin(selected)].assign(
        name=lambda frame: frame["iso3"].map(names)
    )[["iso3", "name", "value", "year", "sources"]]
    data_table(shown.rename(columns={"value": layers.metric_label}), f"overview-map-{metric_id}")
    not_drawn = routes[routes["missing"].map(len) > 0]
    if not not_drawn.empty:
        with st.expander(t("Stops without a sourced position (not drawn)")):
            for route in not_drawn.itertuples(index=False):
                st.markdown(f"- {md_text(route.name)}: {md_text(', '.join(route.missing))}")


def _place_kind_label(kind: str) -> str:
    return {
        "capital": t("capital"),
        "city": t("city"),
        "station": t("railway station"),
        "junction": t("railway junction"),
        "port": t("sea port"),
        "border_crossing": t("border crossing"),
        "dam": t("dam"),
    }.get(kind, kind)


def trade_trend_section(
    tables: dict[str, pd.DataFrame], figures: pd.DataFrame | None, selected: list[str]
) -> None:
    """Intra-regional trade by year and source, the 15 bn target, and selected countries.

    The target comes from the figures table; if that table is broken the trend still draws,
    without the target line.
    """
    series, sources = tables["series"], tables["sources"]
    region = queries.annual_points(series, queries.INTRA_TRADE_METRIC, sources)
    countries = queries.country_ca_trade(series, sources, selected)
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
    names = queries.country_names(tables["countries"])
    figure = trade_trend(region, target, target_label, countries, names)
    used = sorted(set(region["source_id"]) | set(countries["source_id"]))
    publishers = [str(queries.source_of(sources, sid).get("publisher", sid)) for sid in used]
    shown = pd.concat([region, countries], ignore_index=True)[
        ["metric", "country", "year", "value", "unit", "publisher", "source_id", "quote"]
    ]
    show_chart(
        figure,
        key="overview_trade_trend",
        source_line=t("Sources: {sources}. Each source is its own series; values are never averaged.",
                      sources="; ".join(md_text(p) for p in dict.fromkeys(publishers))),
    )
    data_table(shown, "overview-trade-trend")


def render() -> None:
    """Draw the page."""
    st.title(t("Overview"))
    result = data_access.tables()
    selected = state.selected_countries()
    if not selected:
        st.info(t("No country is selected: choose countries or a group in the sidebar."))
    lookup = queries.country_names(result.tables.get("countries"))
    if lookup and selected:
        st.caption(t("Showing: {countries}", countries=md_text(", ".join(lookup.get(c, c) for c in selected))))

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
