"""Time every Streamlit script run where it happens: inside ScriptRunner, in the script thread.

`install()` wraps `ScriptRunner._run_script` (also used by AppTest's LocalScriptRunner). The
duration covers what a viewer waits for on the server: preparing the run, the app script and
page, and Streamlit's post-run clean-up (widget state, media files, the post-run GC); not the
websocket transfer. Nothing in dashboard/ is touched.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

RUNS: list[dict] = []  # in-process record (AppTest workers read it)
_LOCK = threading.Lock()


def install(log_path: Path | None = None, profiler_factory: Callable[[], object] | None = None) -> None:
    """Record each run's duration in RUNS and, when given, append it as a JSON line to `log_path`.

    `profiler_factory` (e.g. cProfile.Profile's enable/disable owner) profiles the script thread,
    which a profiler started in the main thread would not see.
    """
    from streamlit.runtime.scriptrunner import script_runner

    runner_class = script_runner.ScriptRunner
    if getattr(runner_class._run_script, "_bench_wrapped", False):
        return
    original = runner_class._run_script

    def timed(self, rerun_data):  # noqa: ANN001, ANN202 - mirrors Streamlit's private signature
        profiler = profiler_factory() if profiler_factory else None
        start, cpu_start = time.perf_counter(), time.thread_time()
        if profiler is not None:
            profiler.enable()
        try:
            return original(self, rerun_data)
        finally:
            if profiler is not None:
                profiler.disable()
            record = {
                "ms": (time.perf_counter() - start) * 1000,
                # CPU time of the script thread: what the run costs, whatever else the machine runs.
                "cpu_ms": (time.thread_time() - cpu_start) * 1000,
                "end": time.time(),
                "page": getattr(rerun_data, "page_name", "") or "",
            }
            with _LOCK:
                RUNS.append(record)
                if log_path is not None:
                    with open(log_path, "a", encoding="utf-8") as handle:
                        handle.write(json.dumps(record) + "\n")

    timed._bench_wrapped = True  # type: ignore[attr-defined]
    runner_class._run_script = timed


def read_log(log_path: Path, offset: int) -> tuple[list[dict], int]:
    """The records appended to `log_path` since byte `offset`, and the new offset."""
    try:
        with open(log_path, "rb") as handle:
            handle.seek(offset)
            data = handle.read()
    except FileNotFoundError:
        return [], offset
    complete = data[: data.rfind(b"\n") + 1]
    records = [json.loads(line) for line in complete.decode("utf-8").splitlines() if line.strip()]
    return records, offset + len(complete)
