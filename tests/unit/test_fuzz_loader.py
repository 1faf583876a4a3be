"""Property-based tests of every table's loader: whatever a CSV holds, the result is a validated frame
or a TableError whose problems name the file, and the line and column where there is one; never any
other exception. Examples start from each table's valid fixture and break it (cells, rows, columns,
quoting, encoding), so the schema checks are reached, not only the CSV parser.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.loader import LoadResult, Problem, TableError, load_all, load_table
from data.schema import BOOL, FLOAT, INT, TABLES

VALID = Path(__file__).resolve().parents[1] / "fixtures" / "valid"

# Modest example counts: ten tables, and `make test` must stay fast. database=None leaves no
# .hypothesis/ folder behind.
FUZZ = settings(max_examples=15, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
FUZZ_ALL = settings(FUZZ, max_examples=5)

# Cells a curator (or a spreadsheet export) might type, valid for some column and wrong for others.
TYPICAL = [
    "", " ", "true", "false", "True", "1", "0", "-1", "1.5", "1,5", "1e5", "1e309", "-0", "nan", "NaN", "inf",
    "9" * 25, "KAZ", "kaz", "KAZ;UZB", "KAZ;", ";", "C5", "OTS", "2024", "2024-02-30", "2024-13", "2024-01/2024-10",
    "2025/2024", "fixture-speech", "fixture-stats", "dostyk", "Not-A-Slug", "a--b", "https://example.org/x",
    "ftp://x", "kk", "xx", "speech", "member", "operating", "unknown", "proposed", "year", "point",
    '"', '""', "a,b", "line\nbreak", "\r", "\r\n", "\x00", "\t", "\ufeff", "é", "Қазақстан", "<script>", "=1+1",
]
CELL = st.one_of(
    st.sampled_from(TYPICAL),
    st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True),
    st.from_regex(r"-?\d{1,4}(\.\d{1,3})?", fullmatch=True),
    st.text(max_size=16),
)
ENCODINGS = ["utf-8", "utf-8-sig", "cp1251", "utf-16"]


def _fixture_rows(name: str) -> list[list[str]]:
    text = (VALID / f"{name}.csv").read_text(encoding="utf-8")
    return [row for row in csv.reader(io.StringIO(text, newline=""))]


@st.composite
def broken_table(draw, name: str) -> bytes:
    """The valid fixture of `name` with a few random edits, written as bytes in some encoding."""
    rows = [list(row) for row in _fixture_rows(name)]
    for _ in range(draw(st.integers(0, 6))):
        width = max(len(rows[0]), 1) if rows else 1
        op = draw(st.sampled_from(["cell", "cell", "cell", "drop_row", "dup_row", "drop_col", "swap_cols",
                                   "add_col", "cut_row", "rename_col"]))
        if not rows:
            break
        row = draw(st.integers(0, len(rows) - 1))
        col = draw(st.integers(0, width - 1))
        if op == "cell" and col < len(rows[row]):
            rows[row][col] = draw(CELL)
        elif op == "drop_row" and len(rows) > 1:
            del rows[row]
        elif op == "dup_row":
            rows.insert(row, list(rows[row]))
        elif op == "drop_col":
            for fields in rows:
                if col < len(fields):
                    del fields[col]
        elif op == "swap_cols":
            other = draw(st.integers(0, width - 1))
            for fields in rows:
                if max(col, other) < len(fields):
                    fields[col], fields[other] = fields[other], fields[col]
        elif op == "add_col":
            rows[0].append(draw(CELL))
        elif op == "cut_row":
            rows[row] = rows[row][: draw(st.integers(0, len(rows[row])))]
        elif op == "rename_col" and col < len(rows[0]):
            rows[0][col] = draw(CELL)
    out = io.StringIO()
    csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))).writerows(rows)
    text = out.getvalue() + draw(st.sampled_from(["", "", "\n", '"unclosed', "\n\n,,,\n", "x"]))
    encoding = draw(st.sampled_from(ENCODINGS))
    return text.encode(encoding, errors="replace")


def _check(name: str, data_dir: Path, content: bytes) -> None:
    """load_table returns a valid frame or raises TableError with located problems; nothing else."""
    (data_dir / f"{name}.csv").write_bytes(content)
    # An upper bound on the lines a reader counts: "\r", "\n" and "\r\n" each end one.
    lines = content.count(b"\n") + content.count(b"\r") + 1
    try:
        frame = load_table(name, data_dir)
    except TableError as error:
        assert error.table == name
        assert error.problems
        header = set(TABLES[name].schema.columns)
        for problem in error.problems:
            assert isinstance(problem, Problem)
            assert problem.file.endswith(f"{name}.csv"), problem
            assert "\n" not in str(problem) and "\r" not in str(problem)
            assert problem.row is None or 1 <= problem.row <= lines, problem
            if problem.column is not None:
                assert problem.row is not None, problem  # a column is always named at a line
                # Header problems may name a column the file has and the contract lacks.
                assert problem.column in header or problem.row == 1, problem
        if error.frame is not None:
            assert list(error.frame.columns) == list(TABLES[name].schema.columns)
    else:
        schema = TABLES[name].schema
        assert list(frame.columns) == list(schema.columns)
        assert frame.index.name == "line"
        schema.validate(frame, lazy=True)  # raises if the loader let an invalid frame through
        for column, spec in schema.columns.items():
            expected = {FLOAT: "Float64", INT: "Int64", BOOL: "boolean"}.get(str(spec.dtype), "string")
            assert str(frame[column].dtype) == expected, column


@pytest.fixture
def table_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(VALID, target)
    return target


@pytest.mark.parametrize("name", list(TABLES))
def test_every_table_loads_or_names_its_problems(name: str, table_dir: Path) -> None:
    """Each table, broken at random: a validated frame or a TableError naming file, line and column."""

    @FUZZ
    @given(content=broken_table(name))
    def check(content: bytes) -> None:
        _check(name, table_dir, content)

    check()


@pytest.mark.parametrize("name", list(TABLES))
def test_every_table_survives_arbitrary_text(name: str, table_dir: Path) -> None:
    """Each table holding arbitrary text (CSV-ish characters and any Unicode): the same contract."""

    @FUZZ
    @given(text=st.text(alphabet=st.one_of(st.sampled_from(',";\n\r\t\x00\ufeff'), st.characters()), max_size=300))
    def check(text: str) -> None:
        header = ",".join(TABLES[name].schema.columns)
        _check(name, table_dir, (header + "\n" + text).encode("utf-8", errors="surrogatepass"))

    check()


@pytest.mark.parametrize("name", list(TABLES))
def test_load_all_with_one_broken_table_never_raises(name: str, table_dir: Path) -> None:
    """The whole data set with one table broken: load_all returns, the other tables load, references are checked."""

    @FUZZ_ALL
    @given(content=broken_table(name))
    def check(content: bytes) -> None:
        (table_dir / f"{name}.csv").write_bytes(content)
        result = load_all(table_dir)
        assert isinstance(result, LoadResult)
        assert set(result.tables) | set(result.errors) == set(TABLES)
        assert set(result.tables) >= set(TABLES) - {name}  # the others are untouched and load
        for problem in result.problems:
            assert isinstance(problem, Problem) and "\n" not in str(problem)
        assert all(isinstance(frame, pd.DataFrame) for frame in result.tables.values())

    check()
