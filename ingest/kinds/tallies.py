"""Tolls and trends told as restated news (background.restated, ingest/kinds/background.py,
asks these): a cumulative toll or statistic over a period ("the war, which has killed
…", "since 2011", "displaced since"), a tally summed over days, and a trend the
sentence sums up ("amid a surge of attacks"). Split from ingest/kinds/background.py."""

import re

from ingest.reading import cues

# A war's running toll, no incident: "hundreds of civilians have been killed", "the
# civil war, which has killed over 4,300 people".
_CUMULATIVE = cues.compiled(
    r"\b(?:hundreds|thousands|tens of thousands|hundreds of thousands|millions) of "
    r"(?:[\w-]+ ){0,4}(?:have|has|had) been (?:killed|wounded|injured)\b|"
    r"\b(?:war|conflict|crisis|uprising|revolution|violence|insurgency)\b,?"
    r"(?: which| that)?(?: [\w-]+){0,3} (?:has|have|had) (?:so far |now )?"
    r"(?:killed|left)\b|"
    # a past war's toll: "The 33-day conflict in the summer of 2006 killed 1,200"
    r"\b(?:war|conflict|uprising|insurgency)\b(?: [\w-]+){0,6} (?:killed|left) "
    r"(?:more than |over |about |some |around |at least |nearly )?\d"
)

# A toll or count over a period, no incident (ACLED codes incidents, not statistics):
# "Since July 13, at least 638 people have been killed", "As of 7 May, 133,831 people
# have been displaced", "During the reporting period 1,134 people were injured", "the
# death toll has reached 130 since the beginning of 2022", "killing thus far 205".
_STATISTIC_BODY = (
    r"\bsince (?:the (?:beginning|start|outbreak) of|early|mid-?|late)\b|"
    r"\bas of (?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\b)|"
    r"\b(?:during|in|over) the (?:reporting|reported|covered) period\b|"
    r"\btolls? (?:[\w-]+ ){0,8}(?:has|have) (?:reached|risen|climbed|rose)\b|"
    # "The total number of victims ... has increased to 27,365 deaths"
    r"\b(?:total|overall|cumulative) (?:number of |death )?(?:victims|deaths|dead|"
    r"casualties|toll)\b[^.;]{0,60}?\b(?:has|have) (?:increased|risen|rose|climbed|"
    r"reached|grown)\b|"
    r"\b(?:killing|killed|dead|deaths|casualties|wounded|injured|displaced) "
    r"(?:[\w-]+ ){0,2}(?:thus|so) far\b|\b(?:thus|so) far (?:killed|killing|left)\b|"
    r"\bin (?:\d+|several|dozens of|a series of) (?:[\w-]+ )?"
    r"(?:operations|attacks|incidents|strikes|raids)\b|"
    # a side's running toll: "Israel has killed more than 34,300 Palestinians since"
    r"\b(?:has|have) (?:so far |now )?(?:killed|wounded|injured|displaced) "
    r"(?:[\w-]+ ){0,3}\d[\d,.]{2,} (?:[\w-]+ ){0,3}since\b|"
    # ... or in thousands, since nothing said: "In its war on Gaza, Israel has killed
    # at least 37,900 Palestinians" (no incident kills thousands)
    r"\b(?:has|have) (?:so far |now )?(?:killed|wounded|injured|displaced) "
    r"(?:[\w-]+ ){0,3}\d{1,3}(?:,\d{3})+\b|"
    # incidents counted: "Eleven clashes have already taken place during the first week"
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens of|"
    r"scores of|hundreds of) (?:[\w-]+ )?(?:clashes|attacks|strikes|raids|incidents|"
    r"violations|breaches|explosions) (?:have|has|had) (?:already )?(?:taken place|"
    r"occurred|been (?:recorded|reported|documented|registered|carried out))\b|"
    # a rate: "attacks increasing almost 75 percent this year"
    r"\b(?:increas|decreas|ris|drop|fell|fall|jump|surg|doubl)\w* (?:by )?(?:almost |"
    r"nearly |about |some |around |over |more than )?\d+(?:\.\d+)? ?(?:percent|per "
    r"cent|%)|"
    # a country's count: "1.2 million people have been displaced", "last year"
    r"\b\d[\d.,]*\s+million (?:[\w-]+ ){0,3}(?:have|has) been (?:displaced|killed|"
    r"uprooted|forced)\b|\b(?:last|the previous) year\b"
)
# The same alternatives after "^\W*since\b": the body guarded on its own (a pattern
# opening with "^" is left unguarded, so all its alternatives were tried at every
# character of the sentence).
_STATISTIC = re.compile(r"^\W*since\b|" + cues.guarded(_STATISTIC_BODY), re.I)
# A period summed up beside a toll or a displacement: "killed over the past two days",
# "refugees who left other parts of Aden in the last two months", "displaced during
# the decade-long civil war".
_OVER_A_PERIOD = cues.compiled(
    r"\b(?:in|over|during) the (?:last|past) (?:\w+ )?(?:days|weeks|months|years)\b|"
    r"\b(?:over|in|during) the (?:past|last) (?:year|month|week)\b|"
    r"\bduring the (?:[\w-]+ ){0,3}(?:war|conflict|uprising|revolution|crisis)\b"
)
_TOLL_CUES = frozenset(
    ["killed", "wounded", "injured", "casualties", "displaced", "displacement",
     "refugees", "fled", "dead"]
)  # fmt: skip
# One day named: an incident, whatever else the sentence sums up.
_ONE_DAY = cues.compiled(
    r"\b(?:on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"yesterday|today|tonight|last night|this (?:morning|afternoon|evening))\b"
)


# Violence summed up over several places or a run of days, whatever day is named
# (ACLED codes each incident, not the sum): "air raids in several townships",
# "15 people were arrested ... during two days of military operations", "multiple
# Boko Haram attacks targeting two villages and a camp", "displaced over 12 million".
_SUMMED = cues.compiled(
    r"\b(?:in|across|on) (?:several|many|multiple|various|a number of|different|"
    r"other|numerous) (?:[\w-]+ )?(?:townships|villages|towns|districts|areas|"
    r"provinces|regions|cities|localities|locations|neighbou?rhoods|governorates|"
    r"counties|communities)\b|"
    r"\b(?:during|over|in) (?:the )?(?:two|three|four|five|six|seven|several|\d+) "
    r"days of (?:[\w-]+ ){0,2}(?:operations|raids|campaigns?|offensives?)\b|"
    r"\bin (?:multiple|several|numerous|a string of|a wave of|a spate of) "
    r"(?:[\w-]+ ){0,2}(?:attacks|strikes|raids|assaults|bombings)\b|"
    r"\b(?:displac\w*|uproot\w*|kill\w*|deaths of) (?:over |more than |about |around |"
    r"nearly |some |at least |almost )?(?:\d[\d.,]*\s+million|tens of thousands|"
    r"hundreds of thousands|millions)\b|"
    r"\b\d[\d.,]*\s+million (?:[\w-]+ ){0,2}(?:displaced|uprooted|refugees)\b"
)
# Displacement as the state of a region, not people leaving now: "a region already
# marred by famine and mass displacement".
_STANDING_DISPLACEMENT = cues.compiled(
    r"\b(?:mass|widespread|large-scale|massive|protracted|chronic)\s+$|"
    r"\b(?:marred|plagued|ravaged|scarred|hit|burdened) by (?:[\w-]+ ){0,3}$"
)


def statistic(sentence: str, start: int, end: int) -> bool:
    """True when the cue at sentence[start:end] counts a period, not an incident:
    a running toll since a date, a situation report's period, a count of operations;
    a toll or displacement "over the past two days"; violence summed up over several
    places or days. A sentence naming a day ("on Monday") reports an incident, unless
    it sums up several places or days."""
    if _SUMMED.search(sentence):
        return True
    if sentence[start:end].lower() in {"displaced", "displacement"} and (
        _STANDING_DISPLACEMENT.search(sentence[max(0, start - 40) : start])
    ):
        return True
    if _ONE_DAY.search(sentence):
        return False
    if _STATISTIC.search(sentence):
        return True
    return sentence[start:end].lower() in _TOLL_CUES and bool(
        _OVER_A_PERIOD.search(sentence)
    )


# A trend summed up, no incident (labelling guide rule 3, habitual statements): "Turkey
# has increased its shelling and drone strikes …, including near Derik, Tel Tamir, Ain
# Issa", "the army has escalated its bombing campaign", "amid intensified shelling".
_TREND = cues.compiled(
    r"\b(?:has|have|had)\s+(?:[\w-]+ly\s+)?(?:increased|intensified|escalated|"
    r"stepped up|ramped up|expanded|scaled up|redoubled|continued)\s+"
    r"(?:(?:its|their|the|his|her)\b|(?:[\w-]+\s+)?(?:air ?strikes|attacks|shelling|"
    r"bombardment|raids|strikes|operations)\b)"
)
_AMID = cues.compiled(
    r"\b(?:amid|amidst|during|as part of)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?"
    r"(?:increased|increasing|intensified|intensifying|escalating|escalated|growing|"
    r"stepped-up|heightened|mounting|ongoing|continued|continuing|renewed|"
    r"recent|frequent|repeated|daily|regular)\b"
)
# "After SDF fighters recaptured the prison …, Turkey has increased its shelling": the
# leading clause dates the trend; it is no new incident either.
_LEADING = cues.compiled(r"^\W*(?:after|following|since|ever since)\b")


def trend(sentence: str, start: int) -> bool:
    """True when the cue at sentence[start:] belongs to a trend summed up ("has
    increased its shelling … including near A, B, C"; "amid intensified strikes"), or
    to a leading "After …" clause that dates such a trend."""
    summed = _TREND.search(sentence)
    if summed is not None and (start >= summed.start() or _LEADING.match(sentence)):
        return True
    return _AMID.search(sentence, 0, start) is not None
