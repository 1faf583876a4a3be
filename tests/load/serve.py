"""`python -m tests.load.serve RUNS.jsonl [ortaq|baseline]`: start the dashboard exactly as `python -m
dashboard` does (or the load run's baseline, tests/load/baseline_app.py, with the same settings), and
append one JSON line per script run (its duration on the server) to RUNS.jsonl.

The load run uses it to tell the server's share of an action's time from the browser's. The timing
is the benchmark's (tests/bench/instrument.py): it wraps Streamlit's ScriptRunner._run_script, in the
script thread — the app script and the page, Streamlit's preparation and clean-up; not the WebSocket
transfer nor the browser's drawing. Nothing in dashboard/ is touched.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.bench import instrument
from tests.bench.common import streamlit_argv

BASELINE_APP = Path(__file__).resolve().parent / "baseline_app.py"


def main(argv: list[str]) -> None:
    instrument.install(Path(argv[0]))
    if argv[1:] == ["baseline"]:
        from streamlit.web import cli as stcli

        sys.argv = streamlit_argv(app=BASELINE_APP)
        sys.exit(stcli.main())
    from dashboard.launcher import main as launch

    sys.argv = [sys.argv[0]]
    launch()


if __name__ == "__main__":
    main(sys.argv[1:])
