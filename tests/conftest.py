"""Shared fixtures: a copy of the minimal valid tables in tests/fixtures/valid, ready to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
VALID = Path(__file__).resolve().parent / "fixtures" / "valid"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the valid fixture tables (every table, every YAML)."""
    target = tmp_path / "data"
    shutil.copytree(VALID, target)
    return target
