"""After the first page has run, the objects that live as long as the process leave the collector's sight.

Python's cyclic garbage collector walks every tracked object on a full collection. Once the first
run has imported Streamlit, pandas and Plotly and loaded the tables, that is hundreds of
thousands of objects which will never be garbage, and a full collection falling inside a
reader's rerun cost 100–135 ms (make bench). `gc.freeze()` moves them to a permanent
generation the collector skips (as the Python docs suggest for long-running servers); objects
made later, sessions' included, are collected as before.
"""

from __future__ import annotations

import gc
import threading

_DONE = False
_LOCK = threading.Lock()


def freeze_once() -> bool:
    """Collect, then freeze everything alive; only the first call does it. Returns whether it did."""
    global _DONE
    with _LOCK:
        if _DONE:
            return False
        _DONE = True
    gc.collect()
    gc.freeze()
    return True
