"""The ingest page's forms: the article, and one proposed event as the editor edits it."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils import timezone

from events.models import (
    Actor,
    Event,
    EventActor,
    EventRelation,
    EventSource,
    EventType,
)
from ingest import confirm, proposal
from ingest.country import country as article_country
from ingest.reading import text
from places.models import Place

STANCES = EventSource.Stance.values
ROLES = EventActor.Role.values
RELATION_KINDS = EventRelation.Kind.values


class ArticleForm(forms.Form):
    text = forms.CharField(
        label="Article text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 100}),
        help_text="Paste the article's body. HTML is stripped.",
    )
    published_on = forms.DateField(
        label="Publication date",
        help_text="YYYY-MM-DD. Relative dates (“yesterday”, “last week”) count from it.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    publisher = forms.CharField(max_length=200)
    title = forms.CharField(label="Article title", max_length=500)
    url = forms.URLField(
        label="URL", max_length=1000, required=False, assume_scheme="https"
    )
    country = forms.ChoiceField(
        label="Country",
        choices=article_country.choices,  # settings.GAZETTEER_COUNTRIES, read per form
        initial=article_country.DETECT,
        required=False,
        help_text="Whose gazetteer the article's places are read in. “Detect” keeps "
        "the first configured country unless the text is clearly about another one.",
        error_messages={
            "invalid_choice": "Unknown country “%(value)s”: choose “Detect from the "
            "text” or one of the countries the gazetteer is configured for."
        },
    )

    def clean_text(self) -> str:
        value = self.cleaned_data.get("text", "")
        if len(value) > text.MAX_CHARS:
            raise ValidationError(
                f"The article text is too long ({len(value):,} characters; the limit "
                f"is {text.MAX_CHARS:,})."
            )
        return value

    def clean_published_on(self) -> dt.date:
        value = self.cleaned_data["published_on"]
        if value > timezone.localdate() + dt.timedelta(days=1):
            raise ValidationError("The publication date is in the future.")
        if value.year < 1900:
            raise ValidationError("The publication date is before 1900.")
        return value

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("text", "").strip() and not data.get("url"):
            self.add_error("text", "Paste the article's text (or give its URL).")
        return data

    @property
    def published_at(self) -> dt.datetime:
        day = self.cleaned_data["published_on"]
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _lines(value: str) -> list[list[str]]:
    return [
        [part.strip() for part in line.split("|", 2)]
        for line in value.splitlines()
        if line.strip()
    ]


HIDDEN = forms.HiddenInput


class ProposalForm(forms.Form):
    include = forms.BooleanField(required=False, initial=True)
    key = forms.CharField(widget=forms.HiddenInput)
    title = forms.CharField(max_length=300, widget=forms.TextInput(attrs={"size": 70}))
    event_type = forms.ModelChoiceField(
        queryset=EventType.objects.select_related("parent"),
        to_field_name="slug",
    )
    date_start = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    date_end = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_precision = forms.ChoiceField(choices=Event.DatePrecision.choices)
    summary = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 90})
    )
    place_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    place_name = forms.CharField(label="Place", max_length=200, required=False)
    place_admin1 = forms.CharField(label="Governorate", max_length=120, required=False)
    place_feature_type = forms.ChoiceField(
        label="Feature type", choices=Place.FeatureType.choices, required=False
    )
    place_alternates = forms.CharField(required=False, widget=forms.HiddenInput)
    hint_lat = forms.FloatField(
        required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    hint_lon = forms.FloatField(
        required=False, min_value=-180, max_value=180, widget=forms.HiddenInput
    )
    # The place map (ingest/placing.py, static/ingest/ingest.js): a gazetteer row or
    # a point the editor chose; the server takes the row's point from the gazetteer.
    place_text = forms.CharField(max_length=200, required=False, widget=HIDDEN)
    place_choice = forms.ChoiceField(
        choices=[(c, c) for c in confirm.PlaceChoice.CHOSEN],
        required=False,
        widget=HIDDEN,
    )
    place_ref = forms.CharField(max_length=100, required=False, widget=HIDDEN)
    place_lat = forms.FloatField(
        required=False, min_value=-90, max_value=90, widget=HIDDEN
    )
    place_lon = forms.FloatField(
        required=False, min_value=-180, max_value=180, widget=HIDDEN
    )
    place_precision = forms.TypedChoiceField(
        choices=[("", "")] + [(str(n), str(n)) for n in (1, 2, 3)],
        coerce=int,
        empty_value=None,
        required=False,
        widget=HIDDEN,
    )
    actors = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="One per line: actor name | role (" + ", ".join(ROLES) + ").",
    )
    statements = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 90}),
        help_text="One per line: stance (" + ", ".join(STANCES) + ") | speaker "
        "(empty: the article itself) | quoted passage.",
    )
    related = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_actors(self) -> list[tuple[Actor, str]]:
        result, unknown = [], []
        for parts in _lines(self.cleaned_data["actors"]):
            name, role = parts[0], (parts[1] if len(parts) > 1 else "initiator")
            actor = Actor.objects.filter(name__iexact=name).first()
            if actor is None:
                unknown.append(name)
            elif role not in ROLES:
                raise ValidationError(f"“{role}” is not a role ({', '.join(ROLES)}).")
            else:
                result.append((actor, role))
        if unknown:
            raise ValidationError(
                "Unknown actor(s): "
                + ", ".join(unknown)
                + ". Add them in Actors first."
            )
        return result

    def clean_statements(self) -> list[tuple[str, str, str]]:
        result = []
        for parts in _lines(self.cleaned_data["statements"]):
            if len(parts) != 3 or parts[0] not in STANCES or not parts[2]:
                raise ValidationError(
                    "Each line needs “stance | speaker | quote” with a stance among "
                    + ", ".join(STANCES)
                    + " and a quote."
                )
            result.append((parts[0], parts[1][:300], parts[2]))
        if not result:
            raise ValidationError(
                "An event needs at least one statement of the source."
            )
        return result

    def clean_related(self) -> list[tuple[str, str]]:
        pairs = []
        for item in self.cleaned_data["related"].split(","):
            key, _, kind = item.strip().partition(":")
            if key and kind in RELATION_KINDS:
                pairs.append((key, kind))
        return pairs

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("date_start"), data.get("date_end")
        if start and end and end < start:
            self.add_error("date_end", "The end date is before the start date.")
        chosen = data.get("place_choice")
        if chosen == "gazetteer" and not data.get("place_ref"):
            self.add_error("place_name", "Pick the place again on the map.")
        if chosen == "point":
            if data.get("place_lat") is None or data.get("place_lon") is None:
                self.add_error("place_name", "Click the point again on the map.")
            if not data.get("place_name", "").strip():
                self.add_error("place_name", "Name the point chosen on the map.")
        return data

    def to_draft(self) -> confirm.EventDraft:
        data = self.cleaned_data
        place = None
        chosen = data.get("place_choice") or ""
        if chosen or data.get("place_id") or data.get("place_name", "").strip():
            place = confirm.PlaceChoice(
                place_id=None if chosen else data.get("place_id"),
                name=data.get("place_name", ""),
                admin1=data.get("place_admin1", ""),
                feature_type=data.get("place_feature_type") or Place.FeatureType.CITY,
                alternate_names=tuple(
                    n for n in data.get("place_alternates", "").split("|") if n.strip()
                ),
                hint_lat=data.get("hint_lat"),
                hint_lon=data.get("hint_lon"),
                chosen=chosen,
                ref=data.get("place_ref", ""),
                lat=data.get("place_lat"),
                lon=data.get("place_lon"),
                precision=data.get("place_precision"),
                text=data.get("place_text", ""),
            )
        return confirm.EventDraft(
            key=data["key"],
            title=data["title"],
            event_type=data["event_type"],
            date_start=data["date_start"],
            date_end=data.get("date_end"),
            date_precision=data["date_precision"],
            summary=data.get("summary", ""),
            place=place,
            actors=tuple(data["actors"]),
            statements=tuple(data["statements"]),
            related=tuple(data["related"]),
        )


ProposalFormSet = formset_factory(ProposalForm, extra=0, max_num=200, validate_max=True)


def initial_of(event: proposal.ProposedEvent) -> dict:
    place = event.place
    return {
        # background restated, or under the confidence threshold: unticked
        "include": not (event.background or event.unsure),
        "key": event.key,
        "title": event.title,
        "event_type": event.event_type,
        "date_start": event.date_start,
        "date_end": event.date_end,
        "date_precision": event.date_precision,
        "summary": event.summary,
        "place_id": place.place_id if place else None,
        "place_name": place.name if place else "",
        "place_admin1": place.admin1 if place else "",
        "place_feature_type": place.feature_type if place else "",
        "place_alternates": place.text if place and place.text != place.name else "",
        "place_text": place.text if place else "",
        "hint_lat": place.lat if place and place.place_id is None else None,
        "hint_lon": place.lon if place and place.place_id is None else None,
        "actors": "\n".join(f"{a.name} | {a.role}" for a in event.actors),
        "statements": "\n".join(
            f"{s.stance} | {s.speaker} | {' '.join(s.quote.split())}"
            for s in event.statements
        ),
        "related": ",".join(f"{key}:{kind}" for key, kind in event.related),
        **_near_point(place),
    }


def _near_point(place) -> dict:
    """A name placed at the point of the place the text puts it near (ingest/
    anchored.py) is proposed as that point, at its precision: confirmed, it becomes
    a place fixed by hand there, as the editor's own point would."""
    if place is None or place.origin != "near" or place.lat is None:
        return {}
    return {
        "place_choice": "point",
        "place_lat": place.lat,
        "place_lon": place.lon,
        "place_precision": place.precision,
        "hint_lat": None,
        "hint_lon": None,
    }
