"""`python -m data.validate [--data-dir DIR]`: check every table, metadata file and reference."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from data.loader import DATA_DIR, LoadResult, load_all
from data.metadata import check_metadata
from data.problem import Problem, display_path
from data.schema import TABLES


def check(data_dir: Path = DATA_DIR) -> tuple[LoadResult, list[Problem]]:
    """Load everything and list every problem: tables, metadata, stray files, references."""
    result = load_all(data_dir)
    problems: list[Problem] = []
    for name in TABLES:
        if name in result.errors:
            problems.extend(result.errors[name].problems)
        problems.extend(check_metadata(name, data_dir))
    problems.extend(_stray_files(data_dir))
    problems.extend(result.references)
    return result, problems


def _stray_files(data_dir: Path) -> list[Problem]:
    # A table the contract does not know would be silently ignored by the dashboard.
    problems = []
    for path in sorted(Path(data_dir).glob("*.csv")):
        if path.stem not in TABLES:
            problems.append(Problem(display_path(path), None, None, "not a table of the contract (data/README.md)"))
            problems.extend(check_metadata(path.stem, data_dir))
    for path in sorted(Path(data_dir).glob("*.yaml")):
        if path.stem not in TABLES and not path.with_suffix(".csv").exists():
            problems.append(Problem(display_path(path), None, None, f"metadata for a missing {path.stem}.csv"))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data.validate", description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="folder of NAME.csv + NAME.yaml")
    args = parser.parse_args(argv)
    if not args.data_dir.is_dir():
        print(f"{args.data_dir}: not a folder", file=sys.stderr)
        return 2
    result, problems = check(args.data_dir)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}", file=sys.stderr)
        return 1
    rows = sum(len(frame) for frame in result.tables.values())
    counts = ", ".join(f"{name} {len(frame)}" for name, frame in result.tables.items())
    print(f"ok: {len(result.tables)} tables, {rows} rows ({counts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
