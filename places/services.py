"""Write operations on places: create, geocode, fix by hand, review. The hand-off to
the geocode task is places.handoff; who may change a place, places.changeguard."""

from collections.abc import Iterable, Sequence

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.gis.geos import Point
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from places import changeguard, gazetteer, geocoding, handoff, signals
from places.models import Place

_GEOCODE_FIELDS = [
    "location",
    "precision",
    "confidence",
    "geocode_status",
    "provenance",
    "gazetteer_id",
    "geocode_label",
    "geocode_error",
    "geocode_candidates",
    "geocoded_at",
]


@transaction.atomic
def place_create(
    *,
    name: str,
    country_code: str = "SY",
    admin1: str = "",
    admin2: str = "",
    feature_type: str = Place.FeatureType.CITY,
    name_ar: str = "",
    alternate_names: Iterable[str] = (),
    hint_lat: float | None = None,
    hint_lon: float | None = None,
) -> Place:
    """Create a place and queue its geocoding once the transaction commits."""
    place = Place(
        name=name.strip(),
        country_code=country_code.upper(),
        admin1=admin1.strip(),
        admin2=admin2.strip(),
        feature_type=feature_type,
        name_ar=name_ar.strip(),
        hint_lat=hint_lat,
        hint_lon=hint_lon,
        geocode_requested_at=timezone.now(),
    )
    place.full_clean()
    place.save()
    for alternate in alternate_names:
        gazetteer.placename_add(place=place, name=alternate)
    handoff._enqueue(place.pk)
    return place


def place_get_or_create(
    *,
    name: str,
    country_code: str = "SY",
    admin1: str = "",
    admin2: str = "",
    feature_type: str = Place.FeatureType.CITY,
    name_ar: str = "",
    alternate_names: Iterable[str] = (),
    hint_lat: float | None = None,
    hint_lon: float | None = None,
) -> Place:
    """The place named (name, country_code, admin1), created (and queued) if new."""
    existing = Place.objects.filter(
        name=name.strip(), country_code=country_code.upper(), admin1=admin1.strip()
    ).first()
    if existing is not None:
        return existing
    return place_create(
        name=name,
        country_code=country_code,
        admin1=admin1,
        admin2=admin2,
        feature_type=feature_type,
        name_ar=name_ar,
        alternate_names=alternate_names,
        hint_lat=hint_lat,
        hint_lon=hint_lon,
    )


def _hint(place: Place) -> tuple[float, float] | None:
    if place.hint_lat is None or place.hint_lon is None:
        return None
    return (place.hint_lat, place.hint_lon)


def _conditional_save(place: Place) -> bool:
    """Write the geocoding fields unless a curator fixed the place meanwhile."""
    values = {name: getattr(place, name) for name in _GEOCODE_FIELDS}
    updated = (
        Place.objects.filter(pk=place.pk)
        .exclude(provenance=Place.Provenance.MANUAL)
        .exclude(geocode_status=Place.GeocodeStatus.MANUAL)
        .update(**values)
    )
    if updated:  # QuerySet.update sends no post_save: tell the listeners (the map)
        signals.place_changed_in_bulk.send(sender=Place, place_ids=[place.pk])
    return bool(updated)


def place_geocode(*, place: Place, force: bool = False) -> Place:
    """Give ``place`` a point, or send it to review. Idempotent.

    Never touches a place fixed by hand (even with ``force``); lets
    geocoding.GeocodingUnavailable propagate so the task can retry; records
    permanent errors and "no match" on the place (status failed).
    """
    status = Place.GeocodeStatus
    if place.is_manual or place.geocode_status == status.MANUAL:
        return place
    if place.geocode_status == status.DONE and not force:
        return place
    alternates = [place.name_ar, *place.names.values_list("name", flat=True)]
    try:  # no transaction is held across the (possibly online) lookup
        result = geocoding.lookup(
            place.name,
            country=place.country_code,
            admin1=place.admin1,
            feature_type=place.feature_type,
            hint=_hint(place),
            alternates=[a for a in alternates if a],
            index=gazetteer.gazetteer_index(),
        )
        error = "" if result else "no match in the gazetteer"
    except geocoding.GeocodingError as failure:
        result, error = None, str(failure)
    place.geocoded_at = timezone.now()
    place.geocode_error = error
    if result is None:
        place.geocode_status = status.FAILED
        place.geocode_candidates = []
        place.confidence = None
    else:
        place.geocode_candidates = list(result.candidates)
        place.confidence = round(result.confidence, 3)
        place.geocode_label = result.label[:300]
        place.gazetteer_id = result.ref[:64]
        if result.confidence >= settings.GEOCODER_MIN_CONFIDENCE:
            place.geocode_status = status.DONE
            place.location = Point(result.lon, result.lat, srid=4326)  # x=lon, y=lat
            place.precision = result.precision
            place.provenance = (
                Place.Provenance.ONLINE
                if result.source == "nominatim"
                else Place.Provenance.GAZETTEER
            )
            place.geocode_error = ""
        else:  # a doubtful point is not published; a human picks a candidate
            place.geocode_status = status.REVIEW
            place.geocode_error = result.note or (
                f"confidence {result.confidence:.2f} below "
                f"{settings.GEOCODER_MIN_CONFIDENCE:.2f}"
            )
    if not _conditional_save(place):
        place.refresh_from_db()
    return place


def place_geocode_give_up(*, place_id: int, error: str) -> None:
    """Record that the online geocoder stayed unreachable after every retry."""
    Place.objects.filter(pk=place_id).exclude(
        geocode_status__in=[Place.GeocodeStatus.MANUAL, Place.GeocodeStatus.DONE]
    ).update(
        geocode_status=Place.GeocodeStatus.FAILED,
        geocode_error=f"geocoder unavailable after retries: {error}"[:2000],
        geocoded_at=timezone.now(),
    )


@transaction.atomic
def place_fix_manual(
    *,
    place: Place,
    lat: float,
    lon: float,
    precision: int = 1,
    spellings: Sequence[str] = (),
    label: str = "",
    gazetteer_ref: str = "",
) -> Place:
    """Set the point by hand: provenance and status manual, never geocoded again.

    The place's name and ``spellings`` (e.g. the name before a rename) become
    PlaceNames, so the same spelling resolves to this point next time. ``label``
    says where the point came from (who chose it, on which page); ``gazetteer_ref``
    the gazetteer row it was taken from, if any.
    """
    place.location = Point(lon, lat, srid=4326)
    if label:
        place.geocode_label = label[:300]
    if gazetteer_ref:
        place.gazetteer_id = gazetteer_ref[:64]
    place.precision = precision
    place.confidence = 1.0
    place.provenance = Place.Provenance.MANUAL
    place.geocode_status = Place.GeocodeStatus.MANUAL
    place.geocode_error = ""
    place.geocoded_at = timezone.now()
    place.full_clean()
    place.save()
    for spelling in spellings:
        gazetteer.placename_add(place=place, name=spelling)
    gazetteer.placename_add(place=place, name=place.name_ar)
    transaction.on_commit(gazetteer.gazetteer_index_invalidate)
    return place


@transaction.atomic
def place_update(
    *,
    place: Place,
    note: str = "",
    user: AbstractBaseUser | None = None,
    candidate: int | None = None,
    moved: bool = False,
    renamed: bool = False,
    spellings: Sequence[str] = (),
) -> Place:
    """Save a curator's change to ``place`` (the admin form), through the role model.

    ``candidate``: take that stored candidate's point; ``moved``: the point was set
    by hand; ``renamed`` (or a new place): geocode it again after the commit."""
    created = place.pk is None
    changeguard.place_change_guard(place=place, note=note, user=user)
    place.full_clean()
    place.save()
    if candidate is not None:
        place_accept_candidate(place=place, index=candidate)
    elif moved and place.location is not None:
        place_fix_manual(
            place=place,
            lat=place.location.y,
            lon=place.location.x,
            precision=place.precision or 1,
            spellings=spellings,
        )
    elif created or renamed:
        handoff.place_geocode_queue(places=[place], force=True)
    return place


def place_accept_candidate(
    *,
    place: Place,
    index: int = 0,
    user: AbstractBaseUser | None = None,
    note: str = "",
) -> Place:
    """Accept one of the stored candidates as a manual fix (review queue)."""
    candidates = place.geocode_candidates or []
    if not 0 <= index < len(candidates):
        raise ValueError(f"{place}: no candidate #{index + 1}")
    if user is not None:
        changeguard.place_change_guard(place=place, note=note, user=user)
    chosen = candidates[index]
    precision = 3 if chosen.get("feature_type") in {"governorate", "area"} else 1
    return place_fix_manual(
        place=place, lat=chosen["lat"], lon=chosen["lon"], precision=precision
    )


def place_review_queryset() -> QuerySet[Place]:
    """Places a human should look at: unresolved, doubtful or low confidence."""
    status = Place.GeocodeStatus
    low = Q(confidence__lt=settings.GEOCODER_MIN_CONFIDENCE) & ~Q(
        geocode_status=status.MANUAL
    )
    return Place.objects.filter(
        Q(geocode_status__in=[status.REVIEW, status.FAILED]) | low
    ).order_by("geocode_status", "name")
