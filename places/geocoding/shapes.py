"""Spelling shapes of one Latin key word that mean the same Arabic letters.

``normalize.name_key`` folds each word of a name through ``fold_word`` after its own
rules, so a gazetteer name and a news spelling of the same letters get one key. One
key matters beyond the index's exact match: ingest finds the place names of an
article by their exact key (ingest/where/matching.py), so a spelling that only the skeleton
search reaches is never proposed as a name at all ("Al-Bokamal" in a SOHR report).

Each rule is a shape seen in news spellings of places the gazetteer holds:
- o is u: Arabic has no o; it is how French and colloquial spellings write the damma
  ("Bokamal"/"Bukamal", "Kor Hasan"/"Kur Hasan", "Joreen"/"Jurin");
- the article glued to the name ("Albukamal", "Alhasakah", "Elbab") is the article:
  dropped when a consonant follows it and at least four letters remain, as the
  written-apart article already is.

Tried and left out (ingest dev, bench/README "Eighth pass"): Cu- before w dropped in
speech ("Rwayha" for Ruwayhah) as one key made a Hama village's "Swaydaa" the city of
As-Suwayda, which then misplaced the article's other names; no news-list gain.
"""

import re

from places.geocoding import romanised

# Glued article: al/el + a consonant other than l, and four letters or more after it.
_GLUED_ARTICLE = re.compile("^(?:al|el)(?=[bcdfghjkmnpqrstvwxz][a-z]{3})")


def fold_word(word: str) -> str:
    """One key word with the shapes above folded (applied after normalize's rules)."""
    word = romanised.fold(word.replace("o", "u"))
    return _GLUED_ARTICLE.sub("", word)
