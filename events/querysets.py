"""The Event QuerySet: pure-filter methods (models.Event.objects)."""

from django.contrib.gis.db import models


class EventQuerySet(models.QuerySet):
    def published(self) -> "EventQuerySet":
        return self.filter(status=self.model.Status.PUBLISHED)
