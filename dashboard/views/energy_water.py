"""Energy and water: the projects on a map and in a table, where sources disagree, the falling Caspian, water.

Each section is a pure, `@memoized` model builder (queries, figures, texts) and a render part
that only emits Streamlit elements from the model, so a rerun with a selection seen before does
no pandas or Plotly work. Models are shared by every session: never change one in place.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import data_access, state
from dashboard.charts.energy_water import caspian_level_chart, change_bars, project_map, status_label
from dashboard.charts.region_map import MapLayers
from dashboard.components.charts import show_chart
from dashboard.components.data_table import data_table
from dashboard.components.errors import require, section
from dashboard.components.map_click import country_click_handler
from dashboard.components.page_sections import PagePart, page_sections
from dashboard.components.sources import source_details, unverified_label
from dashboard.escaping import md_text as _escape  # data shown as text, never Markdown
from dashboard.formatting import is_missing, iso_date, number
from dashboard.i18n import localized, t, translation_column
from dashboard.memo import memoized
from dashboard.queries import country_names, mapped_places
from dashboard.queries import energy_water as q
from data.loader import LoadResult, split_list
from geo.boundaries import BoundariesError

MAP_KEY = "energy_water_map"
ROUTE_COLUMNS = ["id", "kind", "status", "verified", "lats", "lons", "missing", "name"]


def _kind_label(kind: str) -> str:
    return {
        "proposal": t("proposal"),
        "plan": t("plan"),
        "status": t("status"),
        "event": t("event"),
        "document": t("document"),
        "project": t("project"),
        "estimate": t("estimate"),
        "capacity": t("capacity"),
        "actual": t("reported value"),
        "target": t("target"),
    }.get(kind, kind)


def _sector_label(sector: str) -> str:
    return {
        "hydropower": t("hydropower"),
        "gas": t("gas"),
        "electricity": t("electricity"),
        "water": t("water"),
    }.get(sector, sector)


def _names_of(cell: object, names: dict[str, str]) -> str:
    return ", ".join(names.get(code, code) for code in split_list(cell))


def _source_caption(name: object, date: object, verified: bool) -> str:
    caption = f"{name}, {t('undated') if is_missing(date) else iso_date(str(date))}"
    return caption if verified else f"{caption} · {unverified_label()}"


def statement(figure: pd.Series | dict) -> str:
    """What a figure says, in one line: its value (and period), a dated plan, or its words."""
    value, unit, period = figure["value"], figure["unit"], figure["period"]
    if not is_missing(value):
        text = f"{number(value)} {unit}" if not is_missing(unit) else number(value)
        return f"{text} ({period})" if not is_missing(period) else text
    if not is_missing(period) and figure["kind"] in ("plan", "event", "status", "document"):
        return f"{period} — {_kind_label(str(figure['kind']))}"
    return str(figure[translation_column()])


def _hidden_caption(before: int, after: int, message: str) -> str | None:
    """How much the country filter hides; `message` has {count} and {total} placeholders."""
    return message.format(count=before - after, total=before) if before > after else None


def _verified_cell(verified: object) -> str:
    return "" if bool(verified) else unverified_label()


@memoized
def _country_names(countries: pd.DataFrame | None) -> dict[str, str]:
    """ISO3 -> name in the reader's language (shared: read only)."""
    return country_names(countries)


# --- Cards: a figure beside its source --------------------------------------------------------


class FigureCard(NamedTuple):
    """A figure in a bordered card: the statement in bold, its source, its note, the source popover."""

    title: str  # Markdown
    caption: str  # Markdown: the source and, as a second paragraph, the note
    figure: dict  # the figure's row, for source_details


class Conflict(NamedTuple):
    """Statements that disagree, side by side under a heading."""

    heading: str  # Markdown
    cards: tuple[FigureCard, ...]


def _figure_card_model(figure: pd.Series) -> FigureCard:
    captions = [_escape(_source_caption(figure["source_name"], figure["source_date"], bool(figure["verified"])))]
    if not is_missing(figure.get("note")):
        captions.append(_escape(str(figure["note"])))
    # One caption element for both: a page shows dozens of cards, and every element costs time.
    return FigureCard(f"**{_escape(statement(figure))}**", "\n\n".join(captions), figure.to_dict())


def _render_figure_card(card: FigureCard, sources: pd.DataFrame) -> None:
    with st.container(border=True):
        st.markdown(card.title)
        st.caption(card.caption)
        with st.popover(t("Source and quote"), width="stretch"):
            source_details(card.figure, sources)


def _render_conflicts(conflicts: tuple[Conflict, ...], sources: pd.DataFrame) -> None:
    for conflict in conflicts:
        st.markdown(conflict.heading)
        columns = st.columns(len(conflict.cards))
        for column, card in zip(columns, conflict.cards, strict=True):
            with column:
                _render_figure_card(card, sources)


# --- The map -------------------------------------------------------------------------------


class MapModel(NamedTuple):
    figure: go.Figure
    source_line: str
    unplaced: str | None  # one Markdown list of the projects without a position
    shown: pd.DataFrame


@memoized
def map_model(
    projects: pd.DataFrame,
    places: pd.DataFrame,
    sources: pd.DataFrame,
    countries: pd.DataFrame | None,
    selected: tuple[str, ...],
    boundaries: dict,
    geojson_url: str | None,
) -> MapModel:
    """Projects with a sourced position as markers; the others listed, their countries shaded."""
    names = _country_names(countries)
    # Marker sizes are scaled on every project, so a marker keeps its size whatever the filter.
    every = q.energy_projects(projects, None)
    chosen = q.energy_projects(projects, list(selected))
    positions = q.project_positions(chosen, places)
    positions = positions.assign(name=positions[localized("name")])
    map_names = dict(names)
    for feature in boundaries["features"]:
        map_names.setdefault(str(feature["id"]), str(feature["properties"].get("name_en", feature["id"])))
    capitals = mapped_places(places)
    capitals = capitals[capitals["kind"] == "capital"]
    capitals = capitals.assign(name=capitals[localized("name")], kind_label=t("capital"))
    layers = MapLayers(
        boundaries=boundaries,
        geojson_url=geojson_url,
        country_names=map_names,
        metric=q.projects_per_country(chosen),
        metric_label=t("Energy and water projects"),
        selected=list(selected),
        routes=pd.DataFrame(columns=ROUTE_COLUMNS),
        places=capitals,
    )
    figure = project_map(layers, positions, q.family_maxima(every))
    project_sources = q.with_sources(positions[["source_id"]].drop_duplicates(), sources)
    placed = positions[positions["placed"]]
    place_source_ids = places.set_index("id")["source_id"]
    place_sources = q.with_sources(
        pd.DataFrame({"name": placed[localized("name")], "source_id": placed["place_id"].map(place_source_ids)}),
        sources,
    )
    source_line = t(
        "Boundaries: Natural Earth 1:50m (public domain). Projects, capacities and statuses: {projects}. "
        "Positions: {places}. Countries are shaded by the number of selected projects they take part in. "
        "Click a country to add it to the filter or remove it.",
        projects="; ".join(_escape(name) for name in dict.fromkeys(project_sources["source_name"].astype(str)))
        or "—",
        places="; ".join(_escape(f"{row.name} ({row.source_name})") for row in place_sources.itertuples()) or "—",
    )
    unplaced = positions[~positions["placed"]]
    unplaced_text = None
    if not unplaced.empty:
        items = []
        for row in q.frame_records(unplaced):
            capacity = (
                f" — {number(row['capacity_value'])} {row['capacity_unit']}" if not is_missing(row["capacity_value"])
                else ""
            )
            items.append(
                f"- {_escape(str(row['name_en']))} ({_escape(_names_of(row['countries'], names))}; "
                f"{_escape(status_label(str(row['status'])))}){_escape(capacity)}"
            )
        unplaced_text = f"**{t('Not on the map: no source gives a position')}**\n\n" + "\n".join(items)
    shown = positions.assign(
        countries=positions["countries"].map(lambda cell: _names_of(cell, names)),
        status=positions["status"].map(lambda s: status_label(str(s))),
        verified=positions["verified"].map(_verified_cell),
    )[[localized("name"), "sector", "countries", "status", "capacity_value", "capacity_unit", "capacity_comparable",
       "family", "placed", "place_name", "lat", "lon", "source_id", "verified"]]
    return MapModel(figure, source_line, unplaced_text, shown)


@memoized
def map_hidden(projects: pd.DataFrame, selected: tuple[str, ...]) -> str | None:
    """How many projects the filter hides from the map (None: none)."""
    return _hidden_caption(
        len(q.energy_projects(projects, None)), len(q.energy_projects(projects, list(selected))),
        t("{count} of {total} projects involve only countries that are not selected and are hidden."),
    )


def map_section(tables: dict[str, pd.DataFrame], selected: list[str], countries: pd.DataFrame | None) -> None:
    """Projects with a sourced position as markers; the others listed, their countries shaded."""
    boundaries = data_access.boundaries()
    if isinstance(boundaries, BoundariesError):
        st.error(t("The map cannot be drawn: {reason}", reason=str(boundaries)))
        return
    hidden = map_hidden(tables["projects"], tuple(selected))
    if hidden is not None:
        st.caption(hidden)
    model = map_model(tables["projects"], tables["places"], tables["sources"], countries, tuple(selected),
                      boundaries, data_access.boundaries_url())
    show_chart(model.figure, key=MAP_KEY, source_line=model.source_line, on_select=country_click_handler(MAP_KEY))
    st.caption(
        t(
            "Marker area shows capacity: electric capacity in MW (GW × 1,000), gas in bcm/yr on its own "
            "scale (diamonds); the two are never compared. Colour shows status."
        )
    )
    if model.unplaced is not None:
        st.markdown(model.unplaced)
    data_table(model.shown, "energy-water-map")


# --- Projects and disagreements ------------------------------------------------------------


class ProjectsModel(NamedTuple):
    projects: pd.DataFrame  # the projects shown (empty: none involves the selection)
    shown: pd.DataFrame | None


@memoized
def projects_model(projects: pd.DataFrame, sources: pd.DataFrame, selected: tuple[str, ...]) -> ProjectsModel:
    """The projects that involve the selection and the table of them."""
    chosen = q.energy_projects(projects, list(selected))
    if chosen.empty:
        return ProjectsModel(chosen, None)
    table = q.projects_table(chosen, sources)
    shown = pd.DataFrame(
        {
            t("Project"): table["name"],
            t("Sector"): table["sector"].map(_sector_label),
            # ISO codes keep the table within the page; the list under the map names them in full.
            t("Countries"): table["countries"],
            t("Capacity"): [
                "" if is_missing(v) else f"{number(v)} {u}" for v, u in zip(table["capacity"], table["capacity_unit"],
                                                                             strict=True)
            ],
            t("Cost, USD bn"): table["cost_usd_bn"].map(lambda v: "" if is_missing(v) else number(v)),
            t("Status"): table["status"].map(lambda s: status_label(str(s))),
            t("Start"): table["start"].fillna(""),
            t("Completion"): table["completion"].fillna(""),
            t("Source"): table["source"],
            t("Source date"): table["source_date"].fillna(""),
            t("Verified"): table["verified"].map(_verified_cell),
        }
    )
    return ProjectsModel(chosen, shown)


def projects_section(tables: dict[str, pd.DataFrame], selected: list[str]) -> pd.DataFrame:
    """The projects table with its CSV download; returns the projects shown."""
    model = projects_model(tables["projects"], tables["sources"], tuple(selected))
    if model.shown is None:
        st.info(t("No energy or water project in the data involves the selected countries."))
        return model.projects
    shown = model.shown
    # Dates are short; the country lists are what may push the table wider than the page.
    narrow = {column: st.column_config.TextColumn(width="small") for column in (
        t("Start"), t("Completion"), t("Source date"))}
    narrow[t("Project")] = st.column_config.TextColumn(width="medium")
    st.dataframe(shown, hide_index=True, width="stretch", column_config=narrow)
    st.caption(
        t("One row per project, as its primary source gives it. Other sources' figures, and where they "
          "disagree, are below. Sources: the projects table.")
    )
    data_table(shown, "energy-water-projects", label=t("Download the projects table ({rows} rows)", rows=len(shown)))
    return model.projects


class ProjectFigures(NamedTuple):
    """Every figure about one project."""

    title: str  # Markdown
    notice: str | None  # no figure / no contradiction
    conflicts: tuple[Conflict, ...]
    shown: pd.DataFrame | None
    key: str
    label: str


@memoized
def disagreements_model(
    projects: pd.DataFrame, figures: pd.DataFrame, sources: pd.DataFrame, metrics: pd.DataFrame | None
) -> tuple[ProjectFigures, ...]:
    """For each project, every figure about it; those that disagree grouped."""
    blocks = []
    for project in projects.to_dict("records"):
        rows = q.with_sources(q.project_figures(figures, str(project["id"]), metrics), sources)
        title = _escape(str(project[localized("name")]))
        key = f"energy-water-figures-{project['id']}"
        if rows.empty:
            blocks.append(ProjectFigures(title, t("No other figure in the data is about this project."), (), None,
                                         key, ""))
            continue
        conflicts = rows[rows["disagreement"].notna()]
        notice = (t("The sources in the data do not contradict each other on this project.") if conflicts.empty
                  else None)
        groups = tuple(
            Conflict(
                f"**{t('Sources disagree')}: {_escape(str(group.iloc[0]['metric_name']))}** "
                f"({t('{count} statements, shown side by side, never averaged', count=len(group))})",
                tuple(_figure_card_model(figure) for _, figure in group.iterrows()),
            )
            for _, group in conflicts.groupby("disagreement", sort=True)
        )
        shown = pd.DataFrame(
            {
                t("What"): rows["metric_name"],
                t("Statement"): rows.apply(statement, axis=1),
                t("Kind"): rows["kind"].map(lambda k: _kind_label(str(k))),
                t("Source"): rows["source_name"],
                t("Source date"): rows["source_date"].fillna(""),
                t("Disagreement"): rows["disagreement"].map(lambda n: "" if pd.isna(n) else t("yes ({n})", n=n)),
                t("Verified"): rows["verified"].map(_verified_cell),
                t("Note"): rows["note"].fillna(""),
            }
        )
        blocks.append(ProjectFigures(title, notice, groups, shown, key,
                                     t("All {rows} figures about this project", rows=len(shown))))
    return tuple(blocks)


def disagreements_section(
    projects: pd.DataFrame, tables: dict[str, pd.DataFrame], metrics: pd.DataFrame | None
) -> None:
    """For each project, every figure about it; those that disagree side by side."""
    sources = tables["sources"]
    for block in disagreements_model(projects, tables["figures"], sources, metrics):
        with st.container(border=True):
            st.subheader(block.title)
            if block.notice is not None:
                st.caption(block.notice)
            if block.shown is None:
                continue
            _render_conflicts(block.conflicts, sources)
            data_table(block.shown, block.key, label=block.label)


# --- The Caspian ----------------------------------------------------------------------------


class LevelModel(NamedTuple):
    notice: str | None  # no reading for the selection
    figure: go.Figure | None
    source_line: str
    hidden: str | None
    shown: pd.DataFrame | None


@memoized
def caspian_level_model(
    series: pd.DataFrame, sources: pd.DataFrame, countries: pd.DataFrame | None, selected: tuple[str, ...]
) -> LevelModel:
    """The level readings of the selected reporters, each source and reporter apart."""
    names = _country_names(countries)
    levels = q.caspian_levels(series, sources, list(selected))
    reporting = sorted(set(series.loc[series["metric"] == q.CASPIAN_LEVEL_METRIC, "country"].astype(str)))
    if levels.empty:
        return LevelModel(
            t("The level readings in the data are reported for {countries}; none of them is selected.",
              countries=_escape(", ".join(names.get(c, c) for c in reporting))),
            None, "", None, None,
        )
    source_line = t(
        "Sources: {sources}. Filled circles: full-year values; open diamonds: readings of a month or a "
        "week. Each source and reporter is its own series; station groups differ, so readings are not "
        "joined by lines.",
        sources="; ".join(_escape(name) for name in dict.fromkeys(levels["source_name"].astype(str))),
    )
    hidden = sorted(set(reporting) - set(selected))
    hidden_text = (
        t("Readings reported for {countries} are hidden by the filter.",
          countries=_escape(", ".join(names.get(c, c) for c in hidden)))
        if hidden else None
    )
    shown = levels.assign(verified=levels["verified"].map(_verified_cell))[
        ["country", "period", "period_type", "value", "unit", "reporter", "source_name", "source_date", "source_id",
         "verified", "note"]
    ]
    return LevelModel(None, caspian_level_chart(levels), source_line, hidden_text, shown)


def caspian_level_section(tables: dict[str, pd.DataFrame], selected: list[str], countries: pd.DataFrame | None) -> None:
    """The level readings, every source and reporter apart."""
    model = caspian_level_model(tables["series"], tables["sources"], countries, tuple(selected))
    if model.figure is None:
        st.info(model.notice)
        return
    show_chart(model.figure, key="energy_water_caspian_level", source_line=model.source_line)
    if model.hidden is not None:
        st.caption(model.hidden)
    data_table(model.shown, "energy-water-caspian-level")


class ChangeChart(NamedTuple):
    figure: go.Figure
    key: str
    source_line: str


class ChangeModel(NamedTuple):
    charts: tuple[ChangeChart, ...]
    conflicts: tuple[Conflict, ...]
    shown: pd.DataFrame | None  # None: no stated change concerns the selection


@memoized
def caspian_change_model(figures: pd.DataFrame, sources: pd.DataFrame, selected: tuple[str, ...]) -> ChangeModel:
    """The stated falls and rates of fall, with the conflicting ones grouped."""
    changes = q.caspian_changes(figures, sources, list(selected))
    if changes.empty:
        return ChangeModel((), (), None)
    charts = []
    for unit, title, axis in (
        ("cm", t("Stated falls of the Caspian level, cm (metres converted ×100)"), t("cm over the span stated")),
        ("cm/yr", t("Stated rates of change, cm per year"), t("cm per year")),
    ):
        rows = changes[changes["unit_cm"] == unit]
        if rows.empty:
            continue
        charts.append(
            ChangeChart(
                change_bars(rows, title, axis),
                f"energy_water_caspian_{unit.replace('/', '_')}",
                t("Sources: {sources}. Each bar is one statement as its source gives it; hatched bars are "
                  "unverified.",
                  sources="; ".join(_escape(name) for name in dict.fromkeys(rows["source_name"].astype(str)))),
            )
        )
    conflicts = tuple(
        Conflict(
            f"**{t('Disagreement {n}', n=number_)}:** "
            + _escape(t("{count} statements that conflict, side by side, never averaged", count=len(group))),
            tuple(_figure_card_model(figure) for _, figure in group.iterrows()),
        )
        for number_, group in changes[changes["disagreement"].notna()].groupby("disagreement", sort=True)
    )
    shown = changes.assign(
        disagreement=changes["disagreement"].map(lambda n: "" if pd.isna(n) else str(n)),
        verified=changes["verified"].map(_verified_cell),
    )[["period", "value", "unit", "value_cm", "unit_cm", "source_name", "source_date", "disagreement", "verified",
       translation_column(), "note", "id"]]
    return ChangeModel(tuple(charts), conflicts, shown)


def caspian_change_section(tables: dict[str, pd.DataFrame], selected: list[str]) -> None:
    """The stated falls and rates of fall, with the conflicting ones side by side."""
    sources = tables["sources"]
    model = caspian_change_model(tables["figures"], sources, tuple(selected))
    if model.shown is None:
        st.info(t("No stated change of the Caspian level concerns the selected countries."))
        return
    for chart in model.charts:
        show_chart(chart.figure, key=chart.key, source_line=chart.source_line)
    _render_conflicts(model.conflicts, sources)
    data_table(model.shown, "energy-water-caspian-changes")


# --- Water initiatives ----------------------------------------------------------------------


def _badge_label(figure: pd.Series) -> str:
    """What kind of statement a figure is, in words: a proposal, a plan, the status of a proposal, ..."""
    if figure["metric"] == "policy-position":
        return t("assessment")
    if figure["kind"] == "status":
        return t("status of the proposal") if figure["metric"] == "initiative" else t("statement")
    return _kind_label(str(figure["kind"]))


class InitiativeCard(NamedTuple):
    badge: str
    colour: str
    quote: str  # Markdown
    caption: str  # Markdown
    figure: dict  # the figure's row, for source_details


class WaterTheme(NamedTuple):
    title: str
    columns: int
    cards: tuple[InitiativeCard, ...]


class WaterModel(NamedTuple):
    hidden: str | None
    themes: tuple[WaterTheme, ...]  # empty: none concerns the selection
    table: pd.DataFrame | None


@memoized
def water_model(figures: pd.DataFrame, sources: pd.DataFrame, selected: tuple[str, ...]) -> WaterModel:
    """The water initiatives of the speeches and what other sources report about them."""
    every = q.theme_figures(figures, q.WATER_THEMES, None)
    chosen = q.theme_figures(figures, q.WATER_THEMES, list(selected))
    hidden = _hidden_caption(
        sum(len(rows) for _, rows in every), sum(len(rows) for _, rows in chosen),
        t("{count} of {total} statements concern only countries that are not selected and are hidden."),
    )
    if not chosen:
        return WaterModel(hidden, (), None)
    themes, table_rows = [], []
    for theme, rows in chosen:
        rows = q.with_sources(rows, sources)
        cards = []
        # Side by side, in the order of the theme: the speech first, then what others report.
        for _, figure in rows.iterrows():
            period = "" if is_missing(figure["period"]) else f" · {_escape(figure['period'])}"
            status = figure["kind"] == "status" and figure["metric"] == "initiative"
            cards.append(
                InitiativeCard(
                    f"{_badge_label(figure)}{period}",
                    "orange" if status else "blue",
                    f"> {_escape(str(figure[translation_column()]))}",
                    _escape(_source_caption(figure["source_name"], figure["source_date"], bool(figure["verified"]))),
                    figure.to_dict(),
                )
            )
            table_rows.append(
                {
                    t("Theme"): t(theme.label),
                    t("Kind"): _badge_label(figure),
                    t("Period"): "" if is_missing(figure["period"]) else str(figure["period"]),
                    t("Statement (English)"): str(figure[translation_column()]),
                    t("Source"): figure["source_name"],
                    t("Source date"): "" if is_missing(figure["source_date"]) else str(figure["source_date"]),
                    t("Verified"): _verified_cell(figure["verified"]),
                }
            )
        themes.append(WaterTheme(t(theme.label), min(len(rows), 3), tuple(cards)))
    return WaterModel(hidden, tuple(themes), pd.DataFrame(table_rows))


def water_section(tables: dict[str, pd.DataFrame], selected: list[str]) -> None:
    """The water initiatives of the speeches and what other sources report about them."""
    sources = tables["sources"]
    model = water_model(tables["figures"], sources, tuple(selected))
    if model.hidden is not None:
        st.caption(model.hidden)
    if not model.themes:
        st.info(t("None of the water initiatives concerns the selected countries."))
        return
    for theme in model.themes:
        with st.container(border=True):
            st.subheader(theme.title)
            columns = st.columns(theme.columns)
            for index, card in enumerate(theme.cards):
                with columns[index % len(columns)], st.container(border=True):
                    st.badge(card.badge, color=card.colour)
                    st.markdown(card.quote)
                    st.caption(card.caption)
                    with st.popover(t("Source and quote"), width="stretch"):
                        source_details(card.figure, sources)
    data_table(model.table, "energy-water-initiatives")


def projects_part(result: LoadResult, tables: dict[str, pd.DataFrame], selected: list[str]) -> None:
    """The projects that involve the selection, then every figure about each of them."""
    projects = projects_section(tables, selected)
    if projects is not None and not projects.empty:
        st.subheader(t("Every figure about each project; disagreements side by side"))
        with section(t("Every figure about each project")):
            figures = require(result, "figures", "sources")
            if figures is not None:
                disagreements_section(projects, figures, result.tables.get("metrics"))


def caspian_part(result: LoadResult, selected: list[str], countries: pd.DataFrame | None) -> None:
    """The Caspian's level over time and what each source states about its fall: two tables, two panels."""
    st.subheader(t("The level over time"))
    with section(t("The Caspian Sea level")):
        tables = require(result, "series", "sources")
        if tables is not None:
            caspian_level_section(tables, selected, countries)
    st.subheader(t("How fast it falls: what each source states"))
    with section(t("How fast the Caspian falls")):
        tables = require(result, "figures", "sources")
        if tables is not None:
            caspian_change_section(tables, selected)


def render() -> None:
    """Draw the page."""
    st.title(t("Energy and water"))
    result = data_access.tables()
    selected = state.selected_countries()
    countries = result.tables.get("countries")
    names = _country_names(countries)
    if not selected:
        st.info(t("No country is selected: choose countries or a group in the sidebar."))
    elif names:
        st.caption(t("Showing: {countries}", countries=_escape(", ".join(names.get(c, c) for c in selected))))

    page_sections("energy_water", result, [
        PagePart("map", t("Map"), t("Projects on the map"), ("projects", "places", "sources"),
                 lambda tables: map_section(tables, selected, countries)),
        PagePart("projects", t("Projects"), t("Projects and what the sources say"), ("projects", "sources"),
                 lambda tables: projects_part(result, tables, selected)),
        PagePart("caspian", t("Caspian"), t("The Caspian Sea"), (),
                 lambda _: caspian_part(result, selected, countries)),
        PagePart("water", t("Water"), t("Water initiatives"), ("figures", "sources"),
                 lambda tables: water_section(tables, selected)),
    ])

render()
