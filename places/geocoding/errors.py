"""Geocoding errors, classified for Celery: transient (retry) or permanent (record)."""


class GeocodingUnavailable(Exception):
    """Provider is down, slow or throttling; the same query may succeed later."""


class GeocodingError(Exception):
    """Provider rejected the query; retrying will not help."""
