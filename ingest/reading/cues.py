"""A quick test that a cue pattern cannot match a text: the literal words one of which
every match contains, read off the pattern itself, so a scan is skipped when the text
holds none of them (rules.classify asks ~20 cue patterns of every clause; most are
absent). The answer is the pattern's own: only a scan that would find nothing is
skipped, and texts beyond ASCII are always scanned (re.I folds "ı", "ſ", "K" too).

The pattern is read with the re package's private parser (``re._parser``, Python
3.11+). Where it is missing or reads differently, nothing is skipped and no pattern is
guarded: every scan is made, as without this module (slower, the same answers)."""

import re

try:  # private modules: present in CPython 3.11-3.13, not promised
    from re import _compiler as sre_compile
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - exercised by a test that hides them
    sre_compile = sre = sre_parse = None

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
        kept = _WORDS[id(pattern)] = (pattern, _read_words(pattern))
    return kept[1]


def _read_words(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    if sre_parse is None:
        return None  # no parser: always scanned
    try:
        return _sequence(sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - a private parser read otherwise: always scan
        return None


def may_match(pattern: re.Pattern[str], lowered: str | None) -> bool:
    """False only when ``pattern`` cannot match the text whose ``str.lower()`` is
    ``lowered`` (None: the text is not ASCII, so it may)."""
    if lowered is None:
        return True
    words = required_words(pattern)
    return words is None or any(map(lowered.__contains__, words))


def tried(
    pattern: re.Pattern[str],
    text: str,
    lowered: str | None,
    pos: int = 0,
    *,
    search: bool = False,
) -> re.Match[str] | None:
    """``pattern.match(text, pos)`` (``search``: ``.search``), or None without a
    scan when the text, lower-cased as ``lowered`` (lowered()), holds none of the
    pattern's words."""
    if not may_match(pattern, lowered):
        return None
    return pattern.search(text, pos) if search else pattern.match(text, pos)


def lowered(text: str) -> str | None:
    """``text`` lower-cased for may_match (None beyond ASCII: always scanned)."""
    return text.lower() if text.isascii() else None


_CATEGORIES = (
    {
        sre.CATEGORY_WORD: r"\w",
        sre.CATEGORY_NOT_WORD: r"\W",
        sre.CATEGORY_DIGIT: r"\d",
        sre.CATEGORY_NOT_DIGIT: r"\D",
        sre.CATEGORY_SPACE: r"\s",
        sre.CATEGORY_NOT_SPACE: r"\S",
    }
    if sre is not None
    else {}
)


def _set_class(items) -> str | None:
    """A parsed character set as class text (None for a negated set)."""
    out = ""
    for op, av in items:
        if op is sre.LITERAL:
            out += re.escape(chr(av))
        elif op is sre.RANGE:
            out += f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
        elif op is sre.CATEGORY and av in _CATEGORIES:
            out += _CATEGORIES[av]
        else:
            return None
    return out


def _first(items: list, rest: list) -> str | None:
    """Class text of every character a match of ``items`` then ``rest`` (parsed) may
    begin with: a superset (None when unsure or when the match may be empty)."""
    for k, (op, av) in enumerate(items):
        after = items[k + 1 :] + rest
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: the first character is the next item's
        if op is sre.LITERAL:
            return re.escape(chr(av))
        if op is sre.IN:
            return _set_class(av)
        if op is sre.SUBPATTERN:
            return _first(list(av[3]), after)
        if op is sre.BRANCH:
            found = [_first(list(branch), after) for branch in av[1]]
            return None if None in found else "".join(found)
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, body = av
            if high == 0:
                continue
            first = _first(list(body), after)
            if first is None or low >= 1:
                return first
            rest_first = _first(after, [])
            return None if rest_first is None else first + rest_first
        return None
    return None  # a match may be empty


# Inline flags ("(?i)…") must stay first; "^…", "\A…": tried at the start only.
_UNGUARDED = re.compile(r"\(\?[aiLmsux]+\)|\^|\\A")


def guarded(pattern: str, flags: int = re.I) -> str:
    """``pattern`` behind a look-ahead at the characters its matches may begin with
    (case-insensitive, so a superset): the same matches, but where the engine has no
    literal prefix nor first characters of its own (any case-insensitive or ``\b``
    pattern) it leaves at once a position that starts no match, where it tried every
    alternative (a pattern opening with ``\b`` tried them at each word's start and
    end). Returned as it is when the engine has a prefix, the first characters are
    unsure or the pattern is anchored at the start."""
    if _UNGUARDED.match(pattern) or flags & (re.ASCII | re.LOCALE):
        return pattern
    if sre_parse is None or sre_compile is None:
        return pattern  # no parser: the pattern as written (slower, same matches)
    try:
        parsed = sre_parse.parse(pattern, flags)
        if (
            parsed.state.flags & (re.ASCII | re.LOCALE)  # classes read otherwise
            or sre_compile._get_literal_prefix(parsed, flags)[0]
            or sre_compile._get_charset_prefix(parsed, flags) is not None
        ):
            return pattern
        first = _first(list(parsed), [])
    except Exception:  # noqa: BLE001 - a private parser read otherwise: unguarded
        return pattern
    return pattern if not first else f"(?=(?i:[{first}]))(?:{pattern})"


def compiled(pattern: str) -> re.Pattern[str]:
    """``pattern`` guarded and compiled case-insensitively: the cue modules' regexes."""
    return re.compile(guarded(pattern), re.I)
