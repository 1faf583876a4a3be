"""Faults and hostile input in a real browser: a server restart under an open tab, a page that does not
exist, and data and links that carry script, HTML and Markdown."""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import quote, unquote, urlparse

import pytest

from tests.app.test_hostile_input_app import write_hostile_copy
from tests.e2e.conftest import ARTIFACTS, REPO_ROOT, _free_port, _wait_healthy, start_dashboard, wait_until_settled

pytestmark = pytest.mark.e2e

ALL_COUNTRIES = "KAZ,UZB,KGZ,TJK,TKM,AZE,TUR,HUN"
# The AppTests check every page's elements; here three pages prove what only a browser can: nothing runs.
PAGES = ["", "sources", "initiatives"]
WORD_JOINER = "\u2060"  # what escaping puts inside http:// so GFM does not link it; invisible


def _start_on(port: int, env: dict[str, str] | None = None) -> subprocess.Popen:
    """`python -m dashboard` on a given loopback port (start_dashboard picks a new port each time)."""
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / f"server-{port}-restart.log", "a")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard"],
        cwd=REPO_ROOT,
        env={**os.environ, **(env or {}), "PORT": str(port)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    _wait_healthy(f"http://127.0.0.1:{port}", process)
    return process


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _connection_state(page) -> str:
    return page.evaluate(
        "() => document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-connection-state') || ''"
    )


def test_an_open_tab_reconnects_to_the_same_view_after_a_server_restart(offline_page):
    """Kill the server under /trade?countries=KAZ&lang=ru on the Map tab, start it again: the browser tab
    comes back by itself, on the same page, part, filter and language (the link holds them), with no exception."""
    page = offline_page.page
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    process = _start_on(port)
    try:
        page.goto(f"{url}/trade?countries=KAZ&lang=ru", wait_until="domcontentloaded")
        page.get_by_role("heading", name="Торговля", exact=True).first.wait_for(timeout=60_000)
        wait_until_settled(page)
        page.get_by_role("tab", name="Карта").click()
        map_heading = page.get_by_role("heading", name="Торговля с Казахстаном на карте", exact=True).first
        map_heading.wait_for(timeout=60_000)
        wait_until_settled(page)

        _stop(process)
        page.wait_for_function(
            "() => document.querySelector('[data-testid=\"stApp\"]')"
            "?.getAttribute('data-test-connection-state') !== 'CONNECTED'",
            timeout=30_000,
        )
        process = _start_on(port)
        page.wait_for_function(
            "() => document.querySelector('[data-testid=\"stApp\"]')"
            "?.getAttribute('data-test-connection-state') === 'CONNECTED'",
            timeout=90_000,
        )
        page.get_by_role("heading", name="Торговля", exact=True).first.wait_for(timeout=60_000)
        wait_until_settled(page)
        assert _connection_state(page) == "CONNECTED"
        address = unquote(page.url)
        assert address.startswith(f"{url}/trade?")
        assert "countries=KAZ" in address and "lang=ru" in address and "section=map" in address
        map_heading.wait_for(timeout=30_000)
        assert page.get_by_role("tab", name="Карта").get_attribute("aria-selected") == "true"
        selection = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.inner_text()
        assert "Казахстан" in selection and "Узбекистан" not in selection
        assert page.locator('[data-testid="stException"]').count() == 0
        assert offline_page.outside_requests == []
    finally:
        _stop(process)


def test_a_page_that_does_not_exist_opens_the_main_page(dashboard_url, offline_page):
    """/no_such_page: Streamlit says the page was not found and shows the Overview, never a traceback."""
    page = offline_page.page
    page.goto(f"{dashboard_url}/no_such_page?countries=KAZ", wait_until="domcontentloaded")
    page.get_by_role("heading", name="Overview", exact=True).first.wait_for(timeout=60_000)
    wait_until_settled(page)
    assert page.get_by_text("Page not found").count() >= 1
    assert page.locator('[data-testid="stException"]').count() == 0


@pytest.fixture(scope="module")
def hostile_dashboard(tmp_path_factory):
    """A dashboard serving a data copy with script, HTML and Markdown in every free-text column."""
    data = write_hostile_copy(tmp_path_factory.mktemp("hostile-browser") / "data")
    url, process = start_dashboard({"ORTAQ_DATA_DIR": str(data)})
    yield url
    _stop(process)


def test_hostile_data_and_link_are_shown_literally_and_nothing_runs(hostile_dashboard, offline_page):
    """Pages with hostile data and a hostile link: no dialog ever opens, no stray image or link is
    made, no request goes to the hostile addresses, and the text is visible as typed."""
    page = offline_page.page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url)
            if "evil" in (urlparse(request.url).hostname or "") else None)
    hostile_link = quote("KAZ,<script>alert(1)</script>,<img src=x onerror=alert(1)>,[a](http://evil.example/)")
    for index, path in enumerate(PAGES):
        countries = hostile_link if index == 0 else ALL_COUNTRIES
        page.goto(f"{hostile_dashboard}/{path}?countries={countries}", wait_until="domcontentloaded")
        page.locator("h1").first.wait_for(timeout=60_000)
        wait_until_settled(page)
        text = page.locator('[data-testid="stApp"]').inner_text().replace(WORD_JOINER, "")
        assert "<script>alert(1)</script>" in text, path
        assert "**bold**" in text and "[link](http://evil.example/)" in text, path
        assert page.locator('img[src="x"], img[src*="evil"]').count() == 0, path
        assert page.locator('a[href*="evil.example"]').count() == 0, path
        assert page.locator('[data-testid="stException"]').count() == 0, path
        if index == 0:
            notice = page.locator('[data-testid="stSidebar"] [data-testid="stAlert"]').inner_text()
            assert "<script>alert(1)</sc" in notice and "<img src=x onerror=a" in notice
            # Plotly labels built from the data (the trend's legend) show the tags as text too.
            legend = " ".join(page.locator(".legendtext").evaluate_all("els => els.map(e => e.textContent)"))
            assert "<script>alert(1)</script>" in legend
    page.wait_for_timeout(500)
    assert dialogs == []
    assert fetched == []
    assert offline_page.outside_requests == []
