"""Energy and water: the projects on a map and in a table, where sources disagree, the falling Caspian, water."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data_access, state
from dashboard.charts.energy_water import caspian_level_chart, change_bars, project_map, status_label
from dashboard.charts.region_map import MapLayers
from dashboard.components.charts import show_chart
from dashboard.components.data_table import data_table
from dashboard.components.errors import require, section
from dashboard.components.map_click import country_click_handler
from dashboard.components.sources import source_details, unverified_label
from dashboard.escaping import md_text as _escape  # data shown as text, never Markdown
from dashboard.formatting import is_missing, iso_date, number
from dashboard.i18n import localized, t, translation_column
from dashboard.queries import country_names, mapped_places
from dashboard.queries import energy_water as q
from data.loader import split_list
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


def _hidden_caption(before: int, after: int, message: str) -> None:
    """Say how much the country filter hides; `message` has {count} and {total} placeholders."""
    if before > after:
        st.caption(message.format(count=before - after, total=before))


# --- The map -------------------------------------------------------------------------------


def map_section(tables: dict[str, pd.DataFrame], selected: list[str], names: dict[str, str]) -> None:
    """Projects with a sourced position as markers; the others listed, their countries shaded."""
    boundaries = data_access.boundaries()
    if isinstance(boundaries, BoundariesError):
        st.error(t("The map cannot be drawn: {reason}", reason=str(boundaries)))
        return
    # Marker sizes are scaled on every project, so a marker keeps its size whatever the filter.
    every = q.energy_projects(tables["projects"], None)
    projects = q.energy_projects(tables["projects"], selected)
    _hidden_caption(len(every), len(projects),
                    t("{count} of {total} projects involve only countries that are not selected and are hidden."))
    positions = q.project_positions(projects, tables["places"])
    positions = positions.assign(name=positions[localized("name")])
    country_names = dict(names)
    for feature in boundaries["features"]:
        country_names.setdefault(str(feature["id"]), str(feature["properties"].get("name_en", feature["id"])))
    capitals = mapped_places(tables["places"])
    capitals = capitals[capitals["kind"] == "capital"]
    capitals = capitals.assign(name=capitals[localized("name")], kind_label=t("capital"))
    layers = MapLayers(
        boundaries=boundaries,
        geojson_url=data_access.boundaries_url(),
        country_names=country_names,
        metric=q.projects_per_country(projects),
        metric_label=t("Energy and water projects"),
        selected=selected,
        routes=pd.DataFrame(columns=ROUTE_COLUMNS),
        places=capitals,
    )
    figure = project_map(layers, positions, q.family_maxima(every))
    project_sources = q.with_sources(positions[["source_id"]].drop_duplicates(), tables["sources"])
    placed = positions[positions["placed"]]
    place_source_ids = tables["places"].set_index("id")["source_id"]
    place_sources = q.with_sources(
        pd.DataFrame({"name": placed[localized("name")], "source_id": placed["place_id"].map(place_source_ids)}),
        tables["sources"],
    )
    show_chart(
        figure,
        key=MAP_KEY,
        source_line=t(
            "Boundaries: Natural Earth 1:50m (public domain). Projects, capacities and statuses: {projects}. "
            "Positions: {places}. Countries are shaded by the number of selected projects they take part in. "
            "Click a country to add it to the filter or remove it.",
            projects="; ".join(_escape(name) for name in dict.fromkeys(project_sources["source_name"].astype(str)))
            or "—",
            places="; ".join(_escape(f"{row.name} ({row.source_name})") for row in place_sources.itertuples()) or "—",
        ),
        on_select=country_click_handler(MAP_KEY),
    )
    st.caption(
        t(
            "Marker area shows capacity: electric capacity in MW (GW × 1,000), gas in bcm/yr on its own "
            "scale (diamonds); the two are never compared. Colour shows status."
        )
    )
    unplaced = positions[~positions["placed"]]
    if not unplaced.empty:
        st.markdown(f"**{t('Not on the map: no source gives a position')}**")
        for row in unplaced.to_dict("records"):
            capacity = (
                f" — {number(row['capacity_value'])} {row['capacity_unit']}" if not is_missing(row["capacity_value"])
                else ""
            )
            st.markdown(
                f"- {_escape(str(row['name_en']))} ({_escape(_names_of(row['countries'], names))}; "
                f"{_escape(status_label(str(row['status'])))}){_escape(capacity)}"
            )
    shown = positions.assign(
        countries=positions["countries"].map(lambda cell: _names_of(cell, names)),
        status=positions["status"].map(lambda s: status_label(str(s))),
        verified=positions["verified"].map(lambda v: "" if bool(v) else unverified_label()),
    )[[localized("name"), "sector", "countries", "status", "capacity_value", "capacity_unit", "capacity_comparable",
       "family", "placed", "place_name", "lat", "lon", "source_id", "verified"]]
    data_table(shown, "energy-water-map")


# --- Projects and disagreements ------------------------------------------------------------


def projects_section(tables: dict[str, pd.DataFrame], selected: list[str]) -> pd.DataFrame:
    """The projects table with its CSV download; returns the projects shown."""
    projects = q.energy_projects(tables["projects"], selected)
    if projects.empty:
        st.info(t("No energy or water project in the data involves the selected countries."))
        return projects
    table = q.projects_table(projects, tables["sources"])
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
            t("Verified"): table["verified"].map(lambda v: "" if bool(v) else unverified_label()),
        }
    )
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
    return projects


def _figure_card(figure: pd.Series, sources: pd.DataFrame) -> None:
    with st.container(border=True):
        st.markdown(f"**{_escape(statement(figure))}**")
        st.caption(_escape(_source_caption(figure["source_name"], figure["source_date"], bool(figure["verified"]))))
        if not is_missing(figure.get("note")):
            st.caption(_escape(str(figure["note"])))
        with st.popover(t("Source and quote"), width="stretch"):
            source_details(figure, sources)


def disagreements_section(
    projects: pd.DataFrame, tables: dict[str, pd.DataFrame], metrics: pd.DataFrame | None
) -> None:
    """For each project, every figure about it; those that disagree side by side."""
    figures, sources = tables["figures"], tables["sources"]
    for project in projects.to_dict("records"):
        rows = q.with_sources(q.project_figures(figures, str(project["id"]), metrics), sources)
        with st.container(border=True):
            st.subheader(_escape(str(project[localized("name")])))
            if rows.empty:
                st.caption(t("No other figure in the data is about this project."))
                continue
            conflicts = rows[rows["disagreement"].notna()]
            if conflicts.empty:
                st.caption(t("The sources in the data do not contradict each other on this project."))
            for _, group in conflicts.groupby("disagreement", sort=True):
                st.markdown(
                    f"**{t('Sources disagree')}: {_escape(str(group.iloc[0]['metric_name']))}** "
                    f"({t('{count} statements, shown side by side, never averaged', count=len(group))})"
                )
                columns = st.columns(len(group))
                for column, (_, figure) in zip(columns, group.iterrows(), strict=True):
                    with column:
                        _figure_card(figure, sources)
            shown = pd.DataFrame(
                {
                    t("What"): rows["metric_name"],
                    t("Statement"): rows.apply(statement, axis=1),
                    t("Kind"): rows["kind"].map(lambda k: _kind_label(str(k))),
                    t("Source"): rows["source_name"],
                    t("Source date"): rows["source_date"].fillna(""),
                    t("Disagreement"): rows["disagreement"].map(lambda n: "" if pd.isna(n) else t("yes ({n})", n=n)),
                    t("Verified"): rows["verified"].map(lambda v: "" if bool(v) else unverified_label()),
                    t("Note"): rows["note"].fillna(""),
                }
            )
            data_table(shown, f"energy-water-figures-{project['id']}",
                       label=t("All {rows} figures about this project", rows=len(shown)))


# --- The Caspian ----------------------------------------------------------------------------


def caspian_level_section(tables: dict[str, pd.DataFrame], selected: list[str], names: dict[str, str]) -> None:
    """The level readings, every source and reporter apart."""
    series = tables["series"]
    levels = q.caspian_levels(series, tables["sources"], selected)
    reporting = sorted(set(series.loc[series["metric"] == q.CASPIAN_LEVEL_METRIC, "country"].astype(str)))
    if levels.empty:
        st.info(
            t("The level readings in the data are reported for {countries}; none of them is selected.",
              countries=_escape(", ".join(names.get(c, c) for c in reporting)))
        )
        return
    show_chart(
        caspian_level_chart(levels),
        key="energy_water_caspian_level",
        source_line=t(
            "Sources: {sources}. Filled circles: full-year values; open diamonds: readings of a month or a "
            "week. Each source and reporter is its own series; station groups differ, so readings are not "
            "joined by lines.",
            sources="; ".join(_escape(name) for name in dict.fromkeys(levels["source_name"].astype(str))),
        ),
    )
    hidden = sorted(set(reporting) - set(selected))
    if hidden:
        st.caption(t("Readings reported for {countries} are hidden by the filter.",
                     countries=_escape(", ".join(names.get(c, c) for c in hidden))))
    shown = levels.assign(verified=levels["verified"].map(lambda v: "" if bool(v) else unverified_label()))[
        ["country", "period", "period_type", "value", "unit", "reporter", "source_name", "source_date", "source_id",
         "verified", "note"]
    ]
    data_table(shown, "energy-water-caspian-level")


def caspian_change_section(tables: dict[str, pd.DataFrame], selected: list[str]) -> None:
    """The stated falls and rates of fall, with the conflicting ones side by side."""
    sources = tables["sources"]
    changes = q.caspian_changes(tables["figures"], sources, selected)
    if changes.empty:
        st.info(t("No stated change of the Caspian level concerns the selected countries."))
        return
    for unit, title, axis in (
        ("cm", t("Stated falls of the Caspian level, cm (metres converted ×100)"), t("cm over the span stated")),
        ("cm/yr", t("Stated rates of change, cm per year"), t("cm per year")),
    ):
        rows = changes[changes["unit_cm"] == unit]
        if rows.empty:
            continue
        show_chart(
            change_bars(rows, title, axis),
            key=f"energy_water_caspian_{unit.replace('/', '_')}",
            source_line=t("Sources: {sources}. Each bar is one statement as its source gives it; hatched bars are "
                          "unverified.",
                          sources="; ".join(_escape(name) for name in dict.fromkeys(rows["source_name"].astype(str)))),
        )
    conflicts = changes[changes["disagreement"].notna()]
    for number_, group in conflicts.groupby("disagreement", sort=True):
        st.markdown(
            f"**{t('Disagreement {n}', n=number_)}:** "
            + _escape(t("{count} statements that conflict, side by side, never averaged", count=len(group)))
        )
        columns = st.columns(len(group))
        for column, (_, figure) in zip(columns, group.iterrows(), strict=True):
            with column:
                _figure_card(figure, sources)
    shown = changes.assign(
        disagreement=changes["disagreement"].map(lambda n: "" if pd.isna(n) else str(n)),
        verified=changes["verified"].map(lambda v: "" if bool(v) else unverified_label()),
    )[["period", "value", "unit", "value_cm", "unit_cm", "source_name", "source_date", "disagreement", "verified",
       translation_column(), "note", "id"]]
    data_table(shown, "energy-water-caspian-changes")


# --- Water initiatives ----------------------------------------------------------------------


def _badge_label(figure: pd.Series) -> str:
    """What kind of statement a figure is, in words: a proposal, a plan, the status of a proposal, ..."""
    if figure["metric"] == "policy-position":
        return t("assessment")
    if figure["kind"] == "status":
        return t("status of the proposal") if figure["metric"] == "initiative" else t("statement")
    return _kind_label(str(figure["kind"]))


def _initiative_card(figure: pd.Series, sources: pd.DataFrame) -> None:
    with st.container(border=True):
        period = "" if is_missing(figure["period"]) else f" · {_escape(figure['period'])}"
        status = figure["kind"] == "status" and figure["metric"] == "initiative"
        st.badge(f"{_badge_label(figure)}{period}", color="orange" if status else "blue")
        st.markdown(f"> {_escape(str(figure[translation_column()]))}")
        st.caption(_escape(_source_caption(figure["source_name"], figure["source_date"], bool(figure["verified"]))))
        with st.popover(t("Source and quote"), width="stretch"):
            source_details(figure, sources)


def water_section(tables: dict[str, pd.DataFrame], selected: list[str]) -> None:
    """The water initiatives of the speeches and what other sources report about them."""
    figures, sources = tables["figures"], tables["sources"]
    every = q.theme_figures(figures, q.WATER_THEMES, None)
    themes = q.theme_figures(figures, q.WATER_THEMES, selected)
    _hidden_caption(sum(len(rows) for _, rows in every), sum(len(rows) for _, rows in themes),
                    t("{count} of {total} statements concern only countries that are not selected and are hidden."))
    if not themes:
        st.info(t("None of the water initiatives concerns the selected countries."))
        return
    table_rows = []
    for theme, rows in themes:
        rows = q.with_sources(rows, sources)
        with st.container(border=True):
            st.subheader(t(theme.label))
            # Side by side, in the order of the theme: the speech first, then what others report.
            columns = st.columns(min(len(rows), 3))
            for index, (_, figure) in enumerate(rows.iterrows()):
                with columns[index % len(columns)]:
                    _initiative_card(figure, sources)
                table_rows.append(
                    {
                        t("Theme"): t(theme.label),
                        t("Kind"): _badge_label(figure),
                        t("Period"): "" if is_missing(figure["period"]) else str(figure["period"]),
                        t("Statement (English)"): str(figure[translation_column()]),
                        t("Source"): figure["source_name"],
                        t("Source date"): "" if is_missing(figure["source_date"]) else str(figure["source_date"]),
                        t("Verified"): "" if bool(figure["verified"]) else unverified_label(),
                    }
                )
    data_table(pd.DataFrame(table_rows), "energy-water-initiatives")


def render() -> None:
    """Draw the page."""
    st.title(t("Energy and water"))
    result = data_access.tables()
    selected = state.selected_countries()
    names = country_names(result.tables.get("countries"))
    if not selected:
        st.info(t("No country is selected: choose countries or a group in the sidebar."))
    elif names:
        st.caption(t("Showing: {countries}", countries=_escape(", ".join(names.get(c, c) for c in selected))))

    st.header(t("Projects on the map"))
    with section(t("Projects on the map")):
        tables = require(result, "projects", "places", "sources")
        if tables is not None:
            map_section(tables, selected, names)

    st.header(t("Projects and what the sources say"))
    projects = None
    with section(t("Projects and what the sources say")):
        tables = require(result, "projects", "sources")
        if tables is not None:
            projects = projects_section(tables, selected)
    if projects is not None and not projects.empty:
        st.subheader(t("Every figure about each project; disagreements side by side"))
        with section(t("Every figure about each project")):
            tables = require(result, "figures", "sources")
            if tables is not None:
                disagreements_section(projects, tables, result.tables.get("metrics"))

    st.header(t("The Caspian Sea"))
    st.subheader(t("The level over time"))
    with section(t("The Caspian Sea level")):
        tables = require(result, "series", "sources")
        if tables is not None:
            caspian_level_section(tables, selected, names)
    st.subheader(t("How fast it falls: what each source states"))
    with section(t("How fast the Caspian falls")):
        tables = require(result, "figures", "sources")
        if tables is not None:
            caspian_change_section(tables, selected)

    st.header(t("Water initiatives"))
    with section(t("Water initiatives")):
        tables = require(result, "figures", "sources")
        if tables is not None:
            water_section(tables, selected)


render()
