"""Browser sessions that use the dashboard as readers do, each timing its actions and counting errors.

Every session is its own Playwright context (own cookies, own Streamlit session) in one headless
Chromium. It opens a link (a page, a country selection and a language): the "open", timed on its
own. When every session is open, the timed window starts: until time is up each session switches
pages in the sidebar, clicks a country preset, switches the language, or opens a new link. An
action is timed from the click (or the navigation) to a settled page: the script run it caused has
finished, no skeleton is left and every Plotly chart has drawn its SVG.

Why the opens are apart: each is a cold browser context compiling Streamlit's and Plotly's
JavaScript (several CPU-seconds of software rendering each), twenty of them at once on the
machine that also runs the server. They are reported (kind "open"), and their errors count, but
the window of use starts when the room has the dashboard open.

Errors: an exception shown by Streamlit (`stException`), a request to the server that failed or
answered >= 400, a WebSocket that errored or closed while the session was using it,
and any request that tried to leave loopback (the dashboard must work offline). An action that has
not settled after two minutes is recorded as "unsettled" (with that duration) rather than as an error.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import re
import shlex
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

# Chromium's headless shell (Debian's chromium-headless-shell, the build Playwright itself uses for
# headless runs) where installed: the same Blink and V8 without the full browser's UI layers, about
# a quarter less CPU per action and a third per cold open here. Else the full Chromium.
# ORTAQ_LOAD_CHROMIUM names another.
CHROMIUM = os.environ.get("ORTAQ_LOAD_CHROMIUM") or next(
    (path for path in ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium") if os.path.exists(path)),
    "/usr/bin/chromium",
)
# The browsers run under Linux's SCHED_IDLE policy: they get the CPU whenever the servers do not want
# it. In a room every reader's browser has a machine of its own; here twenty share the servers' two
# cores, and their drawing (90 % of the machine's CPU) would otherwise also delay the servers, which is
# not what a room sees. Their drawing still counts in each action's time. (Not `nice`: Chromium sets
# its own threads' nice values, -8 to 0, whatever it was started with; the policy it keeps.)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Offline without a Python round trip per request (a route handler for 20 pages costs a core):
    # every host name but loopback fails to resolve; requests that try are counted as "outside".
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
VIEWPORT = {"width": 1280, "height": 900}

PAGES = ["", "trade", "transport", "energy_water", "digital", "initiatives", "sources"]
LANGUAGES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
PRESETS = ["c5", "ots", "ots-observers", "all"]
LINK_SELECTIONS = ["KAZ,UZB", "KAZ", "KGZ,TJK,TKM", "AZE,TUR", "KAZ,KGZ,TJK,TKM,UZB", "TUR,HUN,KAZ", "UZB"]
# What a session does next, with weights: mostly the sidebar and the page's tabs, sometimes a fresh
# link. On a page without tabs (Overview, Sources) "tab" goes to another page instead.
ACTIONS = {"page": 4, "tab": 3, "preset": 3, "language": 2, "link": 1}
# Seconds a reader looks at a settled page before the next action, drawn uniformly from this
# range (run.py --think); (0, 0) drives every session back to back, a stress test rather than a room.
THINK_SECONDS = (2.0, 4.0)
# An action that has not settled after this long is recorded as unsettled, with this duration.
SETTLE_TIMEOUT_MS = int(os.environ.get("ORTAQ_LOAD_SETTLE_MS", "120000"))
# Opened at /trade, Streamlit's page first asks /trade/_stcore/health and /trade/_stcore/host-config
# in case the app is served under /trade/, gets 404 and falls back to /: not an error of the app.
BASE_PATH_PROBE = re.compile(r"^/[^/]+/_stcore/(?:health|host-config)$")

# (bytes: ArrayBuffer) => whether this ForwardMsg ends a script run: its top-level field 6
# (script_finished) is 0 or 1 (FINISHED_SUCCESSFULLY, FINISHED_WITH_COMPILE_ERROR), not a run cut
# short by a rerun, not a fragment's run.
FINISHED_RUN_JS = """(buffer) => {
  const bytes = new Uint8Array(buffer);
  let i = 0;
  const varint = () => {
    let value = 0, shift = 0, byte;
    do {
      byte = bytes[i++]; value += (byte & 0x7f) * 2 ** shift; shift += 7;
    } while (byte & 0x80 && i < bytes.length);
    return value;
  };
  while (i < bytes.length) {
    const key = varint(), field = Math.floor(key / 8), type = key % 8;
    if (type === 0) { const value = varint(); if (field === 6) return value === 0 || value === 1; }
    else if (type === 2) { const length = varint(); i += length; }  // not i += varint(): i is read first
    else if (type === 1) { i += 8; }
    else if (type === 5) { i += 4; }
    else return false;
  }
  return false;
}"""

# Counts finished script runs off the page's own WebSocket. (Watching stApp's
# data-test-script-state for "running" misses runs that React renders as one update.)
INIT_SCRIPT = """
(() => {
  window.__ortaqRuns = 0;
  window.__ortaqLastRunAt = 0;  // performance.now() when the last finished run's message arrived
  const finished = FINISHED_RUN_JS;
  const Native = window.WebSocket;
  function Counting(...args) {
    const socket = new Native(...args);
    socket.addEventListener('message', (event) => {
      if (event.data instanceof ArrayBuffer && finished(event.data)) {
        window.__ortaqRuns += 1;
        window.__ortaqLastRunAt = performance.now();
      }
    });
    return socket;
  }
  Counting.prototype = Native.prototype;
  for (const name of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) Counting[name] = Native[name];
  window.WebSocket = Counting;
})();
""".replace("FINISHED_RUN_JS", FINISHED_RUN_JS)

# Settled: a run has finished since `runsBefore` (after a navigation, `runsBefore` is 0), the
# connection is up, and nothing is still on its way.
SETTLED = """(runsBefore) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (window.__ortaqRuns <= runsBefore) return false;
  if (!document.querySelector('[data-testid="stMain"] h1')) return false;  // the sidebar has an h1 too
  if (document.querySelector('[data-testid="stSkeleton"], [data-testid="stStatusWidgetRunningIcon"]')) return false;
  return [...document.querySelectorAll('[data-testid="stPlotlyChart"], .stPlotlyChart')]
      .every(el => el.querySelector('.main-svg'));
}"""


# What of SETTLED still fails: recorded with an action that did not settle.
UNSETTLED_WHY = """(runsBefore) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return 'no stApp';
  const unsettled = [];
  const connection = app.getAttribute('data-test-connection-state');
  if (connection !== 'CONNECTED') unsettled.push('connection ' + connection);
  const script = app.getAttribute('data-test-script-state');
  if (script !== 'notRunning') unsettled.push('script ' + script);
  if (window.__ortaqRuns <= runsBefore) unsettled.push('no new run (' + window.__ortaqRuns + ')');
  if (!document.querySelector('[data-testid="stMain"] h1')) unsettled.push('no h1');
  if (document.querySelector('[data-testid="stSkeleton"]')) unsettled.push('skeleton');
  if (document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')) unsettled.push('running icon');
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"], .stPlotlyChart')];
  const undrawn = charts.filter(el => !el.querySelector('.main-svg')).length;
  if (undrawn) unsettled.push(undrawn + ' of ' + charts.length + ' charts undrawn');
  return unsettled.join(', ') + ' on ' + location.pathname + location.search;
}"""


@dataclass
class Sample:
    """One timed action; `settled` is False when it gave up after SETTLE_TIMEOUT_MS."""

    kind: str
    page: str
    ms: float
    settled: bool = True
    # From the action to the arrival of its run's script_finished message: the server's share (its
    # queue, the script run, the transfer) as the browser saw it. The rest of `ms` is the browser's own
    # drawing. None for navigations (the page's clock restarts) and unsettled actions.
    run_ms: float | None = None


@dataclass
class SessionLog:
    """What one session did and what went wrong."""

    samples: list[Sample] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    js_errors: int = 0
    js_error_examples: list[str] = field(default_factory=list)
    unsettled: list[str] = field(default_factory=list)

    def error(self, kind: str, detail: str) -> None:
        self.errors[kind] += 1
        if len(self.examples) < 5:
            self.examples.append(f"{kind}: {detail[:200]}")


def link(base: str, rng: random.Random) -> tuple[str, str, str]:
    """A random link: (url, page, language)."""
    page, lang = rng.choice(PAGES), rng.choice(list(LANGUAGES))
    return f"{base}/{page}?countries={rng.choice(LINK_SELECTIONS)}&lang={lang}", page, lang


class Session:
    """One reader: a browser context driven by a seeded random walk."""

    def __init__(self, browser, base: str, seed: int, think: tuple[float, float] = THINK_SECONDS) -> None:
        self.browser = browser
        self.think = think
        self.base = base
        self.rng = random.Random(seed)
        self.log = SessionLog()
        self.page_path = ""
        self.lang = "en"
        self.preset = ""
        # Each navigation starts a generation: the old page's requests and WebSocket may end with it.
        self._generation = 0
        self._requests: dict[object, int] = {}
        self._closing = False

    async def run(self, window: Window, start_delay: float) -> SessionLog:
        await asyncio.sleep(start_delay)
        context = await self.browser.new_context(viewport=VIEWPORT)
        await context.add_init_script(INIT_SCRIPT)
        page = await context.new_page()
        self._watch(page)
        try:
            url, self.page_path, self.lang = link(self.base, self.rng)
            try:
                await self._timed(page, "open", lambda: self._goto(page, url), navigation=True)
            finally:
                window.opened()
            deadline = await window.started()
            while time.monotonic() < deadline:
                pause = self.rng.uniform(*self.think)
                if pause:
                    await asyncio.sleep(min(pause, max(0.0, deadline - time.monotonic())))
                    if time.monotonic() >= deadline:
                        break
                kinds, weights = zip(*ACTIONS.items(), strict=True)
                kind = self.rng.choices(kinds, weights)[0]
                await self._act(page, kind)
        finally:
            self._closing = True
            await context.close()
        return self.log

    # --- the five actions ---------------------------------------------------------------

    async def _act(self, page, kind: str) -> None:
        if kind == "tab":
            tabs = page.get_by_role("tab")
            selected = await tabs.evaluate_all("els => els.map(e => e.getAttribute('aria-selected') === 'true')")
            others = [i for i, on in enumerate(selected) if not on]
            if others:
                index = self.rng.choice(others)
                await self._timed(page, kind, lambda: tabs.nth(index).click())
                return
            kind = "page"
        if kind == "page":
            target = self.rng.choice([p for p in PAGES if p != self.page_path])
            links = page.locator('[data-testid="stSidebarNav"] a')
            hrefs = await links.evaluate_all("els => els.map(e => new URL(e.href).pathname)")
            index = next((i for i, href in enumerate(hrefs) if href.strip("/") == target), None)
            if index is None:
                self.log.error("missing", f"no navigation link to /{target}")
                return
            self.page_path = target
            await self._timed(page, kind, lambda: links.nth(index).click())
        elif kind == "preset":
            preset = self.rng.choice([p for p in PRESETS if p != self.preset])
            self.preset = preset
            await self._timed(page, kind, lambda: page.locator(f".st-key-preset-{preset} button").click())
        elif kind == "language":
            lang = self.rng.choice([code for code in LANGUAGES if code != self.lang])
            self.lang = lang
            button = page.locator('[data-testid="stSidebar"] button', has_text=LANGUAGES[lang]).first
            await self._timed(page, kind, lambda: button.click())
        else:
            url, self.page_path, self.lang = link(self.base, self.rng)
            self.preset = ""
            await self._timed(page, kind, lambda: self._goto(page, url), navigation=True)

    async def _goto(self, page, url: str) -> None:
        self._generation += 1
        await page.goto(url, wait_until="domcontentloaded", timeout=SETTLE_TIMEOUT_MS)

    async def _timed(self, page, kind: str, action, navigation: bool = False) -> None:
        # A navigation starts a new document whose count starts at 0.
        runs_before = 0 if navigation else await page.evaluate("() => window.__ortaqRuns || 0")
        clock = None if navigation else await page.evaluate("() => performance.now()")
        started = time.perf_counter()
        try:
            await action()
            await page.wait_for_function(SETTLED, arg=runs_before, polling=50, timeout=SETTLE_TIMEOUT_MS)
        except Exception as error:  # noqa: BLE001 - a failure to act or to settle is recorded, not raised
            elapsed = (time.perf_counter() - started) * 1000
            if "Timeout" in type(error).__name__:
                self.log.samples.append(Sample(kind, self.page_path or "overview", elapsed, settled=False))
                try:
                    why = await page.evaluate(UNSETTLED_WHY, runs_before)
                except Exception as failure:  # noqa: BLE001 - the page may be gone
                    why = f"page not readable: {failure}"
                self.log.unsettled.append(f"{kind}: {why}"[:300])
            else:
                self.log.error("action", f"{kind}: {error}")
            return
        elapsed = (time.perf_counter() - started) * 1000
        run_ms = None
        if clock is not None:
            run_ms = await page.evaluate("() => window.__ortaqLastRunAt") - clock
        self.log.samples.append(Sample(kind, self.page_path or "overview", elapsed, run_ms=run_ms))
        shown = await page.locator('[data-testid="stException"]').count()
        if shown:
            self.log.error("exception", f"{shown} on /{self.page_path}")

    # --- what the browser reports ---------------------------------------------------------

    def _watch(self, page) -> None:
        page.on("request", self._request)
        page.on("requestfinished", lambda request: self._requests.pop(request, None))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)
        page.on("websocket", self._websocket)
        page.on("pageerror", self._page_error)

    def _request(self, request) -> None:
        self._requests[request] = self._generation
        parsed = urlparse(request.url)
        if parsed.scheme not in ("data", "blob") and (parsed.hostname or "") not in LOOPBACK:
            self.log.error("outside", request.url)

    def _current(self, generation: int | None) -> bool:
        """Whether something begun in `generation` should still be alive (no navigation or close since)."""
        return generation == self._generation and not self._closing

    def _request_failed(self, request) -> None:
        generation = self._requests.pop(request, None)
        host = urlparse(request.url).hostname or ""
        # Outside requests are counted as "outside"; a navigation cancels the old page's loads.
        if host in LOOPBACK and self._current(generation):
            self.log.error("request", f"{request.failure} {request.url}")

    def _response(self, response) -> None:
        if response.status >= 400 and not BASE_PATH_PROBE.match(urlparse(response.url).path):
            self.log.error("http", f"{response.status} {response.url}")

    def _websocket(self, socket) -> None:
        generation = self._generation
        socket.on("socketerror", lambda message: self.log.error("websocket", f"error {message}")
                  if self._current(generation) else None)
        socket.on("close", lambda _: self.log.error("websocket", "closed") if self._current(generation) else None)

    def _page_error(self, error) -> None:
        self.log.js_errors += 1
        if len(self.log.js_error_examples) < 3:
            self.log.js_error_examples.append(f"/{self.page_path}: {error}"[:200])


def idle_priority_browser(directory: Path) -> str:
    """An executable in `directory` that starts CHROMIUM under SCHED_IDLE (every process and thread inherits it)."""
    wrapper = directory / "chromium-idle-priority"
    wrapper.write_text(f'#!/bin/sh\nexec chrt --idle 0 {shlex.quote(CHROMIUM)} "$@"\n')
    wrapper.chmod(0o755)
    return str(wrapper)


async def drive(
    base: str,
    sessions: int,
    seconds: float,
    ramp_seconds: float = 5.0,
    seed: int = 1,
    think: tuple[float, float] = THINK_SECONDS,
    executable: str = CHROMIUM,
) -> tuple[list[SessionLog], float | None]:
    """Open `sessions` readers on `base` (their starts spread over `ramp_seconds`), then let them act for `seconds`.

    Each reader pauses `think` seconds (uniform range) on a settled page before its next action.
    `executable` is the browser to start (idle_priority_browser() for a load run).
    Returns the sessions' logs and how long opening them all took (s).
    """
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            window = Window(sessions, seconds)
            step = ramp_seconds / max(sessions, 1)
            readers = [Session(browser, base, seed * 1000 + number, think) for number in range(sessions)]
            started = time.monotonic()
            logs = list(await asyncio.gather(*(r.run(window, i * step) for i, r in enumerate(readers))))
            opening = (window.deadline - window.seconds - started) if window.deadline is not None else None
            return logs, opening
        finally:
            await browser.close()


class Window:
    """The timed window of use: it opens when every session has opened its first link (or failed to)."""

    def __init__(self, sessions: int, seconds: float) -> None:
        self.sessions, self.seconds = sessions, seconds
        self._open = 0
        self._event = asyncio.Event()
        self.deadline: float | None = None

    def opened(self) -> None:
        self._open += 1
        if self._open >= self.sessions and not self._event.is_set():
            self.deadline = time.monotonic() + self.seconds
            self._event.set()

    async def started(self) -> float:
        """Wait for the window; its deadline (time.monotonic())."""
        await self._event.wait()
        assert self.deadline is not None
        return self.deadline


@contextlib.asynccontextmanager
async def one_reader():
    """A page in a fresh browser of its own that counts finished runs (INIT_SCRIPT), closed on exit."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = await browser.new_context(viewport=VIEWPORT)
            await context.add_init_script(INIT_SCRIPT)
            yield await context.new_page()
        finally:
            await browser.close()


async def warm_up(base: str) -> None:
    """Visit every page once (imports, data cache, first-run costs), outside the measurement."""
    async with one_reader() as page:
        for path in PAGES:
            await page.goto(f"{base}/{path}?countries=KAZ,UZB", wait_until="domcontentloaded")
            await page.wait_for_function(SETTLED, arg=0, polling=100, timeout=120_000)
