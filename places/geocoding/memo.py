"""Answers kept for one unit of work, such as one article read by ingest: the same
name or date phrase is asked about many times in one article ("Daraa" in ten
sentences, "this week" in three), and each answer depends only on its arguments.

``scope()`` opens the unit (``ingest.propose.article_propose`` runs in one, by
``scoped``); a function decorated with ``per_scope`` computes each distinct call once
inside it, and every time outside it. Nothing is kept between units, so a
long-running process holds no stale answers (the gazetteer may change between two
articles) and a second article takes as long as a first.
"""

import contextlib
import contextvars
import functools
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

_MEMO: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "places_geocoding_memo", default=None
)
Function = TypeVar("Function", bound=Callable[..., Any])


@contextlib.contextmanager
def scope() -> Iterator[None]:
    """One unit of work (nested scopes share the outer one)."""
    if _MEMO.get() is not None:
        yield
        return
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def scoped(function: Function) -> Function:
    """``function`` (one unit of work, e.g. reading an article) runs in a scope."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with scope():
            return function(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def per_scope(function: Function) -> Function:
    """``function`` answered once per distinct positional arguments (hashable) in
    a scope. Its answers must not be mutated by callers."""

    @functools.wraps(function)
    def wrapper(*args):
        memo = _MEMO.get()
        if memo is None:
            return function(*args)
        key = (function, args)
        try:
            return memo[key]
        except KeyError:
            found = memo[key] = function(*args)
            return found

    return wrapper  # type: ignore[return-value]
