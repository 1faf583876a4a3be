"""Dashboard replicas for a load run, and what the operating system says about them (memory, CPU)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
KB = 1024


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (from /proc/<pid>/task/*/children)."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    children = [int(child) for child in handle.read().split()]
                found += children
                stack += children
        except OSError:
            continue
    return found


def rss_kb(pids: list[int]) -> int:
    """Sum of VmRSS (KiB) over `pids`; vanished processes count nothing."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as handle:
                total += next((int(line.split()[1]) for line in handle if line.startswith("VmRSS:")), 0)
        except OSError:
            continue
    return total


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time (s) of `pids` so far."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            continue
    return total / CLOCK_TICKS


@dataclass
class Replica:
    """One `python -m dashboard` started for this run (only these are stopped)."""

    port: int
    process: subprocess.Popen
    log: Path
    _handle: object = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def pids(self) -> list[int]:
        return [self.process.pid, *descendants(self.process.pid)]

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


def start_replica(
    work: Path, env: dict[str, str] | None = None, runs_log: Path | None = None, app: str = "ortaq"
) -> Replica:
    """Start the dashboard as `make run` does, on a free port, and wait until it is healthy.

    With `runs_log`, through tests/load/serve.py, which also logs each script run's duration;
    `app="baseline"` (which needs `runs_log`) starts tests/load/baseline_app.py with the same settings.
    """
    if app != "ortaq" and runs_log is None:
        raise ValueError(f"the {app} app is started through tests/load/serve.py, which needs runs_log")
    port = free_port()
    log = work / f"server-{port}.log"
    handle = open(log, "w")  # noqa: SIM115 - closed in Replica.stop
    command = ["-m", "tests.load.serve", str(runs_log), app] if runs_log else ["-m", "dashboard"]
    process = subprocess.Popen(
        [sys.executable, *command],
        cwd=REPO_ROOT,
        # The baseline gets the allocator setting python -m dashboard gives itself (launcher.py).
        env={**os.environ, **(env or {}), "PORT": str(port), "MALLOC_ARENA_MAX": "2"},
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
    replica = Replica(port, process, log, handle)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the dashboard exited with code {process.returncode}; see {log}")
        try:
            with urllib.request.urlopen(f"{replica.url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return replica
        except OSError:
            time.sleep(0.2)
    replica.stop()
    raise RuntimeError(f"the dashboard did not answer at {replica.url}")


def active_sessions(url: str) -> int | None:
    """Streamlit's own count of connected sessions (/_stcore/metrics), if it answers."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=5) as response:
            for line in response.read().decode().splitlines():
                if line.startswith("active_sessions "):
                    return int(float(line.split()[1]))
    except (OSError, ValueError):
        return None
    return None


class Sampler:
    """Samples, in a thread, the summed RSS of the servers (keeping the peak) and the CPU time of
    every process below this one (keeping each process's last reading, so a browser process that
    exits between two samples loses at most one interval)."""

    def __init__(self, server_pids: Callable[[], list[int]], every: float = 0.5) -> None:
        self._server_pids = server_pids
        self._every = every
        self.peak_kb = 0
        self._cpu: dict[int, float] = {}
        self._start: dict[int, float] = {}
        self._servers: set[int] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        servers = self._server_pids()
        self._servers.update(servers)
        self.peak_kb = max(self.peak_kb, rss_kb(servers))
        for pid in descendants(os.getpid()):
            self._cpu[pid] = cpu_seconds([pid])

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self._every)

    def cpu(self) -> tuple[float, float]:
        """CPU seconds used since the start: (servers, every other process this tool started)."""
        used = {pid: seconds - self._start.get(pid, 0.0) for pid, seconds in self._cpu.items()}
        servers = sum(seconds for pid, seconds in used.items() if pid in self._servers)
        return servers, sum(used.values()) - servers

    def __enter__(self) -> Sampler:
        self._sample()
        self._start = dict(self._cpu)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._sample()


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, from /proc/stat."""
    with open("/proc/stat") as handle:
        values = [int(value) for value in handle.readline().split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values) - idle) / CLOCK_TICKS, sum(values) / CLOCK_TICKS
