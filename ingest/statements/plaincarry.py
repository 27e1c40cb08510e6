"""The last speaker who told events speaks of the plain sentences it governs.

Wire stories name a speaker once and go on telling the incident with no verb of
saying: "Airstrikes hit Saraqib, the Observatory said. The strike also killed a
child." The second sentence has no attribution of its own, so it is the outlet's
voice (LABELLING_GUIDE, series X); it is the speaker's account too, so the speaker's
statement is added beside the outlet's, never in its place (issue 13, the outlet's
voice with the speaker in an earlier sentence). Two shapes:

- forward: the plain event sentences within ``SPAN`` sentences after the last
  attributed sentence that told events, until another incident opens ("Elsewhere,
  …") or another voice speaks;
- backward: a paragraph ending on an attributed event sentence ("…, according to the
  Observatory.") governs the plain event sentences of that paragraph before it.

A quotation, a statement of what is to come, and the story's lead (``wire.LeadVoice``
replaces its speaker there) are left as they are.
"""

import dataclasses
import re

from ingest.incidents import grouping
from ingest.reading import wire
from ingest.statements import followups, stances
from ingest.statements.speakers import Statement

SPAN = 2  # plain sentences after the attribution that it still governs
_QUOTED = re.compile(r"[\"“”]")


@dataclasses.dataclass
class LastTold:
    """The last attributed event sentence's statement and the plain event sentences
    of the current paragraph since it."""

    ends: set[int] = dataclasses.field(default_factory=set)  # paragraph_ends()
    last: Statement | None = None
    at: int = -9
    plain: list[tuple[int, list, Statement]] = dataclasses.field(
        default_factory=list
    )  # (sentence, its groups, its statement) in this paragraph

    def read(self, sentence, statement: Statement, touched: list) -> None:
        """Add the governing speaker's statement to ``touched`` (the groups of
        ``sentence``, a ``text.Sentence``) or to its paragraph's plain sentences."""
        index, text = sentence.index, sentence.text
        ends_paragraph = index in self.ends
        if wire.opens_other_incident(text):
            self.last, self.plain = None, []
        if statement.speaker:
            if touched and not followups.is_intent(statement):
                if ends_paragraph:
                    for at, groups, plain in self.plain:
                        _beside(groups, plain, statement, at)
                self.last, self.at = statement, index
            elif self.last is not None and not stances.same_voice(
                self.last.speaker, statement.speaker
            ):
                self.last = None  # another voice: the last one no longer runs on
            self.plain = []
        elif touched and not _QUOTED.search(text):
            if self.last is not None and index - self.at <= SPAN:
                _beside(touched, statement, self.last, index)
            self.plain.append((index, touched, statement))
        if ends_paragraph:
            self.plain = []


def _beside(groups: list, plain: Statement, said: Statement, at: int) -> None:
    """The speaker of ``said`` on ``groups``, told in sentence ``at`` (``plain``)."""
    speaker = said.speaker.split(" (via ")[0]
    stance = said.stance
    if stance == "denies":  # what is told after a denial is not itself one
        stance = stances.stance_of("said", speaker, plain.content)
    carried = dataclasses.replace(
        plain, speaker=said.speaker, stance=stance, governed=True
    )
    for group in dict.fromkeys(groups):
        if not any(
            m.statement.speaker and stances.same_voice(m.statement.speaker, speaker)
            for m in group.mentions
        ):
            group.mentions.append(grouping.said_of(group, carried, at))


def paragraph_ends(sentences: list) -> set[int]:
    """The indexes of the sentences that end a paragraph (``text.Sentence``)."""
    return {
        s.index
        for s, after in zip(sentences, [*sentences[1:], None], strict=True)
        if after is None or after.paragraph != s.paragraph
    }
