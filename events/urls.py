"""The corrections log and its feed (named under the site's one "events" namespace)."""

from django.urls import path

from events import views

urlpatterns = [
    path("corrections/", views.corrections, name="corrections"),
    path("corrections/feed/", views.corrections_feed, name="corrections-feed"),
]
