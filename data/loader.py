"""Read the CSV tables into typed, validated DataFrames; every defect becomes a located Problem."""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandas.api.extensions import ExtensionArray

from data.crossref import check_references
from data.problem import Problem, display_path, show
from data.schema import BOOL, FLOAT, INT, STRING, TABLES, Table, split_list

__all__ = [
    "DATA_DIR", "LoadResult", "Problem", "TableError", "csv_path", "load_all", "load_table", "split_list",
]

DATA_DIR = Path(__file__).resolve().parent

# A binary file has an invalid byte on most lines; past this many, more lines add nothing.
MAX_ENCODING_PROBLEMS = 10

DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d+)?|\.\d+)\Z")
WHOLE = re.compile(r"[+-]?\d+\Z")
INT64_MAX = 2**63 - 1


class TableError(Exception):
    """A table that cannot be used, with every problem found in it.

    `frame` holds the table as read (typed, not valid) when its problems are all within cells
    (every row and column was read), so references can still be checked against it.
    """

    def __init__(self, table: str, problems: Iterable[Problem], frame: pd.DataFrame | None = None) -> None:
        self.table = table
        self.problems = list(problems)
        self.frame = frame
        count = f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}"
        super().__init__(f"table {table!r}: {count}\n" + "\n".join(map(str, self.problems)))

    def __reduce__(self) -> tuple:
        # Exceptions pickle as cls(*args); ours takes (table, problems), not the message.
        return (type(self), (self.table, self.problems, self.frame))


@dataclass
class LoadResult:
    """The tables that loaded, the ones that did not, and references that point nowhere."""

    tables: dict[str, pd.DataFrame]
    errors: dict[str, TableError]
    references: list[Problem] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        """Every problem: broken tables first (in TABLES order), then unknown references."""
        return [p for e in self.errors.values() for p in e.problems] + self.references

    @property
    def ok(self) -> bool:
        """True when every table loaded and every reference resolved."""
        return not self.errors and not self.references


def csv_path(name: str, data_dir: Path = DATA_DIR) -> Path:
    """Where table `name` lives: ``data_dir/NAME.csv``."""
    return Path(data_dir) / f"{name}.csv"


def load_all(data_dir: Path = DATA_DIR) -> LoadResult:
    """Load every table; a broken one lands in `errors` and the others still load.

    References are checked on the loaded tables and on broken tables that were read whole,
    so one bad cell does not hide every unknown id until it is fixed.
    """
    tables: dict[str, pd.DataFrame] = {}
    errors: dict[str, TableError] = {}
    for name in TABLES:
        try:
            tables[name] = load_table(name, data_dir)
        except TableError as error:
            errors[name] = error
    readable = {name: error.frame for name, error in errors.items() if error.frame is not None}
    return LoadResult(tables, errors, check_references({**readable, **tables}, data_dir))


def load_table(name: str, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Read, type and validate one table; raise TableError listing all its problems.

    The returned frame has the contract's columns in contract order, explicit dtypes
    (string, Float64, Int64, boolean) and an index named ``line``: the CSV line each row
    starts on, so any later finding can point back into the file.
    """
    table = TABLES[name]
    path = csv_path(name, data_dir)
    file = display_path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise TableError(name, [Problem(file, None, None, "file not found")]) from None
    except OSError as error:
        raise TableError(name, [Problem(file, None, None, f"cannot read the file: {error}")]) from None

    reader = _Reader(table, file)
    frame = reader.read(raw)
    if reader.problems:
        raise TableError(name, reader.sorted_problems(), frame if reader.whole else None)
    return frame


class _Reader:
    """One pass over one file, collecting problems instead of stopping at the first."""

    def __init__(self, table: Table, file: str) -> None:
        self.table = table
        self.file = file
        self.expected = list(table.schema.columns)
        self.problems: list[Problem] = []
        self.raw: dict[tuple[int, str], str] = {}  # (line, column) -> cell text, for messages
        self.reported: set[tuple[int, str]] = set()  # cells already blamed, not to blame twice
        self.whole = True  # every row and column was read: the problems are all inside cells

    def problem(self, row: int | None, column: str | None, message: str, *, structural: bool = False) -> None:
        """Record a problem; `structural` when rows or columns could not be read because of it."""
        self.problems.append(Problem(self.file, row, column, message))
        self.whole = self.whole and not structural

    def sorted_problems(self) -> list[Problem]:
        order = {c: i for i, c in enumerate(self.expected)}
        return sorted(
            self.problems,
            key=lambda p: (-1 if p.row is None else p.row, -1 if p.column is None else order.get(p.column, -1)),
        )

    def read(self, raw: bytes) -> pd.DataFrame:
        records = [r for r in self.records(self.decode(raw))]
        if not any(fields for _, fields in records):
            self.problem(None, None, f"file is empty; expected the header row: {','.join(self.expected)}",
                         structural=True)
            return self.empty()
        (first_line, header), body = records[0], records[1:]
        if first_line != 1 or not header:
            self.problem(1, None, "the first line must be the header row", structural=True)
            return self.empty()
        positions = self.check_header(header)
        rows = [(line, fields) for line, fields in body if fields]  # blank lines are skipped
        rows = [(line, fields) for line, fields in rows if self.check_width(line, fields, len(header))]
        frame = self.convert(positions, rows)
        self.validate(frame)
        return frame

    def empty(self) -> pd.DataFrame:
        return pd.DataFrame(columns=self.expected)

    def decode(self, raw: bytes) -> str:
        """Strict UTF-8: each line holding invalid bytes is reported with its byte offset."""
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]  # a BOM (spreadsheet exports add one) carries no data
        position, found = 0, 0
        while position < len(raw):
            try:
                raw[position:].decode("utf-8")
                break
            except UnicodeDecodeError as error:
                offset = position + error.start
                line = raw.count(b"\n", 0, offset) + 1
                if found == MAX_ENCODING_PROBLEMS:
                    self.problem(line, None, "more lines hold bytes that are not UTF-8; the list stops here",
                                 structural=True)
                    break
                in_line = offset - (raw.rfind(b"\n", 0, offset) + 1)
                self.problem(
                    line, None,
                    f"byte 0x{raw[offset]:02x} at byte offset {offset} of the file "
                    f"(byte {in_line + 1} of the line) is not valid UTF-8; save the file as UTF-8",
                    structural=True,
                )
                found += 1
                # One report per line: carry on from the next line.
                next_line = raw.find(b"\n", offset)
                position = len(raw) if next_line < 0 else next_line + 1
        # Decode the rest anyway so the other problems of the file are found in the same run.
        return raw.decode("utf-8", errors="replace")

    def records(self, text: str) -> Iterable[tuple[int, list[str]]]:
        """(starting line, fields) per CSV record; quoted fields may span several lines."""
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        start = 1
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                self.problem(start, None, f"not valid CSV: {error}", structural=True)
                if reader.line_num < start:  # the reader made no progress: stop rather than spin
                    return
                start = reader.line_num + 1
                continue
            yield start, fields
            start = reader.line_num + 1

    def check_header(self, header: list[str]) -> dict[str, int]:
        """Report missing, extra and repeated columns; return the usable ones' positions."""
        positions: dict[str, int] = {}
        for index, name in enumerate(header):
            if name in positions:
                self.problem(1, name, "appears more than once in the header", structural=True)
            elif name not in self.expected:
                self.problem(1, name, f"is not a column of this table (expected: {','.join(self.expected)})",
                             structural=True)
            else:
                positions[name] = index
        for name in self.expected:
            if name not in positions:
                self.problem(1, name, "missing from the header", structural=True)
        return positions

    def check_width(self, line: int, fields: list[str], width: int) -> bool:
        if len(fields) == width:
            return True
        self.problem(line, None, f"row has {len(fields)} fields but the header has {width}; check commas and quotes",
                     structural=True)
        return False

    def convert(self, positions: dict[str, int], rows: list[tuple[int, list[str]]]) -> pd.DataFrame:
        lines = [line for line, _ in rows]
        columns = {}
        for name in (c for c in self.expected if c in positions):
            dtype = str(self.table.schema.columns[name].dtype)
            cells = [fields[positions[name]] for _, fields in rows]
            self.raw.update(((line, name), cell) for line, cell in zip(lines, cells, strict=True))
            columns[name] = self.convert_column(name, dtype, lines, cells)
        return pd.DataFrame(columns, index=pd.Index(lines, name="line", dtype="int64"))

    def convert_column(self, name: str, dtype: str, lines: list[int], cells: list[str]) -> ExtensionArray:
        if dtype == FLOAT:
            parse, target = self.to_float, FLOAT
        elif dtype == INT:
            parse, target = self.to_int, INT
        elif dtype == BOOL:
            parse, target = self.to_bool, BOOL
        else:
            parse, target = (lambda cell: cell), STRING
        values = []
        for line, cell in zip(lines, cells, strict=True):
            if cell == "":
                values.append(None)
                continue
            try:
                values.append(parse(cell))
            except ValueError as error:
                self.problem(line, name, f"{show(cell)} {error}")
                self.reported.add((line, name))
                values.append(None)
        return pd.array(values, dtype=target)

    @staticmethod
    def to_float(cell: str) -> float:
        if not DECIMAL.match(cell):
            hint = " (use '.' for decimals and no thousands separators)" if "," in cell else ""
            raise ValueError(f"is not a number{hint}")
        value = float(cell)
        if not math.isfinite(value):
            raise ValueError("is too large")
        return value

    @staticmethod
    def to_int(cell: str) -> int:
        if not WHOLE.match(cell):
            raise ValueError("is not a whole number")
        value = int(cell)
        if abs(value) > INT64_MAX:
            raise ValueError("is too large")
        return value

    @staticmethod
    def to_bool(cell: str) -> bool:
        if cell not in ("true", "false"):
            raise ValueError("is not true or false")
        return cell == "true"

    def validate(self, frame: pd.DataFrame) -> None:
        schema = self.schema_for(list(frame.columns))
        try:
            schema.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as errors:
            self.report(frame, errors.failure_cases)

    def schema_for(self, present: list[str]) -> pa.DataFrameSchema:
        """The table's schema, or when the header lacks columns, the part that still applies."""
        schema = self.table.schema
        if present == self.expected:
            return schema
        # Row rules and multi-column keys need all their columns: without them, check cells only.
        return pa.DataFrameSchema(
            {name: column for name, column in schema.columns.items() if name in present},
            name=schema.name,
            strict=True,
            report_duplicates="all",
        )

    def report(self, frame: pd.DataFrame, cases: pd.DataFrame) -> None:
        rules = {rule.key: rule for rule in self.table.rules}
        done: set[tuple[str, int | None]] = set()  # row-level checks fail once per cell of the row
        for column, check, case, index in cases[["column", "check", "failure_case", "index"]].itertuples(index=False):
            line = None if index is None or pd.isna(index) else int(index)
            if check in rules or check == "multiple_fields_uniqueness":
                if (check, line) in done:
                    continue
                done.add((check, line))
                if check in rules:
                    rule = rules[check]
                    row = {c: self.raw.get((line, c), "") for c in self.expected}
                    self.problem(line, rule.column, rule.message.format(**row))
                else:
                    self.problem(line, None, self.key_repeats(frame, line))
                continue
            if line is not None and (line, column) in self.reported:
                continue  # already reported as a type error; its null is a consequence
            cell = self.raw.get((line, column), case) if line is not None else case
            if check == "not_nullable":
                self.problem(line, column, "a value is required")
            elif check == "field_uniqueness" and line is not None:
                same = (frame[column] == frame.at[line, column]).fillna(False).astype(bool)
                self.problem(line, column, f"{show(cell)} is not unique (also on {_lines(frame.index[same], line)})")
            elif str(check).startswith("is "):
                self.problem(line, column, f"{show(cell)} {check}")
            else:
                self.problem(line, column, f"{show(cell)} fails the check {check}")

    def key_repeats(self, frame: pd.DataFrame, line: int | None) -> str:
        key = list(self.table.key)
        if line is None:
            return f"the key ({', '.join(key)}) repeats"
        mine = frame.loc[line, key]
        same = frame[key].eq(mine).fillna(False) | (frame[key].isna() & mine.isna())
        values = ", ".join("(empty)" if pd.isna(v) else str(v) for v in mine)
        also = _lines(frame.index[same.all(axis=1)], line)
        return f"the key ({', '.join(key)}) = ({values}) is not unique (also on {also})"


def _lines(lines: Iterable[int], this: int) -> str:
    others = [str(line) for line in lines if line != this]
    return f"line{'s' if len(others) > 1 else ''} {', '.join(others)}"
