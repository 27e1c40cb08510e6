"""Admin page "Propose events from an article": paste, review the proposals, confirm."""

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import formset_factory
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from events.models import (
    Actor,
    Event,
    EventActor,
    EventRelation,
    EventSource,
    EventType,
)
from ingest import confirm, fetch, highlight, propose, text
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
        return data

    def to_draft(self) -> confirm.EventDraft:
        data = self.cleaned_data
        place = None
        if data.get("place_id") or data.get("place_name", "").strip():
            place = confirm.PlaceChoice(
                place_id=data.get("place_id"),
                name=data.get("place_name", ""),
                admin1=data.get("place_admin1", ""),
                feature_type=data.get("place_feature_type") or Place.FeatureType.CITY,
                alternate_names=tuple(
                    n for n in data.get("place_alternates", "").split("|") if n.strip()
                ),
                hint_lat=data.get("hint_lat"),
                hint_lon=data.get("hint_lon"),
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


def _initial(event: propose.ProposedEvent) -> dict:
    place = event.place
    return {
        "include": not event.background,  # background restated: unticked
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
        "hint_lat": place.lat if place and place.place_id is None else None,
        "hint_lon": place.lon if place and place.place_id is None else None,
        "actors": "\n".join(f"{a.name} | {a.role}" for a in event.actors),
        "statements": "\n".join(
            f"{s.stance} | {s.speaker} | {' '.join(s.quote.split())}"
            for s in event.statements
        ),
        "related": ",".join(f"{key}:{kind}" for key, kind in event.related),
    }


def _render(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    context = {
        **admin.site.each_context(request),
        "title": "Propose events from an article",
        "opts": Event._meta,
        "fetch_enabled": fetch.is_enabled(),
        **context,
    }
    return render(request, "admin/ingest/ingest.html", context, status=status)


def view(request: HttpRequest) -> HttpResponse:
    """Paste an article, review proposed events, confirm the chosen ones as drafts."""
    if not request.user.has_perm("events.add_event"):
        raise PermissionDenied
    if request.method != "POST":
        initial = {"published_on": timezone.localdate()}
        return _render(request, {"form": ArticleForm(initial=initial)})
    form = ArticleForm(request.POST)
    if "_confirm" in request.POST:
        return _confirm(request, form)
    return _propose(request, form)


def _propose(request: HttpRequest, form: ArticleForm) -> HttpResponse:
    if not form.is_valid():
        return _render(request, {"form": form}, status=400)
    article = form.cleaned_data["text"]
    if not article.strip():
        try:
            _, article = fetch.article_fetch(form.cleaned_data["url"])
        except fetch.FetchError as error:
            form.add_error("url", str(error))
            return _render(request, {"form": form}, status=400)
    try:
        proposal = propose.article_propose(
            text_raw=article, published_at=form.published_at
        )
    except text.ArticleTextError as error:
        form.add_error("text", str(error))
        return _render(request, {"form": form}, status=400)
    formset = ProposalFormSet(
        initial=[_initial(e) for e in proposal.events], prefix="events"
    )
    return _render(
        request,
        {
            "form": form,
            "proposal": proposal,
            "rows": list(zip(formset.forms, proposal.events, strict=True)),
            "passages": {
                e.key: highlight.passages(proposal, e) for e in proposal.events
            },
            "unresolved": highlight.unresolved_candidates(proposal),
            "formset": formset,
        },
    )


def _confirm(request: HttpRequest, form: ArticleForm) -> HttpResponse:
    formset = ProposalFormSet(request.POST, prefix="events")
    rows = [(f, None) for f in formset.forms]
    article_ok = form.is_valid()
    if not formset.management_form.is_valid():
        messages.error(request, "The proposals were not sent whole: propose again.")
        return _render(request, {"form": form}, status=400)
    # Only ticked rows must be valid; rows left unticked are ignored.
    chosen = [f for f in formset.forms if f["include"].value()]
    rows_ok = [f.is_valid() for f in chosen].count(False) == 0  # every row checked
    if not chosen:
        messages.error(request, "Tick at least one proposed event to confirm.")
    if not (article_ok and rows_ok and chosen):
        context = {"form": form, "formset": formset, "rows": rows}
        return _render(request, context, status=400)
    try:
        result = confirm.article_events_confirm(
            drafts=[f.to_draft() for f in chosen],
            publisher=form.cleaned_data["publisher"],
            title=form.cleaned_data["title"],
            url=form.cleaned_data["url"],
            published_at=form.published_at,
            user=request.user,
        )
    except ValidationError as error:
        messages.error(request, "Nothing was saved: " + "; ".join(error.messages))
        context = {"form": form, "formset": formset, "rows": rows}
        return _render(request, context, status=400)
    messages.success(
        request,
        f"Created {len(result.created)} draft event(s) from “{result.source}”"
        + (
            f"; {len(result.existing)} already existed and were updated."
            if result.existing
            else "."
        )
        + " Review them before publishing.",
    )
    changelist = reverse("admin:events_event_changelist")
    return redirect(f"{changelist}?status__exact=draft")
