"""The Overview in a real browser, offline: the map draws every country shape, the trend draws."""

from __future__ import annotations

import json

import pytest

from tests.e2e.conftest import ARTIFACTS, REPO_ROOT

pytestmark = pytest.mark.e2e

# The Central Asian five and the neighbours the default view frames.
IN_VIEW = ["KAZ", "KGZ", "TJK", "TKM", "UZB", "AZE", "GEO", "ARM", "RUS", "CHN", "MNG", "AFG", "IRN", "PAK", "TUR"]


def _boundary_count() -> int:
    geojson = json.loads((REPO_ROOT / "geo" / "boundaries.geojson").read_text(encoding="utf-8"))
    return len(geojson["features"])


def test_overview_map_and_trend_render_offline(dashboard_url, offline_page):
    """The map shows one shape per boundary feature, the trend has points, and no request leaves loopback."""
    page = offline_page.page
    page.goto(f"{dashboard_url}/?countries=KAZ,UZB,KGZ,TJK,TKM", wait_until="domcontentloaded")

    shapes = page.locator(".js-plotly-plot .choroplethlayer .trace").first.locator("path.choroplethlocation")
    shapes.first.wait_for(state="attached", timeout=60_000)
    page.wait_for_function(
        "n => document.querySelector('.js-plotly-plot .choroplethlayer .trace')"
        ".querySelectorAll('path.choroplethlocation').length >= n",
        arg=_boundary_count(),
        timeout=30_000,
    )
    assert shapes.count() == _boundary_count()
    # Every country the default view must show has a real outline (countries wholly outside
    # the view, such as Egypt, legitimately get an empty path).
    outlines = dict(shapes.evaluate_all("els => els.map(e => [e.__data__.loc, (e.getAttribute('d') || '').length])"))
    missing = [iso3 for iso3 in IN_VIEW if outlines.get(iso3, 0) < 100]
    assert not missing, f"countries not drawn: {missing}"

    # The trend chart: at least one line with several points.
    trend_points = page.locator(".js-plotly-plot .scatterlayer .trace .points path")
    trend_points.first.wait_for(state="attached", timeout=30_000)
    assert trend_points.count() >= 3

    page.wait_for_timeout(1000)  # let late image/font requests surface before judging
    ARTIFACTS.mkdir(exist_ok=True)
    # Streamlit scrolls inside its own container, so a tall viewport is the full page.
    page.set_viewport_size({"width": 1600, "height": 2700})
    page.wait_for_timeout(1500)
    page.screenshot(path=str(ARTIFACTS / "overview.png"))

    assert page.locator('[data-testid="stException"]').count() == 0
    assert offline_page.outside_requests == []
    assert "countries=KAZ%2CUZB%2CKGZ%2CTJK%2CTKM" in page.url or "countries=KAZ,UZB,KGZ,TJK,TKM" in page.url


def test_clicking_a_country_on_the_map_toggles_it_in_the_filter(dashboard_url, offline_page):
    """A click on Kazakhstan removes it from ?countries=; a second click puts it back."""
    page = offline_page.page
    page.goto(f"{dashboard_url}/?countries=KAZ,UZB", wait_until="domcontentloaded")
    kazakhstan = page.locator(".js-plotly-plot .choroplethlayer .trace").first.locator("path.choroplethlocation")
    kazakhstan.first.wait_for(state="attached", timeout=60_000)
    page.wait_for_timeout(1500)

    def click_kazakhstan() -> None:
        page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        box = page.locator(".js-plotly-plot .choroplethlayer .trace").first.locator(
            "path.choroplethlocation"
        ).evaluate_all(
            "els => { const e = els.find(el => el.__data__.loc === 'KAZ'); const r = e.getBoundingClientRect();"
            " return [r.x + r.width * 0.45, r.y + r.height * 0.45]; }"
        )
        page.mouse.click(*box)

    click_kazakhstan()
    page.wait_for_function("() => !decodeURIComponent(location.search).includes('KAZ')", timeout=20_000)
    assert "UZB" in page.url
    page.wait_for_timeout(1500)
    click_kazakhstan()
    page.wait_for_function("() => decodeURIComponent(location.search).includes('KAZ')", timeout=20_000)
    assert offline_page.outside_requests == []
