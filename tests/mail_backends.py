"""Mail transports for tests: the edge of the world, where a mail server can be down."""

from django.core.mail.backends.base import BaseEmailBackend


class RefusingEmailBackend(BaseEmailBackend):
    """A mail server that is down: every send fails the way ``smtplib`` does when the port refuses."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")
