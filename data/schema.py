"""Pandera schemas for every table of data/README.md, and the TABLES registry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

# Patterns are anchored with \Z because pandera's str_matches only anchors the start,
# and `$` would let a trailing newline through.
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ISO3 = r"[A-Z]{3}"
DATE = r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?"
PERIOD = rf"{DATE}(?:/{DATE})?"
GROUP_IDS = ("C5", "OTS")

# The dtype the loader converts each kind of column to; pandera's own "string" means
# pandas 3's NaN-based `str`, and we want pd.NA throughout, like Float64/Int64/boolean.
STRING = pd.StringDtype(na_value=pd.NA)
FLOAT = "Float64"
INT = "Int64"
BOOL = "boolean"


def split_list(cell: object) -> list[str]:
    """The items of a ';'-separated list cell; an empty or missing cell is an empty list."""
    if cell is None or cell is pd.NA or (isinstance(cell, float) and cell != cell) or cell == "":
        return []
    return str(cell).split(";")


def _matches(pattern: str, what: str) -> pa.Check:
    return pa.Check.str_matches(rf"(?:{pattern})\Z", error=f"is not {what}")


def _one_of(*values: str) -> pa.Check:
    return pa.Check.isin(values, error=f"is not one of: {', '.join(values)}")


def _between(low: float, high: float) -> pa.Check:
    return pa.Check.in_range(low, high, error=f"is outside {low}..{high}")


def _at_least(low: float) -> pa.Check:
    return pa.Check.ge(low, error=f"is below {low}")


SLUG_CHECK = _matches(SLUG, "a slug (lowercase a-z, 0-9, single hyphens)")
ISO3_CHECK = _matches(ISO3, "an ISO 3166-1 alpha-3 code (e.g. KAZ)")
ISO3_LIST = _matches(rf"{ISO3}(?:;{ISO3})*", "a ';'-separated list of ISO3 codes (e.g. KAZ;UZB)")
SLUG_LIST = _matches(rf"{SLUG}(?:;{SLUG})*", "a ';'-separated list of slugs, no spaces")
DATE_CHECK = _matches(DATE, "an ISO 8601 date (2024-08-09, 2025-10 or 2026)")
LANG_CHECK = _matches(r"[a-z]{2}", "an ISO 639-1 language code (e.g. kk)")
URL_CHECK = _matches(r"https?://\S+", "an http(s):// address")
YEAR_CHECK = _between(1800, 2100)
LAT_CHECK = _between(-90, 90)
LON_CHECK = _between(-180, 180)


def text(*checks: pa.Check, required: bool = False, unique: bool = False) -> pa.Column:
    """A string column; `required` forbids empty cells."""
    return pa.Column(STRING, list(checks), nullable=not required, unique=unique)


def number(*checks: pa.Check, required: bool = False) -> pa.Column:
    """A float column (plain decimals in the CSV)."""
    return pa.Column(FLOAT, list(checks), nullable=not required)


def integer(*checks: pa.Check, required: bool = False) -> pa.Column:
    """A nullable integer column."""
    return pa.Column(INT, list(checks), nullable=not required)


def flag(required: bool = True) -> pa.Column:
    """A `true`/`false` column."""
    return pa.Column(BOOL, nullable=not required)


@dataclass(frozen=True)
class RowRule:
    """A check across columns of one row, blamed on `column` so the problem names a cell."""

    column: str
    message: str  # formatted with the row's raw cells, e.g. "{year!r} ..."
    test: Callable[[pd.DataFrame], pd.Series]

    @property
    def key(self) -> str:
        """The pandera check error text, unique per table, that maps a failure back to this rule."""
        return f"{self.column}: {self.message}"

    def check(self) -> pa.Check:
        return pa.Check(self.test, error=self.key, ignore_na=False)


def requires(column: str, *when: str) -> RowRule:
    """`column` must be filled in whenever any of `when` is."""

    def test(df: pd.DataFrame) -> pd.Series:
        return ~(df[list(when)].notna().any(axis=1) & df[column].isna())

    given = " or ".join(repr(w) for w in when)
    return RowRule(column, f"required because {given} is given", test)


def _year_ends_period(df: pd.DataFrame) -> pd.Series:
    # `year` is for plotting: the calendar year the period ends in (2024-01/2024-10 -> 2024).
    period = df["period"]
    # Where it counts (a period that matches PERIOD) the text after the last '/' is the end date.
    # A regex replace, unlike str.rsplit, runs without a Python call per row.
    end_year = period.str.replace(r"^.*/", "", regex=True).str.slice(0, 4)
    comparable = period.str.fullmatch(PERIOD).fillna(False) & df["year"].notna()
    differs = (end_year != df["year"].astype(STRING)).fillna(False)
    return ~(comparable & differs).astype(bool)


YEAR_ENDS_PERIOD = RowRule("year", "{year!r} is not the end year of period {period!r}", _year_ends_period)


@dataclass(frozen=True)
class Table:
    """A table's name (file stem), its key columns and its schema."""

    name: str
    key: tuple[str, ...]
    schema: pa.DataFrameSchema
    rules: tuple[RowRule, ...] = ()


def _table(name: str, key: tuple[str, ...], columns: dict[str, pa.Column], *rules: RowRule) -> Table:
    schema = pa.DataFrameSchema(
        columns,
        name=name,
        strict=True,
        # A multi-column key is checked by pandera; a single one by the column's unique=True.
        unique=list(key) if len(key) > 1 else None,
        report_duplicates="all",
        checks=[rule.check() for rule in rules],
    )
    return Table(name, key, schema, rules)


def _dated_or_explained(df: pd.DataFrame) -> pd.Series:
    # Undated web pages and datasets exist, and guessing a date would invent a fact; but a
    # speech is an event with a date, and any other undated source must say why in `note`.
    undated = df["date"].isna()
    is_speech = (df["kind"] == "speech").fillna(False).astype(bool)
    return ~(undated & (is_speech | df["note"].isna()))


SOURCE_DATED = RowRule(
    "date", "a date is required for a {kind!r} source unless its note says why there is none",
    _dated_or_explained,
)

NAMES = {"name_en": text(required=True), "name_ru": text(required=True), "name_kk": text(required=True)}

SOURCES = _table("sources", ("id",), {
    "id": text(SLUG_CHECK, required=True, unique=True),
    "title": text(required=True),
    "publisher": text(required=True),
    "url": text(URL_CHECK),
    "date": text(DATE_CHECK),
    "event": text(),
    "place": text(),
    "speaker": text(),
    "language": text(LANG_CHECK, required=True),
    "kind": text(_one_of("speech", "news", "official", "statistics", "dataset", "reference"), required=True),
    "text_file": text(),
    "note": text(),
}, SOURCE_DATED)

METRICS = _table("metrics", ("id",), {
    "id": text(SLUG_CHECK, required=True, unique=True),
    **NAMES,
    "unit": text(),
    "description": text(),
})

COUNTRIES = _table(
    "countries", ("iso3",), {
        "iso3": text(ISO3_CHECK, required=True, unique=True),
        "iso_numeric": text(_matches(r"\d{3}", "three digits (ISO 3166-1 numeric)"), required=True),
        **NAMES,
        "capital_en": text(),
        "capital_ru": text(),
        "capital_kk": text(),
        "capital_lat": number(LAT_CHECK),
        "capital_lon": number(LON_CHECK),
        "capital_source_id": text(SLUG_CHECK),
        "population": integer(_at_least(0)),
        "population_year": integer(YEAR_CHECK),
        "population_source_id": text(SLUG_CHECK),
        "gdp_usd": number(_at_least(0)),
        "gdp_year": integer(YEAR_CHECK),
        "gdp_source_id": text(SLUG_CHECK),
    },
    requires("capital_lat", "capital_lon"),
    requires("capital_lon", "capital_lat"),
    requires("capital_source_id", "capital_lat", "capital_lon"),
    requires("population_year", "population"),
    requires("population_source_id", "population"),
    requires("gdp_year", "gdp_usd"),
    requires("gdp_source_id", "gdp_usd"),
)

GROUPS = _table("groups", ("group_id", "iso3"), {
    "group_id": text(_one_of(*GROUP_IDS), required=True),
    "iso3": text(ISO3_CHECK, required=True),
    "role": text(_one_of("member", "observer"), required=True),
    "since": text(DATE_CHECK),
    "source_id": text(SLUG_CHECK, required=True),
    "note": text(),
})

PLACES = _table(
    "places", ("id",), {
        "id": text(SLUG_CHECK, required=True, unique=True),
        **NAMES,
        "kind": text(_one_of("capital", "city", "station", "junction", "port", "border_crossing", "dam"),
                     required=True),
        "country": text(ISO3_CHECK, required=True),
        "lat": number(LAT_CHECK),
        "lon": number(LON_CHECK),
        "source_id": text(SLUG_CHECK),
        "verified": flag(),
        "note": text(),
    },
    requires("lat", "lon"),
    requires("lon", "lat"),
    requires("source_id", "lat", "lon"),
)

ROUTES = _table("routes", ("id",), {
    "id": text(SLUG_CHECK, required=True, unique=True),
    **NAMES,
    "kind": text(_one_of("rail_line", "rail_corridor", "sea_route", "multimodal_corridor"), required=True),
    "stops": text(SLUG_LIST, required=True),
    "status": text(_one_of("operating", "under_construction", "planned", "proposed"), required=True),
    "length_km": number(_at_least(0)),
    "construction_start": text(DATE_CHECK),
    "opened": text(DATE_CHECK),
    "planned_completion": text(DATE_CHECK),
    "source_id": text(SLUG_CHECK, required=True),
    "verified": flag(),
    "note": text(),
})

PROJECTS = _table(
    "projects", ("id",), {
        "id": text(SLUG_CHECK, required=True, unique=True),
        **NAMES,
        "sector": text(_one_of("hydropower", "gas", "electricity", "transport", "water", "digital"),
                       required=True),
        "countries": text(ISO3_LIST, required=True),
        "place_id": text(SLUG_CHECK),
        "capacity_value": number(_at_least(0)),
        "capacity_unit": text(),
        "cost_usd_bn": number(_at_least(0)),
        "status": text(_one_of("operating", "partly_operating", "under_construction", "planned", "proposed",
                               "agreed"), required=True),
        "start": text(DATE_CHECK),
        "completion": text(DATE_CHECK),
        "source_id": text(SLUG_CHECK, required=True),
        "verified": flag(),
        "note": text(),
    },
    requires("capacity_unit", "capacity_value"),
)

FIGURES = _table(
    "figures", ("id",), {
        "id": text(SLUG_CHECK, required=True, unique=True),
        "metric": text(SLUG_CHECK, required=True),
        "subject": text(_matches(rf"{SLUG}|{'|'.join(GROUP_IDS)}", "an id (slug) or a group id (C5, OTS)")),
        "value": number(),
        "unit": text(),
        "kind": text(_one_of("actual", "target", "multiple", "count", "plan", "proposal", "project", "document",
                             "event", "status", "estimate", "capacity"), required=True),
        "period": text(),
        "countries": text(ISO3_LIST),
        "source_id": text(SLUG_CHECK, required=True),
        "quote": text(required=True),
        "quote_lang": text(LANG_CHECK, required=True),
        "quote_en": text(required=True),
        "quote_ru": text(required=True),
        "verified": flag(),
        "note": text(),
    },
    requires("unit", "value"),
)

COUNTRY_OR_GROUP = _matches(rf"{ISO3}|C5", "an ISO3 code or a group id (C5, OTS)")

SERIES = _table(
    "series", ("metric", "country", "partner", "period", "source_id"), {
        "metric": text(SLUG_CHECK, required=True),
        "country": text(COUNTRY_OR_GROUP, required=True),
        "partner": text(COUNTRY_OR_GROUP),
        "period": text(_matches(PERIOD, "a year (2023), a date or an interval (2024-01/2024-10)"), required=True),
        "year": integer(YEAR_CHECK, required=True),
        "period_type": text(_one_of("year", "part_year", "point"), required=True),
        "value": number(required=True),
        "unit": text(required=True),
        "reporter": text(),
        "source_id": text(SLUG_CHECK, required=True),
        "quote": text(required=True),
        "verified": flag(),
        "note": text(),
    },
    YEAR_ENDS_PERIOD,
)

INITIATIVE_STATUSES = (
    "proposed", "supported", "in_preparation", "established", "held", "not_established", "unknown",
)


def _status_cited(column: str) -> RowRule:
    # A status is a claim about the world: it stands only with the source that reports it (for
    # `proposed`, the speech itself) and the date it refers to.
    def test(df: pd.DataFrame) -> pd.Series:
        known = df["status"].notna() & (df["status"] != "unknown").fillna(False).astype(bool)
        return ~(known & df[column].isna())

    return RowRule(column, "is required for status {status!r}: a status names its source and date", test)


def _status_uncited(column: str) -> RowRule:
    # `unknown` means that no source says what became of the initiative, so none may be cited.
    def test(df: pd.DataFrame) -> pd.Series:
        return ~((df["status"] == "unknown").fillna(False).astype(bool) & df[column].notna())

    return RowRule(column, "must be empty when the status is 'unknown' (no source tells the status)", test)


INITIATIVES = _table(
    "initiatives", ("id",), {
        "id": text(SLUG_CHECK, required=True, unique=True),
        "figure_id": text(SLUG_CHECK, required=True),
        **NAMES,
        "proposed_by": text(required=True),
        "forum": text(required=True),
        "proposed_on": text(DATE_CHECK, required=True),
        "countries": text(ISO3_LIST),
        "status": text(_one_of(*INITIATIVE_STATUSES), required=True),
        "status_as_of": text(DATE_CHECK),
        "status_source_id": text(SLUG_CHECK),
        "verified": flag(),
        "note": text(),
    },
    _status_cited("status_as_of"),
    _status_cited("status_source_id"),
    _status_uncited("status_as_of"),
    _status_uncited("status_source_id"),
)

# Ordered so that every table comes after the tables it refers to.
TABLES: dict[str, Table] = {
    t.name: t
    for t in (SOURCES, METRICS, COUNTRIES, GROUPS, PLACES, ROUTES, PROJECTS, FIGURES, SERIES, INITIATIVES)
}
