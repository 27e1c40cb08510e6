"""Tables its readers derive from a GazetteerIndex, kept on the index itself.

A table (the folded skeletons of its keys, ingest's exact keys of a country) is a pure
function of the index's rows: built on first use, it lives and dies with its index, and
travels with it into the index's file (places.gazetteer_shared), so a new process
reads it instead of building it again.
"""

from collections.abc import Callable
from typing import Any

ATTRIBUTE = "derived"


def derived(index: Any, name: str, build: Callable[[], Any]) -> Any:
    """``index``'s table ``name``, built by ``build()`` on first use. Two threads may
    both build it once; either result is the same table."""
    memo = vars(index).setdefault(ATTRIBUTE, {})
    found = memo.get(name)
    if found is None:
        found = memo[name] = build()
    return found


def names(index: Any) -> frozenset[str]:
    """The tables ``index`` holds."""
    return frozenset(vars(index).get(ATTRIBUTE, {}))
