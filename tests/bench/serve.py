"""Start Ortaq or the baseline exactly as usual, with every script run's duration logged.

    PORT=8702 python -m tests.bench.serve ortaq /tmp/runs.jsonl
    PORT=8703 python -m tests.bench.serve baseline /tmp/runs.jsonl

`ortaq` calls dashboard.launcher.main(), which is all `python -m dashboard` does; `baseline`
runs tests/bench/baseline_app.py with the same settings (streamlit_config/config.toml).
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.bench import instrument
from tests.bench.common import streamlit_argv


def main(argv: list[str]) -> None:
    kind, log = argv[0], Path(argv[1])
    instrument.install(log)
    if kind == "ortaq":
        from dashboard.launcher import main as launch

        launch()
        return
    from streamlit.web import cli as stcli

    sys.argv = streamlit_argv()
    sys.exit(stcli.main())


if __name__ == "__main__":
    main(sys.argv[1:])
