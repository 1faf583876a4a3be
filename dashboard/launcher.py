"""Start the dashboard with the settings in streamlit_config/config.toml.

Streamlit only reads `.streamlit/config.toml` and has no option for another path, but every
option is also a `--section.option=value` flag of `streamlit run`, and flags outrank files.
So the launcher turns the TOML into flags. PORT in the environment overrides the port.
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CONFIG_PATH = REPO_ROOT / "streamlit_config" / "config.toml"
APP_PATH = Path(__file__).resolve().parent / "app.py"


def read_config(path: Path = CONFIG_PATH) -> dict[str, object]:
    """Return the config as flat `section.option` -> value pairs."""
    with path.open("rb") as handle:
        nested = tomllib.load(handle)
    return {
        f"{section}.{option}": value
        for section, options in nested.items()
        for option, value in options.items()
    }


def env_name(option: str) -> str:
    """Streamlit's environment variable for an option: server.address -> STREAMLIT_SERVER_ADDRESS."""
    section, _, name = option.partition(".")
    snake = "".join(f"_{c}" if c.isupper() else c for c in name).upper()
    return f"STREAMLIT_{section.upper()}_{snake}"


def _flag_value(value: object) -> str:
    # TOML booleans must reach Streamlit as "true"/"false", not Python's "True".
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def streamlit_args(
    config: dict[str, object], environ: dict[str, str] | os._Environ = os.environ
) -> list[str]:
    """Build the `streamlit run` argument list for the app, with PORT applied."""
    options = dict(config)
    port = environ.get("PORT")
    if port:
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise SystemExit(f"PORT must be a TCP port number, got {port!r}")
        options["server.port"] = int(port)
    # Streamlit ranks flags above STREAMLIT_* environment variables, so an option set in the
    # environment on purpose (STREAMLIT_SERVER_ADDRESS=0.0.0.0 for a meeting room) gets no flag.
    flags = [
        f"--{name}={_flag_value(value)}"
        for name, value in sorted(options.items())
        if env_name(name) not in environ
    ]
    return ["streamlit", "run", str(APP_PATH), *flags]


def main() -> None:
    """Replace this process with `streamlit run` (so signals reach Streamlit directly)."""
    from streamlit.web import cli as stcli

    sys.argv = streamlit_args(read_config())
    sys.exit(stcli.main())
