"""HTML pages: map, embed, oEmbed, event permalink (placeholder until the map lands)."""

from django.http import HttpResponse


def event_map(request):
    return HttpResponse("ConflictMap")


def event_map_embed(request):
    return HttpResponse("ConflictMap embed")


def oembed(request):
    return HttpResponse(status=501)


def event_detail(request, pk):
    return HttpResponse(status=501)
