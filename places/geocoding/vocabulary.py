"""Word lists of place queries: descriptors, region words, directions, non-places."""

# Words that describe a place but do not name one ("the Humaymat hilltops").
DESCRIPTORS = frozenset(
    [
        "the",
        "of",
        "in",
        "near",
        "outskirts",
        # "areas around the village of Majduliya", "the vicinity of Saraqib"
        "around",
        "areas",
        "vicinity",
        "surroundings",
        "surrounding",
        "environs",
        "village",
        "villages",
        "town",
        "city",
        "hill",
        "hills",
        "hilltop",
        "hilltops",
        "heights",
        "mount",
        "mountain",
        "area",
        "region",
        "countryside",
        "province",
        "governorate",
        "district",
        "subdistrict",
        "camp",
        "base",
        "airbase",
        "airport",
        "crossing",
        "border",
        "front",
        "frontline",
        "plain",
        "rural",
        "countryside",
        "suburb",
        "suburbs",
        "sub",
        "nahiya",
        "nahiyah",
        "nahiyat",
        "muhafazat",
        "muhafazah",
        "oblast",
        "raion",
        "state",
        "airfield",
        "dam",
        "mountains",
        # "the al-Akrad mountainous area", "the Hanano barracks"
        "mountainous",
        "barracks",
        "military",
        "greater",
        "air",
        "heliport",
        "helipad",
        "international",
        "naval",
        "facility",
        "garrison",
        # The same words in German, French and Spanish wire copy.
        "luftwaffenbasis",
        "militarbasis",
        "aerienne",
        "aerea",
        "militaire",
        "militar",
    ]
)

# Latin words that say the place is a region (answered at precision 3, never a town).
REGION_WORDS = frozenset(
    ["countryside", "province", "governorate", "muhafazat", "muhafazah", "oblast",
     "rural", "region", "state", "greater"]
)  # fmt: skip

# Direction words: "northern Hama" names a region of Hama, not Hama.
DIRECTIONS = frozenset(
    [
        "north",
        "northern",
        "south",
        "southern",
        "east",
        "eastern",
        "west",
        "western",
        "central",
        "northwest",
        "northwestern",
        "northeast",
        "northeastern",
        "southwest",
        "southwestern",
        "southeast",
        "southeastern",
        # German and French wire copy ("Nord-Latakia", "le sud d'Idlib").
        "nord",
        "sud",
        "ost",
        "ouest",
        "nordwest",
        "nordost",
        "sudwest",
        "sudost",
        "nordouest",
        "sudouest",
    ]
)

# Demonyms and other adjectives that are not places on their own.
NOT_PLACES = frozenset(
    [
        "syrian",
        "syrians",
        "russian",
        "russians",
        "turkish",
        "iranian",
        "iraqi",
        "israeli",
        "lebanese",
        "american",
        "kurdish",
        "arab",
        "opposition",
        "regime",
        "government",
        "rebel",
        "rebels",
        "jihadist",
        "unknown",
    ]
)

# "Nuseirat refugee camp", "Atmeh IDP camp": who lives in a camp does not name it.
# Only before "camp": elsewhere ("Syrian refugees") ingest's name spans read the word.
CAMP_DWELLERS = frozenset(
    ["refugee", "refugees", "displaced", "displacement", "idp", "idps"]
)
