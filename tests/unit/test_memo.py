"""dashboard.memo: one result per (arguments, language), the tables keyed by identity."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import memo
from dashboard.i18n import set_language


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    memo.clear()
    yield
    set_language("en")


def counting():
    calls = []

    @memo.memoized
    def build(frame: pd.DataFrame, selected: tuple[str, ...]) -> list:
        calls.append(selected)
        return [len(frame), *selected]

    return build, calls


def test_same_frame_and_selection_builds_once_and_returns_the_same_object():
    build, calls = counting()
    frame = pd.DataFrame({"a": [1, 2]})
    first = build(frame, ("KAZ",))
    assert build(frame, ("KAZ",)) is first
    assert calls == [("KAZ",)]


def test_another_selection_language_or_frame_builds_again():
    build, calls = counting()
    frame = pd.DataFrame({"a": [1, 2]})
    build(frame, ("KAZ",))
    build(frame, ("UZB",))
    set_language("ru")
    build(frame, ("KAZ",))
    # An equal but new frame (an edited file gives new objects) is a new key.
    set_language("en")
    assert build(pd.DataFrame({"a": [1, 2, 3]}), ("KAZ",)) == [3, "KAZ"]
    assert len(calls) == 4


def test_lists_are_keyed_by_value():
    build, calls = counting()
    frame = pd.DataFrame({"a": [1]})
    build(frame, ["KAZ", "UZB"])
    build(frame, ["KAZ", "UZB"])
    assert len(calls) == 1


def test_failures_are_not_kept():
    attempts = []

    @memo.memoized
    def flaky(value: int) -> int:
        attempts.append(value)
        if len(attempts) == 1:
            raise ValueError("first time")
        return value

    with pytest.raises(ValueError):
        flaky(1)
    assert flaky(1) == 1
    assert attempts == [1, 1]


def test_entries_are_bounded_and_the_oldest_goes_first():
    build, calls = counting()
    frame = pd.DataFrame({"a": [1]})
    for index in range(memo.MAX_ENTRIES + 5):
        build(frame, (str(index),))
    assert memo.size() == memo.MAX_ENTRIES
    build(frame, ("0",))  # evicted: built again
    build(frame, (str(memo.MAX_ENTRIES + 4),))  # newest: kept
    assert calls.count(("0",)) == 2
    assert calls.count((str(memo.MAX_ENTRIES + 4),)) == 1


def test_a_redefined_builder_shares_its_cache():
    """Streamlit re-executes a page file on every run: the new function finds the old results."""
    first, calls = counting()
    second, _ = counting()
    frame = pd.DataFrame({"a": [1]})
    first(frame, ("KAZ",))
    second(frame, ("KAZ",))
    assert calls == [("KAZ",)]
