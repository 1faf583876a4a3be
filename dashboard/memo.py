"""Results of pure builders kept per (loaded data, arguments, language), shared by every session.

A filter change reruns the whole page script. Most of that time went into queries and Plotly
figures that depend only on the loaded tables, the selected countries and the language, so a
page wraps that work in a `@memoized` builder and renders what it returns:

    @memoized
    def trade_model(tables: dict, selected: tuple[str, ...]) -> TradeModel: ...

Arguments are keyed by value when hashable (strings, numbers, tuples of them) and by identity
otherwise. Identity is right for the tables: data_access hands out one object per content
fingerprint, so an edited file gives new objects and new keys. Each entry holds its arguments,
so an id cannot be reused by a newer object while the entry lives. Lists are keyed as tuples.

What a builder returns is shared: callers must not change it in place (pandas' copy-on-write
keeps derived frames apart; figures are only read by st.plotly_chart and the image export).

The cache lives here, not in the page scripts, because Streamlit executes a page's file afresh
on every run: a builder defined there is a new function each time, so entries are filed under
the builder's file and qualified name instead of the function object.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from dashboard.i18n import current_language

MAX_ENTRIES = 24  # per builder: a meeting's handful of selections x three languages, with room

F = TypeVar("F", bound=Callable[..., Any])

_CACHES: dict[tuple[str, str], OrderedDict] = {}
_LOCK = threading.Lock()


def _key(value: object) -> Hashable:
    if isinstance(value, list):
        return ("list", tuple(_key(item) for item in value))
    if isinstance(value, (str, int, float, bool, type(None), bytes)):
        return value
    if isinstance(value, tuple):
        return ("tuple", tuple(_key(item) for item in value))
    if isinstance(value, frozenset):
        return value
    return ("id", type(value).__name__, id(value))


def memoized(builder: F) -> F:
    """Keep `builder`'s results per (arguments, language); see the module docstring for the rules."""
    name = (builder.__code__.co_filename, builder.__qualname__)
    with _LOCK:
        cache = _CACHES.setdefault(name, OrderedDict())

    @functools.wraps(builder)
    def cached(*args: object, **kwargs: object) -> object:
        key = (current_language(), tuple(_key(a) for a in args), tuple(sorted((k, _key(v)) for k, v in kwargs.items())))
        with _LOCK:
            entry = cache.get(key)
            if entry is not None:
                cache.move_to_end(key)
                return entry[1]
        value = builder(*args, **kwargs)
        with _LOCK:
            # The arguments ride along so no id in the key can be reused while the entry lives.
            cache[key] = ((args, kwargs), value)
            while len(cache) > MAX_ENTRIES:
                cache.popitem(last=False)
        return value

    return cached  # type: ignore[return-value]


def clear() -> None:
    """Forget every kept result (tests use it to start cold)."""
    with _LOCK:
        for cache in _CACHES.values():
            cache.clear()


def size() -> int:
    """How many results are kept, over all builders."""
    with _LOCK:
        return sum(len(cache) for cache in _CACHES.values())
