"""Presenting in a real browser: keys move between slides, no chrome, large type, nothing leaves loopback."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ARTIFACTS, wait_until_settled

pytestmark = pytest.mark.e2e

COUNTER = ".st-key-present-counter"


def _counter(page) -> str:
    return page.locator(COUNTER).inner_text().strip()


def _wait_for_counter(page, text: str) -> None:
    page.wait_for_function(
        "([selector, text]) => document.querySelector(selector)?.innerText.trim() === text",
        arg=[COUNTER, text],
        timeout=30_000,
    )
    wait_until_settled(page)


def test_arrow_keys_move_between_slides_offline(dashboard_url, offline_page):
    """?present=1: no sidebar or header; → and ← (and a clicker's Page Down) change the counter; large type."""
    page = offline_page.page
    page.goto(f"{dashboard_url}/?present=1&countries=KAZ,UZB&lang=en", wait_until="domcontentloaded")
    page.locator(COUNTER).wait_for(timeout=60_000)
    wait_until_settled(page)
    first = _counter(page)
    assert first.startswith("1 / ")
    total = first.split(" / ")[1]

    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert not page.locator('[data-testid="stHeader"]').is_visible()
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0 or not page.locator(
        '[data-testid="stSidebarNav"]').is_visible()
    heading = page.locator(".st-key-present-slide h1").first
    assert float(heading.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 36
    footer = page.locator(".st-key-present-footer p").first
    assert float(footer.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 20
    assert footer.evaluate("e => getComputedStyle(e).color") == "rgb(0, 0, 0)"

    page.keyboard.press("ArrowRight")
    _wait_for_counter(page, f"2 / {total}")
    page.keyboard.press("ArrowLeft")
    _wait_for_counter(page, f"1 / {total}")
    page.keyboard.press("PageDown")  # what presentation clickers send
    _wait_for_counter(page, f"2 / {total}")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "presentation-figure.png"))

    for step in range(3, 9):  # on to the intra-regional trade chart
        page.keyboard.press("ArrowRight")
        _wait_for_counter(page, f"{step} / {total}")
    assert page.locator(".st-key-present-slide h1").first.inner_text() == "Intra-regional trade"
    page.screenshot(path=str(ARTIFACTS / "presentation-chart.png"))

    assert page.locator('[data-testid="stException"]').count() == 0
    assert offline_page.outside_requests == []
