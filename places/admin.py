"""Place curation: Leaflet map widget, review queue of doubtful geocodes, hand fixes."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join, json_script
from leaflet.admin import LeafletGeoAdmin

from places import changeguard, handoff
from places import services as place_services
from places.models import Place, PlaceName


class PlaceNameInline(admin.TabularInline):
    model = PlaceName
    extra = 1
    fields = ["name", "language", "kind"]


class NeedsReviewFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin):
        return [("yes", "Needs review (unresolved or low confidence)")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Place]):
        if self.value() == "yes":
            return queryset.filter(
                pk__in=place_services.place_review_queryset().values("pk")
            )
        return queryset


class PlaceAdminForm(forms.ModelForm):
    use_candidate = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        label="Use a candidate",
        help_text="Pick one (or click it on the map): the place takes its point and "
        "becomes a manual fix. Or drag the point on the map above.",
    )

    correction_note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required when published events show this place: the note goes to "
        "each of their corrections.",
    )

    class Meta:
        model = Place
        fields = "__all__"  # noqa: DJ007 - the admin fieldsets choose the fields

    current_user = None  # set by PlaceAdmin.get_form: the role model needs the user

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.instance.pk and set(self.changed_data) - {"correction_note"}:
            try:
                changeguard.place_change_check(
                    place=self.instance,
                    note=cleaned.get("correction_note", ""),
                    user=self.current_user,
                )
            except ValidationError as error:
                self.add_error("correction_note", error)
            except PermissionDenied as error:
                self.add_error(None, str(error))
        return cleaned

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        candidates = self.instance.geocode_candidates or []
        self.fields["use_candidate"].choices = [
            (
                index,
                f"#{index + 1} {c.get('name')} ({c.get('admin1') or c.get('country')}) "
                f"{c.get('lat')}, {c.get('lon')} · {c.get('match')} {c.get('score')}",
            )
            for index, c in enumerate(candidates)
        ]


@admin.register(Place)
class PlaceAdmin(LeafletGeoAdmin):
    form = PlaceAdminForm
    list_display = [
        "name",
        "admin1",
        "feature_type",
        "geocode_status",
        "precision",
        "confidence",
        "provenance",
        "candidate_summary",
    ]
    list_filter = [NeedsReviewFilter, "geocode_status", "provenance", "feature_type"]
    search_fields = ["name", "name_ar", "names__name"]
    inlines = [PlaceNameInline]
    actions = ["geocode_again", "accept_best_candidate"]
    readonly_fields = [
        "geocode_status",
        "provenance",
        "confidence",
        "gazetteer_id",
        "geocode_label",
        "geocode_error",
        "geocoded_at",
        "candidate_table",
    ]
    fieldsets = [
        (None, {"fields": ["name", "name_ar", "feature_type", "country_code"]}),
        ("Administrative area", {"fields": ["admin1", "admin2", "population"]}),
        (
            "Point",
            {
                "fields": ["location", "precision"],
                "description": "Moving the point fixes it by hand: it becomes "
                "'manual' and no geocoder will overwrite it.",
            },
        ),
        (
            "Area",
            {
                "fields": ["area"],
                "description": "Optional outline (a town's built-up area, a hill "
                "range): the control layer colours it by who held the place.",
            },
        ),
        (
            "Correction",
            {"fields": ["correction_note"]},
        ),
        (
            "Geocoding (read-only)",
            {
                "fields": [
                    "geocode_status",
                    "provenance",
                    "confidence",
                    "gazetteer_id",
                    "geocode_label",
                    "geocode_error",
                    "geocoded_at",
                    "candidate_table",
                    "use_candidate",
                ]
            },
        ),
    ]

    class Media:
        js = ["places/admin-map.js"]  # offline basemap; candidates on the map

    @admin.display(description="candidates")
    def candidate_summary(self, place: Place) -> str:
        candidates = place.geocode_candidates or []
        return "; ".join(
            f"{c.get('name')} ({c.get('admin1') or c.get('country')}, {c.get('score')})"
            for c in candidates[:3]
        )

    @admin.display(description="candidates")
    def candidate_table(self, place: Place) -> str:
        candidates = place.geocode_candidates or []
        if not candidates:
            return "—"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}, {}</td><td>{}</td>"
            "<td>{}</td></tr>",
            (
                (
                    i + 1,
                    c.get("name"),
                    c.get("admin1") or c.get("country"),
                    c.get("lat"),
                    c.get("lon"),
                    c.get("match"),
                    c.get("score"),
                )
                for i, c in enumerate(candidates)
            ),
        )
        return format_html(
            "<table><tr><th>#</th><th>name</th><th>governorate</th><th>lat, lon</th>"
            "<th>match</th><th>score</th></tr>{}</table>{}",
            rows,
            json_script(candidates, "geocode-candidates"),
        )

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"current_user": request.user})

    def has_change_permission(self, request: HttpRequest, obj: Place | None = None):
        """A place published events show is a reviewer's (the role model, events)."""
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None:
            return changeguard.place_change_allowed(place=obj, user=request.user)
        return allowed

    def save_model(self, request: HttpRequest, obj: Place, form, change: bool) -> None:
        old_name = form.initial.get("name", "") if change else ""
        if change and not (set(form.changed_data) - {"correction_note"}):
            return
        place_services.place_update(
            place=obj,
            note=form.cleaned_data.get("correction_note", ""),
            user=request.user,
            candidate=form.cleaned_data.get("use_candidate"),
            moved="location" in form.changed_data,
            renamed="name" in form.changed_data,
            spellings=[old_name] if old_name and old_name != obj.name else [],
        )

    @admin.action(description="Geocode again", permissions=["change"])
    def geocode_again(self, request: HttpRequest, queryset: QuerySet[Place]) -> None:
        count = handoff.place_geocode_queue(places=queryset, force=True)
        self.message_user(request, f"{count} place(s) queued (manual fixes skipped).")

    @admin.action(
        description="Accept the best candidate (marks manual)", permissions=["change"]
    )
    def accept_best_candidate(
        self, request: HttpRequest, queryset: QuerySet[Place]
    ) -> None:
        done = 0
        for place in queryset:
            try:
                place_services.place_accept_candidate(place=place, user=request.user)
            except (ValueError, ValidationError, PermissionDenied) as error:
                text = "; ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, f"{place}: {text}", messages.WARNING)
            else:
                done += 1
        self.message_user(request, f"{done} place(s) fixed from their best candidate.")
