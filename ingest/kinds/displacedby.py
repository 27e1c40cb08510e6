"""Displacement told beside violence in one sentence is part of that violence
(LABELLING_GUIDE, part C: "displacement caused by a coded capture is part of that
event, not a second one"; ACLED codes the attack, not the flight it causes).

rules.classify drops a displacement cue when its own clause tells harm or another
violent type; a sentence often tells the violence in another clause ("The Palestinians
who were killed were displaced people who on Monday fled their homes", "started
shooting indiscriminately as people fled", "Dozens of terrorists were killed, while the
rest fled"), and the flight then became an event of its own. The whole sentence is read
here. Evacuations under an agreement, and people leaving with no violence told, stay
displacement (the seed article's is one)."""

import re

from ingest.reading import cues

# Violence told as an act: a toll, a weapon's use, a fight, a capture, a shooting.
_VIOLENCE = re.compile(
    cues.guarded(
        r"\b(?:killed|killing|wounded|injured|dead|shot|shooting|gunfire|opened fire|"
        r"shell(?:ed|ing|s)|artillery|mortars?|rockets?|missiles?|air ?strikes?|"
        r"airstrikes?|air raids?|bomb(?:ed|ing|ings|s)|barrel bombs?|warplanes?|"
        r"drones?|clash(?:ed|es)|fighting|battles?|attack(?:ed|s)?|stormed|"
        r"massacre[sd]?|captur(?:ed|e)|seized|overr?an|set (?:alight|fire|ablaze)|"
        r"torch(?:ed|ing))\b"
    ),
    re.I,
)


def part_of_violence(sentence: str, start: int, end: int) -> bool:
    """True when the displacement cue at sentence[start:end] stands in a sentence that
    tells violence outside the cue: the flight is that violence's, no event of its
    own."""
    return bool(_VIOLENCE.search(sentence, 0, start) or _VIOLENCE.search(sentence, end))
