"""Browser-test fixtures: a running dashboard and Debian's Chromium that may only talk to it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the dashboard exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the dashboard did not answer at {url} within {timeout} s")


def start_dashboard(extra_env: dict[str, str] | None = None) -> tuple[str, subprocess.Popen]:
    """Start `python -m dashboard` on a free loopback port; returns (base URL, process)."""
    port = _free_port()
    env = {**os.environ, "PORT": str(port), **(extra_env or {})}
    log = open(ARTIFACTS / f"server-{port}.log", "w")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard"], cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    _wait_healthy(url, process)
    return url, process


@pytest.fixture(scope="session")
def dashboard_url() -> Iterator[str]:
    """The base URL of a dashboard started for this test session."""
    ARTIFACTS.mkdir(exist_ok=True)
    url, process = start_dashboard()
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium under Playwright (Playwright cannot download a browser here)."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required in CI but {CHROMIUM} is missing")
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class OfflinePage:
    """A page whose every request beyond loopback is aborted and recorded."""

    def __init__(self, page):
        self.page = page
        self.outside_requests: list[str] = []
        page.route("**/*", self._route)

    def _route(self, route) -> None:
        host = urlparse(route.request.url).hostname or ""
        scheme = urlparse(route.request.url).scheme
        if scheme in ("data", "blob") or host in LOOPBACK_HOSTS:
            route.continue_()
        else:
            self.outside_requests.append(route.request.url)
            route.abort()


@pytest.fixture()
def offline_page(browser) -> Iterator[OfflinePage]:
    """A fresh 1600×1000 browser page that may only talk to loopback."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = OfflinePage(context.new_page())
    yield page
    context.close()


def wait_until_settled(page, timeout_ms: int = 60_000) -> None:
    """Wait until Streamlit has finished the run: no running indicator, no skeleton, charts drawn.

    Skeletons are placeholders for elements still on their way; a Plotly chart counts as drawn
    once its SVG exists. The condition must hold twice, 500 ms apart, so a rerun that starts
    right after a quiet moment is not mistaken for the end.
    """
    settled = """() => !document.querySelector('[data-testid="stStatusWidgetRunningIcon"],'
        + '[data-testid="stStatusWidgetRunningManIcon"], [data-testid="stSkeleton"]')
        && [...document.querySelectorAll('.stPlotlyChart, [data-testid="stPlotlyChart"]')]
            .every(el => el.querySelector('.main-svg'))"""
    for _ in range(2):
        page.wait_for_function(settled, timeout=timeout_ms)
        page.wait_for_timeout(500)
