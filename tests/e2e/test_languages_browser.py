"""Each language in a real browser: navigation and headings in that language, offline."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ARTIFACTS, wait_until_settled

pytestmark = pytest.mark.e2e

# (language, the Transport page's heading, the navigation entries that must be shown)
LANGUAGES = [
    ("kk", "Көлік", ["Шолу", "Сауда", "Көлік", "Дереккөздер"]),
    ("ru", "Транспорт", ["Обзор", "Торговля", "Транспорт", "Источники"]),
    ("en", "Transport", ["Overview", "Trade", "Transport", "Sources"]),
]


@pytest.mark.parametrize(("lang", "heading", "navigation"), LANGUAGES)
def test_page_opens_in_the_linked_language(dashboard_url, offline_page, lang, heading, navigation):
    """/transport?lang=.. shows that language in the navigation and the heading, and keeps lang in the link."""
    page = offline_page.page
    page.goto(f"{dashboard_url}/transport?countries=KAZ,UZB&lang={lang}", wait_until="domcontentloaded")
    page.get_by_role("heading", name=heading, exact=True).first.wait_for(timeout=60_000)
    wait_until_settled(page)
    links = page.locator('[data-testid="stSidebarNavLink"]').all_inner_texts()
    for entry in navigation:
        assert any(entry in link for link in links), f"{entry!r} not in navigation {links}"
    assert f"lang={lang}" in page.url
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"transport-{lang}.png"))
    assert page.locator('[data-testid="stException"]').count() == 0
    assert offline_page.outside_requests == []
