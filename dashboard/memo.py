"""Results shared by every session: pure functions of the loaded data and a view's values.

The catalogue and the boundaries are loaded once per process and never change, and each
chart is a pure function of them and a few strings from the view. So a chart, once built,
can serve every session that asks for the same view: a rerun then costs no pandas or
Plotly work, which is what keeps a filter change quick and many users on one process.

Data objects are told apart by identity. A cache entry holds a reference to the objects it
was computed from, so no other object can take their identity while the entry exists.
"""

from __future__ import annotations

import copy
import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from typing import TypeVar

import pandas as pd

from dashboard.catalogue import Catalogue
from dashboard.geography import Boundaries
from dashboard.methods.similar_areas import SimilarAreas

MAX_ENTRIES = 512  # per function: every view of every page is far fewer than this

DATA_TYPES = (Catalogue, Boundaries, SimilarAreas)

T = TypeVar("T")


def _key_part(argument):
    if isinstance(argument, DATA_TYPES):
        return (type(argument).__name__, id(argument))
    hash(argument)  # a list or a frame here is a programming error: fail loudly, never mis-key
    return argument


def read_only_copy(result):
    """What a caller gets: frames as shallow copies (copy-on-write), so no caller can change the
    shared one; dataclasses and tuples with their frames treated the same way."""
    if isinstance(result, pd.DataFrame | pd.Series):
        return result.copy(deep=False)
    if isinstance(result, tuple):
        return tuple(read_only_copy(item) for item in result)
    if is_dataclass(result) and not isinstance(result, type):
        frames = [f.name for f in fields(result) if isinstance(getattr(result, f.name), pd.DataFrame | pd.Series)]
        if not frames:
            return result
        duplicate = copy.copy(result)  # no __init__ or __post_init__: derived fields come along as they are
        for name in frames:
            object.__setattr__(duplicate, name, getattr(result, name).copy(deep=False))
        return duplicate
    return result


def shared(function: Callable[..., T]) -> Callable[..., T]:
    """Memoise ``function`` over positional arguments: data objects by identity, the rest by value."""
    entries: OrderedDict[tuple, tuple[tuple, object]] = OrderedDict()
    lock = threading.Lock()

    @functools.wraps(function)
    def memoised(*args):
        key = tuple(_key_part(argument) for argument in args)
        with lock:
            entry = entries.get(key)
            if entry is not None:
                entries.move_to_end(key)
        if entry is None:
            result = function(*args)
            data = tuple(argument for argument in args if isinstance(argument, DATA_TYPES))
            with lock:
                entries[key] = (data, result)
                while len(entries) > MAX_ENTRIES:
                    entries.popitem(last=False)
            return read_only_copy(result)
        return read_only_copy(entry[1])

    def cache_clear() -> None:
        with lock:
            entries.clear()

    memoised.cache_clear = cache_clear  # type: ignore[attr-defined]
    memoised.cache_size = lambda: len(entries)  # type: ignore[attr-defined]
    return memoised
