"""``/api/rooms``: rooms, their free/busy availability, and booking requests."""

from events.api import router  # noqa: F401
