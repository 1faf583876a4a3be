"""CSV and XLSX of a shown table: text a spreadsheet would run as a formula is neutralised, numbers stay numbers."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from dashboard.export.tables import (
    FORMULA_STARTS,
    PLAIN_NUMBER,
    csv_bytes,
    neutralise,
    safe_frame,
    sheet_title,
    xlsx_bytes,
)


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Name": ["=1+1", "+7 701 000", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\tTab", "\rCR", "Astana", None],
            "Level, m": [-29.2, 1.5, -0.25, 3.0, 4.0, 5.0, 6.0, None],
            "As text": ["-29.2", "=HYPERLINK(\"http://x\")", "12", "＝1+1", "ok", "", "-", "x"],
        }
    ).astype({"Level, m": "Float64"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("＝1+1", "'＝1+1"),
        ("-29.2", "-29.2"),
        ("+7", "+7"),
        ("1e-3", "1e-3"),
        ("Astana", "Astana"),
        ("", ""),
    ],
)
def test_neutralise_quotes_formula_starts_but_not_plain_numbers(text, expected):
    """OWASP's formula starts get a leading quote; a number written as text stays as it is."""
    assert neutralise(text) == expected


@given(st.text(max_size=30))
def test_no_neutralised_text_can_start_a_formula(text):
    """Whatever the text, the result starts with no formula character unless it is a plain number."""
    out = neutralise(text)
    assert out in (text, "'" + text)
    assert not out.startswith(FORMULA_STARTS) or PLAIN_NUMBER.fullmatch(text)


def test_csv_neutralises_text_and_keeps_numbers_numeric():
    """The CSV reads back with '=1+1' quoted, -29.2 as a plain number, the BOM for Cyrillic, and every row."""
    data = csv_bytes(_frame())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Name", "Level, m", "As text"]
    assert [row[0] for row in rows[1:]] == [
        "'=1+1", "'+7 701 000", "'-2+3+cmd|' /C calc'!A0", "'@SUM(A1)", "'\tTab", "'\rCR", "Astana", "",
    ]
    assert rows[1][1] == "-29.2" and rows[3][1] == "-0.25"  # numbers, never quoted
    assert rows[1][2] == "-29.2" and rows[2][2] == "'=HYPERLINK(\"http://x\")" and rows[4][2] == "'＝1+1"
    assert len(rows) == len(_frame()) + 1


def test_column_names_are_neutralised_too():
    """A header is a cell as well: '=cmd' as a column name is quoted."""
    assert list(safe_frame(pd.DataFrame({"=cmd": [1]})).columns) == ["'=cmd"]


def test_xlsx_reads_back_with_text_neutralised_and_numbers_numeric():
    """openpyxl reads '=1+1' back as the text "'=1+1" (not a formula) and -29.2 as a number."""
    book = load_workbook(io.BytesIO(xlsx_bytes(_frame(), sheet="trade/intra:[x]")))
    sheet = book.active
    assert sheet.title == "trade intra  x"
    assert [cell.value for cell in sheet[1]] == ["Name", "Level, m", "As text"]
    first = sheet["A2"]
    assert first.value == "'=1+1" and first.data_type == "s"
    level = sheet["B2"]
    assert level.value == -29.2 and level.data_type == "n" and isinstance(level.value, float)
    assert sheet["C2"].value == "-29.2"  # text stays text, unquoted: no spreadsheet runs a number
    assert sheet["C3"].value.startswith("'=HYPERLINK")
    assert sheet["A9"].value is None and sheet["B9"].value is None  # missing values stay empty
    formulas = [cell.coordinate for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    assert formulas == []
    assert sheet.max_row == len(_frame()) + 1


def test_xlsx_drops_characters_xml_cannot_hold():
    """Control characters that would make openpyxl refuse the file are removed, the rest kept."""
    book = load_workbook(io.BytesIO(xlsx_bytes(pd.DataFrame({"a": ["x\x00y\x07z"]}))))
    assert book.active["A2"].value == "xyz"


def test_sheet_title_is_valid():
    """Worksheet names lose the characters Excel forbids and are at most 31 characters."""
    assert sheet_title("a" * 40) == "a" * 31
    assert sheet_title("[]:*?/\\") == "Ortaq"
