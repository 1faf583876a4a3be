"""`python -m tests.load.serve RUNS.jsonl [ortaq|baseline]`: start the dashboard exactly as `python -m
dashboard` does (or the load run's baseline, tests/load/baseline_app.py, with the same settings), and
append one JSON line per script run (its duration on the server) to RUNS.jsonl.

The load run uses it to tell the server's share of an action's time from the browser's. The
timing wraps Streamlit's ScriptRunner._run_script, in the script thread: the app script and the
page, Streamlit's preparation and clean-up; not the WebSocket transfer nor the browser's drawing.
Nothing in dashboard/ is touched.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path


def install(log_path: Path) -> None:
    """Log every script run's duration (ms) and end time to `log_path`."""
    from streamlit.runtime.scriptrunner import script_runner

    runner = script_runner.ScriptRunner
    original = runner._run_script
    lock = threading.Lock()
    handle = log_path.open("a", buffering=1)

    def timed(self, rerun_data):  # noqa: ANN001, ANN202 - Streamlit's private signature
        started = time.perf_counter()
        try:
            return original(self, rerun_data)
        finally:
            record = {"ms": round((time.perf_counter() - started) * 1000, 1), "end": time.time()}
            with lock:
                handle.write(json.dumps(record) + "\n")

    runner._run_script = timed


BASELINE_APP = Path(__file__).resolve().parent / "baseline_app.py"


def main(argv: list[str]) -> None:
    install(Path(argv[0]))
    if argv[1:] == ["baseline"]:
        from streamlit.web import cli as stcli

        from tests.bench.common import streamlit_argv

        sys.argv = streamlit_argv(app=BASELINE_APP)
        sys.exit(stcli.main())
    from dashboard.launcher import main as launch

    sys.argv = [sys.argv[0]]
    launch()


if __name__ == "__main__":
    main(sys.argv[1:])
