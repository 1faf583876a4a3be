"""`python -m tests.load.client_cost`: what one page switch or preset click costs the browser, Ortaq vs the baseline.

One session, nothing else running: the browser's CPU time (every Chromium process, the time it
takes to settle and 0.7 s after) per action, for a page switch to each page and two preset clicks
on it, twice round, on Ortaq and on the load run's baseline (tests/load/baseline_app.py). This is
the cost that twenty browsers on one machine multiply in `make load`; in a room each reader's own
machine pays it. Prints one line per page and action kind, then the means.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from tests.load.servers import cpu_seconds, descendants, start_replica
from tests.load.sessions import PAGES, SETTLED, one_reader

ROUNDS = 2
PRESETS = ("ots", "c5")
TAIL_S = 0.7  # what a page still does after it has settled (Plotly's resize, React's effects)


async def measure(base: str, server_pids: set[int]) -> dict[str, list[float]]:
    """CPU seconds per action, keyed by '<kind> <page>'."""

    def browser_cpu() -> float:
        return cpu_seconds([pid for pid in descendants(os.getpid()) if pid not in server_pids])

    costs: dict[str, list[float]] = defaultdict(list)
    async with one_reader() as page:

        async def timed(action, navigation: bool = False) -> float:
            runs = 0 if navigation else await page.evaluate("() => window.__ortaqRuns")
            before = browser_cpu()
            await action()
            await page.wait_for_function(SETTLED, arg=runs, polling=50, timeout=120_000)
            await asyncio.sleep(TAIL_S)
            return browser_cpu() - before

        costs["open"].append(await timed(lambda: page.goto(f"{base}/?countries=KAZ,UZB"), navigation=True))
        links = page.locator('[data-testid="stSidebarNav"] a')
        for _ in range(ROUNDS):
            for path in [*PAGES[1:], PAGES[0]]:
                hrefs = await links.evaluate_all("els => els.map(e => new URL(e.href).pathname)")
                index = next(i for i, href in enumerate(hrefs) if href.strip("/") == path)
                name = path or "overview"
                costs[f"page {name}"].append(await timed(links.nth(index).click))
                for preset in PRESETS:
                    button = page.locator(f".st-key-preset-{preset} button")
                    costs[f"preset {name}"].append(await timed(button.click))
    return costs


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="ortaq-client-cost-"))
    means = {}
    for app in ("baseline", "ortaq"):
        server = start_replica(work, runs_log=work / f"runs-{app}.jsonl", app=app)
        try:
            pids = set(server.pids())
            asyncio.run(measure(server.url, pids))  # warm: the server's first runs, the browser's caches
            started = time.monotonic()
            costs = asyncio.run(measure(server.url, pids))
        finally:
            server.stop()
        print(f"{app} ({time.monotonic() - started:.0f} s), browser CPU per action:")
        for key, values in costs.items():
            print(f"   {key:<24} {sum(values) / len(values):6.3f} s")
        actions = [value for key, values in costs.items() if key != "open" for value in values]
        means[app] = sum(actions) / len(actions)
        print(f"   mean of {len(actions)} actions   {means[app]:6.3f} s (open {costs['open'][0]:.2f} s)")
    print(f"Ortaq / baseline: {means['ortaq'] / means['baseline']:.2f}x per action")
    return 0


if __name__ == "__main__":
    sys.exit(main())
