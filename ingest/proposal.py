"""What a proposal holds: draft events with their statements, actors, places and
the reasons they were proposed; nothing here touches the database."""

import datetime as dt
from dataclasses import dataclass, field

from events import datelabels, disputes
from events.models import Event
from ingest.where.mention import PlaceMention


@dataclass
class ProposedStatement:
    stance: str
    speaker: str
    quote: str
    sentence: int
    governed: bool = False  # a speaker of another sentence (plaincarry)


@dataclass
class ProposedActor:
    actor_id: int
    name: str
    role: str
    text: str


@dataclass
class ProposedEvent:
    """One proposed event; ``key`` is stable within a proposal."""

    key: str
    title: str
    event_type: str  # slug
    date_start: dt.date
    date_end: dt.date | None
    date_precision: str
    date_note: str
    place: PlaceMention | None
    places_mentioned: list[PlaceMention]
    actors: list[ProposedActor]
    statements: list[ProposedStatement]
    summary: str = ""
    related: list[tuple[str, str]] = field(default_factory=list)  # (key, kind)
    background: bool = False  # dated well before publication: restated, not new
    sentences: list[int] = field(default_factory=list)
    rule: str = ""
    confidence: float = 0.0  # 0-1, the fitted model's (ingest/confidence.py)
    # Confidence under the fitted threshold: offered unticked, with the reason.
    unsure: bool = False
    # Doers the text names that the actor list lacks (id 0): for the editor to add.
    new_actors: list[ProposedActor] = field(default_factory=list)
    # Where the text says the fire came from ("forces based in A shelled B"): named as
    # the event's context, never its place.
    origins: list[PlaceMention] = field(default_factory=list)

    @property
    def disputed(self) -> bool:
        return disputes.stances_disputed({s.stance for s in self.statements})

    @property
    def date_label(self) -> str:
        return datelabels.date_range_label(
            self.date_start, self.date_end, self.date_precision
        )

    def absorb(self, other: "ProposedEvent") -> None:
        """Take a folded proposal's sentences and its statements not already held
        (by stance and speaker): it was the same incident told again."""
        self.sentences = sorted({*self.sentences, *other.sentences})
        said = {(s.stance, s.speaker) for s in self.statements}
        self.statements += [
            s for s in other.statements if (s.stance, s.speaker) not in said
        ]


@dataclass
class ArticleProposal:
    events: list[ProposedEvent]
    places: list[PlaceMention]
    sentences: int
    warnings: list[str]
    texts: list[str] = field(default_factory=list)  # each sentence's text
    # Per sentence: (start, end, kind) of the place, date, actor and speaker spans.
    spans: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)
    country: str = (
        ""  # the ISO code its places were read in (ingest/country/country.py)
    )


DATE_PRECISIONS = [c[0] for c in Event.DatePrecision.choices]
