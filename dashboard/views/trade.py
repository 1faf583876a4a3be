"""Trade: intra-regional trade against its targets, the growth still needed, Kazakhstan's bilateral trade."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import data_access, state
from dashboard.charts.region_map import MapLayers
from dashboard.charts.trade import (
    bilateral_chart,
    country_ca_chart,
    growth_chart,
    intra_trade_chart,
    partner_trade_map,
    side_label,
)
from dashboard.components.charts import show_chart
from dashboard.components.data_table import data_table
from dashboard.components.map_click import country_click_handler
from dashboard.components.page_sections import PagePart, page_sections
from dashboard.components.sources import source_details, unverified_label
from dashboard.escaping import md_text as _escape  # data shown as text, never Markdown
from dashboard.escaping import plotly_text
from dashboard.formatting import number
from dashboard.i18n import N_, t
from dashboard.memo import memoized
from dashboard.queries import country_names, distinct_points
from dashboard.queries import trade as tq
from dashboard.slides import figure_source
from geo.boundaries import BoundariesError

MAP_KEY = "trade_map"
TURKIYE_WEST = 25.0
NO_SOURCE_MIX = N_("Each source is its own series; values are never averaged.")


def _mark(verified: object) -> str:
    return "" if bool(verified) else unverified_label()


def _percent(rate: float) -> str:
    return f"{number(rate * 100, 2)} %"


def _sources_line(labels: list[str]) -> str:
    named = list(dict.fromkeys(str(label) for label in labels))
    return t("Sources: {sources}.", sources="; ".join(_escape(name) for name in named)) if named else ""


def _quoted_figures_block(figures: pd.DataFrame, sources: pd.DataFrame) -> None:
    """The targets and quoted values drawn on the trend, each with its source one click away."""
    columns = st.columns(max(1, len(figures)))
    for column, (_, figure) in zip(columns, figures.iterrows(), strict=False):
        with column.container(border=True):
            kind = t("Target") if figure["kind"] == "target" else t("Reported by the heads of state")
            period = "" if pd.isna(figure["period"]) else f" ({_escape(figure['period'])})"
            st.metric(kind + period, t("USD {value} bn", value=number(figure["value"])))
            caption = _escape(figure_source(figure, sources))
            if not bool(figure["verified"]):
                caption += f" · {unverified_label()}"
            st.caption(caption)
            with st.popover(t("Source and quote"), width="stretch"):
                source_details(figure, sources)


class IntraModel(NamedTuple):
    figure: go.Figure
    source_line: str
    shown_figures: pd.DataFrame
    table: pd.DataFrame


@memoized
def intra_model(series: pd.DataFrame, sources: pd.DataFrame, figures: pd.DataFrame | None) -> IntraModel:
    """Everything the intra-regional section draws: the same for every selection."""
    points = tq.metric_points(series, tq.INTRA_METRIC, sources)
    points = points[points["country"] == "C5"]
    others = tq.non_annual_points(series, tq.INTRA_METRIC, sources)
    others = others[others["country"] == "C5"]
    targets = pd.DataFrame(columns=["value", "text"])
    quoted = pd.DataFrame(columns=["year", "value", "text"])
    shown_figures = pd.DataFrame()
    if figures is not None:
        target_rows = tq.figures_by_id(figures, tq.TARGET_FIGURE_IDS)
        targets = pd.DataFrame(
            {
                "value": target_rows["value"].astype(float),
                "text": [
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
                    + f"<br>{plotly_text(figure_source(row, sources))}"
                    for _, row in quoted_rows.iterrows()
                ],
            }
        )
        shown_figures = pd.concat([quoted_rows, target_rows], ignore_index=True)
    labels = list(points["label"]) + list(others["label"])
    if not shown_figures.empty:
        labels += [figure_source(row, sources) for _, row in shown_figures.iterrows()]
    table = pd.concat([points, others], ignore_index=True)
    shown = pd.DataFrame(
        {
            t("Shown as"): t("Reported value"),
            t("Period"): table["period"],
            t("Kind of period"): table["period_type"],
            t("Value, bn USD"): table["value"],
            t("Whose statistics"): table["reporter"],
            t("Source"): table["label"],
            t("Source id"): table["source_id"],
            t("Quote"): table["quote"],
            t("Check"): table["verified"].map(_mark),
        }
    )
    if not shown_figures.empty:
        quoted_table = pd.DataFrame(
            {
                t("Shown as"): shown_figures["kind"].map(
                    lambda kind: t("Target (line)") if kind == "target" else t("Quoted figure (star)")
                ),
                t("Period"): shown_figures["period"],
                t("Kind of period"): "",
                t("Value, bn USD"): shown_figures["value"],
                t("Whose statistics"): "",
                t("Source"): [figure_source(row, sources) for _, row in shown_figures.iterrows()],
                t("Source id"): shown_figures["source_id"],
                t("Quote"): shown_figures["quote"],
                t("Check"): shown_figures["verified"].map(_mark),
            }
        )
        shown = pd.concat([shown, quoted_table], ignore_index=True)
    return IntraModel(
        figure=intra_trade_chart(distinct_points(points), distinct_points(others), targets, quoted),
        source_line=_sources_line(labels) + " " + t(NO_SOURCE_MIX),
        shown_figures=shown_figures,
        table=shown,
    )


def intra_trade_section(tables: dict[str, pd.DataFrame], figures: pd.DataFrame | None, selected: list[str]) -> None:
    """Intra-regional trade by year and source against the 15 bn and 20 bn targets."""
    c5 = {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    if not c5.intersection(selected):
        st.info(t("None of the Central Asian five is selected; the regional total is shown for reference."))
    model = intra_model(tables["series"], tables["sources"], figures)
    if figures is None:
        st.caption(t("The figures table is not available: targets and quoted figures are not drawn."))
    show_chart(model.figure, key="trade_intra", source_line=model.source_line)
    if not model.shown_figures.empty:
        _quoted_figures_block(model.shown_figures, tables["sources"])
    data_table(model.table, key="trade-intra")


def growth_section(tables: dict[str, pd.DataFrame]) -> None:
    """The growth a target needs by a chosen year, beside the pace one source shows so far."""
    series, sources, figures = tables["series"], tables["sources"], tables["figures"]
    options = growth_options(series, sources, figures)
    if options is None:
        st.info(t("The data holds no trade target or no full-year regional total to compute from."))
        return
    by_id, bases, paces = options.by_id, options.bases, options.paces
    choice_ids, target_labels, base_labels = options.choice_ids, options.target_labels, options.base_labels
    left, middle, right = st.columns(3)
    target_id = left.segmented_control(
        t("Target"),
        options=choice_ids,
        format_func=target_labels.get,
        default=tq.DEFAULT_TARGET_ID if tq.DEFAULT_TARGET_ID in choice_ids else choice_ids[0],
        required=True,
        key=state.kept("trade_growth_target"),
    )
    target_year = middle.slider(t("Target year"), min_value=2025, max_value=2035, value=2030,
                                key=state.kept("trade_growth_year"))
    base_index = right.selectbox(
        t("Start from (latest full year of a source)"),
        options=list(range(len(bases))),
        format_func=base_labels.get,
        key=state.kept("trade_growth_base"),
    )
    target = by_id.loc[target_id]
    base = bases.loc[base_index]
    base_value, base_year = float(base["value"]), int(base["year"])
    target_value = float(target["value"])
    rate = tq.required_growth(base_value, base_year, target_value, target_year)
    st.caption(
        t("Target: USD {value} bn, stated by {source}. No target year was given; the year is your choice.",
          value=number(target_value), source=_escape(figure_source(target, sources)))
    )

    pace, pace_index = None, None
    if not paces.empty:
        pace_index = st.selectbox(
            t("Pace achieved so far (two full years of the same source)"),
            options=list(range(len(paces))),
            format_func=options.pace_labels.get,
            key=state.kept("trade_growth_pace"),
        )
        pace = paces.loc[pace_index]

    needed_col, pace_col = st.columns(2)
    with needed_col.container(border=True):
        if rate is None:
            st.metric(t("Growth needed per year"), "—")
            st.warning(t("Choose a target year after {year}, the year of the starting value.", year=base_year))
        else:
            st.metric(t("Growth needed per year"), _percent(rate))
            st.markdown(
                t(
                    "From **USD {base} bn in {base_year}** ({source}) to **USD {target} bn by {target_year}**: "
                    "({target} ÷ {base})^(1 ÷ {years}) − 1 = **{rate}** a year.",
                    base=number(base_value),
                    base_year=base_year,
                    source=_escape(base["label"]),
                    target=number(target_value),
                    target_year=target_year,
                    years=target_year - base_year,
                    rate=_percent(rate),
                )
            )
            if rate <= 0:
                st.success(t("The starting value already meets this target."))
    with pace_col.container(border=True):
        if pace is None:
            st.metric(t("Pace achieved so far"), "—")
            st.caption(t("No source in the data gives two full years of the regional total."))
        else:
            st.metric(t("Pace achieved so far"), _percent(float(pace["rate"])))
            st.markdown(
                t(
                    "{source}: USD {start} bn in {start_year} → USD {end} bn in {end_year}: "
                    "({end} ÷ {start})^(1 ÷ {years}) − 1 = **{rate}** a year.",
                    source=_escape(pace["label"]),
                    start=number(pace["start_value"]),
                    start_year=int(pace["start_year"]),
                    end=number(pace["end_value"]),
                    end_year=int(pace["end_year"]),
                    years=int(pace["end_year"]) - int(pace["start_year"]),
                    rate=_percent(float(pace["rate"])),
                )
            )
            if not bool(pace["verified"]):
                st.caption(unverified_label())
    if rate is not None and pace is not None:
        reached = tq.year_reached(base_value, base_year, target_value, float(pace["rate"]))
        verdict = (
            t("At the pace achieved so far the target would be reached during {year}.", year=int(reached))
            if reached is not None
            else t("At the pace achieved so far the target would not be reached.")
        )
        st.markdown(
            verdict + " " + t(
                "The pace comes from {pace_source}, the start value from {base_source}; the two may count trade "
                "differently.",
                pace_source=_escape(pace["label"]),
                base_source=_escape(base["label"]),
            )
        )
    if rate is None:
        return
    chart = growth_chart_model(series, sources, figures, str(target_id), int(target_year), int(base_index), pace_index)
    show_chart(chart.figure, key="trade_growth", source_line=chart.source_line)
    data_table(chart.table, key="trade-growth")


class GrowthOptions(NamedTuple):
    by_id: pd.DataFrame
    bases: pd.DataFrame
    paces: pd.DataFrame
    choice_ids: list[str]
    target_labels: dict[str, str]
    base_labels: dict[int, str]
    pace_labels: dict[int, str]


@memoized
def growth_options(series: pd.DataFrame, sources: pd.DataFrame, figures: pd.DataFrame) -> GrowthOptions | None:
    """The targets, starting values and paces to choose from, with their labels (None: nothing to compute)."""
    choices = tq.target_choices(figures)
    bases = tq.base_options(series, sources)
    if choices.empty or bases.empty:
        return None
    choice_ids = list(choices["id"])
    by_id = choices.set_index("id", drop=False)
    # Labels are built here, in the script's thread where the reader's language is set, not
    # inside format_func, which a test harness may call from another thread.
    target_labels = {fid: t("USD {value} bn", value=number(by_id.loc[fid, "value"])) for fid in choice_ids}
    base_labels = {
        i: t(
            "USD {value} bn in {year} — {source}",
            value=number(bases.loc[i, "value"]),
            year=int(bases.loc[i, "year"]),
            source=bases.loc[i, "label"],
        )
        for i in range(len(bases))
    }
    paces = tq.pace_options(series, sources)
    pace_labels = {
        i: t(
            "{source}: {start} → {end}",
            source=paces.loc[i, "label"],
            start=int(paces.loc[i, "start_year"]),
            end=int(paces.loc[i, "end_year"]),
        )
        for i in range(len(paces))
    }
    return GrowthOptions(by_id, bases, paces, choice_ids, target_labels, base_labels, pace_labels)


class ChartModel(NamedTuple):
    figure: go.Figure
    source_line: str
    table: pd.DataFrame


@memoized
def growth_chart_model(
    series: pd.DataFrame,
    sources: pd.DataFrame,
    figures: pd.DataFrame,
    target_id: str,
    target_year: int,
    base_index: int,
    pace_index: int | None,
) -> ChartModel:
    """The paths to the chosen target: needed, and at the pace achieved; the chart and its table."""
    options = growth_options(series, sources, figures)
    target, base = options.by_id.loc[target_id], options.bases.loc[base_index]
    pace = options.paces.loc[pace_index] if pace_index is not None else None
    base_value, base_year, target_value = float(base["value"]), int(base["year"]), float(target["value"])
    rate = tq.required_growth(base_value, base_year, target_value, target_year)
    actual = tq.metric_points(series, tq.INTRA_METRIC, sources)
    actual = actual[(actual["country"] == "C5") & (actual["source_id"] == base["source_id"])]
    required = tq.growth_path(base_value, base_year, rate, target_year)
    pace_path = tq.growth_path(base_value, base_year, float(pace["rate"]), target_year) if pace is not None else None
    target_text = t("Target USD {value} bn", value=number(target_value))
    figure = growth_chart(distinct_points(actual), required, pace_path, target_value, target_text, str(base["label"]))
    source_line = (
        _sources_line(
            [str(base["label"]), figure_source(target, sources)] + ([str(pace["label"])] if pace is not None else [])
        )
        + " "
        + t("The dashed and dotted lines are arithmetic from the stated rates, not forecasts.")
    )
    frame = required.rename(columns={"value": "required"})
    if pace_path is not None:
        frame = frame.merge(pace_path.rename(columns={"value": "at_pace"}), on="year")
    frame = frame.rename(
        columns={
            "year": t("Year"),
            "required": t("Path the target needs, bn USD"),
            "at_pace": t("Path at the pace achieved, bn USD"),
        }
    )
    return ChartModel(figure, source_line, frame.round(3))


class BilateralModel(NamedTuple):
    partners: list[str]
    figure: go.Figure | None
    source_line: str
    table: pd.DataFrame | None
    differ: pd.DataFrame | None


@memoized
def bilateral_model(
    series: pd.DataFrame, sources: pd.DataFrame, countries: pd.DataFrame | None, selected: tuple[str, ...]
) -> BilateralModel:
    """Kazakhstan's trade with the partners the selection asks for: chart, table and disagreements."""
    names = country_names(countries)
    partners = tq.bilateral_partners(series, list(selected))
    if not partners:
        return BilateralModel(partners, None, "", None, None)
    points = tq.bilateral_points(series, sources, partners)
    source_line = (
        _sources_line(list(points["label"]))
        + " "
        + t("Filled markers: full years (joined per reporter). Open markers: part of a year, never joined.")
    )
    table = pd.DataFrame(
        {
            t("Partner"): points["partner"].map(lambda p: names.get(p, p)),
            t("Period"): points["period"],
            t("Kind of period"): points["period_type"],
            t("Value, bn USD"): points["value"],
            t("Whose statistics"): points["side"].map(side_label),
            t("Reporter"): points["reporter"],
            t("Source"): points["label"],
            t("Quote"): points["quote"],
            t("Check"): points["verified"].map(_mark),
        }
    )
    differ = tq.bilateral_disagreements(points)
    shown = None
    if not differ.empty:
        shown = pd.DataFrame(
            {
                t("Year"): differ["year"],
                t("Partner"): differ["partner"].map(lambda p: names.get(p, p)),
                t("Kazakhstan's statistics (source)"): differ["kaz_reported"],
                t("Partner's statistics (source)"): differ["partner_reported"],
                t("Reporter not stated (source)"): differ["reporter_not_stated"],
                t("Largest gap, bn USD"): differ["difference"],
            }
        )
    return BilateralModel(partners, bilateral_chart(distinct_points(points), names), source_line, table, shown)


def bilateral_section(tables: dict[str, pd.DataFrame], selected: list[str], names: dict[str, str],
                      countries: pd.DataFrame | None) -> None:
    """Kazakhstan's trade with each partner, both sides' statistics side by side."""
    model = bilateral_model(tables["series"], tables["sources"], countries, tuple(selected))
    partners = model.partners
    if not partners:
        st.info(t("The data holds no bilateral trade values."))
        return
    if not set(partners).intersection(selected):
        if tq.HOME in selected:
            st.caption(t("No partner of Kazakhstan is selected besides Kazakhstan: every partner is shown."))
        else:
            st.info(
                t(
                    "The data holds bilateral trade for Kazakhstan's partners only, and none of them is selected: "
                    "Kazakhstan's trade with every partner is shown."
                )
            )
    st.caption(t("Partners shown: {partners}", partners=_escape(", ".join(names.get(p, p) for p in partners))))
    show_chart(model.figure, key="trade_bilateral", source_line=model.source_line)
    data_table(model.table, key="trade-bilateral")
    st.subheader(t("Where the two sides differ"))
    if model.differ is None:
        st.caption(t("For the partners shown, no full year has two different values."))
    else:
        data_table(model.differ, key="trade-bilateral-differ", expanded=True,
                   label=t("Full years with two different values: {rows}", rows=len(model.differ)))
        st.caption(t("Both values stand; neither is preferred and they are never averaged."))


class MapModel(NamedTuple):
    figure: go.Figure
    source_line: str
    table: pd.DataFrame


@memoized
def partner_map_model(
    series: pd.DataFrame, sources: pd.DataFrame, countries: pd.DataFrame | None, boundaries: dict,
    geojson_url: str | None,
) -> MapModel:
    """Partner countries coloured by their latest full-year trade with Kazakhstan (every partner, any filter)."""
    names = country_names(countries)
    partners = tq.bilateral_partners(series, [])
    metric = tq.partner_trade_metric(tq.bilateral_points(series, sources, partners))
    not_stated = t("reporter not stated")
    metric = metric.assign(
        sources=[
            f"{row.label} — "
            + (t("{country}'s statistics", country=names.get(row.reporter, row.reporter)) if row.reporter
               else not_stated)
            + ("" if row.verified else f" ⚠ {t('unverified')}")
            for row in metric.itertuples(index=False)
        ]
    )
    map_names = dict(names)
    for feature in boundaries["features"]:
        map_names.setdefault(str(feature["id"]), str(feature["properties"].get("name_en", feature["id"])))
    empty_routes = pd.DataFrame(columns=["id", "kind", "status", "verified", "lats", "lons", "missing", "name"])
    empty_places = pd.DataFrame(columns=["name", "kind", "kind_label", "lat", "lon", "verified"])
    layers = MapLayers(
        boundaries=boundaries,
        geojson_url=geojson_url,
        country_names=map_names,
        metric=metric[["iso3", "value", "year", "sources"]],
        metric_label=t("Trade with Kazakhstan, bn USD"),
        selected=[tq.HOME, *partners],
        routes=empty_routes,
        places=empty_places,
    )
    # Türkiye lies west of the default view; widen it when Türkiye has a value.
    west = TURKIYE_WEST if "TUR" in set(metric["iso3"]) else None
    source_line = (
        _sources_line(list(metric["label"]))
        + " "
        + t(
            "Latest full year per partner; Kazakhstan's statistics where that year has them. "
            "Boundaries: Natural Earth 1:50m. Click a country to add it to the filter or remove it."
        )
    )
    table = pd.DataFrame(
        {
            t("Partner"): metric["iso3"].map(lambda p: names.get(p, p)),
            t("Year"): metric["year"],
            t("Value, bn USD"): metric["value"],
            t("Whose statistics"): metric["reporter"].map(lambda r: names.get(r, r) if r else not_stated),
            t("Source"): metric["label"],
            t("Check"): metric["verified"].map(_mark),
        }
    )
    return MapModel(partner_trade_map(layers, west), source_line, table)


def partner_map_section(tables: dict[str, pd.DataFrame], selected: list[str], countries: pd.DataFrame | None) -> None:
    """Partner countries coloured by their latest full-year trade with Kazakhstan."""
    boundaries = data_access.boundaries()
    if isinstance(boundaries, BoundariesError):
        st.error(t("The map cannot be drawn: {reason}", reason=str(boundaries)))
        return
    if tq.HOME not in selected:
        st.info(
            t(
                "Kazakhstan is not selected, but the data holds bilateral trade for Kazakhstan's partners only: "
                "the map shows trade with Kazakhstan."
            )
        )
    # The map is of trade with Kazakhstan, so it shows every partner; the chart above follows the filter.
    model = partner_map_model(tables["series"], tables["sources"], countries, boundaries, data_access.boundaries_url())
    show_chart(model.figure, key=MAP_KEY, source_line=model.source_line, on_select=country_click_handler(MAP_KEY))
    data_table(model.table, key="trade-map")


class CountryCaModel(NamedTuple):
    countries_with_values: frozenset[str]
    figure: go.Figure | None
    source_line: str
    table: pd.DataFrame | None


@memoized
def country_ca_model(
    series: pd.DataFrame, sources: pd.DataFrame, countries: pd.DataFrame | None, selected: tuple[str, ...]
) -> CountryCaModel:
    """Each selected country's trade with the rest of Central Asia: chart and table."""
    names = country_names(countries)
    points = tq.country_ca_points(series, sources, list(selected))
    if points.empty:
        return CountryCaModel(frozenset(), None, "", None)
    source_line = (
        _sources_line(list(points["label"])) + " " + t("Open markers: part of a year, never joined to full years.")
    )
    table = pd.DataFrame(
        {
            t("Country"): points["country"].map(lambda c: names.get(c, c)),
            t("Period"): points["period"],
            t("Kind of period"): points["period_type"],
            t("Value, bn USD"): points["value"],
            t("Whose statistics"): points["reporter"],
            t("Source"): points["label"],
            t("Quote"): points["quote"],
            t("Check"): points["verified"].map(_mark),
        }
    )
    return CountryCaModel(
        frozenset(points["country"]), country_ca_chart(distinct_points(points), names), source_line, table
    )


def country_ca_section(tables: dict[str, pd.DataFrame], selected: list[str], names: dict[str, str],
                       countries: pd.DataFrame | None) -> None:
    """Each selected country's trade with the rest of Central Asia."""
    model = country_ca_model(tables["series"], tables["sources"], countries, tuple(selected))
    if model.figure is None:
        st.info(t("The data holds no trade-with-Central-Asia values for the selected countries."))
        return
    missing = [code for code in selected if code not in model.countries_with_values]
    if missing:
        st.caption(t("No values for: {countries}", countries=_escape(", ".join(names.get(c, c) for c in missing))))
    show_chart(model.figure, key="trade_country_ca", source_line=model.source_line)
    data_table(model.table, key="trade-country-ca")


def render() -> None:
    """Draw the page."""
    st.title(t("Trade"))
    result = data_access.tables()
    selected = state.selected_countries()
    names = country_names(result.tables.get("countries"))
    if not selected:
        st.info(t("No country is selected: choose countries or a group in the sidebar."))
    else:
        st.caption(t("Showing: {countries}", countries=_escape(", ".join(names.get(c, c) for c in selected))))

    countries = result.tables.get("countries")
    figures = result.tables.get("figures")
    page_sections("trade", result, [
        PagePart("intra", t("Regional total"), t("Intra-regional trade"), ("series", "sources"),
                 lambda tables: intra_trade_section(tables, figures, selected)),
        PagePart("growth", t("Growth needed"), t("Growth still needed"), ("series", "sources", "figures"),
                 growth_section),
        PagePart("neighbours", t("Neighbours"), t("Kazakhstan's trade with its neighbours"), ("series", "sources"),
                 lambda tables: bilateral_section(tables, selected, names, countries)),
        PagePart("map", t("Map"), t("Trade with Kazakhstan on the map"), ("series", "sources"),
                 lambda tables: partner_map_section(tables, selected, countries)),
        PagePart("countries", t("By country"), t("Each country's trade with the rest of Central Asia"),
                 ("series", "sources"), lambda tables: country_ca_section(tables, selected, names, countries)),
    ])

render()
