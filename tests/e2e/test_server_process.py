"""The server `python -m dashboard` starts: one process, on loopback, with two malloc arenas."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import start_dashboard

pytestmark = pytest.mark.e2e


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="MALLOC_ARENA_MAX is glibc's")
def test_the_launcher_re_executes_itself_with_two_malloc_arenas(monkeypatch):
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    url, process = start_dashboard()
    try:
        environ = Path(f"/proc/{process.pid}/environ").read_bytes().split(b"\0")
        assert b"MALLOC_ARENA_MAX=2" in environ
        assert url.startswith("http://127.0.0.1:")
    finally:
        process.terminate()
        process.wait(timeout=20)
