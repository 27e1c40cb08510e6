"""Hedges: what keeps a cue from reporting an act (intent, habit, a supposition, a
duration summed up, a toll word used as an adjective, people or gear captured rather
than ground). The cues themselves are in ingest/kinds/rules.py."""

import re

from ingest.reading import cues

TERRITORY = frozenset(
    {"government-regains-territory", "non-state-actor-overtakes-territory"}
)
# Intent, future, habit and supposition are not events ("seeks to recapture"); "May 8"
# is a day, not the modal.
HEDGE = cues.compiled(
    r"\b(?:seeks? to|seeking to|aims? to|aiming to|plans? to|planning to|plotting to|"
    r"intends? to|will|would|could|might|may(?!\.?\s+\d)|threat(?:en(?:s|ed|ing)?|s)? to|to be|"
    r"attempts? to|"
    r"trying to|tries to|try to|in order to|to prevent|frequently|repeatedly|regularly|"
    r"usually|often|constantly|continuously|routinely|can|cannot|"
    # "occasional violations occur due to clashes … and airstrikes": now and then
    r"occasionally|occasional|sometimes|from time to time|"
    r"is supposed to|are supposed to|vowed to|pledged to|wants? to|do(?:es)? not want|"
    r"warn(?:s|ed)? (?:of|that|against)|preparing to|prepare to|expected to|"
    r"continues? to|continued to|unclear|not clear|whether|in preparation (?:to|for)|"
    r"(?:has|have) carried out (?:\d+|several|many|dozens|hundreds)|"
    # a condition or a call, no act: "in the event of an Israeli strike", "poised
    # to", "called for an immediate end to fighting" (series R)
    r"in the event of|in case of|poised to|ready to|"
    r"(?:an? |the )?(?:immediate |complete |total )?(?:end|halt|stop|cessation) (?:to|of))\b"
)
# A frequency, no one act, wherever it stands in the clause: "shelled the towns of the
# valley on almost a daily basis", "were shelled dozens of times".
_FREQUENCY = cues.compiled(
    r"\bon (?:almost |nearly )?an? (?:near-)?(?:daily|nightly|weekly|regular) basis\b|"
    r"\b(?:almost|nearly) (?:daily|every day)\b|\bday after day\b|"
    r"\btime and (?:time )?again\b|\b(?:dozens|scores|hundreds) of times\b"
)
# "an offensive to capture the town": the capture is the aim (hedges the cue it is
# part of or that follows it, not an offensive before it).
_INTENT = cues.compiled(
    r"\bto (?:take|capture|seize|retake|recapture|regain|storm|control)\b"
)
# Going on, or for a while: "are bombing the region", "has been shelling civilians".
_PROGRESSIVE = cues.compiled(
    r"\b(?:(?:is|are)(?:\s+(?:still|now|also))?|(?:has|have)\s+been)\s+"
    r"(?!going\b|being\b)\w+ing\b"
)
# "Wounded soldiers were brought to...", "the injured were taken to hospital".
_TOLL_WORD = cues.compiled(r"^(?:wounded|injured)$")
_HARMED_PEOPLE = cues.compiled(
    r"\s+(?:soldiers|fighters|members|troops|personnel|men|women|people|persons|"
    r"civilians|children|man|woman|child|person|individuals|victims)\b"
)
# "Months of air strikes", "years of shelling": a period summed up, no incident.
_DURATION = cues.compiled(r"\b(?:weeks|months|years|decades) of (?:[\w-]+ ){0,3}$")
# "we thought they were airstrikes": a supposition the sentence then corrects.
_SUPPOSED = cues.compiled(
    r"\b(?:thought|believed|assumed) (?:it|they|that|this) (?:was|were)\b"
)
# What was captured is people or gear, not ground: "captured a number of fighters".
_TAKEN_THINGS = cues.compiled(
    r"\s+(?:(?:a number of|dozens of|scores of|several|some|\d[\d,]*|one|two|three|"
    r"a lot of|lots of|large (?:quantities|amounts|numbers) of|quantities of|"
    r"four|five|six|seven|eight|nine|ten)\s+)?(?:[\w-]+\s+){0,2}?(?:fighters|soldiers|"
    r"militants|members|prisoners|hostages|men|people|others|vehicles|weapons|arms|"
    r"tanks|ammunition|equipment|rebels|combatants|militiamen|gunmen)\b"
)
# A campaign's gains summed up, no one place and day: "retook much of Aden this
# month", "seized control of large areas in Sahl al-Ghab", "captured most areas".
_SWATHES = cues.compiled(
    r"\s+(?:control (?:of|over) )?(?:much of|most (?:of )?|large (?:parts|areas|"
    r"swathes|swaths|tracts)|(?:vast|wide|huge) (?:areas|swathes|swaths)|swathes of|"
    r"swaths of|parts of|more territory|territory)\b"
)
# Aircraft seen in the sky, no strike told: "the presence of Russian fighter jets
# flying in the skies over Mare' and Azaz", "drones hovering over the region".
_AIRCRAFT = cues.compiled(
    r"^(?:(?:\w+ )?jets?|warplanes?|aircraft|helicopters?|drones?|planes?)$"
)
_OVERFLIGHT = cues.compiled(
    r"\s+(?:\w+\s+){0,2}?(?:flying|flew|fly|flies|hover(?:ing|ed|s)?|circl(?:ing|ed|es)|"
    r"roam(?:ing|ed)|seen|spotted|overfl(?:ying|ew)|in the sk(?:y|ies))\b"
)
_STRUCK = cues.compiled(
    r"\b(?:struck|strikes?|hit|bombed|bombing|targeted|targeting|raids?|fired|"
    r"dropped|shelled|killed|destroyed)\b"
)
# A habit named right before the cue: "launched daily artillery and drone strikes",
# "near-daily attacks" (a newspaper, "the daily Al-Watan", is capitalised after it).
_HABITUAL = cues.compiled(
    r"\b(?:near-|almost )?(?:daily|nightly|weekly)\s+(?:(?-i:[a-z])[\w-]*\s+){0,3}$"
)
# Shot down before it hit anything: "one X-59 missile ... was also downed", "drones
# were intercepted over the region"; a hit told beside it keeps the strike (series R).
_INTERCEPTED = cues.compiled(
    r"\b(?:shot down|downed|intercept(?:ed|s|ing)?|(?:destroyed|neutrali[sz]ed) "
    r"(?:in|over) the (?:air|sky|skies))\b"
)
_LANDED = cues.compiled(
    r"\b(?:hit|hits|struck|damag\w*|killed|injur\w*|wound\w*|fires?|debris|fell|"
    r"fallen|landed|crashed|exploded|casualties)\b"
)
# A target named keeps it an attack on that place: "shot down Israeli missiles
# launched at the Damascus countryside".
_AIMED = cues.compiled(
    r"\b(?:launched|fired|aimed|directed|sent|headed)\s+(?:at|on|towards?|against)\b"
)
_MISSILES = frozenset({"air-drone-strike", "shelling-artillery-missile-attack"})
# A civilian building stormed is an attack on the people inside, not ground taken:
# "gunmen stormed the Bethel Baptist High School", "stormed a hotel" (ingest/kinds/rules.py);
# a station, base or office stormed stays a battle (guide part B: an attack on security
# forces' sites is a clash).
BUILDING = cues.compiled(
    r"\s+(?:an?\s+|the\s+|their\s+|its\s+)?(?:[\w'’-]+\s+){0,4}?(?:school|college|"
    r"university|hostel|dormitory|church|mosque|hospital|clinic|hotel|house|home|"
    r"homes|houses|market|bank|restaurant|shop|factory)\b"
)
STORMED = cues.compiled(r"^storm(?:ed|s|ing)?$")
# The people taken, named by what was done to them, when the news is their rescue:
# "efforts to rescue dozens of abducted college students", "27 people kidnapped by
# gunmen from a school ... were rescued" (series R).
_TAKEN = cues.compiled(r"^(?:abducted|kidnapped)$")
_AS_NOUN_BEFORE = cues.compiled(
    r"\b(?:of|the|those|these|their|all|other|remaining|freed|released|rescued)\s+$"
)
_NOUN_AFTER = cues.compiled(r"\s+(?-i:[a-z])[\w-]*\s*(?:[\w-]+\s*)?(?-i:[a-z])")
_REDUCED_BY = cues.compiled(r"\s+by\b")
_NOT_VERB_BEFORE = cues.compiled(r"\b(?:was|were|been|being|is|are|be)\s+$")
_RESCUED = cues.compiled(
    r"\b(?:was|were|have been|had been|has been)\s+(?:\w+\s+)?(?:rescued|freed|"
    r"released|returned|found)\b"
)


# Where the part of a clause a cue stands in begins: "…, so forces can constantly
# target the roads with artillery shelling" (the modal governs the whole part).
_PART_BOUNDARY = cues.compiled(r"[,;:—–]\s|\b(?:so|but|while|because|whereas)\s")


def _part_start(clause: str, at: int) -> int:
    """The start of the hedge window: 60 characters before the cue, or the start of
    its part of the clause when that is further back."""
    bounds = [m.end() for m in _PART_BOUNDARY.finditer(clause, 0, at)]
    return max(0, min(at - 60, bounds[-1] if bounds else 0))


def _rescued_people(clause: str, match: re.Match[str]) -> bool:
    before = clause[max(0, match.start() - 25) : match.start()]
    if _AS_NOUN_BEFORE.search(before) and _NOUN_AFTER.match(clause, match.end()):
        return True  # "dozens of abducted college students"
    return (
        not _NOT_VERB_BEFORE.search(before)
        and _REDUCED_BY.match(clause, match.end()) is not None
        and _RESCUED.search(clause, match.end()) is not None
    )  # "27 people kidnapped by gunmen from a school ... were rescued"


def reported(clause: str, match: re.Match[str], slug: str) -> bool:
    """The cue reports an act: not hedged ("seeks to capture"), and a toll word is no
    adjective ("wounded soldiers were brought to hospital")."""
    if HEDGE.search(clause, _part_start(clause, match.start()), match.end() + 25):
        return False
    if _FREQUENCY.search(clause, _part_start(clause, match.start())):
        return False  # "shelled the towns on almost a daily basis"
    if _SUPPOSED.search(clause, max(0, match.start() - 30), match.start()):
        return False  # "we thought they were airstrikes but ... mortar shells"
    if _DURATION.search(clause[max(0, match.start() - 40) : match.start()]):
        return False  # "Months of air strikes ... began to pay off"
    if _INTENT.search(clause, max(0, match.start() - 60), match.end()):
        return False
    if _PROGRESSIVE.search(clause, max(0, match.start() - 40), match.end()):
        return False  # "are bombing the region", "has been shelling civilians"
    if _HABITUAL.search(clause[max(0, match.start() - 50) : match.start()]):
        return False  # "daily artillery and drone strikes on the town"
    if (
        slug in _MISSILES
        and _INTERCEPTED.search(clause)
        and not (_LANDED.search(clause) or _AIMED.search(clause))
    ):
        return False  # "one X-59 missile launched from Kursk was also downed"
    if _TAKEN.match(match.group(0)) and _rescued_people(clause, match):
        return False  # "to rescue dozens of abducted college students"
    if (
        slug == "air-drone-strike"
        and _AIRCRAFT.match(match.group(0))
        and _OVERFLIGHT.match(clause, match.end())
        and not _STRUCK.search(clause)
    ):
        return False  # "jets flying in the skies over Azaz": seen, not striking
    if slug in TERRITORY and (
        _TAKEN_THINGS.match(clause, match.end()) or _SWATHES.match(clause, match.end())
    ):
        return False  # "captured a number of fighters", "retook much of Aden"
    if slug == "explosions-remote-violence" and _TOLL_WORD.match(match.group(0)):
        before = clause[max(0, match.start() - 4) : match.start()].lower()
        if before == "the " or _HARMED_PEOPLE.match(clause, match.end()):
            return False
    return True
