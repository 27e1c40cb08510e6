"""A gazetteer name's exact keys, and each index's keys by country (built once per index,
kept with it): what PlaceMatcher (ingest/where/matching.py) asks first of a sentence's words.
Split from ingest/where/matching.py."""

import hashlib
from collections import defaultdict
from pathlib import Path

from places.geocoding import index, normalize, tables


def _keys(name: str) -> set[str]:
    keys = {normalize.name_key(name), index.query_key(name)}
    for key in list(keys):
        first, _, rest = key.partition(" ")
        if first in {"tl", "jbl", "khrbt", "qlt"} and rest:
            keys.add(rest)  # "Tell Hamamiyat" also answers to "Hamamiyat"
    return {k for k in keys if k}


# In the table's name: a table kept in an index's file by an older version of this
# module is not read by a newer one (places.gazetteer_shared hashes only places' code).
_CODE = hashlib.blake2b(Path(__file__).read_bytes(), digest_size=6).hexdigest()


def _index_keys(idx: index.GazetteerIndex, country: str) -> dict[str, set[int]]:
    """Exact name keys of ``country``'s rows in ``idx``: built once per index and
    kept with it (places.geocoding.tables), in its file too."""
    return tables.derived(
        idx, f"ingest.keys:{_CODE}:{country}", lambda: _built(idx, country)
    )


def _built(idx: index.GazetteerIndex, country: str) -> dict[str, set[int]]:
    keys: dict[str, set[int]] = defaultdict(set)
    for i, entry in enumerate(idx.entries):
        if entry.country != country:
            continue
        for name in (entry.name, *entry.names):
            if name and not normalize.is_arabic(name):
                for key in _keys(name):
                    keys[key].add(i)
    return keys
