"""Transport: the corridors through Kazakhstan, Middle Corridor cargo, Dostyk–Moyinty, and every line's length."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data_access, queries, state
from dashboard.charts.region_map import MapLayers
from dashboard.charts.transport import Highlight, capacity_chart, series_chart, transport_map
from dashboard.components.charts import show_chart
from dashboard.components.data_table import data_table
from dashboard.components.errors import require, section
from dashboard.components.map_click import country_click_handler
from dashboard.components.sources import source_details, unverified_label
from dashboard.escaping import md_text as _escape  # data shown as text, never Markdown
from dashboard.formatting import iso_date, number
from dashboard.i18n import localized, t
from dashboard.queries import country_names
from dashboard.queries import transport as tq
from dashboard.queries.trade import source_labels
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


def _figure_source(figure: pd.Series, sources: pd.DataFrame) -> str:
    source = queries.source_of(sources, str(figure["source_id"]))
    who = source.get("speaker")
    who = who if isinstance(who, str) and who else source.get("publisher", figure["source_id"])
    event = source.get("event")
    event = f", {event}" if isinstance(event, str) and event else ""
    return f"{who}{event}, {iso_date(source.get('date'))}"


def _claim_card(figure: pd.Series, sources: pd.DataFrame, title: str, value: str) -> None:
    """A quoted claim with its speaker and date, the quote and source one click away."""
    with st.container(border=True):
        st.metric(title, value)
        caption = _escape(_figure_source(figure, sources))
        if not bool(figure["verified"]):
            caption += f" · {unverified_label()}"
        st.caption(caption)
        with st.popover(t("Source and quote"), width="stretch"):
            source_details(figure, sources)


def map_section(tables: dict[str, pd.DataFrame], selected: list[str], names: dict[str, str]) -> None:
    """The lines and corridors of the selected countries on the region map."""
    boundaries = data_access.boundaries()
    if isinstance(boundaries, BoundariesError):
        st.error(t("The map cannot be drawn: {reason}", reason=str(boundaries)))
        return
    routes_all, places, sources = tables["routes"], tables["places"], tables["sources"]
    routes = tq.routes_for_countries(routes_all, places, selected)
    countries = tq.route_countries(routes_all, places)
    if routes.empty:
        with_lines = sorted({c for codes in countries.values() for c in codes})
        st.info(
            t(
                "None of the lines in the data runs through the selected countries. The lines run through: "
                "{countries}. Select one of them (or click it on the map) to see its lines.",
                countries=_escape(", ".join(names.get(c, c) for c in with_lines)),
            )
        )
    paths = queries.route_paths(routes, places)
    paths = paths.assign(name=paths["id"].map(routes.set_index("id")[localized("name")]))
    shown_places = tq.map_places(places, routes, selected)
    shown_places = shown_places.assign(
        name=shown_places[localized("name")], kind_label=shown_places["kind"].map(_place_kind_label)
    )
    map_names = dict(names)
    for feature in boundaries["features"]:
        map_names.setdefault(str(feature["id"]), str(feature["properties"].get("name_en", feature["id"])))
    layers = MapLayers(
        boundaries=boundaries,
        geojson_url=data_access.boundaries_url(),
        country_names=map_names,
        metric=pd.DataFrame(columns=["iso3", "value", "year", "sources"]),
        metric_label=t("Lines and corridors"),
        selected=selected,
        routes=paths,
        places=shown_places,
    )
    labels = source_labels(sources)
    used = list(routes["source_id"]) + list(shown_places["source_id"])
    show_chart(
        transport_map(layers),
        key=MAP_KEY,
        source_line=_sources_line([labels.get(str(sid), str(sid)) for sid in used])
        + " "
        + t(
            "Dashed lines are schematic: their path is the curator's, not a source's (⚠ unverified). "
            "Boundaries: Natural Earth 1:50m. Click a country to add it to the filter or remove it."
        ),
        on_select=country_click_handler(MAP_KEY),
    )
    unplaced = tq.unplaced_stops(routes, places)
    if not unplaced.empty:
        with st.expander(t("Stops without a sourced position (not drawn): {count} lines", count=len(unplaced))):
            for row in unplaced.itertuples(index=False):
                st.text(f"{row.name}: {row.stops}")
    place_names = places.set_index("id")[localized("name")]
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
    data_table(table, key="transport-map")


def cargo_section(
    tables: dict[str, pd.DataFrame], figures: pd.DataFrame | None, selected: list[str], names: dict[str, str]
) -> None:
    """Middle Corridor cargo by year and source, and the ×6 claim recomputed from the same source."""
    series, sources = tables["series"], tables["sources"]
    concerned = set(series[series["metric"].isin([tq.CARGO_METRIC, tq.TEU_METRIC])]["country"].astype(str))
    claim = None
    if figures is not None:
        rows = figures[figures["id"] == tq.CARGO_CLAIM_ID]
        if not rows.empty:
            claim = rows.iloc[0]
            concerned |= set(split_list(claim["countries"]))
    if not concerned.intersection(selected):
        st.info(
            t(
                "The Middle Corridor figures concern {countries}; none of them is selected.",
                countries=_escape(", ".join(sorted(names.get(c, c) for c in concerned))),
            )
        )
        return
    points = tq.series_points(series, tq.CARGO_METRIC, sources)
    growths = tq.claim_multiples(series)
    labels = source_labels(sources)
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

    left, right = st.columns([2, 1])
    with left:
        show_chart(
            series_chart(points, "m t", t("Middle Corridor (TITR) cargo, million tonnes"), highlights),
            key="transport_cargo",
            source_line=_sources_line(list(points["label"]))
            + " "
            + t("Each source is its own series; part-year values are open markers and never joined."),
        )
    with right:
        if claim is not None:
            _claim_card(claim, sources, t("Middle Corridor cargo in five years"), f"×{number(claim['value'])}")
        st.markdown(f"**{t('Recomputed from the series (two values of the same source)')}**")
        if not chosen:
            st.caption(t("No source gives two full years five years apart."))
        for g in chosen:
            st.markdown(
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
            st.info(verdict)
    data_table(
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
        key="transport-cargo",
    )
    if not growth_rows.empty:
        data_table(
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
            key="transport-cargo-multiples",
            label=t("Every five-year multiple the series allows ({rows})", rows=len(growth_rows)),
        )

    teu = tq.series_points(series, tq.TEU_METRIC, sources)
    if not teu.empty:
        show_chart(
            series_chart(teu, "TEU", t("Middle Corridor (TITR) containers, TEU")),
            key="transport_teu",
            source_line=_sources_line(list(teu["label"]))
            + " "
            + t("Part-year values are open markers and never joined."),
        )
        data_table(
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
            key="transport-teu",
        )


def capacity_section(tables: dict[str, pd.DataFrame], selected: list[str]) -> None:
    """Dostyk–Moyinty train pairs a day before and with the second track, beside the ×5 claim."""
    figures, sources = tables["figures"], tables["sources"]
    steps = tq.capacity_steps(queries.figures_for_countries(figures, selected))
    claim_rows = figures[figures["id"] == tq.CAPACITY_CLAIM_ID]
    if steps.empty:
        st.info(t("The Dostyk–Moyinty figures concern Kazakhstan, which is not selected."))
        return
    labels = source_labels(sources)
    steps = steps.assign(source_label=steps["source_id"].map(lambda sid: labels.get(str(sid), str(sid))))
    bar_labels = (
        [t("Before the second track"), t("With the second track")]
        if len(steps) == 2
        else [f"{number(v)}" for v in steps["value"]]
    )
    left, right = st.columns([2, 1])
    with left:
        show_chart(
            capacity_chart(steps, bar_labels, "pairs/day", t("Dostyk–Moyinty: train pairs a day")),
            key="transport_capacity",
            source_line=_sources_line(list(steps["source_label"])),
        )
    with right:
        if not claim_rows.empty:
            _claim_card(claim_rows.iloc[0], sources, t("Freight on the Dostyk–Moyinty second line"),
                        f"×{number(claim_rows.iloc[0]['value'])}")
        if len(steps) == 2:
            before, after = float(steps.iloc[0]["value"]), float(steps.iloc[1]["value"])
            st.markdown(
                t("{after} ÷ {before} train pairs a day = **×{multiple}** ({source})",
                  after=number(after), before=number(before), multiple=number(after / before, 1),
                  source=_escape(steps.iloc[1]["source_label"]))
            )
            if not claim_rows.empty:
                claimed = float(claim_rows.iloc[0]["value"])
                st.info(
                    t("The capacity figures give the same factor as the claim (×{claimed}).", claimed=number(claimed))
                    if abs(after / before - claimed) < 0.05
                    else t("The capacity figures give ×{multiple}, the claim ×{claimed}.",
                           multiple=number(after / before, 1), claimed=number(claimed))
                )
    data_table(
        pd.DataFrame(
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
        key="transport-capacity",
    )


def lines_section(
    tables: dict[str, pd.DataFrame],
    figures: pd.DataFrame | None,
    projects: pd.DataFrame | None,
    selected: list[str],
) -> None:
    """Every line of the selected countries: lengths (all of them), dates, status, sources."""
    routes, places, sources = tables["routes"], tables["places"], tables["sources"]
    routes = tq.routes_for_countries(routes, places, selected)
    if projects is not None:
        projects = projects[projects["countries"].map(lambda cell: bool(set(split_list(cell)) & set(selected)))]
    line_ids = list(routes["id"]) + ([] if projects is None else list(projects["id"]))
    lengths = (
        tq.length_figures(figures, sources, line_ids)
        if figures is not None
        else pd.DataFrame(columns=["subject", "value", "unit", "publisher", "date", "source_id"])
    )
    if figures is None:
        st.caption(t("The figures table is not available: only the primary lengths are shown."))
    table = tq.lines_table(routes, projects, lengths, sources)
    if table.empty:
        st.info(t("None of the lines in the data runs through the selected countries."))
        return
    disputed = tq.length_disagreements(lengths, table)
    if not disputed.empty:
        st.subheader(t("Where the sources give different lengths"))
        data_table(
            pd.DataFrame(
                {
                    t("Line"): disputed["line"],
                    t("Length, km"): disputed["length_km"],
                    t("Primary length of the line table"): disputed["primary"].map(lambda p: t("yes") if p else ""),
                    t("Given by"): disputed["sources"],
                }
            ),
            key="transport-length-disagreements",
            expanded=True,
            label=t("{lines} lines, {rows} different lengths: each stands with its sources, none is averaged",
                    lines=disputed["line"].nunique(), rows=len(disputed)),
        )
    st.subheader(t("Every line"))
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
    data_table(shown, key="transport-lines", expanded=True, label=t("Lines ({rows})", rows=len(shown)))
    if not lengths.empty:
        data_table(
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
            key="transport-lengths",
            label=t("Every length figure, one row per source ({rows})", rows=len(lengths)),
        )


def render() -> None:
    """Draw the page."""
    st.title(t("Transport"))
    result = data_access.tables()
    selected = state.selected_countries()
    names = country_names(result.tables.get("countries"))
    if not selected:
        st.info(t("No country is selected: choose countries or a group in the sidebar."))
    else:
        st.caption(t("Showing: {countries}", countries=_escape(", ".join(names.get(c, c) for c in selected))))

    st.header(t("Corridors and new lines"))
    with section(t("Corridors and new lines")):
        tables = require(result, "routes", "places", "sources")
        if tables is not None:
            map_section(tables, selected, names)

    st.header(t("Middle Corridor cargo"))
    with section(t("Middle Corridor cargo")):
        tables = require(result, "series", "sources")
        if tables is not None:
            cargo_section(tables, result.tables.get("figures"), selected, names)

    st.header(t("Dostyk–Moyinty: capacity with the second track"))
    with section(t("Dostyk–Moyinty: capacity with the second track")):
        tables = require(result, "figures", "sources")
        if tables is not None:
            capacity_section(tables, selected)

    st.header(t("Lines: lengths, dates and sources"))
    with section(t("Lines: lengths, dates and sources")):
        tables = require(result, "routes", "places", "sources")
        if tables is not None:
            lines_section(tables, result.tables.get("figures"), result.tables.get("projects"), selected)


render()
