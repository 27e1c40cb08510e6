"""A district or town written beside a name ("X (Salkhad district)", "X, Ariha district").

News names which of several same-named villages it means by the district (named after
its seat) or a town beside it: "Malah (Salkhad district)", "Sarjah, Ariha district",
"Kafr Janah in the Sherawa district", "Oleksandrivka (Marinka)". The geocoder reads such
a phrase itself (places/geocoding/index/placehint.py: the seat's point picks the
namesake near it); ingest reads a name's span alone, so ``beside`` gives the context
written after the span, to be looked up as "X (context)". A bracket must hold one to
three capitalised words (an agency or an acronym, "(AFP)", "(SDF)", is no place); after
a comma or "in (the)", the words must end with a district word ("X, Idlib" is a list as
often as a place and its governorate, which the admin-1 hint already reads).
"""

import re

_NAME = r"[A-Z][\w'’-]*(?:[\s-]+(?:al-|el-|ash-|ad-|as-)?[A-Z][\w'’-]*){0,2}"
_DISTRICT = (
    r"(?i:district|sub-?district|raion|rayon|caza|qada|kaza|county|nahiya|nahiyah|"
    r"municipality)"
)
_BRACKET = re.compile(rf"\s*\(\s*(?P<context>{_NAME}(?:\s+{_DISTRICT})?)\s*\)")
_AFTER = re.compile(
    rf"(?:,\s*|\s+in\s+)(?:the\s+)?(?P<context>{_NAME}\s+{_DISTRICT})\b(?!\s+of\b)"
)
_ACRONYM = re.compile(r"^[A-Z]{2,}\b")


def beside(sentence: str, end: int) -> str:
    """The district or town written right after the name that ends at ``end``
    ("Salkhad district", "Marinka"), or ''."""
    found = _BRACKET.match(sentence, end) or _AFTER.match(sentence, end)
    if found is None:
        return ""
    context = found.group("context")
    return "" if _ACRONYM.match(context) else context
