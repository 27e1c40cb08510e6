"""GeoJSON serializers (djangorestframework-gis) for the public API."""

from django.urls import reverse
from rest_framework import serializers
from rest_framework_gis.fields import GeometryField
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from events import selectors
from events.models import Event


class EventFeatureSerializer(GeoFeatureModelSerializer):
    location = GeometryField(source="place.location", read_only=True)
    type = serializers.SerializerMethodField()
    place = serializers.SerializerMethodField()
    actors = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        geo_field = "location"
        id_field = "id"
        fields = (
            "id",
            "location",
            "title",
            "date_start",
            "date_end",
            "date_precision",
            "date_label",
            "type",
            "disputed",
            "place",
            "actors",
            "fatalities_best",
            "url",
            "api_url",
        )

    def get_type(self, event: Event) -> dict:
        event_type = event.event_type
        parent = event_type.parent
        return {
            "slug": event_type.slug,
            "name": event_type.name,
            "color": event_type.color,
            "parent_slug": parent.slug if parent else None,
            "parent_name": parent.name if parent else None,
        }

    def get_place(self, event: Event) -> dict:
        place = event.place
        return {
            "name": place.name,
            "name_ar": place.name_ar,
            "precision": place.precision,
            "feature_type": place.feature_type,
        }

    def get_actors(self, event: Event) -> list[dict]:
        return [
            {
                "id": link.actor_id,
                "name": link.actor.name,
                "role": link.role,
                "role_label": link.get_role_display(),
            }
            for link in event.event_actors.all()
        ]

    def get_api_url(self, event: Event) -> str:
        return reverse("events:api-event-detail", args=[event.pk])


class EventDetailFeatureSerializer(EventFeatureSerializer):
    sources = serializers.SerializerMethodField()
    related = serializers.SerializerMethodField()

    class Meta(EventFeatureSerializer.Meta):
        fields = (*EventFeatureSerializer.Meta.fields, "summary", "sources", "related")

    def get_sources(self, event: Event) -> list[dict]:
        return [
            {
                "publisher": link.source.publisher,
                "title": link.source.title,
                "url": link.source.url,
                "published_at": link.source.published_at,
                "language": link.source.language,
                "stance": link.stance,
                "stance_label": link.get_stance_display(),
                "speaker": link.speaker,
                "quote": link.quote,
            }
            for link in event.event_sources.all()
        ]

    def get_related(self, event: Event) -> list[dict]:
        return [
            {
                "id": item["event"].pk,
                "title": item["event"].title,
                "kind": item["kind"],
                "kind_label": item["kind_label"],
                "url": item["event"].get_absolute_url(),
            }
            for item in selectors.event_related_public(event)
        ]
