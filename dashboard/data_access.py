"""Tables and boundaries, loaded and validated once per process and shared by all sessions.

The cache key is a fingerprint of the files' modification times and sizes, so a data file
edited while the dashboard runs is picked up on the next rerun without a restart, and an
unchanged file is never read twice.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from data.loader import DATA_DIR, LoadResult, load_all
from geo.boundaries import BOUNDARIES_PATH, BoundariesError, load_boundaries


def _fingerprint(paths: list[Path]) -> tuple[tuple[str, int, int], ...]:
    stamps = []
    for path in sorted(paths):
        try:
            stat = path.stat()
            stamps.append((path.name, stat.st_mtime_ns, stat.st_size))
        except OSError:
            stamps.append((path.name, -1, -1))
    return tuple(stamps)


@st.cache_resource(show_spinner=False, max_entries=2)
def _load_tables(data_dir: str, fingerprint: tuple) -> LoadResult:
    return load_all(Path(data_dir))


def tables_dir() -> Path:
    """The tables' folder: data/, or ORTAQ_DATA_DIR (tests and trial data use it)."""
    return Path(os.environ.get("ORTAQ_DATA_DIR") or DATA_DIR)


def boundaries_path() -> Path:
    """The boundaries file: geo/boundaries.geojson, or ORTAQ_BOUNDARIES."""
    return Path(os.environ.get("ORTAQ_BOUNDARIES") or BOUNDARIES_PATH)


def tables() -> LoadResult:
    """Every table (validated) and every table's problems; never raises for bad data."""
    folder = tables_dir()
    files = list(folder.glob("*.csv")) + list(folder.glob("*.yaml"))
    return _load_tables(str(folder), _fingerprint(files))


@st.cache_resource(show_spinner=False, max_entries=2)
def _load_boundaries(path: str, fingerprint: tuple) -> dict | BoundariesError:
    try:
        return load_boundaries(Path(path))
    except BoundariesError as error:
        return error


def boundaries() -> dict | BoundariesError:
    """The region's GeoJSON, or the error that explains why there is none."""
    path = boundaries_path()
    return _load_boundaries(str(path), _fingerprint([path]))
