"""Which of an article's places lose their point: what its sentences say of each name
(a hamlet named as a place, an area or a town, a part of a place, "the village of X",
a governorate's name), then the article-wide doubts read from it. Split from
ingest/propose.py."""

from dataclasses import dataclass, field

from ingest.where import farnamesake, farpoints, hamlets, parts, settlements, sidenames
from ingest.where import names as name_checks
from ingest.where.mention import PlaceMention


@dataclass
class NameCues:
    """What the article's sentences say of its names, read sentence by sentence."""

    hamlets_named: set[str] = field(
        default_factory=set
    )  # hamlets abroad named as places
    hamlet_areas: set[str] = field(default_factory=set)  # ... as areas ("X township")
    hamlet_towns: set[str] = field(default_factory=set)  # ... as a town ("X city")
    named_parts: parts.NamedParts = field(default_factory=parts.NamedParts)
    settled: settlements.Settlements = field(default_factory=settlements.Settlements)
    region_admins: set[str] = field(default_factory=set)

    def read(self, sentence: str, places: list[PlaceMention]) -> None:
        named_here, areas_here, towns_here = hamlets.cued_keys(sentence, places)
        self.hamlets_named |= named_here
        self.hamlet_areas |= areas_here
        self.hamlet_towns |= towns_here
        self.named_parts.read(sentence, places)  # "the mountains of X"
        self.settled.read(sentence, places)  # "the village of X": kept if far
        self.region_admins |= name_checks.region_admins(sentence, places)

    def doubtful(
        self,
        places: list[PlaceMention],
        *,
        filed_from: set[str],
        texts: list[str],
        country: str,
    ) -> dict[str, PlaceMention]:
        """Each doubted place's key -> the place as it is read instead (the city or
        the governorate, or without its point)."""
        doubtful = name_checks.cities(places, self.region_admins)
        read = [doubtful.get(p.key, p) for p in places]  # city or governorate
        spared = self.settled.keys
        doubtful.update(farpoints.doubtful(read, filed_from=filed_from, spared=spared))
        doubtful.update(name_checks.unsure(read, filed_from=filed_from, spared=spared))
        doubtful.update(farnamesake.without_point(read, filed_from, doubtful))
        read = [doubtful.get(p.key, p) for p in read]
        doubtful.update(
            hamlets.without_point(
                read,
                self.hamlets_named,
                self.hamlet_areas,
                country=country,
                spared=spared,
                settled=self.hamlet_towns,
            )
        )
        doubtful.update(self.named_parts.without_point(read))
        doubtful.update(sidenames.without_point(read, texts))  # "Kyiv's forces"
        return doubtful
