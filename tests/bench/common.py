"""What every part of the benchmark shares: pages, servers, process memory, statistics, the machine."""

from __future__ import annotations

import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import tomllib
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = Path(__file__).resolve().parent
BASELINE_APP = BENCH_DIR / "baseline_app.py"
APP = REPO_ROOT / "dashboard" / "app.py"
VIEWS = REPO_ROOT / "dashboard" / "views"
CONFIG = REPO_ROOT / "streamlit_config" / "config.toml"
PYTHON = sys.executable

# URL path -> page file (relative to dashboard/, as AppTest.switch_page wants it).
PAGES: dict[str, str] = {
    "": "views/overview.py",
    "trade": "views/trade.py",
    "transport": "views/transport.py",
    "energy_water": "views/energy_water.py",
    "digital": "views/digital.py",
    "initiatives": "views/initiatives.py",
    "sources": "views/sources.py",
}


def page_name(path: str) -> str:
    """The page's short name in tables: the URL path, or `overview` for "/"."""
    return path or "overview"


# The two selections a filter change alternates between (the sidebar's first two presets).
SELECTION_A = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]  # Central Asian five, the default
SELECTION_B = ["AZE", "KAZ", "KGZ", "TUR", "UZB"]  # OTS members
PRESET_KEYS = ("preset-ots", "preset-c5")  # clicked alternately: B, A, B, ...

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
PORTS = range(8701, 8800)
KB = 1024


# ---------------------------------------------------------------- servers


def free_port() -> int:
    """The first port of 8701–8799 nothing listens on."""
    for port in PORTS:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8701–8799")


def streamlit_argv(app: Path = BASELINE_APP, port: int | None = None) -> list[str]:
    """`streamlit run <app>` with Ortaq's settings as flags (as dashboard/launcher.py does); PORT applies."""
    with CONFIG.open("rb") as handle:
        nested = tomllib.load(handle)
    options = {f"{section}.{name}": value for section, values in nested.items() for name, value in values.items()}
    port = port or (int(os.environ["PORT"]) if os.environ.get("PORT") else None)
    if port:
        options["server.port"] = port
    flags = [
        f"--{name}={'true' if value is True else 'false' if value is False else value}"
        for name, value in sorted(options.items())
    ]
    return ["streamlit", "run", str(app), *flags]


@dataclass
class Server:
    """A dashboard or baseline server this benchmark started (and only those are stopped)."""

    kind: str
    url: str
    process: subprocess.Popen
    log: Path
    run_log: Path | None = None  # script-run durations, when started instrumented
    _handle: object = field(default=None, repr=False)

    def rss_kb(self) -> int:
        """Resident memory of the server's process tree (VmRSS), in KiB."""
        return tree_rss_kb(self.process.pid)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self._handle is not None:
            self._handle.close()


def start_server(kind: str, workdir: Path, *, instrumented: bool = False, env: dict | None = None) -> Server:
    """Start `ortaq` (`python -m dashboard`) or `baseline` on a free port and wait until healthy.

    `instrumented` starts the same app through tests/bench/serve.py, which logs every script
    run's duration; it is only used to time reruns.
    """
    port = free_port()
    environ = {**os.environ, "PORT": str(port), **(env or {})}
    run_log = workdir / f"runs-{kind}-{port}.jsonl" if instrumented else None
    if instrumented:
        command = [PYTHON, "-m", "tests.bench.serve", kind, str(run_log)]
    elif kind == "ortaq":
        command = [PYTHON, "-m", "dashboard"]
    else:
        command = [PYTHON, "-m", *streamlit_argv(port=port)]
    log = workdir / f"server-{kind}-{port}.log"
    handle = open(log, "w")  # noqa: SIM115 - closed in Server.stop
    process = subprocess.Popen(command, cwd=REPO_ROOT, env=environ, stdout=handle, stderr=subprocess.STDOUT)
    server = Server(kind, f"http://127.0.0.1:{port}", process, log, run_log, handle)
    try:
        _wait_healthy(server)
    except RuntimeError:
        server.stop()
        raise
    return server


def _wait_healthy(server: Server, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.kind} exited with code {server.process.returncode}; see {server.log}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{server.kind} did not answer at {server.url} within {timeout} s")


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(child) for child in handle.read().split()]
    except OSError:
        pass
    return found


def tree_rss_kb(pid: int) -> int:
    """Sum of VmRSS over a process and all its descendants, from /proc/<pid>/status."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
        stack += _children(current)
    return total


# ---------------------------------------------------------------- workers


def run_worker(module: str, args: list[str], timeout: float, env: dict | None = None) -> dict:
    """Run `python -m module args` and return the JSON object it prints as its last stdout line."""
    try:
        done = subprocess.run(
            [PYTHON, "-m", module, *args],
            cwd=REPO_ROOT,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": f"exit {done.returncode}: {done.stderr.strip()[-1500:]}"}
    return json.loads(lines[-1])


# ---------------------------------------------------------------- statistics


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0–100), linear between closest ranks (numpy's default)."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def rounded(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


# ---------------------------------------------------------------- the machine


def machine() -> dict:
    """Where and when the figures were taken."""
    cpu = ""
    try:
        with open("/proc/cpuinfo") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), "")
    except OSError:
        pass
    memory_gb = None
    try:
        with open("/proc/meminfo") as handle:
            kb = int(next(line for line in handle if line.startswith("MemTotal:")).split()[1])
            memory_gb = round(kb / 1024 / 1024, 1)
    except (OSError, StopIteration):
        pass
    versions = {}
    for name in ("streamlit", "plotly", "pandas", "pandera", "playwright"):
        try:
            from importlib.metadata import version

            versions[name] = version(name)
        except Exception:  # noqa: BLE001 - a missing package only leaves the field out
            pass
    try:
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        chromium = ""
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "chromium": chromium,
        "commit": _git("rev-parse", "--short", "HEAD"),
        "dirty": bool(_git("status", "--porcelain", "--", "dashboard", "data", "geo")),
        **versions,
    }


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
