import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Mail about a booking is recorded once per kind, so the mail tasks are safe to run twice."""

    dependencies = [
        ("events", "0001_initial"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="booking",
            name="reminder_sent_at",
        ),
        migrations.CreateModel(
            name="BookingNotice",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("requested", "已收到申请"),
                            ("confirmed", "预约已确认"),
                            ("declined", "预约未通过"),
                            ("cancelled", "预约已取消"),
                            ("reminder", "预约提醒"),
                        ],
                        max_length=20,
                    ),
                ),
                ("sent_at", models.DateTimeField(auto_now_add=True)),
                (
                    "booking",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="notices", to="events.booking"
                    ),
                ),
            ],
            options={
                "verbose_name": "预约通知",
                "verbose_name_plural": "预约通知",
                "constraints": [
                    models.UniqueConstraint(fields=("booking", "kind"), name="events_notice_once_per_kind")
                ],
            },
        ),
    ]
