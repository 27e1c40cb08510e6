"""Words that name a story's country without its name: the armed groups of one
country's war, its people's adjective, the press's short name.

"Hezbollah said it fired …", "the Lebanese army said", "M23 rebels seized …", "the
RSF shelled …", "in eastern Congo": each counts for its country when the article's
country is detected (``ingest.country.country``), as a people's adjective does
(``ingest.reading.wire._PRESS_NAMES``). A group fighting in several countries is no cue (ISIS,
al-Qaeda, Wagner, Boko Haram across the Lake Chad countries). The home country, when
named, still wins (``country.candidates``), so a Syrian story naming Hezbollah or
Lebanese villages stays Syrian; a neighbour's cue only lets its gazetteer compete.
"""

import re

from ingest.reading import cues

# code -> the words that name it (a group's name and its fighters' adjective). Only a
# group whose war is in one country.
_GROUPS = {
    "LB": r"Hezbollah|Hizbollah|Hizbullah|Hizballah|Lebanese",
    "YE": r"Houthis?|Huthis?|Ansar ?Allah",
    "SD": r"RSF|Rapid Support Forces|Janjaweed",
    "CD": (
        r"M23|(?<!Republic of )(?<!Republic of the )(?<!DR )"
        r"Congo(?![- ]Brazzaville|\s+Republic)"
    ),
    "ML": r"JNIM",
    "SO": r"al-Shabaab|al-Shabab|Al Shabaab|Al-Shabab",
    "MM": r"Tatmadaw",
}
_CUES = re.compile(
    cues.guarded(
        r"\b(?:"
        + "|".join(rf"(?P<{code}>(?:{words})\b)" for code, words in _GROUPS.items())
        + r")(?![-‑]\w)",  # "Iraqi-born", "Lebanese-based": no cue
        0,
    )
)


def counts(text: str) -> dict[str, int]:
    """How often the text names each country by one of these cues: "Congo" each time
    (the country's name), a group or adjective once however often it recurs (the
    story's actor: "Hezbollah said …" five times in a story about strikes on Israel
    does not outweigh Israel named six times)."""
    found: dict[str, int] = {}
    groups: set[str] = set()
    for match in _CUES.finditer(text):
        code = match.lastgroup
        if match.group(0) == "Congo":
            found[code] = found.get(code, 0) + 1
        elif code not in groups:
            groups.add(code)
            found[code] = found.get(code, 0) + 1
    return found
