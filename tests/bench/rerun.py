"""Warm reruns on a filter change: how long the server works when a reader changes the countries.

Two ways, each on Ortaq and on the baseline, alternating A B A B:

- `server` (the budget's figure): the real server, started through tests/bench/serve.py, which
  logs each script run's duration inside Streamlit's ScriptRunner. A browser page clicks the
  sidebar presets "OTS members" / "Central Asian five" in turn; each click is one rerun. The
  round trip (click -> script_finished message in the browser) is reported beside it.
- `apptest`: streamlit.testing.v1.AppTest in a worker process, the whole app (app.py + page via
  switch_page), the multiselect set to the two selections in turn. Reported as AppTest's wall
  time per `run()` and, from the same instrumentation, the script time inside it.

Worker: python -m tests.bench.rerun --apptest --reruns 30 [--pages trade,sources]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
import tomllib

from tests.bench import instrument
from tests.bench.browser import SETTLED, VIEWPORT, Tap, settle, wait_for
from tests.bench.common import (
    APP,
    BASELINE_APP,
    CONFIG,
    PAGES,
    PRESET_KEYS,
    SELECTION_A,
    SELECTION_B,
    page_name,
    percentile,
    rounded,
)

SETTLE_MS = 150
WARMUP = 2  # reruns per page not counted: the first of each selection fills per-selection caches


def stats(values: list[float]) -> dict:
    return {
        "p50": rounded(percentile(values, 50)),
        "p95": rounded(percentile(values, 95)),
        "max": rounded(max(values) if values else None),
        "n": len(values),
    }


# ---------------------------------------------------------------- in the real server


class _Clicker:
    """One open page of one server, and its run log."""

    def __init__(self, browser, url: str, run_log) -> None:
        self.context = browser.new_context(viewport=VIEWPORT)
        self.page = self.context.new_page()
        self.tap = Tap(self.page)
        self.run_log = run_log
        self.offset = 0
        self.page.goto(url, wait_until="commit", timeout=90_000)
        settle(self.page, self.tap, 90, quiet_ms=200)
        _, self.offset = instrument.read_log(run_log, 0)

    def rerun(self, key: str) -> dict:
        """Click a preset; wait for the run to finish and be drawn; return its server and round-trip time."""
        before = self.tap.script_finished
        start = time.perf_counter()
        self.page.locator(f".st-key-{key} button").click(timeout=30_000)
        wait_for(self.page, lambda: self.tap.script_finished > before, 120, "no script_finished after a click")
        roundtrip = (time.perf_counter() - start) * 1000
        records: list[dict] = []
        deadline = time.monotonic() + 10
        while not records and time.monotonic() < deadline:
            records, self.offset = instrument.read_log(self.run_log, self.offset)
            if not records:
                time.sleep(0.005)
        # Let the browser finish drawing before the next click: on two cores its work would
        # otherwise land in the next run's time (on either app).
        for _ in range(2):
            self.page.wait_for_function(SETTLED, timeout=60_000)
            self.page.wait_for_timeout(SETTLE_MS)
        more, self.offset = instrument.read_log(self.run_log, self.offset)
        records += more
        return {
            "server_ms": sum(r["ms"] for r in records),
            "cpu_ms": sum(r["cpu_ms"] for r in records),
            "runs": len(records),
            "roundtrip_ms": roundtrip,
        }

    def close(self) -> None:
        self.context.close()


def in_server(browser, ortaq, baseline, pages: list[str], reruns: int, log=print) -> dict:
    """Reruns in the running servers (both started instrumented)."""
    base = _Clicker(browser, f"{baseline.url}/", baseline.run_log)
    base_server, base_cpu, base_roundtrip = [], [], []
    result: dict = {"pages": {}}
    try:
        for path in pages:
            page = _Clicker(browser, f"{ortaq.url}/{path}", ortaq.run_log)
            server, cpu, roundtrip, extra = [], [], [], 0
            try:
                for i in range(reruns + WARMUP):
                    key = PRESET_KEYS[i % 2]
                    a = page.rerun(key)
                    b = base.rerun(key)
                    if i < WARMUP:
                        continue
                    server.append(a["server_ms"])
                    cpu.append(a["cpu_ms"])
                    roundtrip.append(a["roundtrip_ms"])
                    extra += max(a["runs"] - 1, 0)
                    base_server.append(b["server_ms"])
                    base_cpu.append(b["cpu_ms"])
                    base_roundtrip.append(b["roundtrip_ms"])
            except Exception as error:  # noqa: BLE001 - the page's failure is reported, the others still run
                result["pages"][page_name(path)] = {"error": f"{type(error).__name__}: {error}"[:300]}
                continue
            finally:
                page.close()
            result["pages"][page_name(path)] = {
                "server": stats(server),
                "cpu": stats(cpu),
                "roundtrip": stats(roundtrip),
                "extra_runs": extra,
            }
            s = result["pages"][page_name(path)]["server"]
            log(f"  {page_name(path):<13} server p50 {s['p50']:7.1f} ms  p95 {s['p95']:7.1f} ms")
    finally:
        base.close()
    result["baseline"] = {"server": stats(base_server), "cpu": stats(base_cpu), "roundtrip": stats(base_roundtrip)}
    return result


# ---------------------------------------------------------------- AppTest (worker process)


def fresh_selections(count: int) -> list[list[str]]:
    """`count` selections other than A and B, for reruns that no per-selection cache has seen."""
    countries = sorted(set(SELECTION_A) | set(SELECTION_B) | {"HUN"})
    chosen = []
    for size in (2, 3, 1, 4):
        for combination in itertools.combinations(countries, size):
            if list(combination) not in (SELECTION_A, SELECTION_B):
                chosen.append(list(combination))
    return chosen[:count]


def _apply_runner_config() -> None:
    """The server's [runner] settings (streamlit_config/config.toml) in this process, as the launcher sets them."""
    from streamlit import config

    with CONFIG.open("rb") as handle:
        for name, value in tomllib.load(handle).get("runner", {}).items():
            config.set_option(f"runner.{name}", value)


def apptest(pages: list[str], reruns: int, fresh: int = 10) -> dict:
    """Whole-app AppTest reruns, Ortaq and baseline alternating; wall time of run() and script time.

    Then, per page, `fresh` reruns with selections seen nowhere before: what a reader pays the
    first time a selection is shown (the per-selection caches miss).
    """
    from streamlit.testing.v1 import AppTest

    _apply_runner_config()
    instrument.install()
    ortaq = AppTest.from_file(str(APP), default_timeout=600)
    ortaq.run()
    base = AppTest.from_file(str(BASELINE_APP), default_timeout=600)
    base.run()

    def timed(app: AppTest, selection: list[str]) -> tuple[float, float, float]:
        del instrument.RUNS[:]
        start = time.perf_counter()
        app.multiselect(key="country_filter").set_value(selection).run()
        wall = (time.perf_counter() - start) * 1000
        return wall, sum(r["ms"] for r in instrument.RUNS), sum(r["cpu_ms"] for r in instrument.RUNS)

    result: dict = {"pages": {}}
    base_wall, base_script, base_cpu = [], [], []
    for path in pages:
        ortaq.switch_page(PAGES[path]).run()
        wall, script, cpu = [], [], []
        for i in range(reruns + WARMUP):
            selection = SELECTION_B if i % 2 == 0 else SELECTION_A
            a = timed(ortaq, selection)
            b = timed(base, selection)
            if i < WARMUP:
                continue
            wall.append(a[0])
            script.append(a[1])
            cpu.append(a[2])
            base_wall.append(b[0])
            base_script.append(b[1])
            base_cpu.append(b[2])
        first_time = [timed(ortaq, selection)[1] for selection in fresh_selections(fresh)]
        result["pages"][page_name(path)] = {
            "wall": stats(wall),
            "script": stats(script),
            "cpu": stats(cpu),
            "fresh": stats(first_time),
            "exceptions": len(ortaq.exception),
        }
        # End on the default selection, so every page starts from the same state.
        if ortaq.multiselect(key="country_filter").value != SELECTION_A:
            ortaq.multiselect(key="country_filter").set_value(SELECTION_A).run()
    result["baseline"] = {"wall": stats(base_wall), "script": stats(base_script), "cpu": stats(base_cpu)}
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--apptest", action="store_true", required=True)
    parser.add_argument("--reruns", type=int, default=30)
    parser.add_argument("--fresh", type=int, default=10, help="reruns per page with never-seen selections")
    parser.add_argument("--pages", default=",".join(page_name(p) for p in PAGES))
    args = parser.parse_args(argv)
    names = {page_name(p): p for p in PAGES}
    pages = [names[name] for name in args.pages.split(",") if name]
    print(json.dumps(apptest(pages, args.reruns, args.fresh)))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
