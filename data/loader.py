"""Read the CSV tables into typed, validated DataFrames; every defect becomes a located Problem."""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa_schema
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
from pandas.api.extensions import ExtensionArray
from pandas.arrays import ArrowStringArray, BooleanArray, FloatingArray, IntegerArray

from data.crossref import check_references
from data.problem import Problem, display_path, show
from data.schema import BOOL, FLOAT, INT, TABLES, Table, split_list

__all__ = [
    "DATA_DIR", "LoadResult", "Problem", "TableError", "csv_path", "load_all", "load_table", "split_list",
]

DATA_DIR = Path(__file__).resolve().parent

# A binary file has an invalid byte on most lines; past this many, more lines add nothing.
MAX_ENCODING_PROBLEMS = 10

DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d+)?|\.\d+)\Z")
WHOLE = re.compile(r"[+-]?\d+\Z")
INT64_MAX = 2**63 - 1
BOM = b"\xef\xbb\xbf"

# Cells converted in bulk (pyarrow) because their plainest form leaves no doubt about the value:
# exactly what to_float / to_int / to_bool give for them. Any other cell goes through those.
PLAIN_DECIMAL = r"^-?[0-9]{1,300}(?:\.[0-9]{1,300})?$"  # at most 10^300: always finite
PLAIN_WHOLE = r"^-?[0-9]{1,18}$"  # within int64, and never -2^63 (which to_int calls too large)
PLAIN_BOOL = r"^(?:true|false)$"


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
    path = csv_path(name, data_dir)
    file = display_path(path)
    reader = _Reader(TABLES[name], file)
    # No name holds the file's bytes here: the reader lets go of them once they are parsed.
    frame = reader.read(_contents(name, path, file))
    if reader.problems:
        raise TableError(name, reader.sorted_problems(), frame if reader.whole else None)
    return frame


def _contents(name: str, path: Path, file: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise TableError(name, [Problem(file, None, None, "file not found")]) from None
    except OSError as error:
        raise TableError(name, [Problem(file, None, None, f"cannot read the file: {error}")]) from None


class _Reader:
    """One pass over one file, collecting problems instead of stopping at the first."""

    def __init__(self, table: Table, file: str) -> None:
        self.table = table
        self.file = file
        self.expected = list(table.schema.columns)
        self.problems: list[Problem] = []
        # The rows as read, kept so that messages can quote cells: the line each row starts on
        # (ascending) and, per column, its cells as text (an empty cell is null).
        self.lines = np.empty(0, dtype=np.int64)
        self.cells: dict[str, pa.ChunkedArray] = {}
        self.texts: dict[str, dict[int, str | None]] = {}  # column -> line -> cell, as fetched by `quote`
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
        parsed = self.parse(raw)
        del raw  # the rows are read: a big file's bytes need not stay for the checks
        if parsed is None:
            return self.empty()
        self.lines, self.cells = parsed
        self.texts = {name: {} for name in self.cells}
        frame = self.convert()
        self.validate(frame)
        return frame

    def parse(self, raw: bytes) -> tuple[np.ndarray, dict[str, pa.ChunkedArray]] | None:
        """Each row's line and the cells of each usable column; None when no row could be read."""
        if raw.startswith(BOM):
            raw = raw[len(BOM):]  # a BOM (spreadsheet exports add one) carries no data
        # A plainly well-formed file is read in bulk; anything else (or anything doubtful) by the
        # csv module, record by record, which names every defect. Both give the same rows.
        regular = _read_regular(raw)
        if regular is not None:
            header, lines, columns = regular
            positions = self.check_header(header)
        else:
            read = self.read_records(raw)
            if read is None:
                return None
            header, rows = read
            positions = self.check_header(header)
            width = len(header)
            rows = [(line, fields) for line, fields in rows
                    if len(fields) == width or self.check_width(line, fields, width)]
            lines = np.array([line for line, _ in rows], dtype=np.int64)
            used = set(positions.values())
            by_column = list(zip(*(fields for _, fields in rows), strict=True)) if rows else [()] * width
            columns = [_text_column(by_column[i]) if i in used else None for i in range(width)]
        return lines, {name: columns[positions[name]] for name in self.expected if name in positions}

    def read_records(self, raw: bytes) -> tuple[list[str], list[tuple[int, list[str]]]] | None:
        """The header and the non-blank records after it, or None when there is no header to read."""
        records = self.records(self.decode(raw))
        if not any(fields for _, fields in records):
            self.problem(None, None, f"file is empty; expected the header row: {','.join(self.expected)}",
                         structural=True)
            return None
        (first_line, header), body = records[0], records[1:]
        if first_line != 1 or not header:
            self.problem(1, None, "the first line must be the header row", structural=True)
            return None
        return header, [(line, fields) for line, fields in body if fields]  # blank lines are skipped

    def empty(self) -> pd.DataFrame:
        return pd.DataFrame(columns=self.expected)

    def decode(self, raw: bytes) -> str:
        """Strict UTF-8: each line holding invalid bytes is reported with its byte offset."""
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

    def records(self, text: str) -> list[tuple[int, list[str]]]:
        """(starting line, fields) per CSV record; quoted fields may span several lines."""
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        records = []
        start = 1
        while True:
            try:
                for fields in reader:
                    records.append((start, fields))
                    start = reader.line_num + 1
                return records
            except csv.Error as error:
                self.problem(start, None, f"not valid CSV: {error}", structural=True)
                if reader.line_num < start:  # the reader made no progress: stop rather than spin
                    return records
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

    def convert(self) -> pd.DataFrame:
        columns = {}
        for name, cells in self.cells.items():
            dtype = str(self.table.schema.columns[name].dtype)
            columns[name] = self.convert_column(name, dtype, cells)
        return pd.DataFrame(columns, index=pd.Index(self.lines, name="line", dtype="int64"), copy=False)

    def convert_column(self, name: str, dtype: str, cells: pa.ChunkedArray) -> ExtensionArray:
        """The column in its dtype; each cell that does not convert is a problem, and null."""
        if dtype == FLOAT:
            return self.convert_cells(name, cells, PLAIN_DECIMAL, pa.float64(), self.to_float, FloatingArray)
        if dtype == INT:
            return self.convert_cells(name, cells, PLAIN_WHOLE, pa.int64(), self.to_int, IntegerArray)
        if dtype == BOOL:
            return self.convert_cells(name, cells, PLAIN_BOOL, pa.bool_(), self.to_bool, BooleanArray)
        # One contiguous buffer per column: the bulk reader yields hundreds of chunks, which every
        # later filter and take would have to walk.
        return ArrowStringArray(pa.chunked_array([cells.combine_chunks()]) if cells.num_chunks > 1 else cells)

    def convert_cells(self, name: str, cells: pa.ChunkedArray, plain: str, target: pa.DataType,
                      parse: Callable[[str], object], array: type) -> ExtensionArray:
        # Cells of the plainest form convert in bulk, to exactly what `parse` gives for them;
        # any other non-empty cell goes through `parse`, which accepts it or says what is wrong.
        dtype = target.to_pandas_dtype()
        filled = np.asarray(cells.is_valid().to_numpy(), dtype=bool)
        try:
            plainest = pc.fill_null(pc.match_substring_regex(cells, plain), False)
            if target == pa.bool_():
                converted = pc.equal(cells, "true")
            else:
                converted = pc.cast(pc.if_else(plainest, cells, pa.scalar(None, cells.type)), target)
            values = np.array(pc.fill_null(converted, pa.scalar(dtype(0).item(), target)).to_numpy(), dtype=dtype)
            easy = np.asarray(plainest.to_numpy(), dtype=bool)
        except (pa.ArrowException, ValueError):
            easy = np.zeros(len(cells), dtype=bool)
            values = np.zeros(len(cells), dtype=dtype)
        others = np.flatnonzero(filled & ~easy)
        mask = ~easy
        for position, cell in zip(others.tolist(), cells.take(others).to_pylist(), strict=True):
            try:
                values[position] = parse(cell)
            except ValueError as error:
                line = int(self.lines[position])
                self.problem(line, name, f"{show(cell)} {error}")
                self.reported.add((line, name))
            else:
                mask[position] = False
        return array(values, mask)

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

    def quote(self, lines: Iterable[int]) -> None:
        """Fetch the cells of `lines` as written, for `text`: one lookup per column, not per cell."""
        wanted = np.unique(np.fromiter(lines, dtype=np.int64))
        at = np.minimum(np.searchsorted(self.lines, wanted), max(len(self.lines) - 1, 0))
        found = self.lines[at] == wanted if len(self.lines) else np.zeros(len(wanted), dtype=bool)
        wanted, at = wanted[found].tolist(), at[found]
        for name, cells in self.cells.items():
            self.texts[name].update(zip(wanted, cells.take(at).to_pylist(), strict=True))

    def text(self, line: int | None, column: str, default: str = "") -> str:
        """The cell as written in the file at `line` (empty when blank), or `default` when there is none."""
        if line is None or column not in self.texts:
            return default
        if line not in self.texts[column]:
            self.quote([line])
            if line not in self.texts[column]:
                return default
        value = self.texts[column][line]
        return "" if value is None else value

    def validate(self, frame: pd.DataFrame) -> None:
        schema = self.schema_for(list(frame.columns))
        try:
            schema.validate(frame, lazy=True)
        except pa_schema.errors.SchemaErrors as errors:
            self.report(frame, errors.failure_cases)

    def schema_for(self, present: list[str]) -> pa_schema.DataFrameSchema:
        """The table's schema, or when the header lacks columns, the part that still applies."""
        schema = self.table.schema
        if present == self.expected:
            return schema
        # Row rules and multi-column keys need all their columns: without them, check cells only.
        return pa_schema.DataFrameSchema(
            {name: column for name, column in schema.columns.items() if name in present},
            name=schema.name,
            strict=True,
            report_duplicates="all",
        )

    def report(self, frame: pd.DataFrame, cases: pd.DataFrame) -> None:
        rules = {rule.key: rule for rule in self.table.rules}
        done: set[tuple[str, int | None]] = set()  # row-level checks fail once per cell of the row
        repeats = _Repeats(frame)
        self.quote(int(index) for index in cases["index"] if index is not None and not pd.isna(index))
        for column, check, case, index in cases[["column", "check", "failure_case", "index"]].itertuples(index=False):
            line = None if index is None or pd.isna(index) else int(index)
            if check in rules or check == "multiple_fields_uniqueness":
                if (check, line) in done:
                    continue
                done.add((check, line))
                if check in rules:
                    rule = rules[check]
                    row = {c: self.text(line, c) for c in self.expected}
                    self.problem(line, rule.column, rule.message.format(**row))
                else:
                    self.problem(line, None, self.key_repeats(repeats, line))
                continue
            if line is not None and (line, column) in self.reported:
                continue  # already reported as a type error; its null is a consequence
            cell = self.text(line, column, case)
            if check == "not_nullable":
                self.problem(line, column, "a value is required")
            elif check == "field_uniqueness" and line is not None:
                self.problem(line, column, f"{show(cell)} is not unique (also on {repeats.others([column], line)})")
            elif str(check).startswith("is "):
                self.problem(line, column, f"{show(cell)} {check}")
            else:
                self.problem(line, column, f"{show(cell)} fails the check {check}")

    def key_repeats(self, repeats: _Repeats, line: int | None) -> str:
        key = list(self.table.key)
        if line is None:
            return f"the key ({', '.join(key)}) repeats"
        mine = repeats.frame.loc[line, key]
        values = ", ".join("(empty)" if pd.isna(v) else str(v) for v in mine)
        return f"the key ({', '.join(key)}) = ({values}) is not unique (also on {repeats.others(key, line)})"


class _Repeats:
    """The other lines holding the same value (or key) as a given line: '(also on line 4)'.

    Rows are grouped once per column set, so a file with many repeats costs one pass, not one
    pass per repeated row. One column matches on equal values (an empty cell matches nothing),
    a key on equal values or both empty, as the messages always did.
    """

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.groups: dict[tuple[str, ...], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def others(self, columns: list[str], line: int) -> str:
        key = tuple(columns)
        if not all(isinstance(self.frame[c].dtype, pd.StringDtype) for c in columns):
            # Numbers compare as numbers (0.0 is -0.0): row by row, as the messages always did.
            frame, mine = self.frame[columns], self.frame.loc[line, columns]
            same = (frame.eq(mine).fillna(False) | (frame.isna() & mine.isna()) if len(columns) > 1
                    else frame.eq(mine).fillna(False))
            return _lines(self.frame.index[same.all(axis=1).to_numpy(dtype=bool)], line)
        if key not in self.groups:
            if len(columns) == 1:
                codes = np.asarray(self.frame[columns[0]].factorize()[0])  # an empty cell is -1
            else:
                codes = self.frame.groupby(columns, dropna=False, sort=False).ngroup().to_numpy()
            order = np.argsort(codes, kind="stable")  # each group's rows stay in line order
            self.groups[key] = (codes, order, codes[order])
        codes, order, ordered = self.groups[key]
        code = codes[self.frame.index.get_loc(line)]
        if code < 0:
            return _lines([], line)
        group = order[np.searchsorted(ordered, code, "left"):np.searchsorted(ordered, code, "right")]
        return _lines(self.frame.index[group], line)


def _lines(lines: Iterable[int], this: int) -> str:
    others = [str(line) for line in lines if line != this]
    return f"line{'s' if len(others) > 1 else ''} {', '.join(others)}"


def _text_column(cells: Sequence[str]) -> pa.ChunkedArray:
    """Cells read by the csv module, as the bulk reader gives them: text, an empty cell null."""
    text = pa.array(cells, type=pa.large_string())
    return pa.chunked_array([pc.if_else(pc.equal(text, ""), pa.scalar(None, text.type), text)])


# The bulk reader scans the file for quotes and line ends in slices of this many bytes, so the
# scan's temporary arrays stay small whatever the size of the file.
_SCAN = 1 << 24


def _bulk_pool() -> pa.MemoryPool:
    """The allocator for a table read in bulk: jemalloc, else malloc, rather than pyarrow's
    default (mimalloc), which spent about twice their system time on a big file's fresh memory."""
    try:
        return pa.jemalloc_memory_pool()
    except NotImplementedError:  # a pyarrow built without jemalloc
        return pa.system_memory_pool()


_POOL = _bulk_pool()
_QUOTE, _LF, _CR, _COMMA = ord('"'), ord("\n"), ord("\r"), ord(",")


def _read_regular(raw: bytes) -> tuple[list[str], np.ndarray, list[pa.ChunkedArray]] | None:
    """The header, each row's starting line and the columns (empty cells null) of a plainly
    well-formed file, read by pyarrow; None for anything else.

    Well-formed, here, is where pyarrow and the csv module cannot disagree: UTF-8, no NUL, every
    CR part of a CRLF, each quote opening a field, closing one or doubled inside one, every
    record as wide as the header, no cell past the csv module's field limit, and no blank line
    before the header. Line numbers follow the csv module: the line a record starts on,
    counting the lines inside quoted cells and the blank lines (which hold no record).
    """
    size = len(raw)
    if not size or raw[0] in (_LF, _CR) or b"\x00" in raw:
        return None
    if b"\r" in raw and raw.count(b"\r") != raw.count(b"\r\n"):
        return None
    data = np.frombuffer(raw, dtype=np.uint8)
    quote_parts, newline_parts = [], []
    for begin in range(0, size, _SCAN):
        part = data[begin:begin + _SCAN]
        quote_parts.append(np.flatnonzero(part == _QUOTE) + begin)
        newline_parts.append(np.flatnonzero(part == _LF) + begin)
    quotes, newlines = np.concatenate(quote_parts), np.concatenate(newline_parts)

    # Quotes alternate: even ones open a quoted stretch, odd ones close it. A stretch opens at the
    # start of a field, or right after the one that closed (a doubled quote inside a cell); it
    # closes at the end of a field, or right before the one that reopens.
    if len(quotes) % 2:
        return None
    opening, closing = quotes[0::2], quotes[1::2]
    doubled = closing[:-1] + 1 == opening[1:]  # closing[i] and opening[i + 1] are one '""'
    before = data[np.maximum(opening - 1, 0)]
    opens_field = (opening == 0) | (before == _COMMA) | (before == _LF)
    opens_field[1:] |= doubled
    after = data[np.minimum(closing + 1, size - 1)]
    closes_field = (closing == size - 1) | (after == _COMMA) | (after == _LF) | (after == _CR)
    closes_field[:-1] |= doubled
    if not (opens_field.all() and closes_field.all()):
        return None

    # A line end after an odd number of quotes is inside a quoted cell; the others end records.
    inside = np.searchsorted(quotes, newlines) % 2 == 1
    ends = np.flatnonzero(~inside)  # which line ends (0-based: the end of line ends[i] + 1) end a record
    starts = np.concatenate(([0], newlines[ends] + 1))
    stops = np.concatenate((newlines[ends], [size]))
    first_lines = np.concatenate(([1], ends + 2))
    length = stops - starts
    blank = (length == 0) | ((length == 1) & (data[np.minimum(starts, size - 1)] == _CR))
    lines = first_lines[~blank]
    if not len(lines) or lines[0] != 1:
        return None

    try:
        text = raw[:stops[0]].decode("utf-8")
        header = next(csv.reader(io.StringIO(text, newline=""), strict=True))
    except (UnicodeDecodeError, csv.Error, StopIteration):
        return None
    names = [f"f{i}" for i in range(len(header))]
    try:
        table = pa_csv.read_csv(
            pa.py_buffer(raw),
            read_options=pa_csv.ReadOptions(column_names=names),
            parse_options=pa_csv.ParseOptions(newlines_in_values=bool(inside.any()), ignore_empty_lines=True),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.large_string()), null_values=[""],
                strings_can_be_null=True, quoted_strings_can_be_null=True, check_utf8=True,
            ),
            memory_pool=_POOL,
        )
    except (pa.ArrowException, ValueError):
        return None  # a row of another width, bytes that are not UTF-8, ...
    if table.num_rows != len(lines) or table.num_columns != len(header):
        return None
    limit = csv.field_size_limit()
    columns = []
    for column in table.columns:
        longest = pc.max(pc.binary_length(column)).as_py()
        if longest is not None and longest > limit:
            return None  # the csv module refuses such a cell, and says so
        columns.append(column.slice(1))
    return header, lines[1:], columns
