"""The launcher applies streamlit_config/config.toml as flags, with PORT from the environment."""

from __future__ import annotations

import pytest

from dashboard.launcher import APP_PATH, read_config, streamlit_args


def test_config_has_safe_defaults():
    """Loopback bind, no usage statistics, error details hidden, XSRF on, static serving on."""
    config = read_config()
    assert config["server.address"] == "127.0.0.1"
    assert config["browser.gatherUsageStats"] is False
    assert config["client.showErrorDetails"] == "none"
    assert config["server.enableXsrfProtection"] is True
    assert config["server.enableStaticServing"] is True


def test_flags_carry_every_option_and_booleans_in_streamlit_spelling():
    """Each option becomes --section.option=value; booleans are written true/false."""
    args = streamlit_args({"server.port": 8501, "browser.gatherUsageStats": False}, environ={})
    assert args[:3] == ["streamlit", "run", str(APP_PATH)]
    assert "--browser.gatherUsageStats=false" in args
    assert "--server.port=8501" in args


def test_port_from_environment_overrides_the_file():
    """PORT=9123 wins over the configured port."""
    args = streamlit_args({"server.port": 8501}, environ={"PORT": "9123"})
    assert "--server.port=9123" in args
    assert "--server.port=8501" not in args


@pytest.mark.parametrize("port", ["abc", "0", "70000"])
def test_invalid_port_is_refused_with_a_clear_message(port):
    """A PORT that is not a TCP port stops the launcher with a message naming it."""
    with pytest.raises(SystemExit, match="PORT"):
        streamlit_args({}, environ={"PORT": port})


def test_streamlit_environment_variable_overrides_the_file():
    """STREAMLIT_SERVER_ADDRESS=0.0.0.0 (a deliberate LAN session) is not overruled by a flag."""
    from dashboard.launcher import env_name

    assert env_name("server.address") == "STREAMLIT_SERVER_ADDRESS"
    assert env_name("browser.gatherUsageStats") == "STREAMLIT_BROWSER_GATHER_USAGE_STATS"
    args = streamlit_args({"server.address": "127.0.0.1"}, environ={"STREAMLIT_SERVER_ADDRESS": "0.0.0.0"})
    assert not any(arg.startswith("--server.address") for arg in args)


def test_the_server_starts_with_two_malloc_arenas_on_linux():
    """Set once by re-executing (glibc reads it at start-up); an explicit value and other systems are left alone."""
    from dashboard.launcher import allocator_env

    assert allocator_env({"PATH": "/bin"}, "linux")["MALLOC_ARENA_MAX"] == "2"
    assert allocator_env({"MALLOC_ARENA_MAX": "8"}, "linux") is None
    assert allocator_env({"PATH": "/bin"}, "darwin") is None
