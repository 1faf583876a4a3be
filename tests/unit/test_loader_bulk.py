"""The loader's bulk path (pyarrow reading, vectorised conversion) gives what the record-by-record
path gives: the same frames, the same line numbers, the same problems, in the same order.

The record-by-record path (the csv module, one cell at a time) is the reference: these tests
force it by turning the bulk reader and the bulk conversion off, and compare.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import data.loader as loader
import data.schema as schema
from data.loader import Problem, TableError, load_all, load_table
from data.schema import PERIOD, STRING, TABLES

VALID = Path(__file__).resolve().parents[1] / "fixtures" / "valid"
NEVER = r"^$"  # matches no non-empty cell: every cell converts one by one, as the loader always did

FUZZ = settings(max_examples=40, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def outcome(name: str, data_dir: Path) -> tuple[pd.DataFrame | None, list[Problem] | None]:
    """(frame, None) when the table loads, (the frame kept, problems) when it does not."""
    try:
        return load_table(name, data_dir), None
    except TableError as error:
        return error.frame, error.problems


def reference(name: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    """The outcome through the csv module and per-cell conversion only."""
    with monkeypatch.context() as patch:
        patch.setattr(loader, "_read_regular", lambda raw: None)
        for plain in ("PLAIN_DECIMAL", "PLAIN_WHOLE", "PLAIN_BOOL"):
            patch.setattr(loader, plain, NEVER)
        return outcome(name, data_dir)


def assert_same_frame(got: pd.DataFrame | None, want: pd.DataFrame | None) -> None:
    """Same columns, dtypes, index (lines) and cells; floats bit for bit (so -0.0 is not 0.0)."""
    assert (got is None) == (want is None)
    if got is None or want is None:
        return
    assert list(got.columns) == list(want.columns)
    assert got.index.name == want.index.name == "line"
    assert got.index.dtype == want.index.dtype == np.dtype("int64")
    assert got.index.tolist() == want.index.tolist()
    for column in want.columns:
        mine, theirs = got[column], want[column]
        assert mine.dtype == theirs.dtype, column
        assert mine.isna().tolist() == theirs.isna().tolist(), column
        filled = ~theirs.isna().to_numpy()
        if str(theirs.dtype) == "Float64":
            a = mine.to_numpy(dtype="float64", na_value=0.0)[filled]
            b = theirs.to_numpy(dtype="float64", na_value=0.0)[filled]
            assert a.view(np.int64).tolist() == b.view(np.int64).tolist(), column
        else:
            a, b = mine[filled].tolist(), theirs[filled].tolist()
            assert a == b and [type(v) for v in a] == [type(v) for v in b], column


def assert_same_as_reference(name: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    frame, problems = outcome(name, data_dir)
    want_frame, want_problems = reference(name, data_dir, monkeypatch)
    assert problems == want_problems, "\n".join(map(str, problems or [])) + "\n---\n" + "\n".join(
        map(str, want_problems or []))
    assert all(type(p.row) in (int, type(None)) for p in problems or [])
    assert_same_frame(frame, want_frame)


def read_in_bulk(data_dir: Path, name: str) -> bool:
    """Whether the bulk reader takes the file (rather than leaving it to the csv module)."""
    raw = (data_dir / f"{name}.csv").read_bytes()
    return loader._read_regular(raw.removeprefix(loader.BOM)) is not None


def write_rows(path: Path, rows: list[list[str]], *, terminator: str = "\n", blank_after: tuple[int, ...] = (),
               quoting: int = csv.QUOTE_MINIMAL) -> None:
    out = io.StringIO()
    for index, row in enumerate(rows):
        csv.writer(out, lineterminator=terminator, quoting=quoting).writerow(row)
        if index in blank_after:
            out.write(terminator)
    path.write_bytes(out.getvalue().encode("utf-8"))


def fixture_rows(name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((VALID / f"{name}.csv").read_text(encoding="utf-8"), newline="")))


# --- the bulk reader takes ordinary files, with the right line numbers ---------------------


@pytest.mark.parametrize("terminator", ["\n", "\r\n"])
def test_line_numbers_count_blank_lines_and_lines_inside_quoted_cells(data_dir: Path, terminator: str,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Read in bulk, each row's index is the line it starts on, past blank lines and multi-line cells."""
    header, first, second = fixture_rows("series")
    rows = [header, first, second, [*first[:3], "2022", "2022", *first[5:]]]
    rows[1][-1] = f"a note{terminator}over two lines"  # row 1 spans lines 2-3
    rows[2][10] = f'a "quoted" quote, with a comma{terminator}{terminator}and a blank line inside'  # lines 5-7
    write_rows(data_dir / "series.csv", rows, terminator=terminator, blank_after=(1, 2, 3))
    assert read_in_bulk(data_dir, "series")
    frame = load_table("series", data_dir)
    assert frame.index.tolist() == [2, 5, 9]
    assert frame.loc[2, "note"] == f"a note{terminator}over two lines"
    assert frame.loc[5, "quote"].startswith('a "quoted" quote, with a comma')
    assert_same_as_reference("series", data_dir, monkeypatch)


def test_a_bom_quoted_header_and_quoted_cells_are_read_in_bulk(data_dir: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Quoting everything (as some exports do) and a BOM still take the bulk path, with the same result."""
    rows = fixture_rows("figures")
    write_rows(data_dir / "figures.csv", rows, quoting=csv.QUOTE_ALL)
    path = data_dir / "figures.csv"
    path.write_bytes(loader.BOM + path.read_bytes())
    assert read_in_bulk(data_dir, "figures")
    assert load_table("figures", data_dir)["id"].tolist() == ["trade-2023", "cargo-target"]
    assert_same_as_reference("figures", data_dir, monkeypatch)


def test_every_fixture_is_read_in_bulk_with_the_same_frames(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each valid table takes the bulk path and gives exactly the reference frame."""
    for name in TABLES:
        assert read_in_bulk(data_dir, name), name
        assert_same_as_reference(name, data_dir, monkeypatch)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"UZB,2024-01", b"UZB,2024\r-01"),  # a CR that ends no CRLF
        (b"UZB,2024-01", b"UZB,2024\x00-01"),  # NUL
        (b"UZB,2024-01", b'UZB,2024"-01'),  # a quote inside an unquoted cell
        (b"UZB,2024-01", b'UZB,"2024"-01'),  # text after a closing quote
        (b"UZB,2024-01/2024-10", b'UZB, "2024-01/2024-10"'),  # a space before an opening quote
        (b"UZB,2024-01/2024-10", b'UZB,2024-"01/2024-10"'),  # a quote opening mid-cell
        (b"UZB,2024-01", b'UZB,"2024-01'),  # a quote never closed
        (b"UZB,2024-01", b"UZB,,2024-01"),  # a row wider than the header
        (b"UZB,2024-01", b"UZB2024-01"),  # a row narrower than the header
        (b"metric,country", b"\nmetric,country"),  # a blank line before the header
        (b"UZB,2024-01", b"UZB,2024-01\xff"),  # not UTF-8
        (b"UZB,2024-01", b"UZB,2024-01\xed\xa0\x80"),  # an encoded surrogate: not UTF-8 either
    ],
)
def test_irregular_files_are_left_to_the_csv_module(data_dir: Path, old: bytes, new: bytes,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Anything the two readers might read differently goes through the csv module, which names it,
    between well-quoted cells (the quotes of the row before and of the same row)."""
    path = data_dir / "series.csv"
    raw = _quoted(path.read_bytes())
    assert raw.count(old) == 1
    path.write_bytes(raw.replace(old, new))
    assert not read_in_bulk(data_dir, "series")
    assert_same_as_reference("series", data_dir, monkeypatch)


def test_well_quoted_cells_alone_are_read_in_bulk(data_dir: Path) -> None:
    """The quoted rows of the test above, without the damage, are read in bulk."""
    path = data_dir / "series.csv"
    path.write_bytes(_quoted(path.read_bytes()))
    assert read_in_bulk(data_dir, "series")
    assert load_table("series", data_dir)["quote"].tolist() == ['a "quoted", cell', '"3.2"']


def _quoted(raw: bytes) -> bytes:
    raw = raw.replace(b"fixture-stats,10.9,", b'fixture-stats,"a ""quoted"", cell",', 1)
    return raw.replace(b"fixture-stats,3.2,", b'fixture-stats,"""3.2""",', 1)


def test_a_cell_past_the_csv_field_limit_is_left_to_the_csv_module(data_dir: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The csv module refuses a cell over its field limit; the bulk reader must not accept it instead."""
    huge = "x" * (csv.field_size_limit() + 1)
    path = data_dir / "series.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("10.9,true,", f"10.9,true,{huge}", 1), encoding="utf-8")
    assert not read_in_bulk(data_dir, "series")
    frame, problems = outcome("series", data_dir)
    assert problems and problems[0].message.startswith("not valid CSV: field larger than field limit")
    assert_same_as_reference("series", data_dir, monkeypatch)


# --- conversion in bulk gives what per-cell conversion gives ------------------------------

NUMBERS = [
    "0", "-0", "-0.0", "007", "1.50", "+1", ".5", "5.", "1e5", "1E5", " 1", "1 ", "0x1", "١٢", "٣.٥", "1,5",
    "1_000", "nan", "inf", "-", "", "9" * 18, "-" + "9" * 18, "9" * 19, "9223372036854775807",
    "-9223372036854775807", "-9223372036854775808", "9223372036854775808", "9" * 40, "9" * 300,
    "9" * 301, "9" * 400, "0." + "0" * 320 + "1", "1." + "5" * 300, "0.1", "0.30000000000000004",
    "2.2250738585072011", "179769313486231570000", "4.35", "8.675000000000000710542735760100185871124267578125",
]


@pytest.mark.parametrize("column", ["value", "year", "verified"])
def test_numbers_and_flags_convert_in_bulk_exactly_as_one_by_one(data_dir: Path, column: str,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Odd numbers (signs, Unicode digits, huge, -2^63, halfway decimals) in Float64, Int64 and boolean cells."""
    header, row, _ = fixture_rows("series")
    at = header.index(column)
    cells = [*NUMBERS, "true", "false", "True", "TRUE", "yes", "1"]
    rows = [header] + [[*row[:at], cell, *row[at + 1:]] for cell in cells]
    for index, fields in enumerate(rows[1:]):
        fields[header.index("period")] = f"{1900 + index}"
        fields[header.index("year")] = fields[header.index("year")] if column == "year" else f"{1900 + index}"
    write_rows(data_dir / "series.csv", rows)
    assert read_in_bulk(data_dir, "series")
    assert_same_as_reference("series", data_dir, monkeypatch)


NUMERIC_TEXT = st.one_of(
    st.from_regex(r"[+-]?[0-9]{0,25}(\.[0-9]{0,25})?", fullmatch=True),
    st.sampled_from(NUMBERS),
    st.text(alphabet="0123456789.-+e,٣ ", max_size=8),
)


@FUZZ
@given(values=st.lists(NUMERIC_TEXT, min_size=1, max_size=30))
def test_random_numbers_convert_in_bulk_exactly_as_one_by_one(data_dir: Path, values: list[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Any mix of numeric-looking text in countries' Float64 and Int64 columns: same values, same problems."""
    header, row, _ = fixture_rows("countries")
    rows = [header]
    for index, value in enumerate(values):
        fields = list(row)
        fields[header.index("iso3")] = f"A{chr(65 + index // 26)}{chr(65 + index % 26)}"
        for column in ("capital_lat", "gdp_usd", "population", "population_year"):
            fields[header.index(column)] = value
        rows.append(fields)
    write_rows(data_dir / "countries.csv", rows)
    assert_same_as_reference("countries", data_dir, monkeypatch)


# --- whatever the file, both paths agree -----------------------------------------------------

CELL = st.one_of(
    st.sampled_from(["", "KAZ", "C5", "2024", "2024-01/2024-10", "10.9", "-0", "x,y", 'say "hi"', "a\nb", "a\r\nb",
                     "\r", '"', "true", "maybe", "fixture-stats", "Қазақстан", "\ufeff", " ", "trade"]),
    st.text(max_size=10),
)


@st.composite
def series_file(draw) -> bytes:
    """series.csv from its fixture with random cells, rows, blank lines, quoting, line ends and, in
    about half the files, damage (stray separators and bytes) that sends them to the csv module."""
    damaged = draw(st.booleans())
    header, *body = fixture_rows("series")
    rows = [list(header)] + [list(r) for r in body for _ in range(draw(st.integers(1, 3)))]
    for _ in range(draw(st.integers(0, 8))):
        fields = rows[draw(st.integers(1, len(rows) - 1))]
        fields[draw(st.integers(0, len(fields) - 1))] = draw(CELL if damaged else CELL.filter(lambda c: "\r" not in c))
    terminator = draw(st.sampled_from(["\n", "\r\n"]))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    between = ["", "", "", terminator, terminator * 2] + ([" \n", '""\n', "\r"] if damaged else [])
    out = io.StringIO()
    for fields in rows:
        csv.writer(out, lineterminator=terminator, quoting=quoting).writerow(fields)
        out.write(draw(st.sampled_from(between)))
    raw = out.getvalue().encode("utf-8")
    if draw(st.booleans()):
        raw = raw.rstrip(b"\r\n")
    if damaged and draw(st.booleans()):
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\x00", b'"', b"\r", b",", b"\n"])) + raw[at:]
    return (loader.BOM if draw(st.integers(0, 4)) == 0 else b"") + raw


@FUZZ
@given(content=series_file())
def test_bulk_and_record_by_record_agree_on_any_file(data_dir: Path, content: bytes,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Regular or broken, a file gives the same frame and the same problems through either path."""
    (data_dir / "series.csv").write_bytes(content)
    assert_same_as_reference("series", data_dir, monkeypatch)


# --- at scale -------------------------------------------------------------------------------


def test_a_bad_number_deep_in_a_big_file_is_named_with_its_line(data_dir: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """700,000 rows after a multi-line cell and a blank line: the bad value names line 700,003, read in bulk."""
    rows = 700_000
    head = "metric,country,partner,period,year,period_type,value,unit,reporter,source_id,quote,verified,note\n"
    lines = [head]
    for index in range(rows):
        period = f"{1000 + index // 336:04d}-{index // 28 % 12 + 1:02d}-{index % 28 + 1:02d}/2024"
        value = "1,5" if index == rows - 1 else f"{index % 1000}.5"
        note = '"two\nlines"' if index == 2 else ""
        lines.append(f'trade,KAZ,,{period},2024,part_year,"{value}",USD bn,,fixture-stats,q,true,{note}\n')
        if index == 9:
            lines.append("\n")
    (data_dir / "series.csv").write_text("".join(lines), encoding="utf-8")
    calls = []
    original = loader._Reader.to_float
    monkeypatch.setattr(loader._Reader, "to_float", staticmethod(lambda cell: calls.append(cell) or original(cell)))
    assert read_in_bulk(data_dir, "series")
    frame, problems = outcome("series", data_dir)
    assert problems == [Problem(str(data_dir / "series.csv"), rows + 3, "value",
                                "'1,5' is not a number (use '.' for decimals and no thousands separators)")]
    assert calls == ["1,5"]  # every other value converted in bulk
    assert frame is not None and len(frame) == rows
    assert frame.index[[0, 2, 3, 9, 10, -1]].tolist() == [2, 4, 6, 12, 14, rows + 3]
    assert frame["value"].isna().sum() == 1


def test_many_repeated_keys_name_their_other_lines(data_dir: Path) -> None:
    """Repeated keys, some with an empty partner (empty matches empty), each name the other lines."""
    header, first, second = fixture_rows("series")
    rows = [header] + [first, second] * 300 + [first]
    write_rows(data_dir / "series.csv", rows)
    _, problems = outcome("series", data_dir)
    assert problems is not None and len(problems) == 601
    even = ", ".join(str(line) for line in range(2, 603, 2) if line != 4)
    assert problems[2] == Problem(str(data_dir / "series.csv"), 4, None,
                                  f"the key (metric, country, partner, period, source_id) = "
                                  f"(trade, C5, (empty), 2023, fixture-stats) is not unique (also on lines {even})")
    odd = ", ".join(str(line) for line in range(5, 602, 2))
    assert problems[1].row == 3 and problems[1].message.endswith(f"(also on lines {odd})")


def test_repeated_ids_name_their_other_lines(data_dir: Path) -> None:
    """A single-column key: each repeat names the other lines with that id, and only those."""
    header, first, second = fixture_rows("metrics")
    write_rows(data_dir / "metrics.csv", [header, first, second, first, second, first])
    _, problems = outcome("metrics", data_dir)
    assert [(p.row, p.message) for p in problems or []] == [
        (2, "'trade' is not unique (also on lines 4, 6)"),
        (3, "'cargo' is not unique (also on line 5)"),
        (4, "'trade' is not unique (also on lines 2, 6)"),
        (5, "'cargo' is not unique (also on line 3)"),
        (6, "'trade' is not unique (also on lines 2, 4)"),
    ]


def test_unknown_ids_in_many_rows_are_each_reported_in_line_order(data_dir: Path) -> None:
    """References over many rows: every row holding an unknown id, by line, then REFERENCES order."""
    header, first, second = fixture_rows("series")
    rows = [header]
    for index in range(1000):
        fields = list(first if index % 2 else second)
        fields[header.index("period")] = f"{1000 + index}/2023" if index % 2 else f"{1000 + index}-01/2024-10"
        if index % 250 == 0:
            fields[header.index("source_id")] = "nowhere"
            fields[header.index("metric")] = "no-metric"
        rows.append(fields)
    write_rows(data_dir / "series.csv", rows)
    result = load_all(data_dir)
    assert not result.errors
    file = str(data_dir / "series.csv")
    assert result.references == [
        problem
        for line in (2, 252, 502, 752)
        for problem in (
            Problem(file, line, "source_id", "'nowhere' is not an id in sources.csv"),
            Problem(file, line, "metric", "'no-metric' is not an id in metrics.csv"),
        )
    ]


# --- the series year rule, vectorised --------------------------------------------------------


def _year_ends_period_by_rsplit(df: pd.DataFrame) -> pd.Series:
    """The rule as first written (one Python rsplit per row): the reference for the regex version."""
    period = df["period"]
    end_year = period.str.rsplit("/", n=1).str[-1].str.slice(0, 4)
    comparable = period.str.fullmatch(PERIOD).fillna(False) & df["year"].notna()
    differs = (end_year != df["year"].astype(STRING)).fillna(False)
    return ~(comparable & differs).astype(bool)


PERIODS = st.one_of(
    st.from_regex(rf"{PERIOD}", fullmatch=True),
    st.from_regex(r"[0-9]{4}(-[0-9]{2}){0,2}(/[0-9]{4}(-[0-9]{2}){0,2}){0,3}", fullmatch=True),
    st.text(alphabet="0123456789/-\n٢٠", max_size=24),
    st.none(),
)


@settings(max_examples=200, deadline=None, database=None)
@given(cases=st.lists(st.tuples(PERIODS, st.one_of(st.none(), st.integers(-10, 10000))), max_size=20))
def test_year_ends_period_agrees_with_the_rsplit_version(cases: list[tuple[str | None, int | None]]) -> None:
    """The regex form of the rule passes and fails exactly the rows the rsplit form did."""
    frame = pd.DataFrame({
        "period": pd.array([p for p, _ in cases], dtype=STRING),
        "year": pd.array([y for _, y in cases], dtype="Int64"),
    })
    assert schema._year_ends_period(frame).tolist() == _year_ends_period_by_rsplit(frame).tolist()



@pytest.mark.parametrize("columns", [["a"], ["b"], ["a", "c"], ["b", "d"]])
def test_repeats_match_the_row_by_row_comparison(columns: list[str]) -> None:
    """'also on lines ...' lists the lines an equality test row by row lists: text, numbers (0.0 is -0.0), empties."""
    frame = pd.DataFrame(
        {
            "a": pd.array(["x", "y", None, "x", None, "y", "x"], dtype=STRING),
            "b": pd.array([0.0, -0.0, None, 1.5, None, 0.0, 0.0], dtype="Float64"),
            "c": pd.array(["p", None, None, "p", None, None, "p"], dtype=STRING),
            "d": pd.array([1.0, None, None, 1.0, None, None, 1.0], dtype="Float64"),
        },
        index=pd.Index([2, 3, 5, 6, 7, 9, 10], name="line"),
    )
    repeats = loader._Repeats(frame)
    for line in frame.index:
        mine = frame.loc[line, columns]
        same = frame[columns].eq(mine).fillna(False)
        if len(columns) > 1:
            same |= frame[columns].isna() & mine.isna()
        want = loader._lines(frame.index[same.all(axis=1).to_numpy(dtype=bool)], line)
        assert repeats.others(columns, line) == want, (columns, line)
