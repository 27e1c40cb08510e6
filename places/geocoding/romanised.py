"""The y/i spellings of Cyrillic romanisations folded into one key word.

Ukrainian and Russian place names reach the press in several romanisations of the same
letters: и as y or i ("Klyshchiivka"/"Klishchiivka"), ї as yi, i or ii ("Klyshchiyivka",
"Andriivka"/"Andriyivka"), я, ю, є as ya/ia, yu/iu, ye/ie ("Zatyshshya"/"Zatyshshia",
"Kostyantynivka"/"Kostiantynivka"), й after a vowel as y or i ("Troyitske"/"Troitske").
GeoNames writes its bulk Ukrainian hamlets in one of them and the reporting in another,
and a bulk hamlet is found only by its key written out (IndexEntry.exact_only), so one
key for all of them is the only way to reach it (bench/README.md, "gazspell").

Only words shaped like a Slavic place name are folded: those ending in -ivka/-ovka
(-wka in the key), -ske/-sk or holding щ (shch, -shsh- in the key). Folded everywhere,
the same rules joined Arabic names far apart (Tayyibah and Tayba in Sudan, 106 new
pairs over 30 km; Yemen 670; "Tyre" and "Tira" in Lebanon).
"""

import re

# A y after a consonant is a vowel: the i of another romanisation (Klysh-, Zatysh-).
_CONSONANT_Y = re.compile("(?<=[bcdfghjklmnpqrstvwxz])y")
# A y between i and a vowel is a glide the other romanisation leaves out (-iya, -iyi-).
_GLIDE = re.compile("(?<=i)y(?=[aeiou])")
# After a vowel, yi is й + і or ї; and a vowel + i before a consonant is a diphthong
# written y elsewhere (Troitske/Troyitske, Tabaivka/Tabayivka; normalize already reads
# ai and ei as ay).
_AFTER_VOWEL_YI = re.compile("(?<=[aeou])yi")
_DIPHTHONG_I = re.compile("(?<=[aeou])i(?=[^aeiouy]|$)")
_DOUBLE_I = re.compile("i{2,}")
_SLAVIC = re.compile("(?:wka|ska|sk)$|shsh")


def fold(word: str) -> str:
    """``word`` with its y/i romanisation shapes read as one (see the module doc)."""
    if ("y" not in word and "i" not in word) or not _SLAVIC.search(word):
        return word
    word = _CONSONANT_Y.sub("i", word)
    word = _GLIDE.sub("", word)
    word = _AFTER_VOWEL_YI.sub("y", word)
    word = _DIPHTHONG_I.sub("y", word)
    return _DOUBLE_I.sub("i", word)
