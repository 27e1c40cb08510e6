"""Thin Celery tasks: ids in, one service call, retry policy."""

from celery import shared_task

from places import geocoding, handoff
from places import services as place_services
from places.models import Place


@shared_task(
    bind=True,
    autoretry_for=(geocoding.GeocodingUnavailable,),  # transient only
    retry_backoff=30,  # 30 s, 60 s, 120 s … plus jitter
    retry_backoff_max=180,  # + the 90 s time limit: within the visibility timeout
    retry_jitter=True,
    max_retries=5,
    acks_late=True,  # safe: place_geocode is idempotent
    rate_limit="1/s",  # Nominatim usage policy (per worker; the geocoding queue runs -c 1)
)
def place_geocode_task(self, place_id: int, force: bool = False) -> None:
    place = Place.objects.filter(pk=place_id).first()
    if place is None:  # deleted since it was enqueued: nothing to do
        return
    try:
        place_services.place_geocode(place=place, force=force)
    except geocoding.GeocodingUnavailable as error:
        # Eager mode with propagation (no broker: dev, demo) runs in the request
        # thread, where a Retry would surface as an error: report at once instead.
        in_request = self.request.is_eager and self.app.conf.task_eager_propagates
        if in_request or self.request.retries >= self.max_retries:
            place_services.place_geocode_give_up(place_id=place_id, error=str(error))
            return
        raise  # autoretry_for schedules the retry with backoff and jitter


@shared_task(acks_late=True)  # idempotent: places are claimed one by one
def place_geocode_sweep_task() -> int:
    """Celery beat: queue the pending places whose hand-off failed or is overdue."""
    return handoff.place_geocode_sweep()
