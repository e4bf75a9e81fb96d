"""iCalendar: the feeds (``calendars`` built by the fast ``writer``, cached by ``cache``), their subscribe links
(``links``) and the single-booking ``.ics`` file (``booking_file``)."""
