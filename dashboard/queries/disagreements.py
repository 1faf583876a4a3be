"""The Sources page: what cites each source, and where sources disagree (side by side, never averaged).

Pure pandas, no Streamlit.

A disagreement is found in three ways:

(a) series rows with the same metric, country, partner and period (a full year is its own
    period, `2023`) whose values differ, from different sources or reporters;
(b) figures with the same metric, subject, kind and countries, and the same period (two
    figures without a period count as the same period), whose values differ, from different
    sources. Left out, because a difference there is not a disagreement: metrics that measure a
    part of the subject (`PART_METRICS`: two sections of one line have two lengths) and targets
    without a target year (a target set later revises an earlier one);
(c) the wording of one statement reported differently: figures whose note names another
    figure's id, with the same metric, subject and period as that figure, from another source,
    but naming other countries (the Kazakh report of the Astana speech names Tajikistan's gas
    projects where the English text names Turkmenistan's). Figures with no value can only
    disagree in words, and only a note written by the curator says that two rows report the
    same statement, so (c) follows the notes rather than guessing from shared metrics.

Values that are the same figure rounded (2.764 and 2.76, within 1 % and equal once rounded to
the coarser one's decimals) agree. Values in convertible units (cm and m) are compared in one
unit. Every side lists each source with its own value; nothing is averaged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations

import pandas as pd

from data.loader import split_list

PART_METRICS = ("section-length", "project-share")
ROUNDING_TOLERANCE = 0.01  # a rounded copy is within 1 % of the value it rounds

# unit -> (unit it is compared in, factor into that unit)
UNIT_FACTORS = {
    "cm": ("m", 0.01),
    "m": ("m", 1.0),
    "km": ("km", 1.0),
    "USD m": ("USD bn", 0.001),
    "USD bn": ("USD bn", 1.0),
}

ISO3 = re.compile(r"[A-Z]{3}\Z")
SLUG_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")

# ---------------------------------------------------------------------------------------------
# What cites each source

CITATION_COLUMNS = [
    "source_id", "table", "ref", "metric", "subject", "value", "unit", "period", "countries", "quote", "verified",
    "note",
]

# Columns of the other tables that name a source (counted, not listed, on the Sources page).
OTHER_SOURCE_COLUMNS = {
    "countries": ("capital_source_id", "population_source_id", "gdp_source_id"),
    "groups": ("source_id",),
    "places": ("source_id",),
    "routes": ("source_id",),
    "projects": ("source_id",),
    "initiatives": ("status_source_id",),
}


def series_countries(country: object, partner: object, group_members: dict[str, list[str]]) -> list[str]:
    """The ISO3 codes a series row concerns: its country and partner, a group id standing for its members."""
    codes: list[str] = []
    for cell in (country, partner):
        if cell is None or pd.isna(cell):
            continue
        text = str(cell)
        codes.extend([text] if ISO3.match(text) else group_members.get(text, []))
    return list(dict.fromkeys(codes))


def series_subject(country: object, partner: object) -> str:
    """`KAZ–KGZ` for a bilateral value, `C5` for a region total."""
    if partner is None or pd.isna(partner):
        return str(country)
    return f"{country}–{partner}"


def citations(
    figures: pd.DataFrame | None,
    series: pd.DataFrame | None,
    group_members: dict[str, list[str]] | None = None,
) -> pd.DataFrame:
    """Every figure and series row as a citation of its source, with the countries it concerns.

    A series row about a group (`C5`) concerns the group's members when `group_members` knows
    them; otherwise it names no country and so concerns the whole region.
    """
    members = group_members or {}
    parts = []
    if figures is not None:
        parts.append(
            pd.DataFrame(
                {
                    "source_id": figures["source_id"],
                    "table": "figures",
                    "ref": figures["id"],
                    "metric": figures["metric"],
                    "subject": figures["subject"],
                    "value": figures["value"].astype("Float64"),
                    "unit": figures["unit"],
                    "period": figures["period"],
                    "countries": figures["countries"],
                    "quote": figures["quote"],
                    "verified": figures["verified"].astype(bool),
                    "note": figures["note"],
                }
            )
        )
    if series is not None:
        subjects = [series_subject(c, p) for c, p in zip(series["country"], series["partner"], strict=True)]
        countries = [
            ";".join(series_countries(c, p, members)) or pd.NA
            for c, p in zip(series["country"], series["partner"], strict=True)
        ]
        parts.append(
            pd.DataFrame(
                {
                    "source_id": series["source_id"],
                    "table": "series",
                    "ref": [
                        f"{m} {s} {p}" for m, s, p in zip(series["metric"], subjects, series["period"], strict=True)
                    ],
                    "metric": series["metric"],
                    "subject": subjects,
                    "value": series["value"].astype("Float64"),
                    "unit": series["unit"],
                    "period": series["period"],
                    "countries": countries,
                    "quote": series["quote"],
                    "verified": series["verified"].astype(bool),
                    "note": series["note"],
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=CITATION_COLUMNS)
    return pd.concat(parts, ignore_index=True)[CITATION_COLUMNS]


def other_citations(tables: dict[str, pd.DataFrame]) -> dict[str, int]:
    """How many rows of the tables other than figures and series name each source."""
    counts: dict[str, int] = {}
    for name, columns in OTHER_SOURCE_COLUMNS.items():
        frame = tables.get(name)
        if frame is None:
            continue
        for column in columns:
            if column not in frame:
                continue
            for source_id in frame[column].dropna():
                counts[str(source_id)] = counts.get(str(source_id), 0) + 1
    return counts


SOURCE_COLUMNS = [
    "id", "title", "publisher", "date", "kind", "language", "url", "figures", "series", "other", "event",
    "speaker", "note",
]


def source_overview(
    sources: pd.DataFrame, cites: pd.DataFrame, other: dict[str, int] | None = None
) -> pd.DataFrame:
    """One row per source with how many figures, series rows and other rows cite it; speeches, then newest first."""
    counts = cites.groupby(["source_id", "table"]).size()

    def count(source_id: str, table: str) -> int:
        return int(counts.get((source_id, table), 0))

    frame = sources.assign(
        figures=[count(sid, "figures") for sid in sources["id"]],
        series=[count(sid, "series") for sid in sources["id"]],
        other=[int((other or {}).get(sid, 0)) for sid in sources["id"]],
    )[SOURCE_COLUMNS]
    # The speeches first, then newest first; undated sources last. ISO dates of mixed precision
    # still sort in time order as text.
    frame = frame.sort_values("date", ascending=False, na_position="last", kind="stable")
    return frame.sort_values("kind", key=lambda kind: kind != "speech", kind="stable").reset_index(drop=True)


def concerns(cell: object, selected: set[str]) -> bool:
    """A ';'-list of countries concerns the selection when it shares a country, or names none (region-wide)."""
    items = split_list(cell)
    return not items or bool(selected.intersection(items))


def sources_for_countries(overview: pd.DataFrame, cites: pd.DataFrame, selected: list[str]) -> pd.DataFrame:
    """Sources with a citing figure or series row that concerns a selected country, and sources cited by none.

    Sources themselves name no country; what they are cited for does. A row naming no country
    concerns the whole region and so keeps its source in every view.
    """
    chosen = set(selected)
    relevant = set(cites.loc[cites["countries"].map(lambda cell: concerns(cell, chosen)), "source_id"])
    cited = set(cites["source_id"])
    keep = overview["id"].map(lambda sid: sid in relevant or sid not in cited)
    return overview[keep.astype(bool)]


def of_kinds(overview: pd.DataFrame, kinds: list[str] | None) -> pd.DataFrame:
    """Sources of the given kinds (every kind when None)."""
    return overview if kinds is None else overview[overview["kind"].isin(kinds)]


SEARCHED_COLUMNS = ("id", "title", "publisher", "event", "speaker", "url", "note", "date")


def matching(overview: pd.DataFrame, text: str) -> pd.DataFrame:
    """Sources whose title, publisher, id, event, speaker, address, note or date contain `text` (any case)."""
    needle = text.strip().casefold()
    if not needle:
        return overview
    # Column by column: joining row by row (DataFrame.agg) took most of a rerun for a search.
    columns = [overview[column].astype("string").fillna("") for column in SEARCHED_COLUMNS]
    hay = columns[0]
    for column in columns[1:]:
        hay = hay + " " + column
    hay = hay.str.casefold()
    return overview[hay.str.contains(needle, regex=False).astype(bool)]


def citing(cites: pd.DataFrame, source_id: str) -> pd.DataFrame:
    """The figures and series rows taken from one source."""
    return cites[cites["source_id"] == source_id].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Where sources disagree


@dataclass(frozen=True)
class Witness:
    """One row stating a value (or a wording): which table, which row, which source."""

    ref: str
    source_id: str
    value: float | None
    unit: str | None
    countries: tuple[str, ...]
    verified: bool
    reporter: str | None = None


@dataclass
class _Cluster:
    """Witnesses that state the same value (rounded copies included)."""

    base_value: float
    witnesses: list[Witness] = field(default_factory=list)
    precision: int = 0


DISAGREEMENT_COLUMNS = [
    "kind", "metric", "subject", "period", "a_value", "a_unit", "a", "b_value", "b_unit", "b", "difference",
    "countries", "verified",
]


def decimals(value: float) -> int:
    """Decimal places of a value as written (2.76 -> 2, 11.0 -> 0)."""
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return max(0, -int(exponent))


def rounded_copy(a: float, b: float) -> bool:
    """True when one value is the other rounded: equal at the coarser one's decimals and within 1 %."""
    places = min(decimals(a), decimals(b))
    if round(a, places) != round(b, places):
        return False
    return abs(a - b) <= ROUNDING_TOLERANCE * max(abs(a), abs(b))


def in_common_unit(value: float, unit: object) -> tuple[str, float]:
    """(unit compared in, value in it); a unit not in UNIT_FACTORS is compared as it is."""
    text = "" if unit is None or pd.isna(unit) else str(unit)
    base, factor = UNIT_FACTORS.get(text, (text, 1.0))
    return base, float(value) * factor


def _clusters(witnesses: list[Witness]) -> list[_Cluster]:
    """Group witnesses by value, rounded copies together, smallest value first."""
    clusters: list[_Cluster] = []
    for witness in sorted(witnesses, key=lambda w: in_common_unit(w.value, w.unit)[1]):
        _, base = in_common_unit(witness.value, witness.unit)
        home = next((c for c in clusters if any(
            rounded_copy(in_common_unit(w.value, w.unit)[1], base) for w in c.witnesses)), None)
        if home is None:
            home = _Cluster(base)
            clusters.append(home)
        home.witnesses.append(witness)
        # The most precise witness stands for the cluster.
        precision = decimals(witness.value)
        if len(home.witnesses) == 1 or precision > home.precision:
            home.base_value, home.precision = base, precision
    return clusters


def _representative(cluster: _Cluster) -> Witness:
    return max(cluster.witnesses, key=lambda w: decimals(w.value))


def _value_rows(kind: str, metric: str, subject: str, period: str, witnesses: list[Witness]) -> list[dict]:
    """One disagreement per pair of differing values that come from different sources."""
    rows = []
    for low, high in combinations(_clusters(witnesses), 2):
        sources_low = {w.source_id for w in low.witnesses}
        sources_high = {w.source_id for w in high.witnesses}
        if sources_low == sources_high and len(sources_low) == 1:
            continue  # one source giving two values (two coasts, two sections) is not a disagreement
        a, b = _representative(low), _representative(high)
        factor_a = in_common_unit(1.0, a.unit)[1]
        countries = list(dict.fromkeys(c for w in low.witnesses + high.witnesses for c in w.countries))
        rows.append(
            {
                "kind": kind,
                "metric": metric,
                "subject": subject,
                "period": period,
                "a_value": float(a.value),
                "a_unit": a.unit,
                "a": list(low.witnesses),
                "b_value": float(b.value),
                "b_unit": b.unit,
                "b": list(high.witnesses),
                "difference": (high.base_value - low.base_value) / factor_a,
                "countries": ";".join(countries),
                "verified": all(w.verified for w in low.witnesses + high.witnesses),
            }
        )
    return rows


def series_disagreements(series: pd.DataFrame, group_members: dict[str, list[str]] | None = None) -> pd.DataFrame:
    """(a) Series values for the same metric, country, partner and period that differ between sources."""
    members = group_members or {}
    rows: list[dict] = []
    keys = ["metric", "country", "partner", "period"]
    for (metric, country, partner, period), group in series.groupby(keys, dropna=False, sort=True):
        if len(group) < 2:
            continue
        witnesses = [
            Witness(
                ref=f"{metric} {series_subject(country, partner)} {period}",
                source_id=str(row.source_id),
                value=float(row.value),
                unit=str(row.unit),
                countries=tuple(series_countries(country, partner, members)),
                verified=bool(row.verified),
                reporter=None if pd.isna(row.reporter) else str(row.reporter),
            )
            for row in group.itertuples(index=False)
        ]
        rows.extend(_value_rows("series", str(metric), series_subject(country, partner), str(period), witnesses))
    return pd.DataFrame(rows, columns=DISAGREEMENT_COLUMNS)


def _comparable_figures(figures: pd.DataFrame) -> pd.DataFrame:
    has_value = figures["value"].notna()
    part = figures["metric"].isin(PART_METRICS)
    open_target = (figures["kind"] == "target") & figures["period"].isna()
    return figures[has_value & ~part & ~open_target.astype(bool)]


def _text(cell: object) -> str:
    return "" if cell is None or pd.isna(cell) else str(cell)


def _country_set(cell: object) -> tuple[str, ...]:
    return tuple(sorted(split_list(cell)))


def figure_disagreements(figures: pd.DataFrame) -> pd.DataFrame:
    """(b) Figures on the same metric, subject, kind, countries and period whose values differ between sources."""
    rows: list[dict] = []
    frame = _comparable_figures(figures)
    frame = frame.assign(
        _subject=frame["subject"].map(_text),
        _period=frame["period"].map(_text),
        _countries=frame["countries"].map(lambda cell: ";".join(_country_set(cell))),
        _unit=[in_common_unit(v, u)[0] for v, u in zip(frame["value"], frame["unit"], strict=True)],
    )
    keys = ["metric", "_subject", "kind", "_countries", "_period", "_unit"]
    for (metric, subject, _kind, _countries, period, _unit), group in frame.groupby(keys, sort=True):
        if len(group) < 2:
            continue
        witnesses = [
            Witness(
                ref=str(row.id),
                source_id=str(row.source_id),
                value=float(row.value),
                unit=_text(row.unit) or None,
                countries=tuple(split_list(row.countries)),
                verified=bool(row.verified),
            )
            for row in group.itertuples(index=False)
        ]
        rows.extend(_value_rows("figures", str(metric), str(subject), str(period), witnesses))
    return pd.DataFrame(rows, columns=DISAGREEMENT_COLUMNS)


def quote_discrepancies(figures: pd.DataFrame, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """(c) Two reports of one statement that name different countries, paired through the notes.

    Side A is the speech's own text where one side is a speech, so the original reads first.
    """
    speech_sources = set() if sources is None else set(sources.loc[sources["kind"] == "speech", "id"])
    by_id = figures.set_index("id", drop=False)
    seen: set[frozenset[str]] = set()
    rows = []
    for row in figures.itertuples(index=False):
        named = {token for token in SLUG_TOKEN.findall(_text(row.note)) if token in by_id.index and token != row.id}
        for other_id in sorted(named):
            pair = frozenset((row.id, other_id))
            if pair in seen:
                continue
            other = by_id.loc[other_id]
            same_statement = (
                row.metric == other["metric"]
                and _text(row.subject) == _text(other["subject"])
                and _text(row.period) == _text(other["period"])
                and row.source_id != other["source_id"]
            )
            if not same_statement or _country_set(row.countries) == _country_set(other["countries"]):
                continue
            seen.add(pair)
            first, second = row._asdict(), other.to_dict()
            if second["source_id"] in speech_sources and first["source_id"] not in speech_sources:
                first, second = second, first
            a, b = (
                Witness(
                    ref=str(f["id"]),
                    source_id=str(f["source_id"]),
                    value=None,
                    unit=None,
                    countries=tuple(split_list(f["countries"])),
                    verified=bool(f["verified"]),
                )
                for f in (first, second)
            )
            rows.append(
                {
                    "kind": "quote",
                    "metric": str(row.metric),
                    "subject": _text(row.subject),
                    "period": _text(row.period),
                    "a_value": float("nan"),
                    "a_unit": None,
                    "a": [a],
                    "b_value": float("nan"),
                    "b_unit": None,
                    "b": [b],
                    "difference": float("nan"),
                    "countries": ";".join(dict.fromkeys(a.countries + b.countries)),
                    "verified": a.verified and b.verified,
                }
            )
    return pd.DataFrame(rows, columns=DISAGREEMENT_COLUMNS)


def disagreements(
    figures: pd.DataFrame | None,
    series: pd.DataFrame | None,
    sources: pd.DataFrame | None = None,
    group_members: dict[str, list[str]] | None = None,
) -> pd.DataFrame:
    """Every disagreement the tables hold: series values, figure values, then reported wordings."""
    parts = []
    if series is not None:
        parts.append(series_disagreements(series, group_members))
    if figures is not None:
        parts.append(figure_disagreements(figures))
        parts.append(quote_discrepancies(figures, sources))
    parts = [part for part in parts if not part.empty]
    if not parts:
        return pd.DataFrame(columns=DISAGREEMENT_COLUMNS)
    return pd.concat(parts, ignore_index=True)


def disagreements_for_countries(frame: pd.DataFrame, selected: list[str]) -> pd.DataFrame:
    """The disagreements that concern a selected country (or name none)."""
    chosen = set(selected)
    return frame[frame["countries"].map(lambda cell: concerns(cell, chosen)).astype(bool)]


def country_difference(a: Witness, b: Witness) -> tuple[list[str], list[str]]:
    """Countries only side A names, and countries only side B names."""
    return sorted(set(a.countries) - set(b.countries)), sorted(set(b.countries) - set(a.countries))
