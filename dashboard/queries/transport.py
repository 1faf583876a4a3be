"""Queries of the Transport page: lines and corridors, Middle Corridor cargo, Dostyk–Moyinty capacity.

Pure pandas (no Streamlit). A route concerns the countries its stops lie in; every length a
source gives for a line is kept beside the primary one, never averaged.
"""

from __future__ import annotations

import pandas as pd

from dashboard.i18n import localized
from dashboard.memo import memoized
from dashboard.queries import Growth, growth_multiples
from dashboard.queries.trade import source_labels
from data.loader import split_list

CARGO_METRIC = "middle-corridor-cargo"
TEU_METRIC = "middle-corridor-teu"
CARGO_CLAIM_ID = "mc-cargo-x6"
CAPACITY_METRIC = "train-pairs-per-day"
CAPACITY_SUBJECT = "dostyk-moyinty"
CAPACITY_CLAIM_ID = "dostyk-moyinty-x5"
LENGTH_METRIC = "route-length"
# Projects drawn in no route (no source names their end stations) but listed with the lines.
LINE_PROJECT_IDS = ("almaty-bypass",)
MAP_PLACE_KINDS = ("port", "border_crossing")


def route_countries(routes: pd.DataFrame, places: pd.DataFrame) -> dict[str, list[str]]:
    """Each route's countries: those of its stops, in order of first appearance."""
    country = dict(zip(places["id"].astype(str), places["country"].astype(str), strict=True))
    return {
        str(route.id): list(dict.fromkeys(country[stop] for stop in split_list(route.stops) if stop in country))
        for route in routes.itertuples(index=False)
    }


def routes_for_countries(routes: pd.DataFrame, places: pd.DataFrame, selected: list[str]) -> pd.DataFrame:
    """The routes with at least one stop in a selected country."""
    countries = route_countries(routes, places)
    chosen = set(selected)
    keep = routes["id"].map(lambda rid: bool(chosen.intersection(countries.get(str(rid), []))))
    return routes[keep].reset_index(drop=True)


def map_places(places: pd.DataFrame, routes: pd.DataFrame, selected: list[str]) -> pd.DataFrame:
    """The stops of the shown routes (wherever they lie) and the selected countries' ports and crossings.

    Only places with a sourced position: the others cannot be drawn and are not guessed.
    """
    stops = {stop for cell in routes["stops"] for stop in split_list(cell)}
    own = places["kind"].isin(MAP_PLACE_KINDS) & places["country"].isin(selected)
    rows = places[own | places["id"].isin(stops)]
    return rows.dropna(subset=["lat", "lon"]).reset_index(drop=True)


def length_disagreements(lengths: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """For each line whose sources disagree: one row per length, with every source giving it.

    `lines` is `lines_table`'s result (its primary length is marked); nothing is averaged.
    """
    by_subject = _by_subject(lengths)
    rows = []
    for line in lines[lines["lengths_differ"]].itertuples(index=False):
        mine = by_subject.get(line.id, [])
        primary = {float(line.length_km)} if _known(line.length_km) else set()
        values = sorted({_float(row.value) for row in mine} | primary)
        for value in values:
            same = [row for row in mine if _float(row.value) == value]
            rows.append(
                {
                    "line": line.name,
                    "length_km": value,
                    "primary": _known(line.length_km) and float(line.length_km) == value,
                    "sources": "; ".join(
                        f"{row.publisher}" + (f", {row.date}" if _date(row.date) else "") for row in same
                    )
                    or line.source,
                }
            )
    return pd.DataFrame(rows, columns=["line", "length_km", "primary", "sources"])


def _by_subject(lengths: pd.DataFrame) -> dict[object, list]:
    """The length figures as rows (named tuples) per line id, in the frame's order.

    One pass instead of filtering the frame once per line (each filter costs more than a whole pass).
    """
    rows: dict[object, list] = {}
    for row in lengths.itertuples(index=False):
        rows.setdefault(row.subject, []).append(row)
    return rows


def _known(value: object) -> bool:
    return value is not None and not pd.isna(value)


def _float(value: object) -> float:
    """A length as `Series.astype(float)` gives it: NaN for a missing one."""
    return float("nan") if value is None or pd.isna(value) else float(value)


def unplaced_stops(routes: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Per route, the stops with no sourced position (not drawn): route id, name, stop names."""
    names = places.set_index("id")[localized("name")]
    located = set(places.dropna(subset=["lat", "lon"])["id"])
    rows = []
    for route in routes.itertuples(index=False):
        missing = [stop for stop in split_list(route.stops) if stop not in located]
        if missing:
            rows.append(
                {
                    "id": route.id,
                    "name": getattr(route, localized("name")),
                    "stops": ", ".join(str(names.get(s, s)) for s in missing),
                }
            )
    return pd.DataFrame(rows, columns=["id", "name", "stops"])


@memoized
def labels_of(sources: pd.DataFrame) -> dict[str, str]:
    """`source_labels(sources)`, worked out once per sources table (shared: read it, never change it)."""
    return source_labels(sources)


def _labelled(rows: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    labels = labels_of(sources)
    return rows.assign(label=rows["source_id"].map(lambda sid: labels.get(str(sid), str(sid))))


def series_points(series: pd.DataFrame, metric: str, sources: pd.DataFrame) -> pd.DataFrame:
    """Every value of a metric (full and part years), with source labels, by source then year."""
    rows = series[series["metric"] == metric]
    return _labelled(rows, sources).sort_values(["source_id", "year", "period"]).reset_index(drop=True)


def growth_table(growths: list[Growth], sources: pd.DataFrame) -> pd.DataFrame:
    """The recomputed multiples as rows: source, years, values, multiple."""
    labels = labels_of(sources)
    rows = [
        {
            "source_id": g.source_id,
            "label": labels.get(g.source_id, g.source_id),
            "start_year": g.start_year,
            "end_year": g.end_year,
            "start_value": g.start_value,
            "end_value": g.end_value,
            "unit": g.unit,
            "multiple": round(g.multiple, 3),
        }
        for g in growths
    ]
    columns = ["source_id", "label", "start_year", "end_year", "start_value", "end_value", "unit", "multiple"]
    return pd.DataFrame(rows, columns=columns)


def claim_multiples(series: pd.DataFrame, span: int = 5) -> list[Growth]:
    """The `span`-year cargo multiples the series allows, newest first (each from one source)."""
    return growth_multiples(series, CARGO_METRIC, span=span)


def claim_period(figure: pd.Series) -> tuple[int, int] | None:
    """The (start, end) years a claim's period names, e.g. `2020-2025` -> (2020, 2025)."""
    period = figure.get("period")
    if period is None or pd.isna(period):
        return None
    parts = str(period).split("-")
    if len(parts) == 2 and all(part.isdigit() and len(part) == 4 for part in parts):
        return int(parts[0]), int(parts[1])
    return None


def capacity_steps(figures: pd.DataFrame) -> pd.DataFrame:
    """The Dostyk–Moyinty train-pairs figures, smallest first (before, then with the second track)."""
    rows = figures[
        (figures["metric"] == CAPACITY_METRIC) & (figures["subject"] == CAPACITY_SUBJECT) & figures["value"].notna()
    ]
    return rows.sort_values("value").reset_index(drop=True)


def length_figures(figures: pd.DataFrame, sources: pd.DataFrame, line_ids: list[str]) -> pd.DataFrame:
    """Every route-length figure about the given lines, with publisher and date."""
    rows = figures[(figures["metric"] == LENGTH_METRIC) & figures["subject"].isin(line_ids)]
    indexed = sources.set_index("id")
    publisher = rows["source_id"].map(indexed["publisher"]).fillna(rows["source_id"])
    date = rows["source_id"].map(indexed["date"])
    out = rows.assign(publisher=publisher.astype(str), date=date)
    return out.sort_values(["subject", "value", "source_id"]).reset_index(drop=True)


def _date(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _reported(rows: list) -> str:
    """Every length of a line as `295 km — Trend News Agency, 2025-09-17`, joined by `; `."""
    return "; ".join(
        f"{row.value:g} {row.unit} — {row.publisher}" + (f", {row.date}" if _date(row.date) else "")
        for row in rows
    )


def lines_table(
    routes: pd.DataFrame,
    projects: pd.DataFrame | None,
    lengths: pd.DataFrame,
    sources: pd.DataFrame,
) -> pd.DataFrame:
    """One row per line: primary length, dates, status, source, and every other length reported.

    `lengths_differ` is True when the sources give more than one distinct length.
    """
    labels = labels_of(sources)
    rows = []
    for route in routes.itertuples(index=False):
        rows.append(
            {
                "id": route.id,
                "name": getattr(route, localized("name")),
                "kind": route.kind,
                "status": route.status,
                "length_km": None if pd.isna(route.length_km) else float(route.length_km),
                "construction_start": _date(route.construction_start),
                "opened": _date(route.opened),
                "planned_completion": _date(route.planned_completion),
                "source": labels.get(str(route.source_id), str(route.source_id)),
                "source_id": str(route.source_id),
                "verified": bool(route.verified),
            }
        )
    if projects is not None:
        for project in projects[projects["id"].isin(LINE_PROJECT_IDS)].itertuples(index=False):
            operating = project.status == "operating"
            rows.append(
                {
                    "id": project.id,
                    "name": getattr(project, localized("name")),
                    "kind": "project",
                    "status": project.status,
                    "length_km": None,
                    "construction_start": _date(project.start),
                    "opened": _date(project.completion) if operating else "",
                    "planned_completion": "" if operating else _date(project.completion),
                    "source": labels.get(str(project.source_id), str(project.source_id)),
                    "source_id": str(project.source_id),
                    "verified": bool(project.verified),
                }
            )
    table = pd.DataFrame(rows)
    if table.empty:
        return pd.DataFrame(
            columns=[
                "id", "name", "kind", "status", "length_km", "construction_start", "opened",
                "planned_completion", "source", "verified", "lengths_reported", "lengths_differ",
            ]
        )
    by_subject = _by_subject(lengths)
    primary, reported, differ = [], [], []
    for row in table.itertuples(index=False):
        mine = by_subject.get(row.id, [])
        length = row.length_km
        if length is None or pd.isna(length):
            # A project has no length column: its own source's length figure is the primary one.
            own = [figure for figure in mine if figure.source_id == row.source_id]
            length = float(own[0].value) if own else None
        values = {_float(figure.value) for figure in mine}
        if length is not None:
            values.add(float(length))
        primary.append(length)
        reported.append(_reported(mine))
        differ.append(len(values) > 1)
    return table.assign(length_km=primary, lengths_reported=reported, lengths_differ=differ).drop(
        columns="source_id"
    )

