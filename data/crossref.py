"""References between tables (source_id -> sources.id, ...), checked on the tables that loaded."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from data.problem import Problem, display_path, show
from data.schema import GROUP_IDS, TABLES, split_list


@dataclass(frozen=True)
class Reference:
    """`table.column` holds ids (or ';'-lists of ids) found in one of `targets` ("table.column")."""

    table: str
    column: str
    targets: tuple[str, ...]
    groups: bool = False  # a group id (C5, OTS) is also accepted
    is_list: bool = False

    def describe(self) -> str:
        files = [f"{t.split('.')[0]}.csv" for t in self.targets]
        where = files[0] if len(files) == 1 else f"{', '.join(files[:-1])} or {files[-1]}"
        column = self.targets[0].split(".")[1]
        return f"not an {column} in {where}" + (" nor a group id (C5, OTS)" if self.groups else "")


def _to(target: str, *pairs: tuple[str, str], **options: bool) -> list[Reference]:
    return [Reference(table, column, (target,), **options) for table, column in pairs]


REFERENCES: tuple[Reference, ...] = (
    *_to("sources.id", ("countries", "capital_source_id"), ("countries", "population_source_id"),
         ("countries", "gdp_source_id"), ("groups", "source_id"), ("places", "source_id"),
         ("routes", "source_id"), ("projects", "source_id"), ("figures", "source_id"), ("series", "source_id"),
         ("initiatives", "status_source_id")),
    *_to("figures.id", ("initiatives", "figure_id")),
    *_to("metrics.id", ("figures", "metric"), ("series", "metric")),
    *_to("countries.iso3", ("groups", "iso3"), ("places", "country")),
    *_to("countries.iso3", ("figures", "countries"), ("projects", "countries"), ("initiatives", "countries"),
         is_list=True),
    *_to("countries.iso3", ("series", "country"), ("series", "partner"), groups=True),
    *_to("places.id", ("routes", "stops"), is_list=True),
    *_to("places.id", ("projects", "place_id")),
    Reference("figures", "subject", ("routes.id", "projects.id", "places.id"), groups=True),
)


def check_references(tables: Mapping[str, pd.DataFrame], data_dir: Path) -> list[Problem]:
    """One problem per unknown id; a reference into a table that failed to load is skipped."""
    found: list[tuple[int, int, Problem]] = []
    order = {name: i for i, name in enumerate(TABLES)}
    for ref in REFERENCES:
        needed = [(ref.table, ref.column), *(tuple(t.split(".")) for t in ref.targets)]
        if any(table not in tables or column not in tables[table] for table, column in needed):
            continue
        known = set(GROUP_IDS) if ref.groups else set()
        for target in ref.targets:
            name, column = target.split(".")
            known.update(tables[name][column].dropna())
        file = display_path(Path(data_dir) / f"{ref.table}.csv")
        cells = tables[ref.table][ref.column].dropna()
        # Each distinct cell is judged once; only the rows holding a cell with an unknown id are
        # gone through, so a table of a million rows costs a pass over its distinct values.
        unknown = [cell for cell in cells.unique()
                   if any(item not in known for item in (split_list(cell) if ref.is_list else [cell]))]
        for line, cell in cells[cells.isin(unknown)].items():
            items = split_list(cell) if ref.is_list else [cell]
            for item in items:
                if item not in known:
                    problem = Problem(file, int(line), ref.column, f"{show(item)} is {ref.describe()}")
                    found.append((order[ref.table], int(line), problem))
    # Stable sort: by table (TABLES order), then line; REFERENCES order within a line.
    return [problem for *_, problem in sorted(found, key=lambda f: f[:2])]

