"""Server memory: RSS idle, with one session, and with N sessions open (N browser contexts).

Each app gets a fresh server (started as usual). Steps: idle (started, no session yet); warm
(every page visited once and closed, so one-time imports and the data cache are not charged to
sessions); one session open; N sessions open, each on a page (cycling through the pages).
Per extra session = (RSS with N − RSS with 1) / (N − 1). Disconnected sessions are kept by
Streamlit for a while, so the warm-up's closed sessions are still counted in both readings
alike and cancel out.
"""

from __future__ import annotations

import time

from tests.bench.browser import open_page, open_pages
from tests.bench.common import KB, start_server


def _rss_mb(server) -> float:
    return round(server.rss_kb() / KB, 1)


def _steady_rss_mb(server, seconds: float = 2.0) -> float:
    time.sleep(seconds)
    return _rss_mb(server)


def measure(browser, kind: str, pages: list[str], sessions: int, workdir, log=print) -> dict:
    """RSS readings of one fresh server of `kind` ("ortaq" or "baseline")."""
    server = start_server(kind, workdir)
    contexts = []
    try:
        idle = _steady_rss_mb(server, 3)
        for path in pages:
            context, _, _ = open_page(browser, f"{server.url}/{path}")
            context.close()
        warm = _steady_rss_mb(server)
        readings = {}
        context, _, _ = open_page(browser, f"{server.url}/{pages[0]}")
        contexts.append(context)
        readings[1] = _steady_rss_mb(server)
        # The others open together (one at a time takes minutes on two cores).
        urls = [f"{server.url}/{pages[number % len(pages)]}" for number in range(1, sessions)]
        contexts += open_pages(browser, urls)
        readings[sessions] = _steady_rss_mb(server, 3)
        per_session = (readings[sessions] - readings[1]) / (sessions - 1) if sessions > 1 else None
        result = {
            "idle_mb": idle,
            "warm_mb": warm,
            "one_session_mb": readings[1],
            f"sessions_{sessions}_mb": readings[sessions],
            "sessions": sessions,
            "per_session_mb": None if per_session is None else round(per_session, 2),
        }
        log(
            f"  {kind:<9} idle {idle} MB, warm {warm} MB, 1 session {readings[1]} MB, "
            f"{sessions} sessions {readings[sessions]} MB -> {result['per_session_mb']} MB per extra session"
        )
        return result
    finally:
        for context in contexts:
            context.close()
        server.stop()
