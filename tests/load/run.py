"""`python -m tests.load.run`: N browser sessions for S seconds against one dashboard, then two behind nginx.

    .venv/bin/python -m tests.load.run                        # baseline, then Ortaq on one replica and on two
    .venv/bin/python -m tests.load.run --sessions 5 --seconds 20 --replicas 1 --no-baseline
    .venv/bin/python -m tests.load.run --think 10-20          # readers who read each page for 10-20 s
    .venv/bin/python -m tests.load.run --think 0              # back to back: a stress test, not a room

Each session pauses 2–4 s on a settled page before its next action (a reader looks at what
they asked for; --think changes it). First the same sessions drive a bare Streamlit app with the
same controls and one small chart a page (tests/load/baseline_app.py): what the machine, its
browsers and Streamlit alone give, the floor Ortaq's figures are read against. Each run starts its
own servers (`python -m dashboard` on free loopback ports, and for two replicas nginx with
streamlit_config/nginx/ortaq.conf in front), warms them up (every page once), measures
server memory before the sessions, at their peak and after they have closed, and prints a table and
one JSON line. The last line printed is always one JSON object: with `--replicas both`, the two runs
under "runs" and the totals beside them (errors summed, p95_ms the worse of the two).

Budget: no errors and no unsettled action, p95 of action-to-settled time <= 1500 ms, and server
memory after the sessions within 15 % of its level before them. The exit code is 0 when every run
keeps it. Besides the browser's view, each run reports the servers' own script-run times (the
replicas run through tests/load/serve.py, which logs them) and where the machine's CPU went, since
on one machine the browsers and the servers compete for the same cores.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from tests.load import nginx
from tests.load.servers import (
    KB,
    Sampler,
    active_sessions,
    free_port,
    machine_cpu,
    rss_kb,
    start_replica,
)
from tests.load.sessions import CHROMIUM, THINK_SECONDS, drive, idle_priority_browser, warm_up

P95_BUDGET_MS = 1500
MEMORY_BUDGET = 0.15  # after may exceed before by this fraction


def percentile(values: list[float], q: float) -> float | None:
    """Linear-interpolated percentile (numpy's default); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _ms(value: float | None) -> int | None:
    return None if value is None else round(value)


def _mb(kb: int) -> float:
    return round(kb / KB, 1)


def _summary(values: list[float]) -> dict:
    return {"n": len(values), "p50_ms": _ms(percentile(values, 50)), "p95_ms": _ms(percentile(values, 95)),
            "max_ms": _ms(max(values) if values else None)}


def _server_runs(logs: list[Path], start: float, end: float) -> list[float]:
    """Durations (ms) of the script runs that ended between `start` and `end` (epoch seconds)."""
    runs = []
    for path in logs:
        for line in path.read_text().splitlines() if path.exists() else []:
            record = json.loads(line)
            if start <= record["end"] <= end:
                runs.append(record["ms"])
    return runs


def measure(
    replicas: int, sessions: int, seconds: float, session_ttl: int, ramp: float, log,
    think: tuple[float, float] = THINK_SECONDS, app: str = "ortaq",
) -> dict:
    """One run: start `replicas` servers of `app` (ortaq or baseline; behind nginx when more than one),
    drive them, measure."""
    work = Path(tempfile.mkdtemp(prefix=f"ortaq-load-{app}-{replicas}-"))
    env = {"STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": str(session_ttl)}
    servers, proxy = [], None
    run_logs = [work / f"runs-{index}.jsonl" for index in range(replicas)]
    try:
        servers = [start_replica(work, env, runs_log, app) for runs_log in run_logs]
        server_pids = lambda: [pid for server in servers for pid in server.pids()]  # noqa: E731
        if replicas > 1:
            if nginx.binary() is None:
                raise RuntimeError("nginx is not installed (apt-get install nginx); the two-replica run needs it")
            proxy = nginx.Nginx(work, free_port(), [server.port for server in servers])
            base = proxy.url
        else:
            base = servers[0].url
        log(f"\n== {app}, {replicas} replica{'s' if replicas > 1 else ''}: {sessions} sessions, {seconds:.0f} s, "
            f"{think[0]:g}–{think[1]:g} s between actions, {base}")
        time.sleep(3)
        idle = rss_kb(server_pids())
        # Warm every replica directly (through the proxy, the hash might leave one cold), then the proxy.
        for server in servers:
            asyncio.run(warm_up(server.url))
        if proxy is not None:
            asyncio.run(warm_up(base))
        time.sleep(2)
        before = rss_kb(server_pids())
        load_0 = os.getloadavg()[0]
        busy_0, total_0 = machine_cpu()
        tool_0 = sum(os.times()[:2])  # this process: Playwright's Python side
        log(f"   server RSS idle {_mb(idle)} MB, warm {_mb(before)} MB; driving the sessions ...")
        started, started_epoch = time.monotonic(), time.time()
        with Sampler(server_pids) as sampler:
            logs, open_s = asyncio.run(drive(base, sessions, seconds, ramp, think=think,
                                             executable=idle_priority_browser(work)))
            elapsed, ended_epoch = time.monotonic() - started, time.time()
            open_s = open_s if open_s is not None else elapsed
        busy_1, total_1 = machine_cpu()
        # The load generator (Chromium, Playwright's driver) and, with two replicas, nginx.
        cpu_server, cpu_browser = sampler.cpu()
        cpu_browser += sum(os.times()[:2]) - tool_0
        log(f"   sessions closed after {elapsed:.0f} s; waiting {session_ttl + 15} s for the server to drop them")
        time.sleep(session_ttl + 15)
        after = rss_kb(server_pids())
        left = [active_sessions(server.url) for server in servers]
        nginx_rss = rss_kb(proxy.pids()) if proxy else 0
        sticky = nginx.stickiness(work) if proxy else None
        server_runs = _server_runs(run_logs, started_epoch + open_s, ended_epoch)  # the window's runs
    finally:
        if proxy is not None:
            proxy.stop()
        for server in servers:
            server.stop()

    every = [sample for session in logs for sample in session.samples]
    # The budget's p95 is over the window of use; the opens (cold contexts) are reported beside it.
    opens = [sample.ms for sample in every if sample.kind == "open"]
    samples = [sample for sample in every if sample.kind != "open"]
    errors = sum((session.errors for session in logs), Counter())
    by_kind, by_page = defaultdict(list), defaultdict(list)
    for sample in samples:
        by_kind[sample.kind].append(sample.ms)
        by_page[sample.page].append(sample.ms)
    times = [sample.ms for sample in samples]
    run_times = [sample.run_ms for sample in samples if sample.run_ms is not None]
    p95 = _ms(percentile(times, 95))
    unsettled = sum(1 for sample in every if not sample.settled)
    other_cpu = (busy_1 - busy_0) - cpu_server - cpu_browser
    result = {
        "app": app,
        "replicas": replicas,
        "sessions": sessions,
        "seconds": seconds,
        "think_s": list(think),
        "actions": len(samples),
        "actions_per_s": round(len(samples) / max(elapsed - open_s, 1e-9), 2),
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
        "unsettled": unsettled,
        "error_examples": [example for session in logs for example in session.examples][:8],
        "unsettled_why": [why for session in logs for why in session.unsettled][:8],
        "js_errors": sum(session.js_errors for session in logs),
        "js_error_examples": [example for session in logs for example in session.js_error_examples][:5],
        "p50_ms": _ms(percentile(times, 50)),
        "p95_ms": p95,
        "max_ms": _ms(max(times) if times else None),
        # The same actions (navigations aside) up to their run's script_finished message in the browser.
        "to_run_finished": _summary(run_times),
        "open": _summary(opens),
        "open_s": round(open_s, 1),
        "by_action": {kind: _summary(values) for kind, values in sorted(by_kind.items())},
        "by_page": {page: _summary(values) for page, values in sorted(by_page.items())},
        "rss_mb": {"idle": _mb(idle), "before": _mb(before), "peak": _mb(max(sampler.peak_kb, before)),
                   "after": _mb(after)},
        "nginx_rss_mb": _mb(nginx_rss) if proxy else None,
        "sessions_left": left,
        "server_script_runs": _summary(server_runs),
        # Where the CPU went while the sessions ran: the servers, the load generator (Chromium, Playwright
        # and this process; nginx too), and everything else on the machine; of `available` (cores x s).
        "cpu_s": {"servers": round(cpu_server, 1), "load_generator": round(cpu_browser, 1),
                  "other_processes": round(max(other_cpu, 0.0), 1), "available": round(total_1 - total_0, 1)},
        "sticky": sticky,
        "loadavg_at_start": round(load_0, 2),
        "session_ttl_s": session_ttl,
    }
    result["budget"] = {
        "errors": result["errors"] == 0 and unsettled == 0,
        "p95": p95 is not None and p95 <= P95_BUDGET_MS,
        "memory": after <= before * (1 + MEMORY_BUDGET),
    }
    result["budget_met"] = all(result["budget"].values())
    return result


def table(result: dict) -> str:
    """A few readable lines of one run."""
    rss, runs, cpu = result["rss_mb"], result["server_script_runs"], result["cpu_s"]
    lines = [
        f"   {result['actions']} actions ({result['actions_per_s']}/s), errors {result['errors']} "
        f"{result['error_kinds'] or ''}, unsettled after 120 s {result['unsettled']}, "
        f"JS errors in pages {result['js_errors']}",
        f"   opening the {result['sessions']} sessions (cold browser contexts, before the window): "
        f"{result['open_s']} s; each open p50 {result['open']['p50_ms']} ms, p95 {result['open']['p95_ms']} ms",
        f"   action -> settled in the {result['seconds']:g} s window: p50 {result['p50_ms']} ms, "
        f"p95 {result['p95_ms']} ms, max {result['max_ms']} ms",
        f"   action -> its run's script_finished message in the browser: p50 {result['to_run_finished']['p50_ms']} ms, "
        f"p95 {result['to_run_finished']['p95_ms']} ms (the rest of each action is the browser drawing)",
        f"   server script runs: n={runs['n']}, p50 {runs['p50_ms']} ms, p95 {runs['p95_ms']} ms, "
        f"max {runs['max_ms']} ms",
        f"   server RSS: idle {rss['idle']} MB, before {rss['before']} MB, peak {rss['peak']} MB, "
        f"after {rss['after']} MB" + (f"; nginx {result['nginx_rss_mb']} MB" if result["nginx_rss_mb"] else ""),
        f"   CPU s: servers {cpu['servers']}, load generator (and nginx) {cpu['load_generator']}, other processes "
        f"{result['cpu_s']['other_processes']}, of {result['cpu_s']['available']} available; "
        f"load average at start {result['loadavg_at_start']}",
    ]
    if result["sticky"]:
        lines.append(f"   nginx: {result['sticky']}")
    for name, group in (("action", result["by_action"]), ("page", result["by_page"])):
        for key, summary in group.items():
            lines.append(f"     {name} {key:<13} n={summary['n']:<4} "
                         f"p50 {summary['p50_ms']} ms  p95 {summary['p95_ms']} ms")
    for example in result["error_examples"]:
        lines.append(f"     ! {example}")
    for example in result["js_error_examples"]:
        lines.append(f"     JS error {example}")
    for why in result["unsettled_why"]:
        lines.append(f"     unsettled {why}")
    if "p95_vs_baseline" in result:
        lines.append(f"   p95 against the baseline's (same sessions, bare Streamlit): {result['p95_vs_baseline']}x")
    lines.append(f"   budget: {result['budget']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.load.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions (default 20)")
    parser.add_argument("--seconds", type=float, default=60, help="how long the sessions run (default 60)")
    parser.add_argument("--replicas", choices=["1", "2", "both"], default="both",
                        help="one server, two behind nginx, or one run of each (default)")
    parser.add_argument("--ramp", type=float, default=10,
                        help="seconds over which the sessions' starts are spread (default 10)")
    parser.add_argument("--session-ttl", type=int, default=15,
                        help="Streamlit's server.disconnectedSessionTTL for the run (default 15 s instead of "
                             "120 s, so memory after the run is read once closed sessions are dropped)")
    parser.add_argument("--think", default=f"{THINK_SECONDS[0]:g}-{THINK_SECONDS[1]:g}",
                        help="seconds a reader looks at a settled page before the next action, as MIN-MAX "
                             "(default %(default)s; 0 drives every session back to back)")
    parser.add_argument("--baseline", action=argparse.BooleanOptionalAction, default=True,
                        help="first drive the same sessions against a bare Streamlit app with the same controls "
                             "(tests/load/baseline_app.py), to tell what the machine and Streamlit cost from what "
                             "Ortaq adds (default on)")
    args = parser.parse_args(argv)
    low, _, high = args.think.partition("-")
    think = (float(low), float(high or low))
    if not Path(CHROMIUM).exists():
        print(f"the load run needs Debian's Chromium at {CHROMIUM}", file=sys.stderr)
        return 2

    def log(text: str) -> None:
        print(text, flush=True)

    log(f"Ortaq load run: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.2f}")
    counts = [1, 2] if args.replicas == "both" else [int(args.replicas)]
    plan = ([("baseline", 1)] if args.baseline else []) + [("ortaq", replicas) for replicas in counts]
    results, baseline = [], None
    for app, replicas in plan:
        try:
            result = measure(replicas, args.sessions, args.seconds, args.session_ttl, args.ramp, log, think, app)
        except RuntimeError as error:
            result = {"app": app, "replicas": replicas, "sessions": args.sessions, "errors": None, "p95_ms": None,
                      "skipped": str(error), "budget_met": False}
            log(f"   skipped: {error}")
        else:
            if baseline is not None and result["p95_ms"] and baseline.get("p95_ms"):
                result["p95_vs_baseline"] = round(result["p95_ms"] / baseline["p95_ms"], 2)
            log(table(result))
        log(json.dumps(result, ensure_ascii=False))
        if app == "baseline":
            baseline = result
        else:
            results.append(result)
    if len(results) > 1 or baseline is not None:
        p95s = [r["p95_ms"] for r in results if r.get("p95_ms") is not None]
        summary = {
            "replicas": args.replicas if args.replicas == "both" else int(args.replicas),
            "sessions": args.sessions,
            "seconds": args.seconds,
            "errors": sum(r["errors"] for r in results if r.get("errors") is not None),
            "p95_ms": max(p95s) if p95s else None,
            "budget_met": all(r["budget_met"] for r in results),
            # The same sessions against bare Streamlit on this machine: the floor of the stack.
            "baseline_p95_ms": baseline.get("p95_ms") if baseline else None,
            "runs": results,
            "baseline": baseline,
        }
        log(json.dumps(summary, ensure_ascii=False))
    return 0 if all(r["budget_met"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
