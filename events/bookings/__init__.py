"""Bookings of the function rooms. ``rules`` decides whether a booking may hold a slot (the one place every change of
a booking goes through: the public form, the admin, the API and ``events.services``); ``availability`` computes
opening hours and free time; ``series`` books repeating slots; ``forms`` and ``ratelimits`` serve the public request
form and the API; ``mail`` sends the notices."""
