"""Places, their alternate names and the offline gazetteer's rows."""

from django.contrib.gis.db import models
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from simple_history.models import HistoricalRecords

# The tables keep the names they had when these models lived in the events app
# (moved by state-only migrations: places 0001, events 0008), so no data is copied.


class Place(models.Model):
    class FeatureType(models.TextChoices):
        COUNTRY = "country", "Country"
        GOVERNORATE = "governorate", "Governorate / province"
        DISTRICT = "district", "District"
        CITY = "city", "City / town"
        VILLAGE = "village", "Village"
        HILL = "hill", "Hill / hilltops"
        BASE = "base", "Military base / airport"
        CROSSING = "crossing", "Border crossing"
        DAM = "dam", "Dam"
        AREA = "area", "Area / region"

    class GeocodeStatus(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Resolved"
        REVIEW = "review", "Needs review"
        FAILED = "failed", "Unresolved"
        MANUAL = "manual", "Fixed by hand"

    class Provenance(models.TextChoices):
        NONE = "", "None"
        GAZETTEER = "gazetteer", "Local gazetteer"
        ONLINE = "online", "Online geocoder"
        MANUAL = "manual", "Manual"
        IMPORT = "import", "Imported dataset coordinates"

    name = models.CharField(max_length=200)
    name_ar = models.CharField(max_length=200, blank=True)
    feature_type = models.CharField(
        max_length=16, choices=FeatureType.choices, default=FeatureType.CITY
    )
    country_code = models.CharField(max_length=2, blank=True, default="SY")
    admin1 = models.CharField("governorate", max_length=120, blank=True)
    admin2 = models.CharField("district", max_length=120, blank=True)
    location = models.PointField(srid=4326, null=True, blank=True)
    area = models.MultiPolygonField(srid=4326, null=True, blank=True)
    population = models.PositiveIntegerField(null=True, blank=True)
    precision = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
        help_text="1 the exact place, 2 near it or part of a region, 3 a larger area's "
        "centroid (ACLED geo_precision).",
    )
    confidence = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(1)]
    )
    geocode_status = models.CharField(
        max_length=8, choices=GeocodeStatus.choices, default=GeocodeStatus.PENDING
    )
    provenance = models.CharField(
        max_length=16, choices=Provenance.choices, blank=True, default=""
    )
    gazetteer_id = models.CharField(
        max_length=64, blank=True, help_text="Id of the gazetteer row or online result."
    )
    geocode_label = models.CharField(max_length=300, blank=True)
    geocode_error = models.TextField(blank=True)
    geocode_candidates = models.JSONField(default=list, blank=True)
    geocoded_at = models.DateTimeField(null=True, blank=True)
    # The durable hand-off (handoff.place_geocode_sweep): when the geocode task was
    # last sent (None: never, or the broker refused it) and how many times.
    geocode_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    geocode_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    hint_lat = models.FloatField(null=True, blank=True, editable=False)
    hint_lon = models.FloatField(null=True, blank=True, editable=False)
    history = HistoricalRecords(table_name="events_historicalplace")

    class Meta:
        db_table = "events_place"
        ordering = ["name"]
        constraints = [
            # Datasets hold different places of one name in one admin1 (ACLED and
            # UCDP points kilometres apart): imported places may share a name.
            models.UniqueConstraint(
                fields=["name", "country_code", "admin1"],
                condition=~Q(provenance="import"),
                name="place_unique_name",
            ),
            models.CheckConstraint(
                condition=Q(precision__isnull=True)
                | Q(precision__gte=1, precision__lte=3),
                name="place_precision_1_3",
            ),
        ]
        indexes = [
            models.Index(fields=["geocode_status"]),
            models.Index(fields=["name", "country_code", "admin1"], name="place_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.admin1})" if self.admin1 else self.name

    @property
    def is_manual(self) -> bool:
        return self.provenance == self.Provenance.MANUAL

    @property
    def lat(self) -> float | None:
        return self.location.y if self.location else None

    @property
    def lon(self) -> float | None:
        return self.location.x if self.location else None


class PlaceName(models.Model):
    class Kind(models.TextChoices):
        TRANSLITERATION = "transliteration", "Transliteration / spelling"
        LOCAL = "local", "Local script"
        OLD = "old", "Old name"
        ABBREVIATION = "abbreviation", "Abbreviation"

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    language = models.CharField(max_length=8, blank=True, default="en")
    kind = models.CharField(
        max_length=16, choices=Kind.choices, default=Kind.TRANSLITERATION
    )
    key = models.CharField(max_length=200, db_index=True, editable=False, blank=True)

    class Meta:
        db_table = "events_placename"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["place", "name"], name="placename_unique")
        ]

    def __str__(self) -> str:
        return self.name


class GazetteerEntry(models.Model):
    """One row of the offline gazetteer (GeoNames-format data or the curated supplement)."""

    class Dataset(models.TextChoices):
        GEONAMES = "geonames", "GeoNames"
        ADMIN = "admin", "Administrative divisions"
        SUPPLEMENT = "supplement", "ConflictMap supplement"
        PLACES = "places", "Sourced bulk places (gazetteer_sy_places.csv.gz)"

    dataset = models.CharField(max_length=16, choices=Dataset.choices)
    ref = models.CharField(max_length=64, help_text="GeoNames id or supplement row id.")
    name = models.CharField(max_length=200)
    name_ar = models.CharField(max_length=200, blank=True)
    alternate_names = models.JSONField(default=list, blank=True)
    feature_class = models.CharField(max_length=1, blank=True)
    feature_code = models.CharField(max_length=10, blank=True)
    feature_type = models.CharField(
        max_length=16, choices=Place.FeatureType.choices, default=Place.FeatureType.CITY
    )
    country_code = models.CharField(max_length=2, db_index=True)
    admin1 = models.CharField(max_length=120, blank=True)
    admin2 = models.CharField(max_length=120, blank=True)
    lat = models.FloatField()
    lon = models.FloatField()
    population = models.BigIntegerField(default=0)
    source = models.CharField(max_length=300, blank=True)
    key = models.CharField(
        max_length=200,
        db_index=True,
        blank=True,
        editable=False,
        help_text="Normalised name (places.geocoding.normalize.name_key).",
    )
    precision = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
        help_text="Precision of an answer from this row (3 for a region).",
    )

    class Meta:
        db_table = "events_gazetteerentry"
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "ref"], name="gazetteer_unique_ref"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} [{self.country_code}]"
