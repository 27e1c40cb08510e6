"""A gazetteer name's exact keys, and each index's keys by country (built once per index
version): what PlaceMatcher (ingest/where/matching.py) asks first of a sentence's words.
Split from ingest/where/matching.py."""

from collections import defaultdict

from places.geocoding import index, normalize


def _keys(name: str) -> set[str]:
    keys = {normalize.name_key(name), index.query_key(name)}
    for key in list(keys):
        first, _, rest = key.partition(" ")
        if first in {"tl", "jbl", "khrbt", "qlt"} and rest:
            keys.add(rest)  # "Tell Hamamiyat" also answers to "Hamamiyat"
    return {k for k in keys if k}


_INDEX_KEYS: dict[tuple[int, str], dict[str, set[int]]] = {}


def _index_keys(idx: index.GazetteerIndex, country: str) -> dict[str, set[int]]:
    """Exact name keys of the shared index (built once per index version)."""
    cache_key = (id(idx), f"{idx.version}:{country}")
    if cache_key not in _INDEX_KEYS:
        keys: dict[str, set[int]] = defaultdict(set)
        for i, entry in enumerate(idx.entries):
            if entry.country != country:
                continue
            for name in (entry.name, *entry.names):
                if name and not normalize.is_arabic(name):
                    for key in _keys(name):
                        keys[key].add(i)
        # Keep only the current version's, but every country's: articles read in
        # Syria and Yemen by turns must not rebuild them each time. An unconfigured
        # country's own index (gazetteer_abroad) is another index beside the shared
        # one: the shared one's keys stay when it is read, and its own are replaced
        # only by a rebuilt index of that country.
        abroad = idx.version.startswith("abroad:")
        for old in [k for k in _INDEX_KEYS
                    if k[1].startswith("abroad:") == abroad
                    and (k[0] != cache_key[0] or
                         not k[1].startswith(f"{idx.version}:"))
                    and (not abroad or k[1] == cache_key[1])]:  # fmt: skip
            del _INDEX_KEYS[old]
        _INDEX_KEYS[cache_key] = keys
    return _INDEX_KEYS[cache_key]
