"""Every page in a real browser, offline: it draws, shows no exception, and saves a screenshot."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ARTIFACTS, wait_until_settled

pytestmark = pytest.mark.e2e

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
    """The page's title and charts draw, no exception is shown, and no request leaves loopback."""
    page = offline_page.page
    page.goto(f"{dashboard_url}/{url_path}?countries=KAZ,UZB,KGZ", wait_until="domcontentloaded")
    page.get_by_role("heading", name=PAGES[url_path], exact=True).first.wait_for(timeout=60_000)
    wait_until_settled(page)
    # Streamlit scrolls inside its own container, so a tall viewport is the full page; the
    # resize redraws the charts, so settle again before the picture.
    page.set_viewport_size({"width": 1600, "height": 3200})
    wait_until_settled(page)
    page.wait_for_timeout(1000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"page-{url_path or 'overview'}.png"))
    assert page.locator('[data-testid="stException"]').count() == 0
    assert offline_page.outside_requests == []
    assert "countries=KAZ" in page.url.replace("%2C", ",")
