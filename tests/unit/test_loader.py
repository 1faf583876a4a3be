"""Loader tests: each broken file yields problems naming the file, CSV line, column and fault."""

from __future__ import annotations

import csv
import io
import pickle
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.loader import LoadResult, Problem, TableError, load_all, load_table, split_list
from data.schema import TABLES


def edit(data_dir: Path, name: str, old: str, new: str) -> None:
    """Replace the one occurrence of `old` in NAME.csv (fails loudly if the fixture changed)."""
    path = data_dir / f"{name}.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"fixture {name}.csv should contain {old!r} once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems(name: str, data_dir: Path) -> list[Problem]:
    with pytest.raises(TableError) as caught:
        load_table(name, data_dir)
    assert caught.value.table == name
    return caught.value.problems


def only(found: list[Problem]) -> Problem:
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


# --- valid data -------------------------------------------------------------------------


def test_valid_fixture_loads_every_table_with_explicit_dtypes(data_dir: Path) -> None:
    """The valid fixtures load without problems, typed string/Float64/Int64/boolean, in contract order."""
    result = load_all(data_dir)
    assert result.ok, "\n".join(map(str, result.problems))
    assert list(result.tables) == list(TABLES)
    countries = result.tables["countries"]
    assert list(countries.columns) == list(TABLES["countries"].schema.columns)
    assert countries["iso3"].dtype == pd.StringDtype(na_value=pd.NA)
    assert str(countries["capital_lat"].dtype) == "Float64"
    assert str(countries["population"].dtype) == "Int64"
    assert str(result.tables["places"]["verified"].dtype) == "boolean"
    # Empty cells are nulls, not empty strings.
    assert countries.set_index("iso3").loc["UZB", "capital_en"] is pd.NA


def test_index_is_the_csv_line_even_after_a_multiline_quoted_cell(data_dir: Path) -> None:
    """A quoted cell spanning lines shifts later rows' line numbers, and the index follows the file."""
    edit(data_dir, "figures", "Тест дәйексөзі", '"Тест\nдәйексөзі"')
    figures = load_table("figures", data_dir)
    assert figures.index.name == "line"
    assert list(figures.index) == [2, 4]
    edit(data_dir, "figures", "Екінші дәйексөз,kk", "Екінші дәйексөз,xx-bad,")
    assert {p.row for p in problems("figures", data_dir)} == {4}


def test_a_utf8_byte_order_mark_is_accepted(data_dir: Path) -> None:
    """A BOM, as spreadsheet exports write it, does not turn the first column into an unknown one."""
    path = data_dir / "metrics.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert list(load_table("metrics", data_dir)["id"]) == ["trade", "cargo"]


def test_split_list_splits_cells_and_treats_empty_as_no_items() -> None:
    """split_list turns 'KAZ;UZB' into items and an empty or missing cell into []."""
    assert split_list("KAZ;UZB") == ["KAZ", "UZB"]
    assert split_list("dostyk") == ["dostyk"]
    assert split_list(pd.NA) == split_list(None) == split_list("") == []


# --- problem format ---------------------------------------------------------------------


def test_problem_prints_file_line_column_and_message_on_one_line() -> None:
    """Problem's str is `file:line: column 'c': message`, dropping parts it lacks, never spanning lines."""
    assert str(Problem("data/figures.csv", 12, "value", "'abc' is not a number")) == (
        "data/figures.csv:12: column 'value': 'abc' is not a number"
    )
    assert str(Problem("data/figures.csv", None, None, "file not found")) == "data/figures.csv: file not found"
    assert "\n" not in str(Problem("f.csv", 3, "quote", "bad\nvalue"))


def test_table_error_message_lists_every_problem(data_dir: Path) -> None:
    """TableError's message has a header line and one line per problem."""
    edit(data_dir, "figures", "trade-2023,trade,C5,11,", "trade-2023,trade,C5,abc,")
    edit(data_dir, "figures", "true,\ncargo", "yes,\ncargo")
    with pytest.raises(TableError) as caught:
        load_table("figures", data_dir)
    lines = str(caught.value).splitlines()
    assert lines[0] == "table 'figures': 2 problems"
    assert lines[1:] == [str(p) for p in caught.value.problems]


def test_table_error_survives_pickling(data_dir: Path) -> None:
    """A LoadResult holding a TableError can be pickled (caches, worker processes) and keeps its problems."""
    (data_dir / "metrics.csv").write_text("", encoding="utf-8")
    result = pickle.loads(pickle.dumps(load_all(data_dir)))
    assert result.errors["metrics"].table == "metrics"
    assert "file is empty" in result.errors["metrics"].problems[0].message


# --- one kind of breakage each ----------------------------------------------------------


def test_missing_file_is_a_table_error(data_dir: Path) -> None:
    """A table whose CSV is absent raises TableError naming the file, not FileNotFoundError."""
    (data_dir / "routes.csv").unlink()
    problem = only(problems("routes", data_dir))
    assert problem.file == str(data_dir / "routes.csv")
    assert problem.message == "file not found"


@pytest.mark.parametrize("content", [b"", b"\n\n", b"\r\n"])
def test_empty_file(data_dir: Path, content: bytes) -> None:
    """An empty (or blank) file is one problem naming the file and the header it should have."""
    (data_dir / "metrics.csv").write_bytes(content)
    problem = only(problems("metrics", data_dir))
    assert problem.file == str(data_dir / "metrics.csv")
    assert problem.row is None
    assert "file is empty" in problem.message
    assert "id,name_en,name_ru,name_kk,unit,description" in problem.message


def test_missing_column(data_dir: Path) -> None:
    """A header without a contract column names that column on line 1; the other columns are still checked."""
    path = data_dir / "metrics.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([r[:4] + r[5:] for r in rows])  # drop `unit`
    path.write_text(out.getvalue().replace("\ncargo,", "\nCargo,"), encoding="utf-8")
    found = problems("metrics", data_dir)
    assert [(p.row, p.column) for p in found] == [(1, "unit"), (3, "id")]
    assert found[0].message == "missing from the header"
    assert str(found[0]) == f"{data_dir / 'metrics.csv'}:1: column 'unit': missing from the header"


def test_extra_column(data_dir: Path) -> None:
    """A column the contract lacks is named, on line 1, with the expected columns."""
    edit(data_dir, "metrics", "unit,description\n", "unit,description,colour\n")
    edit(data_dir, "metrics", "USD bn,\n", "USD bn,,red\n")
    edit(data_dir, "metrics", "Fixture metric\n", "Fixture metric,blue\n")
    problem = only(problems("metrics", data_dir))
    assert (problem.row, problem.column) == (1, "colour")
    assert "is not a column of this table" in problem.message


def test_duplicate_header_column(data_dir: Path) -> None:
    """A column written twice in the header is named."""
    edit(data_dir, "metrics", "unit,description\n", "unit,description,unit\n")
    edit(data_dir, "metrics", "USD bn,\n", "USD bn,,x\n")
    edit(data_dir, "metrics", "Fixture metric\n", "Fixture metric,y\n")
    problem = only(problems("metrics", data_dir))
    assert (problem.row, problem.column) == (1, "unit")
    assert "more than once" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "column", "message"),
    [
        ("trade-2023,trade,C5,11,", "trade-2023,trade,C5,abc,", "value", "'abc' is not a number"),
        ("trade-2023,trade,C5,11,", "trade-2023,trade,C5,\"1,5\",", "value",
         "'1,5' is not a number (use '.' for decimals and no thousands separators)"),
        ("trade-2023,trade,C5,11,", "trade-2023,trade,C5,1e400,", "value", "'1e400' is not a number"),
        ("Тестовая цитата,true,", "Тестовая цитата,yes,", "verified", "'yes' is not true or false"),
    ],
)
def test_wrong_type_names_line_column_and_value(data_dir: Path, old: str, new: str, column: str,
                                                message: str) -> None:
    """A cell that is not of its column's type is one problem naming line, column and the text found."""
    edit(data_dir, "figures", old, new)
    problem = only(problems("figures", data_dir))
    assert (problem.file, problem.row, problem.column) == (str(data_dir / "figures.csv"), 2, column)
    assert problem.message == message


def test_wrong_integer_and_huge_integer(data_dir: Path) -> None:
    """An Int64 cell holding a decimal or a number beyond 64 bits is a problem, not an exception."""
    edit(data_dir, "countries", ",2024,fixture-stats,", ",2024.0,fixture-stats,")
    edit(data_dir, "countries", "20000000,", "9" * 30 + ",")
    found = problems("countries", data_dir)
    assert [(p.row, p.column, p.message.split(" ", 1)[1]) for p in found] == [
        (2, "population", "is too large"),
        (2, "population_year", "is not a whole number"),
    ]


def test_type_error_in_required_column_is_not_also_reported_missing(data_dir: Path) -> None:
    """A bad number in a required cell is reported once, as a bad number, not again as empty."""
    edit(data_dir, "series", "year,10.9,", "year,ten,")
    problem = only(problems("series", data_dir))
    assert (problem.row, problem.column, problem.message) == (2, "value", "'ten' is not a number")


def test_duplicate_id_names_both_lines(data_dir: Path) -> None:
    """A repeated id is reported on each line it appears on, each pointing at the other."""
    edit(data_dir, "places", "tashkent,Tashkent", "dostyk,Tashkent")
    found = problems("places", data_dir)
    assert [(p.row, p.column) for p in found] == [(2, "id"), (4, "id")]
    assert found[0].message == "'dostyk' is not unique (also on line 4)"
    assert found[1].message == "'dostyk' is not unique (also on line 2)"


def test_duplicate_composite_key(data_dir: Path) -> None:
    """groups (group_id, iso3) must be unique together; the repeat names the key and the other line."""
    edit(data_dir, "groups", "OTS,KAZ", "C5,KAZ")
    found = problems("groups", data_dir)
    assert [p.row for p in found] == [2, 4]
    assert found[1].message == "the key (group_id, iso3) = (C5, KAZ) is not unique (also on line 2)"


def test_not_utf8_names_line_and_byte_offset(data_dir: Path) -> None:
    """Bytes that are not UTF-8 are reported with their line and byte offset."""
    path = data_dir / "metrics.csv"
    raw = path.read_bytes()
    offset = raw.index(b"Fixture metric")
    path.write_bytes(raw[:offset] + b"\xff" + raw[offset + 1:])
    problem = only(problems("metrics", data_dir))
    assert problem.file == str(path)
    assert problem.row == 3
    assert problem.column is None
    assert f"byte 0xff at byte offset {offset} of the file" in problem.message
    assert "not valid UTF-8" in problem.message


def test_file_in_another_encoding_reports_each_bad_line(data_dir: Path) -> None:
    """A file saved as Windows-1251 reports every line holding non-UTF-8 bytes, once per line."""
    text = (data_dir / "metrics.csv").read_text(encoding="utf-8")
    (data_dir / "metrics.csv").write_bytes(text.encode("cp1251", errors="replace"))
    assert [p.row for p in problems("metrics", data_dir)] == [2, 3]


@pytest.mark.parametrize(("suffix", "fields"), [(",extra", 7), ("", 5)])
def test_ragged_row_names_its_line(data_dir: Path, suffix: str, fields: int) -> None:
    """A row with more or fewer fields than the header names its line and both counts."""
    line = "cargo,Cargo,Грузы,Жүк,t,Fixture metric"
    edit(data_dir, "metrics", line, (line + suffix) if suffix else line.rsplit(",", 1)[0])
    problem = only(problems("metrics", data_dir))
    assert (problem.row, problem.column) == (3, None)
    assert problem.message.startswith(f"row has {fields} fields but the header has 6")


def test_broken_quoting_names_its_line(data_dir: Path) -> None:
    """Text after a closing quote is a CSV syntax problem on that line."""
    edit(data_dir, "metrics", "cargo,Cargo,", 'cargo,"Cargo"x,')
    problem = only(problems("metrics", data_dir))
    assert problem.row == 3
    assert problem.message.startswith("not valid CSV")


def test_required_cell_empty(data_dir: Path) -> None:
    """An empty required cell names its line and column."""
    edit(data_dir, "metrics", "cargo,Cargo,", "cargo,,")
    problem = only(problems("metrics", data_dir))
    assert (problem.row, problem.column, problem.message) == (3, "name_en", "a value is required")


@pytest.mark.parametrize(
    ("name", "old", "new", "column", "message"),
    [
        ("figures", ",actual,", ",Actual,", "kind", "'Actual' is not one of: actual, target"),
        ("figures", "KAZ;UZB", "KAZ UZB", "countries", "'KAZ UZB' is not a ';'-separated list of ISO3"),
        ("places", "45.25,82.48", "95.25,82.48", "lat", "'95.25' is outside -90..90"),
        ("places", "45.25,82.48", "45.25,182.48", "lon", "'182.48' is outside -180..180"),
        ("sources", "2024-08-09", "09.08.2024", "date", "'09.08.2024' is not an ISO 8601 date"),
        ("sources", "fixture-speech,", "Fixture_Speech,", "id", "'Fixture_Speech' is not a slug"),
        ("routes", "dostyk;moyinty", "dostyk; moyinty", "stops", "'dostyk; moyinty' is not a ';'-separated list"),
        ("series", "2024-01/2024-10", "Jan-Oct 2024", "period", "'Jan-Oct 2024' is not a year"),
    ],
)
def test_value_checks_name_line_column_and_value(data_dir: Path, name: str, old: str, new: str,
                                                 column: str, message: str) -> None:
    """Enum, list, range, date and slug checks each report the line, the column and the bad value."""
    edit(data_dir, name, old, new)
    problem = only(problems(name, data_dir))
    assert problem.column == column
    assert problem.row in (2, 3)
    assert problem.message.startswith(message)


def test_unit_required_when_value_given(data_dir: Path) -> None:
    """A figure with a value but no unit is blamed on the unit column of that row."""
    edit(data_dir, "figures", "C5,11,USD bn,", "C5,11,,")
    problem = only(problems("figures", data_dir))
    assert (problem.row, problem.column) == (2, "unit")
    assert problem.message == "required because 'value' is given"


def test_coordinates_need_each_other_and_a_source(data_dir: Path) -> None:
    """A place with lat but no lon, and no source, gets one problem per missing cell."""
    edit(data_dir, "places", "45.25,82.48,fixture-stats", "45.25,,")
    found = problems("places", data_dir)
    assert [(p.row, p.column) for p in found] == [(2, "lon"), (2, "source_id")]


def test_series_year_must_be_the_end_year_of_the_period(data_dir: Path) -> None:
    """series.year disagreeing with the end of its period is reported on the year column."""
    edit(data_dir, "series", "2024-01/2024-10,2024,", "2024-01/2024-10,2023,")
    problem = only(problems("series", data_dir))
    assert (problem.row, problem.column) == (3, "year")
    assert problem.message == "'2023' is not the end year of period '2024-01/2024-10'"


def test_two_broken_things_are_two_problems_at_once(data_dir: Path) -> None:
    """Problems of different kinds in one file come together in one TableError, in line order."""
    edit(data_dir, "figures", "trade-2023,trade,C5,11,", "trade-2023,trade,C5,abc,")
    edit(data_dir, "figures", "cargo-target,", "trade-2023,")
    found = problems("figures", data_dir)
    assert [(p.row, p.column) for p in found] == [(2, "id"), (2, "value"), (3, "id")]


# --- load_all and references ------------------------------------------------------------


def test_load_all_keeps_the_other_tables_when_one_is_broken(data_dir: Path) -> None:
    """A broken table lands in errors; every other table still loads."""
    (data_dir / "projects.csv").write_bytes(b"\x00\xff garbage")
    result = load_all(data_dir)
    assert isinstance(result, LoadResult)
    assert list(result.errors) == ["projects"]
    assert set(result.tables) == set(TABLES) - {"projects"}
    assert not result.ok


def test_unknown_source_id(data_dir: Path) -> None:
    """A source_id missing from sources.csv names the referencing file, line, column and id."""
    edit(data_dir, "figures", "2019-2024,,fixture-speech,", "2019-2024,,no-such-source,")
    result = load_all(data_dir)
    assert not result.errors
    problem = only(result.references)
    assert (problem.file, problem.row, problem.column) == (str(data_dir / "figures.csv"), 3, "source_id")
    assert problem.message == "'no-such-source' is not an id in sources.csv"


def test_unknown_route_stop(data_dir: Path) -> None:
    """Each route stop must be a places id; the unknown item is named, not the whole list."""
    edit(data_dir, "routes", "dostyk;moyinty", "dostyk;aktogay;moyinty")
    problem = only(load_all(data_dir).references)
    assert (problem.file, problem.row, problem.column) == (str(data_dir / "routes.csv"), 2, "stops")
    assert problem.message == "'aktogay' is not an id in places.csv"


def test_country_lists_and_group_ids(data_dir: Path) -> None:
    """ISO3 lists must name known countries; series accepts C5 but not an unknown code."""
    edit(data_dir, "projects", "KAZ;UZB", "KAZ;TJK")
    edit(data_dir, "series", "trade,KAZ,UZB", "trade,KAZ,TKM")
    found = load_all(data_dir).references
    assert [(Path(p.file).name, p.row, p.column, p.message) for p in found] == [
        ("projects.csv", 2, "countries", "'TJK' is not an iso3 in countries.csv"),
        ("series.csv", 3, "partner", "'TKM' is not an iso3 in countries.csv nor a group id (C5, OTS)"),
    ]


def test_figure_subject_may_be_a_route_project_place_or_group(data_dir: Path) -> None:
    """figures.subject resolves against routes, projects, places and group ids, and names misses."""
    edit(data_dir, "figures", "cargo,dostyk-moyinty,", "cargo,middle-corridor,")
    problem = only(load_all(data_dir).references)
    assert problem.column == "subject"
    assert problem.message == (
        "'middle-corridor' is not an id in routes.csv, projects.csv or places.csv nor a group id (C5, OTS)"
    )


@pytest.mark.parametrize("breakage", ["", "id,title\n", "fixture-stats,row,with,too,few,fields\n"])
def test_references_into_an_unreadable_table_are_not_guessed(data_dir: Path, breakage: str) -> None:
    """When sources.csv lost rows or columns (empty, bad header, ragged row), its ids are not judged."""
    path = data_dir / "sources.csv"
    path.write_text(path.read_text(encoding="utf-8") + breakage if breakage.startswith("fixture") else breakage,
                    encoding="utf-8")
    edit(data_dir, "figures", "2019-2024,,fixture-speech,", "2019-2024,,no-such-source,")
    result = load_all(data_dir)
    assert list(result.errors) == ["sources"]
    assert result.errors["sources"].frame is None
    assert result.references == []


def test_a_bad_cell_does_not_hide_reference_problems(data_dir: Path) -> None:
    """A table broken only inside cells still takes part in reference checks, both ways."""
    edit(data_dir, "sources", "2024-08-09", "")  # sources: a required date left empty
    edit(data_dir, "figures", "C5,11,USD bn,", "C5,11,,")  # figures: unit missing
    edit(data_dir, "figures", "2019-2024,,fixture-speech,", "2019-2024,,no-such-source,")
    result = load_all(data_dir)
    assert list(result.errors) == ["sources", "figures"]
    problem = only(result.references)
    assert (Path(problem.file).name, problem.row, problem.column) == ("figures.csv", 3, "source_id")


# --- fuzzing: bad content never raises anything but TableError ---------------------------

# database=None: no .hypothesis/ folder left in the repository by a test run.
FUZZ = settings(max_examples=150, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def _load_or_table_error(name: str, data_dir: Path) -> None:
    try:
        frame = load_table(name, data_dir)
    except TableError as error:
        assert error.problems
        assert all(isinstance(p, Problem) and "\n" not in str(p) for p in error.problems)
    else:
        assert list(frame.columns) == list(TABLES[name].schema.columns)


@FUZZ
@given(name=st.sampled_from(list(TABLES)), content=st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_table_error(data_dir: Path, name: str, content: bytes) -> None:
    """Whatever bytes a file holds, load_table returns a frame or raises TableError."""
    (data_dir / f"{name}.csv").write_bytes(content)
    _load_or_table_error(name, data_dir)


CELL = st.one_of(
    st.sampled_from(["", "true", "false", "KAZ;UZB", "C5", "2024", "2024-01/2024-10", "1.5", "-0", "nan",
                     "fixture-stats", "dostyk", "1e5", "9" * 25, '"', "a,b", "line\nbreak", "\r", "\x00"]),
    st.text(max_size=12),
)


@FUZZ
@given(name=st.sampled_from(list(TABLES)), rows=st.lists(st.lists(CELL, min_size=0, max_size=20), max_size=6),
       header_cut=st.integers(0, 3))
def test_rows_of_arbitrary_cells_raise_only_table_error(data_dir: Path, name: str, rows: list[list[str]],
                                                        header_cut: int) -> None:
    """Under a (possibly truncated) valid header, rows of arbitrary cells never escape as other errors."""
    header = list(TABLES[name].schema.columns)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header[header_cut:], *rows])
    (data_dir / f"{name}.csv").write_text(out.getvalue(), encoding="utf-8")
    _load_or_table_error(name, data_dir)
