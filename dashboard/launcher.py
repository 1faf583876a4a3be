"""Start the dashboard with the settings in streamlit_config/config.toml.

Streamlit only reads `.streamlit/config.toml` and has no option for another path, but every
option is also a `--section.option=value` flag of `streamlit run`, and flags outrank files.
So the launcher turns the TOML into flags. PORT in the environment overrides the port.

On Linux it also starts the server with MALLOC_ARENA_MAX=2 (unless set): glibc gives each of the
many threads a Streamlit server runs its own malloc arenas, whose freed memory stays with the
process, so RSS stayed ~20 % above its idle level after a room of sessions had closed (make load);
two arenas keep it near idle at no measurable cost in speed. glibc reads the variable only at
start-up, so the launcher re-executes itself once with it set.
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


def allocator_env(environ: dict[str, str] | os._Environ = os.environ, platform: str = sys.platform) -> dict | None:
    """The environment to re-execute with (MALLOC_ARENA_MAX=2 added), or None to go on as is."""
    if not platform.startswith("linux") or "MALLOC_ARENA_MAX" in environ:
        return None
    return {**environ, "MALLOC_ARENA_MAX": "2"}


def main() -> None:
    """Run `streamlit run` in this process (so signals reach Streamlit directly)."""
    env = allocator_env()
    if env is not None:
        # The same command line again (`python -m dashboard`, or a wrapper such as the benchmark's
        # instrumented server), so whatever ran before this call runs again in the new process.
        os.execve(sys.executable, sys.orig_argv, env)
    from streamlit.web import cli as stcli

    sys.argv = streamlit_args(read_config())
    sys.exit(stcli.main())
