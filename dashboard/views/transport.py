"""Transport: the corridors through Kazakhstan, Middle Corridor cargo, Dostyk–Moyinty, and every line's length.

Each section is split in two: a pure builder kept by `dashboard.memo.memoized` per (loaded
tables, selection, language) that runs the queries and builds the figures, tables and texts,
and the drawing, which only emits Streamlit elements from what the builder returned. A filter
change that comes back to a selection seen before therefore costs only the drawing.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import data_access, queries, state
from dashboard.charts.region_map import MapLayers, place_kind_label
from dashboard.charts.transport import Highlight, capacity_chart, series_chart, transport_map
from dashboard.components.charts import show_chart
from dashboard.components.data_table import data_table
from dashboard.components.map_click import country_click_handler
from dashboard.components.page_sections import PagePart, page_sections
from dashboard.components.sources import source_details, unverified_label
from dashboard.escaping import md_text as _escape  # data shown as text, never Markdown
from dashboard.formatting import number
from dashboard.i18n import localized, t
from dashboard.memo import memoized
from dashboard.queries import country_names
from dashboard.queries import transport as tq
from dashboard.slides import figure_source
from data.loader import split_list
from geo.boundaries import BoundariesError

MAP_KEY = "transport_map"


def _mark(verified: object) -> str:
    return "" if bool(verified) else unverified_label()


def _sources_line(labels: list[str]) -> str:
    named = list(dict.fromkeys(str(label) for label in labels))
    return t("Sources: {sources}.", sources="; ".join(_escape(name) for name in named)) if named else ""


def _kind_label(kind: str) -> str:
    return {
        "rail_line": t("New rail line"),
        "rail_corridor": t("Rail corridor"),
        "sea_route": t("Caspian crossing"),
        "multimodal_corridor": t("Middle Corridor"),
        "project": t("Project (not drawn: no source names its end stations)"),
    }.get(kind, kind)


def _status_label(status: str) -> str:
    return {
        "operating": t("operating"),
        "under_construction": t("under construction"),
        "planned": t("planned"),
        "proposed": t("proposed"),
    }.get(status, status)


@memoized
def _names(countries: pd.DataFrame | None) -> dict[str, str]:
    """ISO3 -> country name in the reader's language (shared: read it, never change it)."""
    return country_names(countries)


class Claim(NamedTuple):
    """A quoted claim as its card shows it."""

    figure: pd.Series  # the figures row, for source_details
    title: str
    value: str
    caption: str


def _claim(figure: pd.Series, sources: pd.DataFrame, title: str, value: str) -> Claim:
    caption = _escape(figure_source(figure, sources))
    if not bool(figure["verified"]):
        caption += f" · {unverified_label()}"
    return Claim(figure, title, value, caption)


def _claim_card(claim: Claim, sources: pd.DataFrame) -> None:
    """A quoted claim with its speaker and date, the quote and source one click away."""
    with st.container(border=True):
        st.metric(claim.title, claim.value)
        st.caption(claim.caption)
        with st.popover(t("Source and quote"), width="stretch"):
            source_details(claim.figure, sources)


# --- corridors and new lines --------------------------------------------------------------


class MapModel(NamedTuple):
    notice: str  # "" or the info that no line runs through the selection
    figure: go.Figure
    source_line: str
    unplaced: tuple[str, ...]  # one "line: stops" text per line with stops not drawn
    unplaced_label: str
    table: pd.DataFrame


@memoized
def _paths(routes: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Every route's drawn path (queries.route_paths) with its name; the map shows the selection's rows."""
    paths = queries.route_paths(routes, places)
    return paths.assign(name=paths["id"].map(routes.set_index("id")[localized("name")]))


@memoized
def _map_names(countries: pd.DataFrame | None, boundaries: dict) -> dict[str, str]:
    """Names of the data's countries and of every other boundary (shared: read it, never change it)."""
    names = dict(_names(countries))
    for feature in boundaries["features"]:
        names.setdefault(str(feature["id"]), str(feature["properties"].get("name_en", feature["id"])))
    return names


@memoized
def map_model(
    routes_all: pd.DataFrame,
    places: pd.DataFrame,
    sources: pd.DataFrame,
    countries_table: pd.DataFrame | None,
    boundaries: dict,
    geojson_url: str | None,
    selected: tuple[str, ...],
) -> MapModel:
    """The lines and corridors of the selected countries on the region map, and their table."""
    names = _names(countries_table)
    chosen = list(selected)
    routes = tq.routes_for_countries(routes_all, places, chosen)
    countries = tq.route_countries(routes_all, places)
    notice = ""
    if routes.empty:
        with_lines = sorted({c for codes in countries.values() for c in codes})
        notice = t(
            "None of the lines in the data runs through the selected countries. The lines run through: "
            "{countries}. Select one of them (or click it on the map) to see its lines.",
            countries=_escape(", ".join(names.get(c, c) for c in with_lines)),
        )
    paths = _paths(routes_all, places)
    paths = paths[paths["id"].isin(routes["id"])].reset_index(drop=True)
    shown_places = tq.map_places(places, routes, chosen)
    shown_places = shown_places.assign(
        name=shown_places[localized("name")], kind_label=shown_places["kind"].map(place_kind_label)
    )
    layers = MapLayers(
        boundaries=boundaries,
        geojson_url=geojson_url,
        country_names=_map_names(countries_table, boundaries),
        metric=pd.DataFrame(columns=["iso3", "value", "year", "sources"]),
        metric_label=t("Lines and corridors"),
        selected=chosen,
        routes=paths,
        places=shown_places,
    )
    labels = tq.labels_of(sources)
    used = list(routes["source_id"]) + list(shown_places["source_id"])
    source_line = (
        _sources_line([labels.get(str(sid), str(sid)) for sid in used])
        + " "
        + t(
            "Dashed lines are schematic: their path is the curator's, not a source's (⚠ unverified). "
            "Boundaries: Natural Earth 1:50m. Click a country to add it to the filter or remove it."
        )
    )
    unplaced = tq.unplaced_stops(routes, places)
    place_names = places.set_index("id")[localized("name")].to_dict()
    table = pd.DataFrame(
        {
            t("Line"): routes[localized("name")],
            t("Kind"): routes["kind"].map(_kind_label),
            t("Status"): routes["status"].map(_status_label),
            t("Stops"): routes["stops"].map(
                lambda cell: " – ".join(str(place_names.get(s, s)) for s in split_list(cell))
            ),
            t("Countries"): routes["id"].map(lambda rid: ", ".join(names.get(c, c) for c in countries.get(rid, []))),
            t("Source"): routes["source_id"].map(lambda sid: labels.get(str(sid), str(sid))),
            t("Check"): routes["verified"].map(_mark),
        }
    )
    return MapModel(
        notice=notice,
        figure=transport_map(layers),
        source_line=source_line,
        unplaced=tuple(f"{row.name}: {row.stops}" for row in unplaced.itertuples(index=False)),
        unplaced_label=t("Stops without a sourced position (not drawn): {count} lines", count=len(unplaced)),
        table=table,
    )


def map_section(tables: dict[str, pd.DataFrame], selected: list[str], countries: pd.DataFrame | None) -> None:
    """The lines and corridors of the selected countries on the region map."""
    boundaries = data_access.boundaries()
    if isinstance(boundaries, BoundariesError):
        st.error(t("The map cannot be drawn: {reason}", reason=str(boundaries)))
        return
    model = map_model(
        tables["routes"], tables["places"], tables["sources"], countries, boundaries,
        data_access.boundaries_url(), tuple(selected),
    )
    if model.notice:
        st.info(model.notice)
    show_chart(model.figure, key=MAP_KEY, source_line=model.source_line, on_select=country_click_handler(MAP_KEY))
    if model.unplaced:
        with st.expander(model.unplaced_label):
            for line in model.unplaced:
                st.text(line)
    data_table(model.table, key="transport-map")


# --- Middle Corridor cargo ----------------------------------------------------------------


class Table(NamedTuple):
    frame: pd.DataFrame
    key: str
    label: str | None = None


class CargoModel(NamedTuple):
    concerned: frozenset[str]  # the countries the figures concern: the section shows when one is selected
    figure: go.Figure
    source_line: str
    claim: Claim | None
    recomputed: str  # Markdown: the heading and each recomputed multiple
    none_recomputed: bool  # no two full years five years apart
    verdict: str
    tables: tuple[Table, ...]
    teu_figure: go.Figure | None = None
    teu_source_line: str = ""
    teu_table: Table | None = None


@memoized
def cargo_model(series: pd.DataFrame, sources: pd.DataFrame, figures: pd.DataFrame | None) -> CargoModel:
    """Middle Corridor cargo by year and source, and the ×6 claim recomputed from the same source.

    The same for every selection that shows it (one that concerns none of `concerned` shows a notice).
    """
    concerned = set(series[series["metric"].isin([tq.CARGO_METRIC, tq.TEU_METRIC])]["country"].astype(str))
    claim = None
    if figures is not None:
        rows = figures[figures["id"] == tq.CARGO_CLAIM_ID]
        if not rows.empty:
            claim = rows.iloc[0]
            concerned |= set(split_list(claim["countries"]))
    points = tq.series_points(series, tq.CARGO_METRIC, sources)
    growths = tq.claim_multiples(series)
    labels = tq.labels_of(sources)
    growth_rows = tq.growth_table(growths, sources)
    claim_span = tq.claim_period(claim) if claim is not None else None
    # The claim's own span first, then the newest span the data allows.
    chosen = sorted(growths, key=lambda g: ((g.start_year, g.end_year) != claim_span, -g.end_year))[:2]
    highlights = [
        Highlight(
            g.source_id, g.start_year, g.start_value, g.end_year, g.end_value,
            f"×{number(g.multiple, 1)} ({g.start_year}→{g.end_year})",
        )
        for g in chosen
    ]
    figure = series_chart(points, "m t", t("Middle Corridor (TITR) cargo, million tonnes"), highlights)
    source_line = (
        _sources_line(list(points["label"]))
        + " "
        + t("Each source is its own series; part-year values are open markers and never joined.")
    )
    card = (
        _claim(claim, sources, t("Middle Corridor cargo in five years"), f"×{number(claim['value'])}")
        if claim is not None
        else None
    )
    recomputed = [f"**{t('Recomputed from the series (two values of the same source)')}**"]
    for g in chosen:
        recomputed.append(
            t(
                "{start}→{end}: {start_value} → {end_value} {unit} = **×{multiple}** ({source})",
                start=g.start_year,
                end=g.end_year,
                start_value=number(g.start_value, 3),
                end_value=number(g.end_value, 3),
                unit=_escape(g.unit),
                multiple=number(g.multiple, 1),
                source=_escape(labels.get(g.source_id, g.source_id)),
            )
        )
    verdict = ""
    if claim is not None and chosen:
        matching = [g for g in chosen if (g.start_year, g.end_year) == claim_span]
        if matching:
            g = matching[0]
            verdict = t(
                "The speech says ×{claimed} over {period}; the same years in this source give ×{multiple}.",
                claimed=number(claim["value"]),
                period=_escape(claim["period"]),
                multiple=number(g.multiple, 1),
            )
        else:
            verdict = t(
                "The speech says ×{claimed}; the series gives ×{multiple} for {start}→{end}.",
                claimed=number(claim["value"]),
                multiple=number(chosen[0].multiple, 1),
                start=chosen[0].start_year,
                end=chosen[0].end_year,
            )
        best = max(chosen, key=lambda growth: growth.multiple)
        verdict += " " + (
            t("No five-year span in the series reaches ×{claimed}; the closest is ×{best} ({start}→{end}).",
              claimed=number(claim["value"]), best=number(best.multiple, 1), start=best.start_year,
              end=best.end_year)
            if best.multiple < float(claim["value"])
            else t("The series bears the claim out.")
        )
    tables = [
        Table(
            pd.DataFrame(
                {
                    t("Period"): points["period"],
                    t("Kind of period"): points["period_type"],
                    t("Value"): points["value"],
                    t("Unit"): points["unit"],
                    t("Scope (country)"): points["country"],
                    t("Whose figures"): points["reporter"],
                    t("Source"): points["label"],
                    t("Quote"): points["quote"],
                    t("Check"): points["verified"].map(_mark),
                }
            ),
            "transport-cargo",
        )
    ]
    if not growth_rows.empty:
        tables.append(
            Table(
                growth_rows.rename(
                    columns={
                        "label": t("Source"),
                        "start_year": t("From"),
                        "end_year": t("To"),
                        "start_value": t("Start value"),
                        "end_value": t("End value"),
                        "unit": t("Unit"),
                        "multiple": t("Multiple"),
                    }
                ).drop(columns="source_id"),
                "transport-cargo-multiples",
                t("Every five-year multiple the series allows ({rows})", rows=len(growth_rows)),
            )
        )
    model = CargoModel(
        concerned=frozenset(concerned),
        figure=figure,
        source_line=source_line,
        claim=card,
        recomputed="\n\n".join(recomputed),
        none_recomputed=not chosen,
        verdict=verdict,
        tables=tuple(tables),
    )
    teu = tq.series_points(series, tq.TEU_METRIC, sources)
    if teu.empty:
        return model
    return model._replace(
        teu_figure=series_chart(teu, "TEU", t("Middle Corridor (TITR) containers, TEU")),
        teu_source_line=_sources_line(list(teu["label"]))
        + " "
        + t("Part-year values are open markers and never joined."),
        teu_table=Table(
            pd.DataFrame(
                {
                    t("Period"): teu["period"],
                    t("Kind of period"): teu["period_type"],
                    t("Value, TEU"): teu["value"],
                    t("Scope (country)"): teu["country"],
                    t("Whose figures"): teu["reporter"],
                    t("Source"): teu["label"],
                    t("Quote"): teu["quote"],
                    t("Check"): teu["verified"].map(_mark),
                }
            ),
            "transport-teu",
        ),
    )


def cargo_section(
    tables: dict[str, pd.DataFrame], figures: pd.DataFrame | None, selected: list[str], countries: pd.DataFrame | None
) -> None:
    """Middle Corridor cargo by year and source, and the ×6 claim recomputed from the same source."""
    sources = tables["sources"]
    model = cargo_model(tables["series"], sources, figures)
    if not model.concerned.intersection(selected):
        names = _names(countries)
        st.info(
            t(
                "The Middle Corridor figures concern {countries}; none of them is selected.",
                countries=_escape(", ".join(sorted(names.get(c, c) for c in model.concerned))),
            )
        )
        return
    left, right = st.columns([2, 1])
    with left:
        show_chart(model.figure, key="transport_cargo", source_line=model.source_line)
    with right:
        if model.claim is not None:
            _claim_card(model.claim, sources)
        st.markdown(model.recomputed)
        if model.none_recomputed:
            st.caption(t("No source gives two full years five years apart."))
        if model.verdict:
            st.info(model.verdict)
    for table in model.tables:
        data_table(table.frame, key=table.key, label=table.label)
    if model.teu_figure is not None:
        show_chart(model.teu_figure, key="transport_teu", source_line=model.teu_source_line)
        data_table(model.teu_table.frame, key=model.teu_table.key)


# --- Dostyk–Moyinty -----------------------------------------------------------------------


class CapacityModel(NamedTuple):
    notice: str  # "" or why nothing of this section concerns the selection (then nothing else)
    figure: go.Figure | None = None
    source_line: str = ""
    claim: Claim | None = None
    sum_line: str = ""  # Markdown: after ÷ before = ×multiple, when there are two steps
    verdict: str = ""
    table: pd.DataFrame | None = None


@memoized
def _capacity_ids(figures: pd.DataFrame, selected: tuple[str, ...]) -> tuple[str, ...]:
    """The ids of the capacity figures that concern the selection."""
    return tuple(tq.capacity_steps(queries.figures_for_countries(figures, list(selected)))["id"])


@memoized
def capacity_model(figures: pd.DataFrame, sources: pd.DataFrame, step_ids: tuple[str, ...]) -> CapacityModel:
    """Dostyk–Moyinty train pairs a day before and with the second track, beside the ×5 claim.

    Kept per set of figures (`_capacity_ids`), not per selection: selections that concern the
    same figures share it.
    """
    steps = tq.capacity_steps(figures[figures["id"].isin(step_ids)])
    claim_rows = figures[figures["id"] == tq.CAPACITY_CLAIM_ID]
    if steps.empty:
        return CapacityModel(notice=t("The Dostyk–Moyinty figures concern Kazakhstan, which is not selected."))
    labels = tq.labels_of(sources)
    steps = steps.assign(source_label=steps["source_id"].map(lambda sid: labels.get(str(sid), str(sid))))
    bar_labels = (
        [t("Before the second track"), t("With the second track")]
        if len(steps) == 2
        else [f"{number(v)}" for v in steps["value"]]
    )
    claim = (
        _claim(claim_rows.iloc[0], sources, t("Freight on the Dostyk–Moyinty second line"),
               f"×{number(claim_rows.iloc[0]['value'])}")
        if not claim_rows.empty
        else None
    )
    sum_line = verdict = ""
    if len(steps) == 2:
        before, after = float(steps.iloc[0]["value"]), float(steps.iloc[1]["value"])
        sum_line = t("{after} ÷ {before} train pairs a day = **×{multiple}** ({source})",
                     after=number(after), before=number(before), multiple=number(after / before, 1),
                     source=_escape(steps.iloc[1]["source_label"]))
        if not claim_rows.empty:
            claimed = float(claim_rows.iloc[0]["value"])
            verdict = (
                t("The capacity figures give the same factor as the claim (×{claimed}).", claimed=number(claimed))
                if abs(after / before - claimed) < 0.05
                else t("The capacity figures give ×{multiple}, the claim ×{claimed}.",
                       multiple=number(after / before, 1), claimed=number(claimed))
            )
    return CapacityModel(
        notice="",
        figure=capacity_chart(steps, bar_labels, "pairs/day", t("Dostyk–Moyinty: train pairs a day")),
        source_line=_sources_line(list(steps["source_label"])),
        claim=claim,
        sum_line=sum_line,
        verdict=verdict,
        table=pd.DataFrame(
            {
                t("Figure"): steps["id"],
                t("Value"): steps["value"],
                t("Unit"): steps["unit"],
                t("Source"): steps["source_label"],
                t("Quote"): steps["quote"],
                t("Note"): steps["note"],
                t("Check"): steps["verified"].map(_mark),
            }
        ),
    )


def capacity_section(tables: dict[str, pd.DataFrame], selected: list[str]) -> None:
    """Dostyk–Moyinty train pairs a day before and with the second track, beside the ×5 claim."""
    sources = tables["sources"]
    figures = tables["figures"]
    model = capacity_model(figures, sources, _capacity_ids(figures, tuple(selected)))
    if model.notice:
        st.info(model.notice)
        return
    left, right = st.columns([2, 1])
    with left:
        show_chart(model.figure, key="transport_capacity", source_line=model.source_line)
    with right:
        if model.claim is not None:
            _claim_card(model.claim, sources)
        if model.sum_line:
            st.markdown(model.sum_line)
        if model.verdict:
            st.info(model.verdict)
    data_table(model.table, key="transport-capacity")


# --- every line ---------------------------------------------------------------------------


class LinesModel(NamedTuple):
    no_figures: bool  # the figures table is not available: only the primary lengths
    empty: bool  # no line runs through the selection (then nothing below)
    disputed: Table | None = None
    lines: Table | None = None
    lengths: Table | None = None


@memoized
def _line_ids(
    routes: pd.DataFrame, places: pd.DataFrame, projects: pd.DataFrame | None, selected: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...] | None]:
    """The ids of the routes and projects that concern the selection (None: no projects table)."""
    route_ids = tuple(tq.routes_for_countries(routes, places, list(selected))["id"])
    if projects is None:
        return route_ids, None
    chosen = set(selected)
    concerned = projects["countries"].map(lambda cell: bool(set(split_list(cell)) & chosen))
    return route_ids, tuple(projects[concerned]["id"])


@memoized
def lines_model(
    routes_all: pd.DataFrame,
    places: pd.DataFrame,
    sources: pd.DataFrame,
    figures: pd.DataFrame | None,
    projects: pd.DataFrame | None,
    ids: tuple[tuple[str, ...], tuple[str, ...] | None],
) -> LinesModel:
    """Every line of the selected countries: lengths (all of them), dates, status, sources.

    Kept per set of lines (`_line_ids`), not per selection: selections with the same lines share it.
    """
    route_ids, project_ids = ids
    routes = routes_all[routes_all["id"].isin(route_ids)].reset_index(drop=True)
    if projects is not None:
        projects = projects[projects["id"].isin(project_ids or ())]
    line_ids = list(routes["id"]) + ([] if projects is None else list(projects["id"]))
    lengths = (
        tq.length_figures(figures, sources, line_ids)
        if figures is not None
        else pd.DataFrame(columns=["subject", "value", "unit", "publisher", "date", "source_id"])
    )
    table = tq.lines_table(routes, projects, lengths, sources)
    if table.empty:
        return LinesModel(no_figures=figures is None, empty=True)
    disputed = tq.length_disagreements(lengths, table)
    disputed_table = None
    if not disputed.empty:
        disputed_table = Table(
            pd.DataFrame(
                {
                    t("Line"): disputed["line"],
                    t("Length, km"): disputed["length_km"],
                    t("Primary length of the line table"): disputed["primary"].map(lambda p: t("yes") if p else ""),
                    t("Given by"): disputed["sources"],
                }
            ),
            "transport-length-disagreements",
            t("{lines} lines, {rows} different lengths: each stands with its sources, none is averaged",
              lines=disputed["line"].nunique(), rows=len(disputed)),
        )
    shown = pd.DataFrame(
        {
            t("Line"): table["name"],
            t("Length, km (primary source)"): table["length_km"].map(
                lambda km: "" if km is None or pd.isna(km) else number(km)
            ),
            t("Sources disagree"): table["lengths_differ"].map(lambda differ: t("yes") if differ else ""),
            t("Every length reported"): table["lengths_reported"],
            t("Kind"): table["kind"].map(_kind_label),
            t("Status"): table["status"].map(_status_label),
            t("Construction start"): table["construction_start"],
            t("Opened"): table["opened"],
            t("Planned completion"): table["planned_completion"],
            t("Source"): table["source"],
            t("Check"): table["verified"].map(_mark),
        }
    )
    lengths_table = None
    if not lengths.empty:
        lengths_table = Table(
            pd.DataFrame(
                {
                    t("Line"): lengths["subject"],
                    t("Length"): lengths["value"],
                    t("Unit"): lengths["unit"],
                    t("Publisher"): lengths["publisher"],
                    t("Date"): lengths["date"],
                    t("Quote"): lengths["quote"],
                    t("Check"): lengths["verified"].map(_mark),
                }
            ),
            "transport-lengths",
            t("Every length figure, one row per source ({rows})", rows=len(lengths)),
        )
    return LinesModel(
        no_figures=figures is None,
        empty=False,
        disputed=disputed_table,
        lines=Table(shown, "transport-lines", t("Lines ({rows})", rows=len(shown))),
        lengths=lengths_table,
    )


def lines_section(
    tables: dict[str, pd.DataFrame],
    figures: pd.DataFrame | None,
    projects: pd.DataFrame | None,
    selected: list[str],
) -> None:
    """Every line of the selected countries: lengths (all of them), dates, status, sources."""
    routes, places = tables["routes"], tables["places"]
    ids = _line_ids(routes, places, projects, tuple(selected))
    model = lines_model(routes, places, tables["sources"], figures, projects, ids)
    if model.no_figures:
        st.caption(t("The figures table is not available: only the primary lengths are shown."))
    if model.empty:
        st.info(t("None of the lines in the data runs through the selected countries."))
        return
    if model.disputed is not None:
        st.subheader(t("Where the sources give different lengths"))
        data_table(model.disputed.frame, key=model.disputed.key, expanded=True, label=model.disputed.label)
    st.subheader(t("Every line"))
    data_table(model.lines.frame, key=model.lines.key, expanded=True, label=model.lines.label)
    if model.lengths is not None:
        data_table(model.lengths.frame, key=model.lengths.key, label=model.lengths.label)


# --- the page -----------------------------------------------------------------------------


@memoized
def _showing(countries: pd.DataFrame | None, selected: tuple[str, ...]) -> str:
    names = _names(countries)
    return t("Showing: {countries}", countries=_escape(", ".join(names.get(c, c) for c in selected)))


def render() -> None:
    """Draw the page."""
    st.title(t("Transport"))
    result = data_access.tables()
    selected = state.selected_countries()
    countries = result.tables.get("countries")
    if not selected:
        st.info(t("No country is selected: choose countries or a group in the sidebar."))
    else:
        st.caption(_showing(countries, tuple(selected)))

    figures = result.tables.get("figures")
    page_sections("transport", result, [
        PagePart("map", t("Map"), t("Corridors and new lines"), ("routes", "places", "sources"),
                 lambda tables: map_section(tables, selected, countries)),
        PagePart("cargo", t("Middle Corridor"), t("Middle Corridor cargo"), ("series", "sources"),
                 lambda tables: cargo_section(tables, figures, selected, countries)),
        PagePart("capacity", t("Dostyk–Moyinty"), t("Dostyk–Moyinty: capacity with the second track"),
                 ("figures", "sources"), lambda tables: capacity_section(tables, selected)),
        PagePart("lines", t("Lines"), t("Lines: lengths, dates and sources"), ("routes", "places", "sources"),
                 lambda tables: lines_section(tables, figures, result.tables.get("projects"), selected)),
    ])

render()
