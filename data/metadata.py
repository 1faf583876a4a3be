"""Check each table's NAME.yaml: required keys present and `columns` matching the CSV header."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import yaml

from data.problem import Problem, display_path
from data.schema import TABLES

REQUIRED_KEYS = ("title", "description", "units", "licence")


def csv_header(path: Path) -> list[str] | None:
    """The CSV's header row, or None when the file is missing or unreadable."""
    try:
        first = path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8").splitlines()[:1]
        return next(csv.reader(io.StringIO(first[0]))) if first else None
    except (OSError, UnicodeDecodeError, csv.Error, StopIteration):
        return None


def check_metadata(name: str, data_dir: Path) -> list[Problem]:
    """Problems of ``data_dir/NAME.yaml``, against the header of ``NAME.csv`` (or the schema)."""
    path = Path(data_dir) / f"{name}.yaml"
    file = display_path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return [Problem(file, None, None, f"metadata file missing (every {name}.csv needs a {name}.yaml)")]
    except (OSError, UnicodeDecodeError) as error:
        return [Problem(file, None, None, f"cannot read the file as UTF-8: {error}")]
    try:
        # compose() keeps line numbers, and sees keys written twice, which safe_load would merge silently.
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return [Problem(file, mark.line + 1 if mark else None, None, f"not valid YAML: {_one_line(error)}")]
    if not isinstance(root, yaml.MappingNode):
        return [Problem(file, None, None, "must be a mapping with keys " + ", ".join((*REQUIRED_KEYS, "columns")))]

    problems: list[Problem] = []
    keys = _entries(root, file, problems)
    for key in REQUIRED_KEYS:
        node = keys.get(key)
        if node is None:
            problems.append(Problem(file, None, None, f"key {key!r} is missing"))
        elif not _is_text(node):
            problems.append(Problem(file, _line(node), None, f"key {key!r} must be non-empty text"))

    header = csv_header(Path(data_dir) / f"{name}.csv")
    if header is None and name in TABLES:
        header = list(TABLES[name].schema.columns)
    columns = keys.get("columns")
    if columns is None:
        problems.append(Problem(file, None, None, "key 'columns' is missing"))
    elif not isinstance(columns, yaml.MappingNode):
        problems.append(Problem(file, _line(columns), None, "'columns' must map each CSV column to its description"))
    elif header is not None:
        described = _entries(columns, file, problems)
        for column, node in described.items():
            if column not in header:
                problems.append(Problem(file, _line(node), column, f"described but not a column of {name}.csv"))
            elif not _is_text(node):
                problems.append(Problem(file, _line(node), column, "description must be non-empty text"))
        for column in header:
            if column not in described:
                problems.append(Problem(file, _line(columns), column, "is in the CSV header but not described"))
    return problems


def _entries(node: yaml.MappingNode, file: str, problems: list[Problem]) -> dict[str, yaml.Node]:
    """Key -> value node of a mapping, reporting keys that appear twice."""
    entries: dict[str, yaml.Node] = {}
    for key, value in node.value:
        name = str(key.value)
        if name in entries:
            problems.append(Problem(file, _line(key), None, f"key {name!r} appears more than once"))
        entries[name] = value
    return entries


def _is_text(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str" and bool(node.value.strip())


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())
