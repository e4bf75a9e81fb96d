"""iCalendar (RFC 5545) feeds of the station's activities, duty shifts and room bookings."""
