"""The bench's floor: a trivial Django view returning the home page's bytes through the same server and middleware.

Routed always, answering only when ``BENCH_FLOOR_FILE`` names the file the bench wrote the home page into; a site
without that variable answers 404, as for any unknown address.
"""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponse


@cache
def _floor_bytes(path: str) -> bytes:
    return Path(path).read_bytes()


def floor(request):
    if not settings.BENCH_FLOOR_FILE:
        raise Http404
    return HttpResponse(_floor_bytes(settings.BENCH_FLOOR_FILE), content_type="text/html; charset=utf-8")
