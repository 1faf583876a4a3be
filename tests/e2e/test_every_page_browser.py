"""Every page, and every tab of it, in a real browser, offline: it draws, shows no exception, and saves a screenshot."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ARTIFACTS, wait_until_settled

pytestmark = pytest.mark.e2e

# Drawn: a trace path with geometry in every chart (a line, a bar, a marker, a country's shape).
CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(chart =>
    [...chart.querySelectorAll('.main-svg g.trace path')].some(p => (p.getAttribute('d') || '').length > 3))"""

# url_path -> a heading the page must show once drawn.
PAGES = {
    "": "Overview",
    "trade": "Trade",
    "transport": "Transport",
    "energy_water": "Energy and water",
    "digital": "Digital and AI",
    "initiatives": "Initiatives and events",
    "sources": "Sources",
}


@pytest.mark.parametrize("url_path", list(PAGES))
def test_page_renders_offline_without_exceptions(dashboard_url, offline_page, url_path):
    """The page's title draws; then each of its tabs in turn, as a reader clicking them: the tab's part
    and its charts draw with their data, no exception is shown, and no request leaves loopback."""
    page = offline_page.page
    page.goto(f"{dashboard_url}/{url_path}?countries=KAZ,UZB,KGZ", wait_until="domcontentloaded")
    page.get_by_role("heading", name=PAGES[url_path], exact=True).first.wait_for(timeout=60_000)
    wait_until_settled(page)
    # Streamlit scrolls inside its own container, so a tall viewport is the full page; the
    # resize redraws the charts, so settle again before the picture.
    page.set_viewport_size({"width": 1600, "height": 3200})
    wait_until_settled(page)
    tabs = page.get_by_role("tab")
    labels = tabs.all_inner_texts()
    ARTIFACTS.mkdir(exist_ok=True)
    sections = []
    for index, label in enumerate(labels or [None]):
        name = url_path or "overview"
        if label is not None:
            if index > 0:
                tabs.nth(index).click()
                # The rerun that draws the part ends by putting it in the link.
                page.wait_for_function("s => !location.search.includes('section=' + s + '&')"
                                       " && !location.search.endsWith('section=' + s)", arg=sections[-1],
                                       timeout=30_000)
            wait_until_settled(page)
            sections.append(page.url.split("section=")[1].split("&")[0])
            name = f"{name}-{sections[-1]}"
        page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
        page.wait_for_timeout(500)
        page.screenshot(path=str(ARTIFACTS / f"page-{name}.png"))
        assert page.locator('[data-testid="stException"]').count() == 0, (url_path, label)
    # Every tab opened a part of its own.
    assert len(set(sections)) == len(labels)
    assert offline_page.outside_requests == []
    assert "countries=KAZ" in page.url.replace("%2C", ",")
