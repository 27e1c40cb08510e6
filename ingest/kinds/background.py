"""Restated news: a cue that names an earlier or continuing state of the war, not
this report's incident ("comes three days after", "which was captured", "the war,
which has killed …", "the capture of X" in passing). Tolls and trends told over a
period are read in ingest/kinds/tallies.py."""

import datetime as dt

from ingest.kinds import rules
from ingest.kinds.tallies import (
    _CUMULATIVE,
    _ONE_DAY,
    _TOLL_CUES,
    statistic,
    trend,
)
from ingest.reading import cues
from ingest.when import dates

# "X, which was captured by rebels in 2016", "these towns were captured by the
# opposition": the places' standing, described; not this report's news.
_DESCRIBED_CAPTURE = cues.compiled(
    r"\b(?:these|those|which|that)\s+(?:[\w-]+\s+){0,2}(?:was|were|had been|"
    r"has been|have been)\s+$"
)
# "the capture of X" with no date of its own: named in passing, background.
_NOMINAL = cues.compiled(r"\b(?:the|its|their|his|her)\s+$")
_FIGHT_FOR = cues.compiled(r"\s+(?:for|over)\b")
# An undated earlier time: "had previously seized", "in recent months captured".
_VAGUE_PAST = cues.compiled(
    r"\b(?:previously|formerly|in the past|in recent (?:weeks|months|years)|"
    r"earlier this (?:year|month))\b"
)
# Done since an earlier act, undated: "The military has since retaken the towns" (not
# "has since Monday shelled").
_SINCE_DONE = cues.compiled(
    r"\b(?:has|have|had) since (?!then\b)(?=[a-z]+(?:ed|en|wn|ook|ew|ught|ot)\b)"
)


# A span of violence summed up: "halting three months of deadly regime and Russian
# bombardment", "after two weeks of fighting" (a campaign, no incident of its own).
# Days are left out: "two days of fighting in Tripoli killed 32" is one incident.
_SPAN_OF = cues.compiled(
    r"\b(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|"
    r"(?:a )?few) (?:more )?)?(?:weeks|months|years) of (?:[\w-]+ ){0,5}$"
)
# A finding about an earlier incident: "a report released Saturday revealing that an
# Israeli helicopter opened fire …", "an investigation found that …".
_FINDING = cues.compiled(
    r"\b(?:report|investigation|inquiry|study|probe|review|court|tribunal|judges?|"
    r"chamber|jury|panel)\b[^.;]{0,60}?\b"
    r"(?:reveal(?:s|ed|ing)|show(?:s|ed|ing)|found|finding|conclud(?:es|ed|ing))"
    r"\s+that\b"
)


# A verdict or a charge names crimes of its own earlier time, no incident: "was
# convicted for his role in the shelling of civilians in Sarajevo", "sentenced ... for
# war crimes", "indicted for the bombing" (court news, series R).
_LEGAL = cues.compiled(
    r"\b(?:convicted|sentenced|acquitted|indicted|(?:found|pleaded|pled) (?:not )?"
    r"guilty|charged with|on trial|stood trial|tried)\b[^.;]{0,80}?\b(?:of|for|with|"
    r"over)\b"
)


# A place's or war's history, no incident: "Donetsk region has seen some of the
# heaviest fighting since …", "the fighting in Sudan has raged unabated".
_HISTORY = cues.compiled(
    r"\b(?:has|have|had) (?:seen|witnessed|experienced|suffered|endured|been the "
    r"(?:scene|site) of)\b"
)
_RAGED = cues.compiled(
    r"\s*(?:[\w-]+\s+){0,4}?(?:has|have|had) (?:raged|persisted|gone on|dragged on|"
    r"continued (?:unabated|for))\b"
)
# Violence summed up as going on, no day named: "The ongoing strikes have caused
# significant damage", "relentless bombardment".
_ONGOING = cues.compiled(
    r"\b(?:ongoing|continuing|continued|relentless|constant|incessant|daily|"
    r"repeated|frequent|sporadic|intermittent)\s+(?:[\w-]+\s+)?$"
)
# An agreement's terms restated: "Under the ceasefire, warring sides have agreed to
# cease hostilities …".
_TERMS = cues.compiled(
    r"^\W*under (?:the|a|an|this|that|its) (?:[\w'’-]+ ){0,5}?(?:agreement|deal|"
    r"cease-?fire|truce|accord|plan|arrangement|memorandum)s?\b"
)
# A toll restated: "According to an initial toll, around 20 people have been killed".
_TALLY = cues.compiled(
    r"\b(?:initial|preliminary|provisional|final|latest|updated|new) (?:death )?"
    r"tolls?\b|\baccording to (?:an?|the) (?:[\w-]+ )?tolls?\b"
)
# Said not to have happened: "there had been no fighting in the area".
_NEGATED = cues.compiled(
    r"\b(?:no|without|never|not any)\s+(?:[\w-]+\s+)?$|"
    r"\bno (?:reports?|word|news|sign|record) of (?:any )?$"  # "no reports of any casualties"
)
# Air or artillery support of a ground action, undated: "Syrian forces, supported by
# Russian air strikes, …", "backed by the heavy airstrikes of the Russian aviation".
_SUPPORT = cues.compiled(
    r"\b(?:(?:backed|supported|covered|assisted|aided|helped) by|(?:with|under) "
    r"(?:the )?(?:support|cover|backing|help) of)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$"
)
_A_DAY = cues.compiled(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|"
    r"tonight|last night)\b"
)
_SUPPORT_TYPES = frozenset({"air-drone-strike", "shelling-artillery-missile-attack"})
# Fighters who fled withdrew; they were not displaced: "The rebels fled the town".
_RETREAT = cues.compiled(
    r"\b(?:rebels|fighters|militants|insurgents|troops|soldiers|gunmen|attackers|"
    r"assailants|jihadists|militiamen|terrorists)\s+(?:[\w-]+\s+){0,2}$"
)


# The war summed up along a whole front, no place: "Fighting continued all over the
# front line throughout May 17", "fighting is happening on many fronts".
_WHOLE_FRONT = cues.compiled(
    r"\b(?:all (?:over|along|across)|across|along) the (?:entire |whole )?front"
    r"(?:[- ]?lines?)?\b(?! (?:near|in|at|of|around|outside) )|"
    r"\bon (?:all|many|several|multiple|various|different) fronts\b"
)
# A situation named, not people leaving now: "the world's largest displacement and
# hunger crisis".
_CRISIS = cues.compiled(
    r"\s+(?:and\s+[\w-]+\s+)?(?:crisis|crises|catastrophe|emergency)\b"
)


# Violence named as one cause of a situation, no incident: "Israeli restrictions,
# fighting and the breakdown of public order have hindered the delivery of aid", "as
# deadly attacks, fresh displacement, and a spreading cholera outbreak compound civilian
# suffering".
_CONSEQUENCE = cues.compiled(
    r"[^.;:]{0,70}?\b(?:hinder|hamper|compound|worsen|exacerbat|aggravat|impede|"
    r"obstruct)\w*\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:delivery|deliveries|access|"
    r"suffering|situation|crisis|conditions|efforts?|work|aid|relief|operations|"
    r"response|needs)\b"
)


def _told_aside(sentence: str, start: int, end: int, slug: str) -> bool:
    """The cue is told as history, a cause, a situation's cause, an agreement's
    terms, a toll restated, something that did not happen, support of another act,
    or a retreat."""
    if _HISTORY.search(sentence, 0, start) or _RAGED.match(sentence, end):
        return True
    if _TERMS.match(sentence):
        return True
    if _CONSEQUENCE.match(sentence, end) and not _ONE_DAY.search(sentence):
        return True  # "fighting ... have hindered the delivery of aid"
    if _ONGOING.search(sentence[max(0, start - 30) : start]) and not _ONE_DAY.search(
        sentence
    ):
        return True
    cue = sentence[start:end].lower()
    if cue in _TOLL_CUES and _TALLY.search(sentence):
        return True
    if _NEGATED.search(sentence[max(0, start - 25) : start]):
        return True
    if (
        slug in _SUPPORT_TYPES
        and _SUPPORT.search(sentence[max(0, start - 60) : start])
        and not _A_DAY.search(sentence)  # "backed by airstrikes, Thursday, …": told
    ):
        return True
    if _WHOLE_FRONT.search(sentence):
        return True
    return slug == "displacement" and bool(
        _RETREAT.search(sentence[max(0, start - 40) : start])
        or _CRISIS.match(sentence, end)
    )


# A relative clause that tells a place's earlier standing ("Saraqeb, which was seized
# by the Syrian army earlier this month") or an act's cause ("in retaliation for
# government attacks on Homs"): its places and dates are no event's.
_EARLIER_WHICH = cues.compiled(
    r",\s+(?:which|that|who)\s+(?:was|were|had been|has been|have been)\s+[^,;.]*?"
    r"\b(?:earlier|previously|last (?:week|month|year)|ago|in (?:19|20)\d{2}|"
    r"since)\b[^,;]*"
)


# What an act answers: "rebels shelled al-Foua in retaliation for government attacks
# on areas nearby and in the city of Homs": Homs is the cause's place, not the act's.
# (rules.classify already reads no event in it, ingest/kinds/typecues.py); "in response to"
# is left out: a report may tell the act answered as that day's news.
_CAUSE = cues.compiled(
    r"\b(?:in\s+)?(?:retaliation|revenge|reprisal|vengeance)\s+(?:for|against)\b"
    r"[^,;.]*"
)


def asides(sentence: str) -> list[tuple[int, int]]:
    """Spans of the sentence that tell earlier news beside its own: a relative clause
    about a place's earlier capture, an act's cause ("in retaliation for attacks on
    A", to the next comma); the place a clause describes counts in it when
    nothing follows the clause."""
    spans = [(m.start(), m.end()) for m in _CAUSE.finditer(sentence)]
    for match in _EARLIER_WHICH.finditer(sentence):
        tail = sentence[match.end() :].strip(" .\"”'")
        antecedent = match.start()
        if not tail:  # "…, a gateway to Saraqeb, which was seized earlier"
            antecedent = max(0, sentence.rfind(" ", 0, max(0, match.start() - 25)))
        spans.append((antecedent, match.end()))
    return spans


def restated(sentence: str, start: int, end: int, slug: str) -> bool:
    """True when the cue at sentence[start:end] restates earlier news: after "comes
    three days after", a capture described in the passive of a relative clause,
    "the fighting for X" (a whole campaign), or a war's running toll."""
    earlier = rules.earlier_news(sentence, start)
    if earlier is not None:
        return True
    if _told_aside(sentence, start, end, slug):
        return True
    if _SPAN_OF.search(sentence[max(0, start - 80) : start]):
        return True
    if _FINDING.search(sentence, 0, start) or _LEGAL.search(sentence, 0, start):
        return True
    if statistic(sentence, start, end):
        return True
    if trend(sentence, start):
        return True
    if slug == "explosions-remote-violence" and _CUMULATIVE.search(sentence):
        return True  # "the war, which has killed over 4,300 people"
    if (
        _VAGUE_PAST.search(sentence[max(0, start - 80) : start])
        or _VAGUE_PAST.search(sentence, end, end + 25)
        or _SINCE_DONE.search(sentence, max(0, start - 40), end)
    ):
        return True  # "rebels had previously seized the town": earlier news
    if slug in rules.TERRITORY and _DESCRIBED_CAPTURE.search(
        sentence[max(0, start - 60) : start]
    ):
        return True
    if slug == "armed-clash" and sentence[start:end].lower() in {
        "fighting",
        "fight",
        "battle",
    }:
        return bool(_FIGHT_FOR.match(sentence, end))
    return False


def nominal(sentence: str, start: int, end: int) -> bool:
    """ "the capture of Sheikh Miskeen": a capture named as a noun."""
    return sentence[start:end].lower() in {"capture", "recapture"} and bool(
        _NOMINAL.search(sentence[max(0, start - 8) : start])
    )


# Another outlet's report, or a post, cited: "…, the state news agency Sana reported",
# "The SCD published on Facebook on Saturday that …".
_OUTLET = cues.compiled(
    r"\b(?:news agency|agency|newspaper|daily|TV|television|channel|radio|website|"
    r"outlet|media office|broadcaster)\b"
)
_POSTED = cues.compiled(
    r"\b(?:published|posted|wrote|tweeted)\b(?:\s+[\w-]+){0,3}?\s+on\s+"
    r"(?:facebook|twitter|telegram|x|its (?:website|page|channel|account))\b"
)
CITED_DAYS = 2


def cited_earlier(
    sentence: str,
    speaker: str,
    found: list[dates.DateMention],
    published_on: dt.date,
) -> bool:
    """True when the sentence cites another outlet's report or a post of two or more
    days before publication, and names no day more recent: restated from earlier
    reporting, not this report's news (the labelling guide: "On Saturday, a car bomb in
    Manbij killed four, Sana reported")."""
    if not (_OUTLET.search(speaker) or _POSTED.search(sentence)):
        return False
    days = [d for d in found if d.precision == "day"]
    if any((published_on - d.last).days < CITED_DAYS for d in days):
        return False  # "reported that at dawn on Sunday …": today's news, whatever
    return any((published_on - d.last).days >= CITED_DAYS for d in days)
