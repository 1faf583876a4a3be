"""dashboard.heap: the long-lived objects are frozen once, after the first run."""

from __future__ import annotations

import gc

from dashboard import heap


def test_freeze_happens_once_and_moves_objects_out_of_the_collectors_sight(monkeypatch):
    monkeypatch.setattr(heap, "_DONE", False)
    before = gc.get_freeze_count()
    try:
        assert heap.freeze_once() is True
        assert gc.get_freeze_count() > before
        assert heap.freeze_once() is False
    finally:
        gc.unfreeze()
