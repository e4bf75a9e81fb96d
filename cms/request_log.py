"""One log line per request: method, path, status and time taken, for operators and their log tools.

Only the path is logged, never the query string; and a secret link's token (a URL argument whose name holds
"token": booking management, status links, private feeds) is masked, so that log files and log collectors do not
hold working private links. ``LOG_FORMAT=json`` turns each line into a JSON object (see :class:`JsonFormatter`).
"""

import json
import logging
import time
from datetime import UTC, datetime

logger = logging.getLogger("cms.requests")
MASK = "***"


def loggable_path(request) -> str:
    """``request.path`` with the values of the URL's token arguments masked."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    for name, value in match.kwargs.items() if match else ():
        if "token" in name and isinstance(value, str) and value:
            path = path.replace(value, MASK)
    return path


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        status = 500  # what the client gets when the view raises and nothing below us turns it into a response
        try:
            response = self.get_response(request)
            status = response.status_code
            return response
        finally:
            duration_ms = round((time.monotonic() - started) * 1000, 1)
            path = loggable_path(request)
            logger.info(
                "%s %s %s %.1fms",
                request.method,
                path,
                status,
                duration_ms,
                extra={"method": request.method, "path": path, "status": status, "duration_ms": duration_ms},
            )


class JsonFormatter(logging.Formatter):
    """A JSON object per line: time, level, logger, message, and the request fields when there are some."""

    FIELDS = ("method", "path", "status", "duration_ms")

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({field: getattr(record, field) for field in self.FIELDS if hasattr(record, field)})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
