"""Headless Chromium under Playwright: load a page, and record when its first chart is drawn and
every byte the app sends it beyond Streamlit's static bundle."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlparse

from tests.bench.common import CHROMIUM, CHROMIUM_ARGS, KB

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
VIEWPORT = {"width": 1600, "height": 1000}

# Runs in every page before its own scripts. Once per animation frame until found, it notes
# (performance.now(), i.e. ms since navigation started) when the first Plotly chart holds a drawn
# trace (a path with geometry inside g.trace: a line, a marker, a bar, a country shape) and
# when the first st.dataframe grid canvas exists. One querySelectorAll per frame is cheap.
FIRST_PAINT_SCRIPT = """
(() => {
  const bench = window.__bench = {firstChart: null, firstTable: null};
  const drawn = () => {
    for (const path of document.querySelectorAll('.js-plotly-plot .main-svg g.trace path')) {
      const d = path.getAttribute('d');
      if (d && d.length > 3) return true;
    }
    return false;
  };
  const tick = () => {
    const now = performance.now();
    if (bench.firstChart === null && drawn()) bench.firstChart = now;
    if (bench.firstTable === null && document.querySelector('[data-testid="stDataFrame"] canvas')) {
      bench.firstTable = now;
    }
    if (bench.firstChart === null || bench.firstTable === null) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""

# As tests/e2e's wait_until_settled: no running indicator, no skeleton, every chart has its SVG.
SETTLED = """() => !document.querySelector('[data-testid="stStatusWidgetRunningIcon"],'
    + '[data-testid="stStatusWidgetRunningManIcon"], [data-testid="stSkeleton"]')
    && [...document.querySelectorAll('.stPlotlyChart, [data-testid="stPlotlyChart"]')]
        .every(el => el.querySelector('.main-svg'))"""


@contextmanager
def chromium() -> Iterator[object]:
    """Debian's Chromium, headless (Playwright cannot download a browser here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def message_kind(data: bytes) -> tuple[str, str | None]:
    """A ForwardMsg's kind (`el:plotly_chart`, `script_finished`, ...) and, for a chart, its spec."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    try:
        message = ForwardMsg.FromString(data)
    except Exception:  # noqa: BLE001 - a frame that is not a ForwardMsg is counted as such
        return "other", None
    kind = message.WhichOneof("type") or "other"
    if kind == "delta":
        delta = message.delta.WhichOneof("type")
        if delta == "new_element":
            element = message.delta.new_element.WhichOneof("type")
            spec = message.delta.new_element.plotly_chart.spec if element == "plotly_chart" else None
            return f"el:{element}", spec
        return f"delta:{delta}", None
    return kind, None


class Tap:
    """Everything one page receives: websocket frames (parsed) and HTTP responses outside /static/."""

    def __init__(self, page) -> None:
        self.ws_bytes = 0
        self.ws_frames = 0
        self.sent_frames = 0
        self.by_kind: Counter[str] = Counter()
        self.script_finished = 0
        self.exceptions = 0
        self.charts = 0
        self.maps = 0
        self.requests: list = []
        self.outside: list[str] = []
        self.last_frame = time.perf_counter()
        self.t0 = time.perf_counter()  # reset just before navigating
        self.first_chart_msg_ms: float | None = None  # when the first chart's message arrived
        self.finished_ms: float | None = None  # when the first script_finished arrived
        page.on("websocket", self._websocket)
        page.on("request", self._request)

    def _websocket(self, ws) -> None:
        ws.on("framereceived", self._received)
        ws.on("framesent", self._sent)

    def _sent(self, payload) -> None:
        self.sent_frames += 1

    def _received(self, payload) -> None:
        data = payload if isinstance(payload, bytes) else payload.encode("utf-8")
        self.last_frame = time.perf_counter()
        self.ws_bytes += len(data)
        self.ws_frames += 1
        kind, spec = message_kind(data)
        self.by_kind[kind] += len(data)
        if kind == "script_finished":
            self.script_finished += 1
            if self.finished_ms is None:
                self.finished_ms = (self.last_frame - self.t0) * 1000
        elif kind == "el:exception":
            self.exceptions += 1
        elif kind == "el:plotly_chart":
            self.charts += 1
            if self.first_chart_msg_ms is None:
                self.first_chart_msg_ms = (self.last_frame - self.t0) * 1000
            if spec and any(f'"type":"{geo}"' in spec.replace(" ", "") for geo in ("choropleth", "scattergeo")):
                self.maps += 1

    def _request(self, request) -> None:
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and (url.hostname or "") not in LOOPBACK:
            self.outside.append(request.url)
        elif url.scheme in ("http", "https") and not url.path.startswith("/static/"):
            self.requests.append(request)

    def http_bytes(self) -> tuple[int, dict[str, int]]:
        """Bytes on the wire (headers + body as transferred) of every non-static response."""
        total, by_path = 0, Counter()
        for request in self.requests:
            try:
                if request.response() is None:
                    continue
                sizes = request.sizes()
            except Exception:  # noqa: BLE001 - a request cut off by closing the page counts as nothing
                continue
            size = max(sizes.get("responseBodySize", 0), 0) + max(sizes.get("responseHeadersSize", 0), 0)
            total += size
            path = urlparse(request.url).path
            by_path["/media/*" if "/media/" in path else path] += size
        return total, dict(by_path)


def wait_for(page, condition, timeout_s: float, what: str) -> None:
    """Let Playwright dispatch events until `condition()` holds."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} within {timeout_s:.0f} s")
        page.wait_for_timeout(10)


def settle(page, tap: Tap, timeout_s: float = 60, quiet_ms: int = 250) -> None:
    """The run is over and drawn: script_finished received, the page settled twice, no new frame."""
    wait_for(page, lambda: tap.script_finished >= 1, timeout_s, "no script_finished")
    for _ in range(2):
        page.wait_for_function(SETTLED, timeout=timeout_s * 1000)
        page.wait_for_timeout(quiet_ms)
    wait_for(page, lambda: time.perf_counter() - tap.last_frame > quiet_ms / 1000, timeout_s, "frames kept coming")


def start_page(browser, url: str, timeout_s: float = 90) -> tuple[object, object, Tap]:
    """A fresh context (cold cache, new session) navigating to `url`; not waited for."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(FIRST_PAINT_SCRIPT)
    page = context.new_page()
    tap = Tap(page)
    tap.t0 = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
    return context, page, tap


def open_page(browser, url: str, timeout_s: float = 90) -> tuple[object, object, Tap]:
    """A fresh context (cold cache, new session) with `url` loaded and settled."""
    context, page, tap = start_page(browser, url, timeout_s)
    settle(page, tap, timeout_s)
    return context, page, tap


def open_pages(browser, urls: list[str], timeout_s: float = 300) -> list[object]:
    """Fresh contexts on all `urls` at once, each waited for until settled; returns the contexts."""
    started = [start_page(browser, url, timeout_s) for url in urls]
    for _, page, tap in started:
        settle(page, tap, timeout_s)
    return [context for context, _, _ in started]


def measure_load(browser, url: str, timeout_s: float = 90) -> dict:
    """One cold page load: time to first chart (or, on a page without charts, first table) and bytes."""
    started = time.perf_counter()
    context, page, tap = None, None, None
    try:
        context, page, tap = open_page(browser, url, timeout_s)
        marks = page.evaluate("() => window.__bench")
        if tap.charts and marks["firstChart"] is None:
            # Charts were sent but no trace is drawn yet (or they hold no data): give them time.
            try:
                page.wait_for_function("() => window.__bench.firstChart !== null", timeout=10_000)
            except Exception:  # noqa: BLE001 - recorded below as a missing first chart
                pass
            marks = page.evaluate("() => window.__bench")
        http_total, http_paths = tap.http_bytes()
        first, kind = (marks["firstChart"], "chart") if tap.charts else (marks["firstTable"], "table")
        return {
            "first_ms": first,
            "first_kind": kind,
            # Python's clock from just before navigating: when the first chart's message and the
            # end of the run (script_finished) reached the browser. first_ms − chart_msg_ms is
            # roughly the browser's time to draw the chart after receiving it.
            "chart_msg_ms": tap.first_chart_msg_ms,
            "finished_ms": tap.finished_ms,
            "ws_bytes": tap.ws_bytes,
            "http_bytes": http_total,
            "total_bytes": tap.ws_bytes + http_total,
            "ws_frames": tap.ws_frames,
            "by_kind": dict(tap.by_kind),
            "http_paths": http_paths,
            "charts": tap.charts,
            "maps": tap.maps,
            "exceptions": tap.exceptions,
            "outside": len(tap.outside),
            "wall_s": time.perf_counter() - started,
        }
    except Exception as error:  # noqa: BLE001 - one failed load is reported, the run goes on
        return {"error": f"{type(error).__name__}: {error}"[:300], "wall_s": time.perf_counter() - started}
    finally:
        if context is not None:
            context.close()


def kb(value: float | None) -> float | None:
    return None if value is None else round(value / KB, 1)


def dump(obj: object) -> str:
    return json.dumps(obj, separators=(",", ":"))
