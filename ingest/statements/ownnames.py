"""A state's adjective before a body's own name names that body, not the state
("the Lebanese Hezbollah group", "Sudan's paramilitary Rapid Support Forces",
"Syrian Democratic Forces"): the party speaks, so bystanders.py leaves its stance.
A state's office after the adjective ("the Turkish Ministry of Defense", "Syrian
state media", "a Lebanese security source", "Lebanon's state-run National News
Agency") still names the state (LABELLING_GUIDE, stance rule and series X)."""

import re

# Words of a state's offices, forces and media: with one of them the words after
# the adjective name the state ("Ministry of Defense", "General Staff", "state-run").
_OFFICES = frozenset({
    "state", "state-run", "state-owned", "official", "officials", "government",
    "authorities", "authority", "ministry", "ministries", "minister", "president",
    "presidential", "presidency", "prime", "cabinet", "parliament", "army",
    "military", "armed", "defense", "defence", "foreign", "interior", "health",
    "information", "police", "security", "intelligence", "general", "staff",
    "joint", "command", "air", "navy", "naval", "border", "coast", "guard",
    "guards", "national", "emergency", "civil", "public", "embassy", "ambassador",
    "envoy", "spokesman", "spokeswoman", "spokesperson", "source", "sources",
    "media", "television", "tv", "radio", "news",
})  # fmt: skip
_WORD = re.compile(r"[\w'’.-]+")


def names_a_body(rest: str) -> bool:
    """Whether ``rest``, the words after a state's adjective in a speaker ("Hezbollah
    group", "paramilitary Rapid Support Forces (RSF)"), opens with a capitalised name:
    a capitalised word comes before any word of a state's office ("state-run National
    News Agency" is the state's; "Hezbollah group's Al-Manar television" Hezbollah's)."""
    for word in _WORD.findall(re.split(r"[,(]", rest, maxsplit=1)[0]):
        if word.lower().strip(".") in _OFFICES:
            return False
        if word[0].isupper():
            return True
    return False
