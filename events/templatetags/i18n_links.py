"""Language switcher links: the same page (path and query) in each language."""

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """[{"code", "name", "path", "href", "current"}] for settings.LANGUAGES.

    ``path`` has no query string: static/maps/url.js appends the current one as filters
    change.
    """
    request: HttpRequest | None = context.get("request")
    if request is None:
        return []
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        path = translate_url(request.path, code)
        query = request.META.get("QUERY_STRING", "")
        links.append(
            {
                "code": code,
                "name": name,
                "path": path,
                "href": f"{path}?{query}" if query else path,
                "current": code == current,
            }
        )
    return links
