"""Name normalisation: one key for the many spellings of an Arabic place name."""

import functools
import re
import unicodedata

from places.geocoding import shapes, vocabulary

# Marks for ayn and hamza in transliterations: ' ` ʿ ʾ ‘ ’ ´ ʼ ʻ.
_MARKS = re.compile("['`\u02bf\u02be\u2018\u2019\u00b4\u02bc\u02bb\u02b9\u02ba]")
_SEPARATORS = re.compile(r"[\s\-_.,;:/()\[\]\"]+")
_ARABIC = re.compile("[\u0600-\u06ff]")
# Harakat, superscript alef, Quranic marks; tatweel.
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}
)

# The article: al-/el-/il-/l- always; the assimilated forms (ash-Shughur, as-Suwayda,
# ad-Dana, at-Tall, an-Nabk, ar-Raqqah, az-Zabadani) only before their own letter.
_ARTICLES = {"al", "el", "il", "ul", "l"}
_SUN_ARTICLES = {
    "ash": "sh",
    "esh": "sh",
    "as": "s",
    "es": "s",
    "ad": "d",
    "ed": "d",
    "adh": "dh",
    "at": "t",
    "et": "t",
    "ath": "th",
    "an": "n",
    "en": "n",
    "ar": "r",
    "er": "r",
    "az": "z",
    "ez": "z",
    "ay": "y",
}
# Generic words with many spellings; mapped to one token.
_WORDS = {
    **dict.fromkeys(("tal", "tall", "tell", "tel", "til", "tul"), "tl"),
    **dict.fromkeys(
        ("kafr", "kfar", "kafar", "kfr", "kefr", "kafer", "kufr", "kefer", "kfer"),
        "kfr",
    ),
    **dict.fromkeys(("jabal", "jebel", "jabel", "jbel", "djebel", "jebal"), "jbl"),
    **dict.fromkeys(("deir", "dayr", "dair", "der", "dier"), "dyr"),
    **dict.fromkeys(("ain", "ayn", "ein", "aayn", "aain", "ayin"), "ayn"),
    **dict.fromkeys(("abu", "abou", "abo"), "abu"),
    **dict.fromkeys(("khirbet", "khirbat", "kherbet", "khirbit", "khirbeh"), "khrbt"),
    **dict.fromkeys(("qalaat", "qalat", "kalaat", "qal", "qalah", "qalaa"), "qlt"),
    **dict.fromkeys(("maarat", "maarrat", "maaret", "maarret", "marat"), "mrt"),
    **dict.fromkeys(("bayt", "beit", "beyt", "bait", "bet"), "byt"),
    **dict.fromkeys(
        ("sheikh", "shaykh", "shaikh", "sheykh", "cheikh", "sheik", "shaik", "shiekh"),
        "shykh",
    ),
    # Abdul/Abdel Aziz is Abd al-Aziz (the article is dropped anyway).
    **dict.fromkeys(("abdul", "abdel", "abdoul", "abdol"), "abd"),
    "golan": "jawlan",  # the Golan: al-Jawlan in Arabic ("Saham al-Golan")
}
# Arabic generic heads -> the feature type they state; the head itself is dropped.
ARABIC_HEADS = {
    "تل": "hill",
    "قرية": "village",
    "بلدة": "village",
    "مدينة": "city",
    "قاعدة": "base",
    "مطار": "base",
    "ريف": "countryside",
    "محافظة": "governorate",
    "ناحية": "district",
    "منطقة": "district",
}
# Arabic words after a name that only describe it ("the air base", "military").
_ARABIC_TRAILERS = {"الجوية", "الجوي", "العسكري", "العسكرية", "الدولي", "الحدودي"}
_ARABIC_DIRECTIONS = {
    "الشمالي": "northern", "الشمالية": "northern", "الجنوبي": "southern",
    "الجنوبية": "southern", "الشرقي": "eastern", "الشرقية": "eastern",
    "الغربي": "western", "الغربية": "western",
}  # fmt: skip


_ARABIC_HEAD_KEYS: dict[str, str] = {}


def _strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text))


def arabic_key(text: str) -> str:
    """Arabic script: no harakat or tatweel, one alef, ta marbuta as ha, no ال."""
    text = _ARABIC_MARKS.sub("", unicodedata.normalize("NFKC", text))
    text = text.translate(_ARABIC_LETTERS)
    words = []
    for word in _SEPARATORS.split(text):
        if not word:
            continue
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        words.append(word)
    return " ".join(words)


_GLUED_KAFR = re.compile("^(?:kafr|kafar|kfar|kefr|kafer|kfr)(?=[a-z]{3})")


_GENERIC_TOKENS = frozenset(
    {"tl", "kfr", "jbl", "dyr", "ayn", "abu", "khrbt", "qlt", "mrt"}
)


def _latin_word(word: str) -> str:
    word = _WORDS.get(word, word)
    if word in _GENERIC_TOKENS:
        return word
    glued = _GLUED_KAFR.match(word)
    if glued:  # "Kafarzita", "KafrDa'el": Kafr Zita, Kafr Dael
        return "kfr " + _latin_word(word[glued.end() :])
    # Word-initial E before a consonant is I ("Edlib", "Ezraa"); the skeleton
    # then folds the leading a/i/u ("Efrin", "Afrin").
    word = re.sub("^e(?=[^aeiouy])", "i", word)
    word = word.replace("dj", "j").replace("dsch", "j").replace("tch", "ch")
    word = word.replace("ch", "sh").replace("q", "k").replace("x", "ks")
    word = word.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    word = re.sub("e[iy]|a[iy]", "ay", word)
    word = word.replace("v", "w")
    # French spelling writes a mute -e after a final vowel + n ("Zitane" Zitan,
    # "Jelline" Jillin, "Sermine" Sarmin): no ta marbuta there.
    word = re.sub("(?<=[a-z][aeiouy])(nn?)e$", r"\1", word)
    # -ah/-eh/-e/-a endings (ta marbuta) are one ending.
    word = re.sub("(?<=[a-z]{2})(?:ah|eh|a|e)$", "a", word)
    # The nisba ending -iya(h) is often written -ia/-ie ("Jabia", "Hamidieh").
    word = re.sub("(?<=[a-z][^aeiouy])ia$", "iya", word)
    word = re.sub(r"(.)\1+", r"\1", word)  # doubled letters: Jarrah, Maarrat
    word = re.sub("(?<=[a-z]{2})z$", "s", word)  # -az/-as endings: one ending
    return shapes.fold_word(word)


# Kurdish and Turkish letters whose English spelling is two letters ("Qamişlo"), and
# Turkish dotless ı, which Unicode does not decompose to i ("Ulashlı" is Ulashli).
_DIGRAPHS = str.maketrans(
    {"ş": "sh", "Ş": "sh", "ç": "ch", "Ç": "ch", "ı": "i", "İ": "i", "ğ": "g", "Ğ": "g"}
)


def tokens(text: str) -> list[str]:
    """Lower-case Latin tokens with diacritics and ayn/hamza marks removed."""
    return list(_tokens(text))


# The article written as its vowel alone before a sun letter, its doubled consonant
# dropped ("Deir e-Zor", "a-Raqqa", "e-Nabk": Syria Direct's spelling of ez-Zor,
# ar-Raqqa, an-Nabk): only with its hyphen, so the English "a" stays a word.
_VOWEL_ARTICLE = re.compile(r"(?<![\w'’-])[aeAE]-(?=[TDRZSNL][a-z])")


# Pure functions of a short phrase, asked thousands of times per article (every
# window of words a name may start, every lookup): computed once, as name_key is.
@functools.lru_cache(maxsize=100_000)
def _tokens(text: str) -> tuple[str, ...]:
    text = _VOWEL_ARTICLE.sub("", text)
    text = _MARKS.sub("", _strip_diacritics(text.translate(_DIGRAPHS)).lower())
    return tuple(t for t in _SEPARATORS.split(text) if t)


def _drop_articles(words: list[str]) -> list[str]:
    kept = []
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        if following and word in _ARTICLES:
            continue
        sun = _SUN_ARTICLES.get(word)
        if following and sun and following.startswith(sun):
            continue
        kept.append(word)
    return kept


def _glue_codes(words: list[str]) -> list[str]:
    """A letter and its number are one code: "T-4", "T 4" and "T4" (Tiyas)."""
    out: list[str] = []
    for word in words:
        if out and word.isdigit() and len(out[-1]) == 1 and out[-1].isalpha():
            out[-1] += word
        else:
            out.append(word)
    return out


@functools.lru_cache(maxsize=100_000)
def name_key(text: str) -> str:
    """Normalised key of a place name; equal keys are the same spelling family."""
    if is_arabic(text):
        return arabic_key(text)
    # French "ch" is English "sh"; before the article rule so "ech Ch…" assimilates.
    words = _drop_articles([w.replace("ch", "sh") for w in _glue_codes(tokens(text))])
    return " ".join(_latin_word(w) for w in words)


def construct_variants(key: str) -> list[str]:
    """The key with a construct-state ending read as the plain one: ta marbuta
    pronounced -at ("Zakat" for al-Zakah, "Hamat" for Hama) -> -a."""
    words = key.split()
    variants = []
    for i, word in enumerate(words):
        if len(word) >= 4 and word.endswith("at") and word not in _GENERIC_TOKENS:
            variants.append(" ".join([*words[:i], word[:-1], *words[i + 1 :]]))
    return variants


def vowels_alike(key: str) -> str:
    """The key with its vowel letters read alike, to compare two spellings of the
    same consonants: the diphthong ay as i ("Busira" Busayra, "Falifel" Fulayfil),
    e as i, o as u (search.VOWELS_ALIKE_RATIO)."""
    return key.replace("ay", "i").replace("e", "i").replace("o", "u")


def skeleton(key: str) -> str:
    """Consonant skeleton of a key: vowels dropped except a leading one."""
    if is_arabic(key):
        # Long vowels and the final alef/ta marbuta are written or not at will
        # ("بينين"/"بنين", "معرزيتا"/"معر زيتة"): the consonants after the first letter.
        glued = key.replace(" ", "")
        if len(glued) <= 2:
            return glued
        inner = re.sub("[اويى]", "", glued[1:-1])
        last = "" if glued[-1] in "اهيى" else glued[-1]
        return glued[0] + inner + last
    out = []
    for word in key.split():  # semivowels y/w go too: Zayta/Zita, Shaykhun/Shikhun
        if word == "tl":  # "Tall" is a head, not the consonants of Tawil or Tala
            out.append("TL")
            continue
        first = "a" if word[0] in "aeiou" else word[0]  # Afrin/Efrin/Ifrin, Orem/Urum
        out.append(first + re.sub("[aeiouyw]", "", word[1:]))
    return "".join(out)


def arabic_parts(text: str) -> tuple[str, list[str], str]:
    """Arabic phrase -> (name, English direction words, feature type its head states).

    "ريف إدلب الشرقي" -> ("إدلب", ["eastern"], "countryside");
    "قاعدة حميميم الجوية" -> ("حميميم", [], "base").
    """
    words = [w for w in _SEPARATORS.split(text) if w]
    stated = ""
    if len(words) > 1 and arabic_key(words[0]) in _ARABIC_HEAD_KEYS:
        stated = _ARABIC_HEAD_KEYS[arabic_key(words[0])]
        words = words[1:]
    directions = []
    while len(words) > 1 and (
        words[-1] in _ARABIC_TRAILERS or words[-1] in _ARABIC_DIRECTIONS
    ):
        if words[-1] in _ARABIC_DIRECTIONS:
            directions.insert(0, _ARABIC_DIRECTIONS[words[-1]])
        words = words[:-1]
    return " ".join(words), directions, stated


def split_query(text: str) -> tuple[list[str], list[str]]:
    """Split a query into (name words, direction words); descriptors are dropped."""
    names, directions = _split_query(text)
    return list(names), list(directions)


@functools.lru_cache(maxsize=100_000)
def _split_query(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if is_arabic(text):
        name, directions, _stated = arabic_parts(text)
        return (name,), tuple(directions)
    names, directions = [], []
    words = _tokens(text)
    for i, word in enumerate(words):
        if word in vocabulary.DIRECTIONS or word.rstrip("-") in vocabulary.DIRECTIONS:
            directions.append(word)
        elif word in vocabulary.DESCRIPTORS or (
            word in vocabulary.CAMP_DWELLERS
            and words[i + 1 : i + 2] in (("camp",), ("camps",))
        ):
            continue
        else:
            names.append(word)
    return tuple(names), tuple(directions)


@functools.lru_cache(maxsize=100_000)
def is_not_a_place(text: str) -> bool:
    """True for an empty query or one made only of adjectives ("Syrian", "northern")."""
    words = _tokens(text)
    if not words:
        return True
    ignorable = (
        vocabulary.NOT_PLACES
        | vocabulary.DIRECTIONS
        | vocabulary.DESCRIPTORS
        | _ARTICLES
    )
    return all(w in ignorable for w in words)


_ARABIC_HEAD_KEYS.update({arabic_key(k): v for k, v in ARABIC_HEADS.items()})
