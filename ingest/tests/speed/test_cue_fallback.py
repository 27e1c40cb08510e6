"""What the sixth speed pass (bench/README.md, "Ingest CPU, round 6") must not change:
a cue pattern's shortcut falls back to a full scan where the re package's private
parser is missing or reads otherwise, and each shortcut answers as the code it replaces."""

import builtins
import importlib.util
import random
import re

import pytest

from ingest.country import secondcountry
from ingest.kinds import tallies
from ingest.reading import cues, words
from ingest.where import spans, targets
from ingest.where.mention import PlaceMention
from places.geocoding import normalize, vocabulary

GUARDED = r"\b(?:shelled|stormed)\s+(?:the\s+)?town\b"


def _fresh_cues():
    """A second copy of ingest/reading/cues.py, imported now (as on a Python without it)."""
    spec = importlib.util.spec_from_file_location("cues_copy", cues.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cues_import_and_scan_everything_without_the_private_parser(monkeypatch):
    real_import = builtins.__import__
    private = {"_parser", "_compiler", "_constants"}

    def without_private(name, globals=None, locals=None, fromlist=(), level=0):
        if name == "re" and private & set(fromlist or ()):
            raise ImportError(f"no re.{fromlist[0]} here")
        return real_import(name, globals, locals, fromlist, level)

    monkeypatch.setattr(builtins, "__import__", without_private)
    copy = _fresh_cues()
    monkeypatch.undo()  # the copy is made: the interpreter's imports as they were
    assert copy.guarded(GUARDED) == GUARDED  # as written: the same matches
    pattern = re.compile(GUARDED, re.I)
    assert copy.required_words(pattern) is None
    assert copy.may_match(pattern, copy.lowered("nothing of the kind"))


def test_a_parser_that_reads_otherwise_leaves_the_pattern_unguarded(monkeypatch):
    def fails(*args, **kwargs):
        raise AttributeError("a private API changed")

    pattern = re.compile(r"\bstormed\s+(?:it|the\s+base)")  # compiled before
    monkeypatch.setattr(cues.sre_parse, "parse", fails)
    assert cues.guarded(GUARDED) == GUARDED
    assert cues.required_words(pattern) is None


@pytest.mark.parametrize(
    "text",
    [
        "Rebels shelled the town at dawn",
        "nothing here",
        "Stormed  Town",
        "ſhelled town",
    ],
)
def test_the_guarded_pattern_finds_what_the_plain_one_finds(text):
    plain = re.compile(GUARDED, re.I)
    guarded = re.compile(cues.guarded(GUARDED), re.I)
    assert [m.span() for m in guarded.finditer(text)] == [
        m.span() for m in plain.finditer(text)
    ]


def test_the_last_word_before_a_span_is_found_as_by_a_search_from_the_start():
    pieces = ["al", "Kafr", "x1", "12", "_", "-", "'", "’", "‘", "é", "٣", " ", "  ",
              "\t", "\u00a0", "\u2003", "\n", ",", ".", "(", "A-b"]  # fmt: skip
    rng = random.Random(6)
    texts = ["", " ", "\n", "a \n", "a\n ", "Syria's ", "the village of  "]
    texts += ["".join(rng.choices(pieces, k=rng.randint(1, 12))) for _ in range(20000)]
    for text in texts:
        fast = spans._LAST_WORD.search(text, spans._last_word_from(text))
        slow = spans._LAST_WORD.search(text)
        assert (fast and (fast.span(), fast.group(1))) == (
            slow and (slow.span(), slow.group(1))
        ), repr(text)


@pytest.mark.parametrize(
    "word", ["al-Bab", "el-Zour", "a-Raqqa", "al", "alarm", "as-", "Idlib", "'Eqriye"]
)
def test_a_name_word_is_read_as_before(word):
    before = (
        not (word.lstrip("'’‘") or word).isupper()
        if (word.lstrip("'’‘") or word)[0].isupper()
        else bool(words.ARTICLE_NAME.match(word)) and "-" in word[:4]
    )
    assert words.is_name_word(word) == before


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Shelling hit Kiryat Shmona in northern Israel on Monday", "IL"),
        ("Shelling hit Kiryat Shmona, Israel, on Monday", "IL"),
        ("Shelling hit Kiryat Shmona on Monday", ""),
        ("Shelling hit Kiryat Shmona IN Israel", "IL"),
        ("the Israeli town of Kiryat Shmona was hit", "IL"),
    ],
)
def test_a_name_is_tied_to_a_country_as_before(sentence, code):
    start = sentence.index("Kiryat")
    assert secondcountry.tied_to(sentence, start, start + len("Kiryat Shmona")) == code


def _name_like_before(window: list[str]) -> bool:
    """PlaceMatcher._name_like as it was (each window's words asked again)."""
    capitalised = False
    for position, word in enumerate(window):
        lowered = word.lower()
        if words.is_name_word(word) and lowered not in words.NOT_NAMES:
            capitalised = capitalised or lowered not in vocabulary.DIRECTIONS
            continue
        last = position == len(window) - 1
        if lowered in vocabulary.DIRECTIONS and position == 0:
            continue
        if (
            lowered in vocabulary.DESCRIPTORS
            and lowered not in words.FUNCTION_WORDS
            and last
            and position > 0
        ):
            continue
        if lowered.split("-")[0] in words.CONNECTORS and not last:
            continue
        return False
    return capitalised


def test_a_window_is_name_like_as_before():
    vocabulary = ["Kafr", "Nabudah", "al-Bab", "al", "ez", "Zor", "northern", "North",
                  "village", "in", "of", "the", "SANA", "Idlib", "town", "el-Zour",
                  "killed", "east", "Deir", "province", "as-Safira", "and", "The"]  # fmt: skip
    rng = random.Random(66)
    for _ in range(20000):
        sentence = rng.choices(vocabulary, k=rng.randint(1, 8))
        kinds = tuple(words.word_kind(w) for w in sentence)
        i = rng.randrange(len(sentence))
        n = rng.randint(1, len(sentence) - i)
        assert words.name_like(kinds, i, n) == _name_like_before(sentence[i : i + n])


@pytest.mark.parametrize(
    "text",
    ["Rebels shelled the town, activists said", "nothing of the kind", "ſhelled town"],
)
def test_a_match_is_tried_only_where_it_may_be_and_found_as_before(text):
    pattern = re.compile(r"^(?P<rest>.+?),\s+(?P<who>\w+)\s+(?:said|shelled)\b", re.I)
    lowered = cues.lowered(text)
    found = cues.tried(pattern, text, lowered)
    plain = pattern.match(text)
    assert (found and found.span()) == (plain and plain.span())
    searched = cues.tried(pattern, text, lowered, 1, search=True)
    plain = pattern.search(text, 1)
    assert (searched and searched.span()) == (plain and plain.span())


@pytest.mark.parametrize(
    ("name", "admin1"),
    [("Kafr Nabudah", "Hama"), ("Al-Bab", ""), ("Ma'arrat", "Idlib")],
)
def test_a_mention_key_is_its_name_and_governorate_keys(name, admin1):
    mention = PlaceMention(
        name, 0, len(name), name, admin1, "village", "SY", None, None, None, None,
        None, "unresolved",
    )  # fmt: skip
    assert mention.key == f"{normalize.name_key(name)}|{normalize.name_key(admin1)}"


SENTENCES = [
    "Since the start of the war, the toll has risen to 400,000.",
    "  since 2011 the army has killed 12,000 people since March",
    "Regime forces stormed al-Lataminah and entered Kafr Zita on Monday.",
    "Warplanes struck the Kafr Nabudah village and the Maarat al-Numan area.",
    "The death toll in the Hama countryside has reached 27, activists said.",
    "Shelling hit al-Bara, Kansafra and Ariha in the past two days.",
    "Nothing happened in the town square.",
    "ſince the outbreak of the uprising, Tel Mheed was shelled",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_the_statistic_pattern_finds_what_its_unguarded_self_found(sentence):
    before = re.compile(r"^\W*since\b|" + tallies._STATISTIC_BODY, re.I)
    for pos in range(len(sentence)):
        found, old = (
            tallies._STATISTIC.search(sentence, pos),
            before.search(sentence, pos),
        )
        assert (found and found.span()) == (old and old.span())


def test_the_statistic_pattern_is_guarded_after_its_anchored_branch():
    assert tallies._STATISTIC.pattern.startswith(r"^\W*since\b|(?=(?i:[")


@pytest.mark.parametrize("sentence", SENTENCES)
def test_named_places_are_found_as_with_every_pattern_scanned(sentence, monkeypatch):
    found = targets.named_places(sentence)
    monkeypatch.setattr(cues, "may_match", lambda pattern, lowered: True)
    assert found == targets.named_places(sentence)
