"""A quotation standing alone is the words of the speaker named just before it.

News paragraphs continue a quote without naming its speaker again: 'Anwar Muslim,
co-chair of the canton, said the shelling went on all night. “A number of civilians
and fighters have been wounded.”' The second sentence has no verb of saying, so the
reader left it in the outlet's own voice; it is the co-chair's (issue 13, the
outlet's voice with the speaker in the sentence before). Only a sentence that is
wholly a quotation (it opens with a quotation mark and nothing but punctuation
follows the closing one, or the quote runs on) and only right after an attributed
sentence: a quote after the outlet's own telling keeps no speaker.
"""

import dataclasses
import re

from ingest.statements import stances
from ingest.statements.speakers import Statement

# Opens on a quotation mark; either no closing mark (the quote runs on) or nothing
# but punctuation after it. '"…," the army said' has words after it: not this.
_WHOLLY_QUOTED = re.compile(r"^\W{0,2}[\"“](?:[^\"“”]*$|[^\"“”]*[\"”]\W*$)")


@dataclasses.dataclass
class LastSaid:
    """The statement of the sentence just read, for the quotation after it."""

    last: Statement | None = None

    def carry(self, sentence: str, statement: Statement) -> Statement:
        """``statement``, said by the previous sentence's speaker when ``sentence`` is
        a quotation alone right after an attributed sentence; updates the state."""
        last, self.last = self.last, statement
        if (
            statement.speaker
            or last is None
            or not last.speaker
            or not _WHOLLY_QUOTED.match(sentence)
        ):
            return statement
        stance = last.stance
        if stance == "denies":  # what follows a denial is not itself one
            head = last.speaker.split(" (via ")[0]
            stance = stances.stance_of("said", head, statement.content)
        self.last = dataclasses.replace(statement, speaker=last.speaker, stance=stance)
        return self.last
