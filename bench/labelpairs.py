"""How the ingest bench pairs a report's proposals with its labels, and names what is
left over: a label is matched by the first proposal not yet used whose type family, place
and date agree with it (its exact type first); a missed label and an extra proposal each
get the kind of their nearest miss. bench/ingestscore.py scores with it; the cause
scripts start from ``pairing``."""

from bench.agreement import date_agrees, place_agrees


def family(slug: str, parents: dict[str, str]) -> str:
    return parents.get(slug) or slug


def matched_pairs(labels: list[dict], proposed: list, parents) -> dict[int, int]:
    """Proposal index -> label index, paired as score_article pairs them (same
    family, place and date; the label's exact type first). The cause scripts use it."""
    used: dict[int, int] = {}
    for n, label in enumerate(labels):
        full = dated(label, candidates(label, proposed, used, parents))
        if full:
            used[full[0][0]] = n
    return used


def candidates(label: dict, proposed: list, used, parents) -> list[tuple[int, object]]:
    """(index, proposal) of the proposals not yet ``used`` whose type family and place
    agree with ``label``."""
    return [
        (i, p)
        for i, p in enumerate(proposed)
        if i not in used
        and family(p.event_type, parents) == family(label["type"], parents)
        and place_agrees(label["place"], p.place)
    ]


def dated(label: dict, candidates: list) -> list[tuple[int, object]]:
    """The ``candidates`` whose date agrees too, the label's exact type first."""
    full = [(i, p) for i, p in candidates if date_agrees(label, p)]
    full.sort(key=lambda c: c[1].event_type != label["type"])
    return full


def ticked(proposal) -> list:
    """What the editor gets ticked: proposals flagged as background, or under the
    confidence threshold (ingest/confidence.py, "unsure"), start unticked."""
    return [
        e
        for e in proposal.events
        if not getattr(e, "background", False) and not getattr(e, "unsure", False)
    ]


def pairing(
    article: dict, proposal, parents
) -> tuple[list, list[dict], dict[int, int]]:
    """(ticked proposals, labels, {proposal index: label index}) of one report: what
    every cause script starts from."""
    proposed = ticked(proposal)
    labels = article["events"]
    return proposed, labels, matched_pairs(labels, proposed, parents)


def why_missed(label: dict, proposed: list, used: set[int], parents) -> str:
    """The nearest miss for an unmatched label, as a kind."""
    kin = family(label["type"], parents)
    same = [p for p in proposed if family(p.event_type, parents) == kin]
    here = [p for p in proposed if place_agrees(label["place"], p.place)]
    if any(place_agrees(label["place"], p.place) for p in same):
        return "missed: type and place found, date wrong"
    if here:
        return "missed: place found, other type"
    if any(p.place is None or p.place.lat is None for p in same):
        return "missed: type found, no point"
    if same:
        return "missed: type found, other place"
    return "missed: nothing of its type"


def why_extra(p, labels: list[dict], proposed: list, used: set[int], parents) -> str:
    """What an unmatched proposal is closest to, as a kind."""
    kin = family(p.event_type, parents)
    same = [lb for lb in labels if family(lb["type"], parents) == kin]
    if any(place_agrees(lb["place"], p.place) for lb in same):
        # A label of its type and place: already matched (a duplicate) or a wrong date.
        return "extra: a labelled event's type and place (duplicate or other date)"
    if any(place_agrees(lb["place"], p.place) for lb in labels):
        return "extra: a labelled place, other type"
    if p.place is None:
        return "extra: no place named"
    if p.place.lat is None:
        return "extra: a name without a point"
    if same:
        return "extra: a labelled type, other place"
    return "extra: no label of its type"
