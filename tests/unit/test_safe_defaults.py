"""The settings `python -m dashboard` starts with are the safe ones, each checked on its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit import config as streamlit_config

from dashboard.launcher import read_config, streamlit_args

REPO = Path(__file__).resolve().parents[2]
CONFIG = read_config()


def test_every_option_is_one_streamlit_knows():
    """A misspelt option would be silently ignored: each key must be a real Streamlit option."""
    known = set(streamlit_config.get_config_options())
    assert set(CONFIG) <= known, sorted(set(CONFIG) - known)


def test_binds_loopback_only():
    """Only this machine can connect unless someone deliberately changes server.address (see README)."""
    assert CONFIG["server.address"] == "127.0.0.1"
    assert "--server.address=127.0.0.1" in streamlit_args(CONFIG, environ={})


def test_xsrf_and_cors_protection_are_on():
    """XSRF protection and CORS protection (the same-origin check) stay on."""
    assert CONFIG["server.enableXsrfProtection"] is True
    assert CONFIG["server.enableCORS"] is True


def test_error_details_are_hidden_from_viewers():
    """A viewer sees a generic message, never a traceback; details go to the server log."""
    assert CONFIG["client.showErrorDetails"] == "none"
    assert CONFIG["client.toolbarMode"] == "viewer"


def test_no_usage_statistics_are_sent():
    """Streamlit's usage statistics are off (the dashboard works offline and reports to no one)."""
    assert CONFIG["browser.gatherUsageStats"] is False


def test_uploads_are_off():
    """No feature uploads files: the upload limit is Streamlit's smallest and no widget accepts files."""
    assert CONFIG["server.maxUploadSize"] <= 1
    uploaders = [
        str(path.relative_to(REPO))
        for path in (REPO / "dashboard").rglob("*.py")
        if re.search(r"file_uploader|accept_file|camera_input|audio_input", path.read_text(encoding="utf-8"))
    ]
    assert not uploaders, f"a file upload widget needs server.maxUploadSize raised on purpose: {uploaders}"


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("server.headless", True),  # never opens a browser on the server
        ("server.runOnSave", False),
        ("server.fileWatcherType", "none"),  # code on disk is not re-run while serving
        ("server.enableAgentApi", False),  # no HTTP API to drive the app
    ],
)
def test_server_does_not_watch_or_expose_more_than_the_app(option, value):
    """No file watching, no auto-rerun on save, no experimental agent API."""
    assert CONFIG[option] == value
