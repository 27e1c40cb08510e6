"""Turn the proposals an editor confirmed into draft events, all or nothing."""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from events import roles
from events import services as event_services
from events.models import Actor, Event, EventType, Source
from ingest import placing
from places import changeguard
from places import services as place_services
from places.geocoding import index as geoindex
from places.models import Place

# A point the editor chose within this distance of an existing place of the same name
# is that place; farther, it is refused (never moved silently).
SAME_PLACE_KM = 5.0


@dataclass(frozen=True)
class PlaceChoice:
    """An existing place (``place_id``), one to create from the gazetteer's answer, or
    one the editor placed on the map: a gazetteer row (``chosen="gazetteer"``, ``ref``)
    or a point clicked (``chosen="point"``, ``lat``/``lon``/``precision``)."""

    CHOSEN = ("", "gazetteer", "point")

    place_id: int | None = None
    name: str = ""
    admin1: str = ""
    feature_type: str = Place.FeatureType.CITY
    country_code: str = "SY"
    alternate_names: tuple[str, ...] = ()
    hint_lat: float | None = None
    hint_lon: float | None = None
    chosen: str = ""
    ref: str = ""
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None
    text: str = ""  # the name as the article wrote it


@dataclass(frozen=True)
class EventDraft:
    key: str
    title: str
    event_type: EventType
    date_start: dt.date
    date_end: dt.date | None = None
    date_precision: str = Event.DatePrecision.DAY
    summary: str = ""
    place: PlaceChoice | None = None
    actors: tuple[tuple[Actor, str], ...] = ()
    statements: tuple[tuple[str, str, str], ...] = ()  # (stance, speaker, quote)
    related: tuple[tuple[str, str], ...] = ()  # (key of another draft, kind)


@dataclass
class ConfirmResult:
    source: Source
    created: list[Event] = field(default_factory=list)
    existing: list[Event] = field(default_factory=list)


def source_get_or_create(
    *,
    publisher: str,
    title: str,
    url: str = "",
    published_at: dt.datetime | None = None,
    language: str = "en",
) -> Source:
    """The article as one Source, keyed on (publisher, title, published_at) like the
    model: the same headline published on another date is another source."""
    source = Source.objects.filter(
        publisher=publisher.strip(), title=title.strip(), published_at=published_at
    ).first()
    if source is not None:
        return source
    source = Source(
        publisher=publisher.strip(),
        title=title.strip(),
        url=url.strip(),
        published_at=published_at,
        language=language,
        note="Proposed from the article text by the ingest tool.",
    )
    source.full_clean()
    source.save()
    return source


def _pin(
    *,
    name: str,
    admin1: str,
    feature_type: str,
    country_code: str,
    lat: float,
    lon: float,
    precision: int,
    label: str,
    ref: str = "",
    spellings: tuple[str, ...] = (),
    user: AbstractBaseUser | None,
) -> Place:
    """The place the editor put on the map: an existing one of that name near the
    point, or a new hand-fixed one. An existing place is never moved."""
    existing = (
        Place.objects.filter(
            name=name.strip(), country_code=country_code.upper(), admin1=admin1.strip()
        )
        .exclude(provenance=Place.Provenance.IMPORT)
        .first()
    )
    if existing is not None and existing.location is not None:
        km = geoindex.distance_km(lat, lon, existing.location.y, existing.location.x)
        if km <= SAME_PLACE_KM:
            return existing
        raise ValidationError(
            f"A place “{existing}” exists already at {existing.location.y:.4f}, "
            f"{existing.location.x:.4f}, {km:.0f} km from the point chosen: search "
            "for it and pick it, or give the new point another name or governorate."
        )
    if existing is not None and not changeguard.place_change_allowed(
        place=existing, user=user
    ):
        raise ValidationError(f"Only reviewers may place “{existing}”.")
    place = existing or place_services.place_create(
        name=name,
        country_code=country_code,
        admin1=admin1,
        feature_type=feature_type,
    )
    return place_services.place_fix_manual(
        place=place,
        lat=lat,
        lon=lon,
        precision=precision,
        spellings=[s for s in spellings if s and s != place.name],
        label=label,
        gazetteer_ref=ref,
    )


def _chosen_place(choice: PlaceChoice, user: AbstractBaseUser | None) -> Place | None:
    who = getattr(user, "get_username", lambda: "")() or "the system"
    if choice.chosen == "gazetteer":
        if choice.ref.startswith("place:") and choice.ref[6:].isdigit():
            return _place(PlaceChoice(place_id=int(choice.ref[6:])), user)
        entry = placing.candidate_get(choice.ref)
        if entry is None:
            raise ValidationError(
                f"The gazetteer has no entry “{choice.ref[:80]}”: search again."
            )
        return _pin(
            name=entry.name,
            admin1=entry.admin1,
            feature_type=entry.feature_type,
            country_code=entry.country or choice.country_code,
            lat=entry.lat,
            lon=entry.lon,
            precision=entry.precision,
            label=f"gazetteer {entry.ref} chosen by {who} on the ingest page",
            ref=entry.ref,
            spellings=(choice.text,),
            user=user,
        )
    if choice.lat is None or choice.lon is None or not choice.name.strip():
        raise ValidationError("A point chosen on the map needs a name and a point.")
    if not (-90 <= choice.lat <= 90 and -180 <= choice.lon <= 180):
        raise ValidationError("The point chosen is off the map.")
    return _pin(
        name=choice.name,
        admin1=choice.admin1,
        feature_type=choice.feature_type,
        country_code=choice.country_code,
        lat=round(choice.lat, 6),
        lon=round(choice.lon, 6),
        precision=choice.precision or 2,
        label=f"point chosen on the map by {who} on the ingest page (editor's point)",
        spellings=(choice.text,),
        user=user,
    )


def _place(
    choice: PlaceChoice | None, user: AbstractBaseUser | None = None
) -> Place | None:
    if choice is None:
        return None
    if choice.chosen:
        if choice.chosen not in PlaceChoice.CHOSEN:
            raise ValidationError(f"Unknown place choice “{choice.chosen[:20]}”.")
        return _chosen_place(choice, user)
    if choice.place_id is not None:
        place = Place.objects.filter(pk=choice.place_id).first()
        if place is None:
            raise ValidationError(f"Place #{choice.place_id} no longer exists.")
        return place
    if not choice.name.strip():
        return None
    return place_services.place_get_or_create(
        name=choice.name,
        country_code=choice.country_code,
        admin1=choice.admin1,
        feature_type=choice.feature_type,
        alternate_names=[n for n in choice.alternate_names if n != choice.name],
        hint_lat=choice.hint_lat,
        hint_lon=choice.hint_lon,
    )


@transaction.atomic
def article_events_confirm(
    *,
    drafts: list[EventDraft],
    publisher: str,
    title: str,
    url: str = "",
    published_at: dt.datetime | None = None,
    language: str = "en",
    user: AbstractBaseUser | None = None,
) -> ConfirmResult:
    """Create DRAFT events (never published) citing the article; all or nothing.

    Idempotent: a draft or in-review event with the same title, start date and place
    is reused and only gains the links it lacks. A published or retracted event is
    never touched: a proposal matching one becomes a new draft, which a reviewer
    merges (with a public correction) if it adds to it. Raises ValidationError on bad
    data (nothing is written then); new places are geocoded after the commit.
    """
    if not drafts:
        raise ValidationError("Select at least one proposed event.")
    source = source_get_or_create(
        publisher=publisher,
        title=title,
        url=url,
        published_at=published_at,
        language=language,
    )
    result = ConfirmResult(source=source)
    by_key: dict[str, Event] = {}
    for draft in drafts:
        place = _place(draft.place, user)
        event = (
            Event.objects.filter(
                title=draft.title.strip(), date_start=draft.date_start, place=place
            )
            .exclude(status__in=roles.PUBLIC_STATUSES)
            .first()
        )
        if event is None:
            event = event_services.event_create(
                title=draft.title.strip(),
                event_type=draft.event_type,
                date_start=draft.date_start,
                date_end=draft.date_end,
                date_precision=draft.date_precision,
                place=place,
                summary=draft.summary,
                status=Event.Status.DRAFT,
                user=user,
            )
            result.created.append(event)
        else:
            result.existing.append(event)
        for actor, role in draft.actors:
            event_services.event_actor_add(
                event=event, actor=actor, role=role, user=user
            )
        for stance, speaker, quote in draft.statements:
            event_services.event_source_add(
                event=event,
                source=source,
                stance=stance,
                speaker=speaker[:300],
                quote=quote,
                user=user,
            )
        by_key[draft.key] = event
    for draft in drafts:
        for other_key, kind in draft.related:
            other = by_key.get(other_key)
            if other is not None and other.pk != by_key[draft.key].pk:
                event_services.event_relate(
                    from_event=by_key[draft.key], to_event=other, kind=kind, user=user
                )
    return result
