"""Sending mail: the one place where every plugin's mail goes out, so header rules hold everywhere.

A subject is a header: a newline in it (a booking title, an organisation's name pasted from Word) makes Django refuse
the whole mail with ``BadHeaderError``. Subjects are therefore made single-line here, whatever they were built from.
"""

import re

from django.core import mail

# C0 and C1 control characters, DEL and the Unicode line and paragraph separators: each run becomes one space.
_CONTROL_RUN = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


# A mail task's retries: a mail server that is down (any OSError, smtplib's errors included) is tried again later,
# nothing having been marked sent.
MAIL_RETRY = {"autoretry_for": (OSError,), "retry_backoff": True, "max_retries": 5}


def single_line(text: str) -> str:
    """``text`` on one line: every run of control characters (newlines included) collapsed into one space."""
    return re.sub(" {2,}", " ", _CONTROL_RUN.sub(" ", str(text))).strip()


def send_mail(subject: str, body: str, recipients: list[str]) -> int:
    """Send a plain-text mail from the site's address; the subject is made single-line first."""
    return mail.send_mail(single_line(subject), body, None, recipients)
