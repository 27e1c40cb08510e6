"""An article's score for bench/ingestbench.py (Score: labels, proposals, matches, places,
dates, actors, stances, why a label went unmatched) and how its actors, stances and places
are counted against the labels, with why a proposed point is wrong; ``score_article``
scores one report's proposals, paired by bench/labelpairs.py. Split from
bench/ingestbench.py."""

from dataclasses import dataclass, field

from bench import actorscore, agreement, labelpairs, scorereading
from bench.agreement import _key, _speaker_agrees, place_agrees

_ROLES = {
    "actor1": {"initiator", "supporting"},
    "actor2": {"target", "initiator", "party", "supporting"},
    "target": {"target", "victim"},
    "associated": {"initiator", "supporting", "target", "victim", "party", "other"},
}


@dataclass
class Score:
    labels: int = 0
    proposals: int = 0
    matched: int = 0
    places_named: int = 0
    places_found: int = 0
    resolved: int = 0
    wrong: int = 0
    dated: int = 0  # matched on type and place
    dates_right: int = 0
    actors: int = 0
    actors_right: int = 0
    stances: int = 0
    stances_right: int = 0
    seconds: list[float] = field(default_factory=list)
    words: int = 0
    notes: list[str] = field(default_factory=list)
    # Why labels went unmatched and proposals matched nothing: kinds only, no text,
    # so the held-out part can be read as counts too (labelpairs.why_missed, labelpairs.why_extra).
    why: list[str] = field(default_factory=list)
    # The other reading: every proposal, ticked or not (scorereading.py).
    every: int = 0
    every_matched: int = 0
    unsure: int = 0  # left unticked by the confidence threshold
    unsure_matched: int = 0  # ... of which a label's match
    country: str = ""  # the country the article's places were read in

    def add(self, other: "Score") -> None:
        for name in self.__dataclass_fields__:
            if name in ("notes", "country"):
                continue
            value = getattr(other, name)
            if isinstance(value, list):
                getattr(self, name).extend(value)
            else:
                setattr(self, name, getattr(self, name) + value)


def _score_actors(score: Score, label: dict, event, actor_matcher) -> None:
    for actor in label.get("actors", []):
        score.actors += 1
        roles = _ROLES.get(actor.get("role", ""), set())
        if label["type"] == "agreement" and actor.get("role") == "actor1":
            roles = roles | {"party"}  # an agreement's sides are both its parties
        for proposed in event.actors + getattr(event, "new_actors", []):
            # The list's actor, a state's forces per the guide's ruling (actorscore).
            same = actorscore.agrees(
                actor["name"], label["type"], proposed, actor_matcher
            )
            if same and proposed.role in roles:
                score.actors_right += 1
                break
        else:
            got = "; ".join(f"{a.name}/{a.role}/{a.text}" for a in event.actors)
            score.notes.append(
                f"actor: wanted {actor['name']}/{actor.get('role')}, got {got}"
            )


def _score_stances(score: Score, label: dict, event, publisher: str) -> None:
    for stance in label.get("stances", []):
        score.stances += 1
        if any(
            s.stance == stance["stance"]
            and _speaker_agrees(stance.get("speaker", ""), s.speaker, publisher)
            for s in event.statements
        ):
            score.stances_right += 1
        else:
            got = "; ".join(f"{s.stance}/{s.speaker or '-'}" for s in event.statements)
            score.notes.append(
                f"stance: wanted {stance['stance']}/{stance.get('speaker', '')}, "
                f"got {got}"
            )


def _score_places(score: Score, article: dict, proposal) -> None:
    named: dict[str, dict] = {}
    for place in article.get("places_named", []):
        named.setdefault(_key(place.get("canonical") or place["name"]), place)
    score.places_named = len(named)
    mentions = list(proposal.places)
    for place in named.values():
        if any(place_agrees(place, m) for m in mentions):
            score.places_found += 1
        else:
            score.notes.append(f"place not found: {place['name']} ({place['level']})")
    labels = article.get("places_named", [])
    for mention in mentions:
        if mention.lat is None:
            continue
        score.resolved += 1
        # Compared with the labels spelt like the text ("Deraa province" and "Deraa
        # city" share a key), else with every label of the article.
        if not agreement.point_right(mention, labels):
            score.wrong += 1
            score.why.append(
                _why_wrong(mention, agreement.spelt_like(mention.text, labels))
            )
            score.notes.append(
                f"wrong place: “{mention.text}” -> {mention.name} "
                f"({mention.admin1}, {mention.lat:.3f}, {mention.lon:.3f})"
            )


def _why_wrong(mention, spelt: list[dict]) -> str:
    """What a wrong point is, as a kind (no text: held-out can be read as counts)."""
    from places.geocoding.index import distance_km

    if not spelt:
        return "wrong place: no labelled place spelt so"
    if agreement.region_point_mixed(mention, spelt):
        return "wrong place: a region read as a point, or a point as a region"
    points = [p for p in spelt if p.get("lat") is not None]
    if not points:
        return "wrong place: labelled without a point"
    km = min(distance_km(p["lat"], p["lon"], mention.lat, mention.lon) for p in points)
    if km <= 25:
        return "wrong place: 5-25 km off"
    if km <= 100:
        return "wrong place: 25-100 km off"
    return "wrong place: over 100 km off"


def score_article(article: dict, proposal, *, parents, actor_matcher) -> Score:
    proposed = labelpairs.ticked(proposal)
    score = Score(labels=len(article["events"]), proposals=len(proposed))
    labels = article["events"]
    used: set[int] = set()
    for label in labels:
        candidates = labelpairs.candidates(label, proposed, used, parents)
        if candidates:
            score.dated += 1
        full = labelpairs.dated(label, candidates)
        if full:
            i, event = full[0]
            used.add(i)
            score.matched += 1
            score.dates_right += 1
            _score_actors(score, label, event, actor_matcher)
            _score_stances(score, label, event, article["publisher"])
        else:
            where = label["place"]["name"]
            score.why.append(labelpairs.why_missed(label, proposed, used, parents))
            score.notes.append(
                f"missed {label['type']} at {where} on {label['date_start']}"
                f"{' (type+place found, date wrong)' if candidates else ''}"
            )
    for i, p in enumerate(proposed):
        if i not in used:
            score.why.append(labelpairs.why_extra(p, labels, proposed, used, parents))
            score.notes.append(
                f"extra {p.event_type} at {p.place.name if p.place else '-'} "
                f"{p.date_start}/{p.date_precision} [{p.summary[:70]}]"
            )
    _score_places(score, article, proposal)
    scorereading.count_every(score, labels, proposal, labelpairs.matched_pairs, parents)
    return score
