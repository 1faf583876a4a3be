"""Pure queries over the validated tables: DataFrames in, DataFrames or plain values out.

No Streamlit here, so a notebook, the export CLI or a unit test can call every function.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import pandas as pd

from dashboard.i18n import N_, localized
from data.loader import split_list

# The figures the Overview leads with, in the order a speaker would quote them.
HEADLINE_FIGURE_IDS = (
    "c5-trade-11bn",
    "c5-trade-target-15bn",
    "mc-cargo-x6",
    "dostyk-moyinty-x5",
    "rail-corridors-5",
    "ai-students-400k",
)
TRADE_TARGET_FIGURE_ID = "c5-trade-target-15bn"
INTRA_TRADE_METRIC = "intra-ca-trade"
COUNTRY_CA_TRADE_METRIC = "country-ca-trade"

# Sidebar presets: (preset id, group, roles that count).
PRESETS = (
    ("c5", "C5", ("member",)),
    ("ots", "OTS", ("member",)),
    ("ots-observers", "OTS", ("member", "observer")),
)


def country_names(countries: pd.DataFrame | None) -> dict[str, str]:
    """ISO3 -> the country's name in the reader's language (empty when the table is broken)."""
    if countries is None:
        return {}
    return dict(zip(countries["iso3"].astype(str), countries[localized("name")].astype(str), strict=True))


def group_members(groups: pd.DataFrame, group_id: str, roles: tuple[str, ...]) -> list[str]:
    """ISO3 codes of a group's countries with one of `roles`, sorted."""
    rows = groups[(groups["group_id"] == group_id) & groups["role"].isin(roles)]
    return sorted(rows["iso3"].astype(str))


def preset_countries(groups: pd.DataFrame) -> dict[str, list[str]]:
    """Every sidebar preset with its countries, from the groups table."""
    return {preset: group_members(groups, group, roles) for preset, group, roles in PRESETS}


def _concerns(cell: object, selected: set[str]) -> bool:
    items = split_list(cell)
    # A claim that names no country concerns the whole region: it stays in every view.
    return not items or bool(selected.intersection(items))


def figures_for_countries(figures: pd.DataFrame, selected: list[str]) -> pd.DataFrame:
    """The figures that concern at least one selected country (or name none)."""
    chosen = set(selected)
    return figures[figures["countries"].map(lambda cell: _concerns(cell, chosen))]


def headline_figures(figures: pd.DataFrame, selected: list[str]) -> pd.DataFrame:
    """The headline figures present in the data and relevant to the selection, in tile order."""
    by_id = figures_for_countries(figures, selected).set_index("id", drop=False)
    present = [fid for fid in HEADLINE_FIGURE_IDS if fid in by_id.index]
    return by_id.loc[present].reset_index(drop=True)


# id(sources frame) -> (weak reference to it, its rows by source id). The loaded tables are shared
# and never changed in place, so one index per frame serves every rerun (a page looks up hundreds
# of sources; filtering the frame for each took a third of a second).
_SOURCE_ROWS: dict[int, tuple[weakref.ref, dict[str, dict[str, object]]]] = {}


def _source_rows(sources: pd.DataFrame) -> dict[str, dict[str, object]]:
    key = id(sources)
    known = _SOURCE_ROWS.get(key)
    if known is not None and known[0]() is sources:
        return known[1]
    rows: dict[str, dict[str, object]] = {}
    for row in sources.to_dict("records"):
        rows.setdefault(str(row["id"]), row)  # the first row wins, as before
    _SOURCE_ROWS[key] = (weakref.ref(sources, lambda _gone, key=key: _SOURCE_ROWS.pop(key, None)), rows)
    return rows


def source_of(sources: pd.DataFrame, source_id: str) -> dict[str, object]:
    """The source row as a dict (empty dict when the id is unknown)."""
    return dict(_source_rows(sources).get(str(source_id), {}))


def distinct_points(frame: pd.DataFrame, ignore: tuple[str, ...] = ("period",)) -> pd.DataFrame:
    """The rows a chart draws: one per distinct point, whatever columns in `ignore` hold.

    Rows that differ only in, say, the exact period land on the same marker: a chart of a
    million-row table draws each point once instead of stacking thousands of identical markers
    (the data table and its downloads keep every row).
    """
    columns = [column for column in frame.columns if column not in ignore]
    return frame.drop_duplicates(subset=columns) if columns else frame


def figure_value(figures: pd.DataFrame, figure_id: str) -> float | None:
    """The numeric value of one figure, or None when absent or without a number."""
    rows = figures[figures["id"] == figure_id]
    if rows.empty or pd.isna(rows.iloc[0]["value"]):
        return None
    return float(rows.iloc[0]["value"])


def annual_points(series: pd.DataFrame, metric: str, sources: pd.DataFrame) -> pd.DataFrame:
    """Full-year values of one metric, one row per (country, partner, year, source).

    Part-year values are left out because plotting January–October beside full years would
    read as a fall. Rows from different sources are kept apart, never averaged.
    """
    rows = series[(series["metric"] == metric) & (series["period_type"] == "year")]
    by_id = sources.set_index("id")
    publisher = rows["source_id"].map(by_id["publisher"]).fillna(rows["source_id"])
    # Several sources share a publisher (three Silk Way TV reports): the date tells them apart.
    date = rows["source_id"].map(by_id["date"])
    label = publisher.astype("string") + (", " + date.astype("string")).fillna("")
    out = rows.assign(publisher=publisher, source_label=label)
    return out.sort_values(["country", "year", "source_id"]).reset_index(drop=True)


def country_ca_trade(series: pd.DataFrame, sources: pd.DataFrame, selected: list[str]) -> pd.DataFrame:
    """Each selected country's full-year trade with the rest of Central Asia."""
    points = annual_points(series, COUNTRY_CA_TRADE_METRIC, sources)
    return points[points["country"].isin(selected)].reset_index(drop=True)


@dataclass(frozen=True)
class CountryMetric:
    """A country-level quantity the map can colour by."""

    id: str
    label: str
    unit: str


COUNTRY_METRICS = (
    CountryMetric("population", N_("Population"), "people"),
    CountryMetric("gdp_usd", N_("GDP (current USD)"), "USD"),
    CountryMetric("gdp_per_capita", N_("GDP per person (current USD)"), "USD"),
)


def country_metric(countries: pd.DataFrame, metric_id: str) -> pd.DataFrame:
    """iso3, value, year and source ids of one country metric; unknown values stay NaN.

    GDP per person is derived from the two sourced columns (GDP of its year divided by
    population of its year) and carries both sources.
    """
    frame = pd.DataFrame({"iso3": countries["iso3"].astype(str)})
    if metric_id == "population":
        frame["value"] = countries["population"].astype("Float64")
        frame["year"] = countries["population_year"]
        frame["sources"] = countries["population_source_id"]
    elif metric_id == "gdp_usd":
        frame["value"] = countries["gdp_usd"].astype("Float64")
        frame["year"] = countries["gdp_year"]
        frame["sources"] = countries["gdp_source_id"]
    elif metric_id == "gdp_per_capita":
        frame["value"] = countries["gdp_usd"].astype("Float64") / countries["population"].astype("Float64")
        frame["year"] = countries["gdp_year"]
        frame["sources"] = countries["gdp_source_id"].astype("string") + ";" + countries[
            "population_source_id"
        ].astype("string")
    else:
        raise ValueError(f"unknown country metric {metric_id!r}")
    return frame.reset_index(drop=True)


def mapped_places(places: pd.DataFrame) -> pd.DataFrame:
    """Places that have coordinates (the others cannot be drawn and are not guessed)."""
    return places.dropna(subset=["lat", "lon"]).reset_index(drop=True)


def route_paths(routes: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """One row per route with the coordinates of its stops that have them, in order.

    `missing` lists stops without coordinates: the drawn line skips them, and the table
    under the map says so instead of inventing a position.
    """
    located = mapped_places(places).set_index("id")
    rows = []
    for route in routes.itertuples(index=False):
        stops = split_list(route.stops)
        drawn = [stop for stop in stops if stop in located.index]
        rows.append(
            {
                "id": route.id,
                "kind": route.kind,
                "status": route.status,
                "verified": bool(route.verified) and all(bool(located.loc[s, "verified"]) for s in drawn),
                "lats": [float(located.loc[s, "lat"]) for s in drawn],
                "lons": [float(located.loc[s, "lon"]) for s in drawn],
                "missing": [stop for stop in stops if stop not in located.index],
            }
        )
    return pd.DataFrame(rows, columns=["id", "kind", "status", "verified", "lats", "lons", "missing"])


def related_figures(figures: pd.DataFrame, figure_id: str) -> pd.DataFrame:
    """Other claims about the same metric and subject: what other sources say."""
    row = figures[figures["id"] == figure_id]
    if row.empty:
        return figures.iloc[0:0]
    metric, subject = row.iloc[0]["metric"], row.iloc[0]["subject"]
    same = figures[(figures["metric"] == metric) & (figures["id"] != figure_id)]
    if not pd.isna(subject):
        same = same[same["subject"] == subject]
    return same.reset_index(drop=True)


def series_values(series: pd.DataFrame, metric: str, year: int) -> pd.DataFrame:
    """Every full-year value of a metric for one year, one row per source."""
    rows = series[(series["metric"] == metric) & (series["year"] == year) & (series["period_type"] == "year")]
    return rows.reset_index(drop=True)


@dataclass(frozen=True)
class Growth:
    """A multiple recomputed from a series, with everything needed to show the sum."""

    source_id: str
    start_year: int
    end_year: int
    start_value: float
    end_value: float
    unit: str

    @property
    def multiple(self) -> float:
        return self.end_value / self.start_value


def growth_multiples(series: pd.DataFrame, metric: str, span: int) -> list[Growth]:
    """Every `span`-year multiple a single source's full-year values allow, newest first.

    Each multiple uses two values of the same source, so definitions never get mixed.
    """
    rows = series[(series["metric"] == metric) & (series["period_type"] == "year")]
    found = []
    for source_id, group in rows.groupby("source_id", sort=True):
        by_year = dict(zip(group["year"].astype(int), group["value"].astype(float), strict=True))
        unit = str(group.iloc[0]["unit"])
        for end in sorted(by_year, reverse=True):
            start = end - span
            if start in by_year and by_year[start] > 0:
                found.append(Growth(str(source_id), start, end, by_year[start], by_year[end], unit))
    return sorted(found, key=lambda growth: (-growth.end_year, growth.source_id))
