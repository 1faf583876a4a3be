"""A table's CSV and XLSX in a real browser: written when clicked, the same rows in both, offline."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from tests.e2e.conftest import wait_until_settled

pytestmark = pytest.mark.e2e


def _download(page, key: str) -> bytes:
    with page.expect_download(timeout=60_000) as info:
        page.locator(f".st-key-{key} button").click()
    with open(info.value.path(), "rb") as handle:
        return handle.read()


def test_trend_table_downloads_as_csv_and_xlsx(dashboard_url, offline_page):
    page = offline_page.page
    page.goto(f"{dashboard_url}/?countries=KAZ,UZB&lang=en", wait_until="domcontentloaded")
    wait_until_settled(page)
    # The table and its buttons are sent when the reader opens its expander.
    summary = page.locator(".st-key-table-overview-trade-trend summary")
    summary.wait_for(timeout=60_000)
    assert page.locator(".st-key-download-overview-trade-trend").count() == 0
    summary.click()
    page.locator(".st-key-download-overview-trade-trend button").wait_for(state="visible", timeout=30_000)

    rows = list(csv.reader(io.StringIO(_download(page, "download-overview-trade-trend").decode("utf-8-sig"))))
    book = openpyxl.load_workbook(io.BytesIO(_download(page, "download-xlsx-overview-trade-trend")))
    cells = [[cell for cell in row] for row in book.active.iter_rows(values_only=True)]

    assert len(rows) > 3 and rows[0] == [str(cell) for cell in cells[0]]  # same header
    assert len(cells) == len(rows)  # same rows
    assert page.locator('[data-testid="stException"]').count() == 0
    assert offline_page.outside_requests == []
