"""Run the benchmark: `python -m tests.bench.run [--quick] [--only first_chart,rerun,...]`.

Starts Ortaq and the baseline (tests/bench/baseline_app.py) on ports 8701–8799 and measures
both in the same run, alternating A B A B:

  first_chart  cold page loads in headless Chromium: time to the first chart drawn with data
  bytes        the same loads: websocket frames + HTTP responses not under /static/
  rerun        warm reruns on a filter change: AppTest script time and the real server's
  memory       server RSS idle, with 1 and with N sessions open
  growth       series.csv scaled to 10^4..10^6 rows: load time and the Trade page's rerun

Progress goes to stderr; stdout gets the table and, as its last line, one JSON object. The
full results go to artifacts/bench/bench-<time>.json. Exit status 0 unless --check is given
and a budget fails.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from tests.bench import growth, loads, memory, rerun
from tests.bench.browser import chromium
from tests.bench.common import PAGES, REPO_ROOT, machine, page_name, run_worker, start_server
from tests.bench.report import summary, table

SECTIONS = ("first_chart", "bytes", "rerun", "memory", "growth")


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _loadavg() -> str:
    try:
        with open("/proc/loadavg") as handle:
            return " ".join(handle.read().split()[:3])
    except OSError:
        return "?"


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench.run", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="a short smoke run (a few minutes): fewer of everything")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated subset of {','.join(SECTIONS)}")
    parser.add_argument("--pages", default=",".join(page_name(p) for p in PAGES), help="pages to measure")
    parser.add_argument("--runs", type=int, help="cold loads per page and app (default 5, quick 1)")
    parser.add_argument("--reruns", type=int, help="AppTest reruns per page (default 30, quick 5)")
    parser.add_argument(
        "--server-reruns", type=int, help="real-server reruns per page, the budget's figure (default 30, quick 2)"
    )
    parser.add_argument("--sessions", type=int, help="sessions open for the memory reading (default 20, quick 4)")
    parser.add_argument("--growth-sizes", help="series rows (default 10000,100000,1000000; quick 10000)")
    parser.add_argument("--growth-reruns", type=int, help="Trade reruns per size (default 5, 3 at 10^6; quick 2)")
    parser.add_argument("--json-out", type=Path, help="full results (default artifacts/bench/bench-<time>.json)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a budget fails")
    args = parser.parse_args(argv)
    quick = args.quick
    args.runs = args.runs or (1 if quick else 5)
    args.reruns = args.reruns or (5 if quick else 30)
    args.server_reruns = args.server_reruns if args.server_reruns is not None else (2 if quick else 30)
    args.sessions = args.sessions or (4 if quick else 20)
    args.growth_reruns = args.growth_reruns or (2 if quick else 5)
    sizes = args.growth_sizes or ("10000" if quick else "10000,100000,1000000")
    args.growth_sizes = [int(float(size)) for size in sizes.split(",") if size]
    args.only = [section.strip() for section in args.only.split(",") if section.strip()]
    unknown = set(args.only) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    names = {page_name(p): p for p in PAGES}
    try:
        args.pages = [names[name] for name in args.pages.split(",") if name]
    except KeyError as error:
        parser.error(f"unknown page {error}; pages: {', '.join(names)}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="ortaq-bench-"))
    results: dict = {"loadavg_start": _loadavg()}
    host = machine()
    _log(f"Ortaq benchmark: {', '.join(args.only)}; work files in {workdir}; load average {_loadavg()}")
    try:
        browser_needed = {"first_chart", "bytes", "rerun", "memory"} & set(args.only)
        if browser_needed:
            with chromium() as browser:
                _browser_sections(browser, args, workdir, results)
        if "growth" in args.only:
            sizes = ", ".join(f"{size:,}" for size in args.growth_sizes)
            with _Phase(results, "growth", f"5. growth ({sizes} rows)"):
                results["growth"] = growth.measure(
                    args.growth_sizes, workdir, args.growth_reruns, timeout_s=1500 if not args.quick else 300, log=_log
                )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    results["loadavg_end"] = _loadavg()

    options = {
        "quick": args.quick,
        "only": args.only,
        "runs": args.runs,
        "reruns": args.reruns,
        "server_reruns": args.server_reruns,
        "sessions": args.sessions,
        "growth_sizes": args.growth_sizes,
        "loadavg_start": results["loadavg_start"],
        "loadavg_end": results["loadavg_end"],
    }
    line = summary(results, host, time.perf_counter() - started, options)
    out = args.json_out or REPO_ROOT / "artifacts" / "bench" / f"bench-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"summary": line, "results": results}, indent=1), encoding="utf-8")
    print(table(results, line))
    print(f"Full results: {out.relative_to(REPO_ROOT) if out.is_relative_to(REPO_ROOT) else out}")
    print(json.dumps(line, ensure_ascii=False, separators=(",", ":")), flush=True)
    return 1 if args.check and line["failed"] else 0


class _Phase:
    """Logs a phase's start with the load average and records its duration and load in `results`."""

    def __init__(self, results: dict, name: str, title: str) -> None:
        self.results, self.name, self.title = results, name, title

    def __enter__(self) -> None:
        self.started = time.perf_counter()
        self.load = _loadavg()
        _log(f"{self.title} [load average {self.load}]")

    def __exit__(self, kind: type | None, error: BaseException | None, trace: object) -> bool:
        seconds = round(time.perf_counter() - self.started)
        phase = {"s": seconds, "loadavg_start": self.load, "loadavg_end": _loadavg()}
        self.results.setdefault("phases", {})[self.name] = phase
        if isinstance(error, Exception):
            # One broken phase (say, the app changed under the benchmark) must not lose the others.
            phase["error"] = f"{type(error).__name__}: {error}"[:500]
            _log(f"  ERROR in {self.name}: {phase['error']}")
            return True
        _log(f"  ({seconds} s)")
        return False


def _browser_sections(browser, args: argparse.Namespace, workdir: Path, results: dict) -> None:
    if {"first_chart", "bytes"} & set(args.only):
        runs = args.runs if "first_chart" in args.only else 1
        with _Phase(results, "loads", f"1+3. cold page loads, {runs} rounds of A B per page"):
            ortaq, baseline = start_server("ortaq", workdir), start_server("baseline", workdir)
            try:
                results["loads"] = loads.measure(browser, ortaq.url, baseline.url, args.pages, runs, log=_log)
            finally:
                ortaq.stop()
                baseline.stop()
    if "rerun" in args.only:
        pages = ",".join(page_name(p) for p in args.pages)
        with _Phase(results, "rerun_apptest", f"2a. AppTest reruns, {args.reruns} per page"):
            results["rerun_apptest"] = run_worker(
                "tests.bench.rerun", ["--apptest", "--reruns", str(args.reruns), "--pages", pages], timeout=1800
            )
        if "error" in results["rerun_apptest"]:
            _log(f"  AppTest ERROR {results['rerun_apptest']['error'][:300]}")
        else:
            for name, page in results["rerun_apptest"]["pages"].items():
                _log(f"  {name:<13} script p50 {page['script']['p50']:7.1f} ms  p95 {page['script']['p95']:7.1f} ms")
        if args.server_reruns:
            with _Phase(results, "rerun_server", f"2b. reruns in the real server, {args.server_reruns} per page"):
                ortaq = start_server("ortaq", workdir, instrumented=True)
                baseline = start_server("baseline", workdir, instrumented=True)
                try:
                    results["rerun_server"] = rerun.in_server(
                        browser, ortaq, baseline, args.pages, args.server_reruns, log=_log
                    )
                finally:
                    ortaq.stop()
                    baseline.stop()
    if "memory" in args.only:
        results["memory"] = {}
        with _Phase(results, "memory", f"4. memory, {args.sessions} sessions"):
            for kind, pages in (("ortaq", args.pages), ("baseline", [""])):
                try:
                    results["memory"][kind] = memory.measure(browser, kind, pages, args.sessions, workdir, log=_log)
                except Exception as error:  # noqa: BLE001 - reported in the table, the run goes on
                    results["memory"][kind] = {"error": f"{type(error).__name__}: {error}"[:300]}
                    _log(f"  {kind} ERROR {error}")


if __name__ == "__main__":
    sys.exit(main())
