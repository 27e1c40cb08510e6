"""A quick test that a cue pattern cannot match a text: the literal words one of which
every match contains, read off the pattern itself, so a scan is skipped when the text
holds none of them (rules.classify asks ~20 cue patterns of every clause; most are
absent). The answer is the pattern's own: only a scan that would find nothing is
skipped, and texts beyond ASCII are always scanned (re.I folds "ı", "ſ", "K" too)."""

import re
from re import _constants as sre
from re import _parser as sre_parse

# A word shorter than this says too little to skip a scan worth skipping.
MIN_WORD = 3
# id(pattern) -> (pattern, words): a Pattern's own hash reads its whole code each time.
_WORDS: dict[int, tuple[re.Pattern[str], tuple[str, ...] | None]] = {}


def _sequence(items) -> tuple[str, ...] | None:
    """Words one of which a match of this sequence of parsed items contains."""
    run, longest, inner = "", "", None
    for op, av in [*items, (None, None)]:
        if op is sre.LITERAL and av < 128:
            run += chr(av).lower()
            continue
        if len(run) > len(longest):
            longest = run
        run = ""
        if inner is None and op in (sre.SUBPATTERN, sre.BRANCH):
            inner = _words(op, av)
        elif inner is None and op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            inner = _sequence(av[2])  # at least once: its words are in every match
    shortest = min((len(w) for w in inner or ()), default=0)
    if len(longest) > MIN_WORD and len(longest) >= shortest:
        return (longest,)
    if inner is not None:
        return inner
    return (longest,) if len(longest) >= MIN_WORD else None


def _words(op, av) -> tuple[str, ...] | None:
    if op is sre.SUBPATTERN:
        return _sequence(av[3])
    found: list[str] = []  # a branch: one word of each alternative
    for alternative in av[1]:
        words = _sequence(alternative)
        if words is None:
            return None
        found += words
    return tuple(dict.fromkeys(found))


def required_words(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case words, one of which every match of ``pattern`` contains; None when
    the pattern has no such words (then it is always scanned)."""
    kept = _WORDS.get(id(pattern))
    if kept is None or kept[0] is not pattern:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
        kept = _WORDS[id(pattern)] = (pattern, _sequence(parsed))
    return kept[1]


def may_match(pattern: re.Pattern[str], lowered: str | None) -> bool:
    """False only when ``pattern`` cannot match the text whose ``str.lower()`` is
    ``lowered`` (None: the text is not ASCII, so it may)."""
    if lowered is None:
        return True
    words = required_words(pattern)
    return words is None or any(map(lowered.__contains__, words))


def lowered(text: str) -> str | None:
    """``text`` lower-cased for may_match (None beyond ASCII: always scanned)."""
    return text.lower() if text.isascii() else None
