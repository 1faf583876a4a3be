"""A copy of data/ whose series table is scaled to N rows that still validate.

The real rows come first; then copy after copy of them until N rows. A copy keeps every column
of its row (metric, country, partner, year, period type, value, unit, reporter, source, quote,
note) except `period`, which becomes a distinct interval ending in the row's own year
(`2022-03-05/2023-03-05`), so the key (metric, country, partner, period, source_id) stays unique,
`year` still ends the period, every reference still resolves, and every copy lands on the
page exactly where its original does. No other table changes.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

from tests.bench.common import REPO_ROOT

DATA = REPO_ROOT / "data"
KEY = ("metric", "country", "partner", "period", "source_id")
_DAYS = [f"{month:02d}-{day:02d}" for month in range(1, 13) for day in range(1, 29)]


def copy_data(target: Path, source: Path = DATA) -> Path:
    """The tables and their metadata (not the Python modules) copied to `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for path in list(source.glob("*.csv")) + list(source.glob("*.yaml")):
        shutil.copy2(path, target / path.name)
    return target


def _periods(year: int) -> Iterator[str]:
    """Distinct intervals ending in `year`, each starting in an earlier year."""
    back = 1
    while True:
        for start in _DAYS:
            for end in _DAYS:
                yield f"{year - back}-{start}/{year}-{end}"
        back += 1


def scale_series(target: Path, rows: int, source: Path = DATA) -> int:
    """Copy `source` to `target` and write a series.csv of exactly `rows` rows; returns the real row count."""
    copy_data(target, source)
    with (source / "series.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = list(reader.fieldnames or [])
        real = list(reader)
    seen = {tuple(row[c] for c in KEY) for row in real}
    generators = [_periods(int(row["year"])) for row in real]
    with (target / "series.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        written = 0
        for row in real[:rows]:
            writer.writerow(row)
            written += 1
        while written < rows:
            for index, row in enumerate(real):
                if written >= rows:
                    break
                copy = dict(row)
                while True:
                    copy["period"] = next(generators[index])
                    key = tuple(copy[c] for c in KEY)
                    if key not in seen:
                        break
                seen.add(key)
                writer.writerow(copy)
                written += 1
    return len(real)
