"""WSGI entry point (gunicorn conflictmap.wsgi)."""

import gc
import os
import sys

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictmap.settings")
application = get_wsgi_application()
# Under gunicorn --preload the master imports every view (and the map's index code) once
# and freezes what it made: the forked workers share those pages instead of each
# importing its own copy at its first request, and the garbage collector leaves them
# unwritten (issue 16: memory per extra worker).
get_resolver().url_patterns  # noqa: B018 - imports the URLconf and its views
if "gunicorn" in sys.modules:  # not in a test process importing the application
    gc.freeze()
