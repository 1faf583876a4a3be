"""A shown table as CSV or XLSX, safe to open in a spreadsheet program.

A cell whose text starts with `=`, `+`, `-`, `@`, a tab, a carriage return or a line feed
(or their full-width forms) would be run as a formula by Excel, LibreOffice or Google Sheets
("CSV injection", OWASP). Such text gets a leading single quote, in CSV and XLSX alike. Numbers
stay numbers: a numeric cell is never touched, and neither is text that is just a number
(`-29.2`), which no spreadsheet can run.
"""

from __future__ import annotations

import io
import math
import re
from datetime import date, datetime

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d+)*|\.\d+)([eE][+-]?\d+)?")
# Characters XML 1.0 (and so XLSX) cannot hold; openpyxl refuses them.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_SHEET_TITLE = 31


def neutralise(text: str) -> str:
    """`text` as a spreadsheet must show it: a leading quote when it would start a formula."""
    if text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _safe_cell(value: object) -> object:
    """A cell value for export: text neutralised, numbers and dates left as they are."""
    if isinstance(value, str):
        return neutralise(value)
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells and column names cannot run as formulas."""
    out = frame.copy()
    out.columns = [neutralise(str(column)) for column in out.columns]
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_datetime64_any_dtype(column):
            continue  # numbers and dates are never formulas
        out.isetitem(position, column.map(_safe_cell, na_action="ignore").astype(object))
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with a BOM, so spreadsheet programs read Cyrillic correctly), formula-safe.

    Rows end in CRLF (RFC 4180), so a field holding a carriage return is quoted, not split.
    """
    return safe_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _xlsx_value(value: object) -> object:
    """A cell as openpyxl takes it: Python numbers, text, dates; missing values empty."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, bool | int | float | date | datetime):
        return value
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        return _xlsx_value(value.item())
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    text = value if isinstance(value, str) else str(value)
    return neutralise(XML_ILLEGAL.sub("", text))


def sheet_title(name: str) -> str:
    """A valid worksheet name: no `[]:*?/\\`, at most 31 characters."""
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", name).strip() or "Ortaq"
    return cleaned[:MAX_SHEET_TITLE]


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "Ortaq") -> bytes:
    """The table as an Excel workbook: one sheet, a bold header row kept in view, formula-safe text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet_title(sheet)
    worksheet.append([_xlsx_value(str(column)) for column in frame.columns])
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    for row in frame.itertuples(index=False, name=None):
        worksheet.append([_xlsx_value(value) for value in row])
    worksheet.freeze_panes = "A2"
    for index, column in enumerate(frame.columns, start=1):
        sample = [str(column), *(str(v) for v in frame.iloc[:200, index - 1].tolist())]
        width = min(60, max(8, *(len(text) for text in sample)) + 2)
        worksheet.column_dimensions[worksheet.cell(row=1, column=index).column_letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
