"""Admin page "Propose events from an article": paste, review the proposals, confirm."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from ingest import confirm, fetch, highlight, placing, propose
from ingest.forms import ArticleForm, ProposalFormSet, initial_of
from ingest.reading import text


def _render(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    context = {
        **admin.site.each_context(request),
        "title": "Propose events from an article",
        "opts": Event._meta,
        "fetch_enabled": fetch.is_enabled(),
        "place_search_url": reverse("admin-ingest-places"),
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
            text_raw=article,
            published_at=form.published_at,
            country=form.cleaned_data.get("country") or "detect",
        )
    except text.ArticleTextError as error:
        form.add_error("text", str(error))
        return _render(request, {"form": form}, status=400)
    formset = ProposalFormSet(
        initial=[initial_of(e) for e in proposal.events], prefix="events"
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
            "place_map": placing.map_context(proposal, prefix="events"),
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


def _near(value: str) -> tuple[float, float] | None:
    lat, _, lon = value.partition(",")
    try:
        point = (float(lat), float(lon))
    except ValueError:
        raise ValidationError("near: expected “lat,lon”.") from None
    if not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
        raise ValidationError("near: expected “lat,lon” on the map.")
    return point


def places_search(request: HttpRequest) -> HttpResponse:
    """The place map's gazetteer search (JSON): ``q`` a name, ``near`` "lat,lon"."""
    if not request.user.has_perm("events.add_event"):
        raise PermissionDenied  # before the method: a Viewer learns nothing more
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    q = request.GET.get("q", "").strip()
    errors = []
    if len(q) > placing.MAX_QUERY:
        errors.append(f"q: at most {placing.MAX_QUERY} characters.")
    if "\x00" in q:
        errors.append("q: null characters are not allowed.")
    try:
        near = _near(request.GET["near"]) if request.GET.get("near") else None
    except ValidationError as error:
        errors += error.messages
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    return JsonResponse({"results": placing.gazetteer_search(q=q, near=near)})
