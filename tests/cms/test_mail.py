"""Mail headers stay single-line whatever text a visitor typed: a newline in a subject must not lose the mail."""

import pytest
from django.core import mail

from cms.mail import send_mail, single_line


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("培训\n报名", "培训 报名"),
        ("a\r\nb", "a b"),
        ("a\rb", "a b"),
        ("软\x0b换行", "软 换行"),
        ("tab\there", "tab here"),
        ("nul\x00\x1f\x7f\x85end", "nul end"),
        ("line\u2028sep\u2029para", "line sep para"),
        ("\n  开头和结尾\n", "开头和结尾"),
        ("已经是一行", "已经是一行"),
    ],
)
def test_single_line_collapses_every_control_character(raw, expected):
    assert single_line(raw) == expected


def test_a_subject_with_a_newline_is_sent_on_one_line():
    send_mail("预约\n确认\r\nBcc: someone@example.com", "正文", ["a@example.com"])
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "预约 确认 Bcc: someone@example.com"
    assert mail.outbox[0].bcc == []
