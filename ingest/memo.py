"""Answers kept while one article is read: the same date phrase, name or sentence is
asked about many times in one article ("this week" in three sentences, "Daraa" in
ten), and each answer depends only on its arguments.

``article()`` opens the scope (``one_article`` on ``propose.article_propose``); a function decorated
with ``per_article`` computes each distinct call once inside it, and every time
outside it. Nothing is kept between articles, so a long-running process holds no
stale answers and the timing of a second article is that of a first.
"""

import contextlib
import contextvars
import functools
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

_MEMO: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "ingest_article_memo", default=None
)
Function = TypeVar("Function", bound=Callable[..., Any])


@contextlib.contextmanager
def article() -> Iterator[None]:
    """The scope of one article's reading (nested scopes share the outer one)."""
    if _MEMO.get() is not None:
        yield
        return
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def one_article(function: Function) -> Function:
    """``function`` (which reads one article) runs in its own ``article()`` scope."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with article():
            return function(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def per_article(function: Function) -> Function:
    """``function`` answered once per distinct positional arguments (hashable) in
    an article's scope. Its answers must not be mutated by callers."""

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
