"""Tables and boundaries, loaded and validated once per process and shared by all sessions.

The cache key is a fingerprint of the files' contents, so a data file edited while the dashboard
runs is picked up on the next rerun without a restart, and an unchanged file is parsed once.

Hashing every file on every rerun would be wasteful, so a file's hash is kept with its stat
(modification time, size, inode, change time) and reused while the stat is unchanged. Timestamps
have a granularity, though (a few milliseconds on ext4, two seconds on FAT): an edit that keeps
the size and lands in the same tick as the last hash leaves the stat unchanged. So, as git does
for "racily clean" files, a hash taken less than RACY_NS after the file's modification time is
not trusted: the file is hashed again on every rerun until it has been quiet for longer.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from pathlib import Path

import streamlit as st

from dashboard.static_files import STATIC_BOUNDARIES, static_url
from data.loader import DATA_DIR, LoadResult, load_all
from geo.boundaries import BOUNDARIES_PATH, BoundariesError, load_boundaries

# Longer than any file system's timestamp granularity (FAT: 2 s) plus clock skew on a network share.
RACY_NS = 3_000_000_000

# path -> (stat key, content digest, when the digest was taken in ns)
_HASHES: dict[str, tuple[tuple[int, ...], str, int]] = {}
_HASHES_LOCK = threading.Lock()


def _digest(path: Path) -> str:
    """The file's content hash, re-read only when its stat changed or its last hash was racy."""
    stat = path.stat()
    key = (stat.st_mtime_ns, stat.st_size, stat.st_ino, stat.st_ctime_ns)
    with _HASHES_LOCK:
        known = _HASHES.get(str(path))
    if known is not None and known[0] == key and known[2] - stat.st_mtime_ns > RACY_NS:
        return known[1]
    taken = time.time_ns()
    digest = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    with _HASHES_LOCK:
        _HASHES[str(path)] = (key, digest, taken)
    return digest


def _fingerprint(paths: list[Path]) -> tuple[tuple[str, str], ...]:
    """(file name, content hash) of each file; a file that cannot be read counts as missing."""
    stamps = []
    for path in sorted(paths):
        try:
            stamps.append((path.name, _digest(path)))
        except OSError:
            stamps.append((path.name, "missing"))
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


def boundaries_url() -> str | None:
    """The URL the browser fetches the boundaries from, when the served copy is the file in use.

    None (embed the GeoJSON in the figure) when ORTAQ_BOUNDARIES names another file, the served
    copy is missing, or it differs from the loaded file in any byte.
    """
    try:
        same = _digest(boundaries_path()) == _digest(STATIC_BOUNDARIES)
    except OSError:
        return None
    return f"{static_url()}{STATIC_BOUNDARIES.name}" if same else None
