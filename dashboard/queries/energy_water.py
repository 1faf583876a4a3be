"""Queries of the Energy and water page: projects and their positions, disagreements, the Caspian.

Pure pandas (no Streamlit): DataFrames in, DataFrames out.
"""

from __future__ import annotations

import math
import re
import weakref
from dataclasses import dataclass

import pandas as pd

from dashboard.i18n import N_, localized
from dashboard.queries import figures_for_countries
from data.loader import split_list

ENERGY_WATER_SECTORS = ("hydropower", "gas", "electricity", "water")
CASPIAN_LEVEL_METRIC = "caspian-level"
CASPIAN_CHANGE_METRICS = ("caspian-level-change", "caspian-level-change-rate")

# Capacity units the map can size markers by. Electric capacity is compared in MW (1 GW =
# 1,000 MW); gas throughput has no honest conversion to electric power, so it keeps its
# own family and its own scale.
POWER_FAMILY = "power"
GAS_FAMILY = "gas"
_CAPACITY_UNITS = {"MW": (POWER_FAMILY, 1.0), "GW": (POWER_FAMILY, 1000.0), "bcm/yr": (GAS_FAMILY, 1.0)}
FAMILY_UNITS = {POWER_FAMILY: "MW", GAS_FAMILY: "bcm/yr"}

# Exact unit conversions used only to tell whether two statements say the same thing.
_COMPARABLE_UNITS = {
    "cm": (1.0, "cm"),
    "m": (100.0, "cm"),
    "cm/yr": (1.0, "cm/yr"),
    "m/yr": (100.0, "cm/yr"),
    "MW": (1.0, "MW"),
    "GW": (1000.0, "MW"),
}


# Kinds of figure that describe rather than quantify; without a value they conflict with nothing.
_DESCRIPTIVE_KINDS = frozenset({"proposal", "project", "document", "event", "status"})


@dataclass(frozen=True)
class Theme:
    """A group of speech figures the page shows together, in the order a reader would ask."""

    id: str
    label: str
    figure_ids: tuple[str, ...]


# The water initiatives of the two speeches and what other sources report about them. Ids
# absent from the data are skipped, so a renamed row shrinks a card rather than breaking it.
WATER_THEMES = (
    Theme("water-policy", N_("A new water policy"), ("c5-new-water-policy", "ca-water-scarcity-challenge")),
    Theme(
        "consortium",
        N_("The Water and Energy Consortium"),
        ("c5-water-energy-consortium", "water-energy-consortium-kazinform", "water-energy-consortium-not-established"),
    ),
    Theme("joint-programme", N_("A joint water programme"), ("joint-water-programme-proposal",)),
    Theme(
        "caspian",
        N_("The Caspian Sea"),
        (
            "caspian-shrinking",
            "caspian-decline-impact",
            "caspian-raised-at-sco-and-unga",
            "caspian-joint-projects-call",
        ),
    ),
    Theme(
        "regional-summit",
        N_("The regional summit of April 2026"),
        (
            "regional-summit-april-2026",
            "regional-summit-april-2026-azertag",
            "regional-environmental-summit-2026-04-qazinform",
        ),
    ),
)


def source_name(source: dict[str, object]) -> str:
    """Who a figure comes from: the speaker and event of a speech, else the publisher."""
    if source.get("kind") == "speech":
        parts = [str(source[key]) for key in ("speaker", "event") if _present(source.get(key))]
        if parts:
            return ", ".join(parts)
    publisher = source.get("publisher")
    return str(publisher) if _present(publisher) else str(source.get("id", ""))


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and value is not pd.NA


def frame_records(frame: pd.DataFrame) -> list[dict]:
    """`frame.to_dict("records")`, the same values (Python scalars, pd.NA as None), in a fraction of the time."""
    if frame.columns.empty:
        return [{} for _ in range(len(frame))]
    columns = frame.columns.tolist()
    values = [[None if value is pd.NA else value for value in column.tolist()] for _, column in frame.items()]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


# id(sources frame) -> (weak reference to it, source id -> (source_name, date)). The loaded tables are
# shared and never changed in place, so one index per frame serves every query on it.
_SOURCE_INDEX: dict[int, tuple[weakref.ref, dict[str, tuple[str, object]]]] = {}


def _source_index(sources: pd.DataFrame) -> dict[str, tuple[str, object]]:
    key = id(sources)
    known = _SOURCE_INDEX.get(key)
    if known is not None and known[0]() is sources:
        return known[1]
    # The last row of an id wins, as a dict built over the rows would have it.
    index = {str(row["id"]): (source_name(row), row.get("date", pd.NA)) for row in frame_records(sources)}
    _SOURCE_INDEX[key] = (weakref.ref(sources, lambda _gone, key=key: _SOURCE_INDEX.pop(key, None)), index)
    return index


def with_sources(frame: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """`frame` with `source_name` and `source_date` from the row's `source_id`."""
    index = _source_index(sources)
    found = [index.get(str(sid)) for sid in frame["source_id"]]
    names = [entry[0] if entry is not None else source_name({"id": sid})
             for entry, sid in zip(found, frame["source_id"], strict=True)]
    dates = [entry[1] if entry is not None else pd.NA for entry in found]
    return frame.assign(source_name=names, source_date=pd.Series(dates, index=frame.index, dtype="string"))


def concerns(cell: object, selected: list[str]) -> bool:
    """True when a `;` list of countries names a selected one (an empty list concerns everyone)."""
    items = split_list(cell)
    return not items or bool(set(items) & set(selected))


def energy_projects(projects: pd.DataFrame, selected: list[str] | None) -> pd.DataFrame:
    """Hydropower, gas, electricity and water projects that involve a selected country (None: all)."""
    rows = projects[projects["sector"].isin(ENERGY_WATER_SECTORS)]
    if selected is not None:
        rows = rows[rows["countries"].map(lambda cell: concerns(cell, selected))]
    return rows.reset_index(drop=True)


def capacity_in_family(value: object, unit: object) -> tuple[str | None, float | None]:
    """(family, value in the family's unit): MW for electricity, bcm/yr for gas, else (None, None)."""
    if not _present(value) or not _present(unit) or str(unit) not in _CAPACITY_UNITS:
        return None, None
    family, factor = _CAPACITY_UNITS[str(unit)]
    return family, float(value) * factor  # type: ignore[arg-type]


def family_maxima(projects: pd.DataFrame) -> dict[str, float]:
    """The largest capacity of each family over `projects`: the reference for marker sizes."""
    maxima: dict[str, float] = {}
    for row in projects.itertuples(index=False):
        family, value = capacity_in_family(row.capacity_value, row.capacity_unit)
        if family is not None and value is not None and value > 0:
            maxima[family] = max(maxima.get(family, 0.0), value)
    return maxima


def project_positions(projects: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Projects with the coordinates of their place, where a source gives them.

    `placed` is false when the project names no place or its place has no coordinates: such
    a project is listed, never drawn at a guessed position. `family` and `capacity_comparable`
    carry the capacity in the unit the map sizes it by.
    """
    located = places.dropna(subset=["lat", "lon"]).set_index("id")
    # Each place's row by id, read once (the first of a repeated id, as .loc[...] on a unique index).
    place_rows = {}
    for place_id, place in zip(located.index, frame_records(located[["lat", "lon", localized("name"), "verified"]]),
                               strict=True):
        place_rows.setdefault(str(place_id), place)
    rows = []
    for row in frame_records(projects):
        place_id = row.get("place_id")
        placed = _present(place_id) and str(place_id) in place_rows
        family, comparable = capacity_in_family(row.get("capacity_value"), row.get("capacity_unit"))
        place = place_rows[str(place_id)] if placed else None
        rows.append(
            {
                **row,
                "placed": placed,
                "lat": float(place["lat"]) if place is not None else math.nan,
                "lon": float(place["lon"]) if place is not None else math.nan,
                "place_name": str(place[localized("name")]) if place is not None else pd.NA,
                "place_verified": bool(place["verified"]) if place is not None else pd.NA,
                "family": family,
                "capacity_comparable": comparable if comparable is not None else math.nan,
            }
        )
    columns = [*projects.columns, "placed", "lat", "lon", "place_name", "place_verified", "family",
               "capacity_comparable"]
    # `placed` stays boolean when no project is left (an empty object column would make
    # frame[frame["placed"]] select columns instead of rows).
    return pd.DataFrame(rows, columns=columns).astype({"placed": bool})


def projects_per_country(projects: pd.DataFrame) -> pd.DataFrame:
    """iso3, value (number of projects), year (their names), sources: a country metric for the map.

    The map shades countries by it, which is how projects without a sourced position still
    show on the map: through the countries that take part in them.
    """
    counts: dict[str, list[dict]] = {}
    for row in frame_records(projects):
        for iso3 in split_list(row["countries"]):
            counts.setdefault(iso3, []).append(row)
    return pd.DataFrame(
        [
            {
                "iso3": iso3,
                "value": float(len(rows)),
                # region_map prints this column in brackets after the value: the project names.
                "year": ", ".join(str(r[localized("name")]) for r in rows),
                "sources": ", ".join(dict.fromkeys(str(r["source_id"]) for r in rows)),
            }
            for iso3, rows in sorted(counts.items())
        ],
        columns=["iso3", "value", "year", "sources"],
    )


def projects_table(projects: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per project with the columns the table shows (names in English for now)."""
    frame = with_sources(projects, sources)
    return pd.DataFrame(
        {
            "id": frame["id"],
            "name": frame[localized("name")],
            "sector": frame["sector"],
            "countries": frame["countries"].map(lambda cell: ", ".join(split_list(cell))),
            "capacity": frame["capacity_value"],
            "capacity_unit": frame["capacity_unit"],
            "cost_usd_bn": frame["cost_usd_bn"],
            "status": frame["status"],
            "start": frame["start"],
            "completion": frame["completion"],
            "source": frame["source_name"],
            "source_date": frame["source_date"],
            "verified": frame["verified"],
        }
    ).reset_index(drop=True)


def _comparable(value: object, unit: object) -> tuple[float | None, str | None]:
    if not _present(value):
        return None, str(unit) if _present(unit) else None
    factor, base = _COMPARABLE_UNITS.get(str(unit), (1.0, str(unit) if _present(unit) else None))
    return round(float(value) * factor, 6), base  # type: ignore[arg-type]


def _cell(value: object) -> str:
    return str(value) if _present(value) else ""


def disagreement_groups(figures: pd.DataFrame) -> pd.Series:
    """For each figure, the number of the disagreement it belongs to, or <NA>.

    Two figures are about the same thing when they share metric and subject and either name
    the same period and countries, or one's note names the other's id (the curators link
    statements that conflict, e.g. a superseded date). A set of such figures is a
    disagreement when it comes from more than one source and says more than one thing
    (value in comparable units, or the period of a dated plan). A proposal, event, document or
    status without a value takes part in no disagreement. Values are never averaged: the page
    shows each one beside its source.
    """
    records = frame_records(figures)
    comparable = [_states_something(r) for r in records]
    parent = list(range(len(records)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    ids = [str(r["id"]) for r in records]
    for i, a in enumerate(records):
        for j in range(i + 1, len(records)):
            b = records[j]
            if not (comparable[i] and comparable[j]):
                continue
            if a["metric"] != b["metric"] or _cell(a.get("subject")) != _cell(b.get("subject")):
                continue
            same_scope = _cell(a.get("period")) == _cell(b.get("period")) and _cell(a.get("countries")) == _cell(
                b.get("countries")
            )
            linked = _names(a.get("note"), ids[j]) or _names(b.get("note"), ids[i])
            if same_scope or linked:
                parent[find(i)] = find(j)

    members: dict[int, list[int]] = {}
    for i in range(len(records)):
        members.setdefault(find(i), []).append(i)
    group_of: list[object] = [pd.NA] * len(records)
    number = 0
    for indices in sorted(members.values()):
        sources = {str(records[i]["source_id"]) for i in indices}
        statements = {(*_comparable(records[i].get("value"), records[i].get("unit")),
                       _cell(records[i].get("period"))) for i in indices}
        if len(indices) > 1 and len(sources) > 1 and len(statements) > 1:
            number += 1
            for i in indices:
                group_of[i] = number
    return pd.Series(group_of, index=figures.index, dtype="Int64", name="disagreement")


def _states_something(record: dict) -> bool:
    # A proposal, an event or a status without a number is a different kind of statement, not
    # a rival figure: the consortium proposed in 2024 and "not yet established" in 2026 agree.
    return _present(record.get("value")) or str(record.get("kind")) not in _DESCRIPTIVE_KINDS


def _names(note: object, figure_id: str) -> bool:
    return _present(note) and re.search(rf"(?<![a-z0-9-]){re.escape(figure_id)}(?![a-z0-9-])", str(note)) is not None


def project_figures(figures: pd.DataFrame, project_id: str, metrics: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every figure whose subject is the project, with its disagreement number and metric name."""
    rows = figures[figures["subject"] == project_id].copy()
    rows["disagreement"] = disagreement_groups(rows)
    if metrics is not None:
        names = metrics.set_index("id")[localized("name")]
        rows["metric_name"] = rows["metric"].map(names).fillna(rows["metric"])
    else:
        rows["metric_name"] = rows["metric"]
    return rows.sort_values(["disagreement", "metric", "period", "id"], na_position="last").reset_index(drop=True)


def period_date(period: str) -> pd.Timestamp:
    """Where a period is plotted: a year at its middle, a month at its 15th, an interval at its end."""
    text = str(period).split("/")[-1]
    parts = text.split("-")
    if len(parts) == 1:
        return pd.Timestamp(int(parts[0]), 7, 1)
    if len(parts) == 2:
        return pd.Timestamp(int(parts[0]), int(parts[1]), 15)
    return pd.Timestamp(int(parts[0]), int(parts[1]), int(parts[2]))


def caspian_levels(series: pd.DataFrame, sources: pd.DataFrame, selected: list[str]) -> pd.DataFrame:
    """Caspian level readings of the selected countries' reporters, each with its date and source."""
    rows = series[(series["metric"] == CASPIAN_LEVEL_METRIC) & series["country"].isin(selected)]
    rows = with_sources(rows, sources)
    rows = rows.assign(date=rows["period"].map(period_date))
    return rows.sort_values(["date", "source_id"]).reset_index(drop=True)


def caspian_changes(figures: pd.DataFrame, sources: pd.DataFrame, selected: list[str]) -> pd.DataFrame:
    """Stated falls and rates of the Caspian level (figures with a value), in cm or cm/yr.

    `value_cm` converts metres exactly (×100); nothing else is derived. Statements that
    conflict share a `disagreement` number.
    """
    rows = figures[figures["metric"].isin(CASPIAN_CHANGE_METRICS) & figures["value"].notna()]
    rows = figures_for_countries(rows, selected)
    rows = with_sources(rows, sources)
    converted = [_comparable(value, unit) for value, unit in zip(rows["value"], rows["unit"], strict=True)]
    rows = rows.assign(
        value_cm=pd.Series([value for value, _ in converted], index=rows.index, dtype="Float64"),
        unit_cm=pd.Series([unit for _, unit in converted], index=rows.index, dtype="string"),
    )
    rows["disagreement"] = disagreement_groups(rows)
    return rows.sort_values(["metric", "period", "source_id"]).reset_index(drop=True)


def theme_figures(
    figures: pd.DataFrame, themes: tuple[Theme, ...], selected: list[str] | None
) -> list[tuple[Theme, pd.DataFrame]]:
    """Each theme with its figures present in the data and relevant to the selection (None: no filter).

    Themes left without a figure are dropped.
    """
    # Only the themes' figures can be shown: the country filter need not look at the others.
    wanted = {fid for theme in themes for fid in theme.figure_ids}
    relevant = figures[figures["id"].isin(wanted)]
    relevant = relevant if selected is None else figures_for_countries(relevant, selected)
    relevant = relevant.set_index("id", drop=False)
    out = []
    for theme in themes:
        present = [fid for fid in theme.figure_ids if fid in relevant.index]
        if present:
            out.append((theme, relevant.loc[present].reset_index(drop=True)))
    return out
