"""The staff listing at 10,000 applications: its order as an index (the paginator reads a page's ids from it), and on
PostgreSQL trigram indexes for its search (the admin's ``icontains``, i.e. ``UPPER(column) LIKE UPPER('%…%')``, on the
four search fields). SQLite has no trigram index; there the search stays a scan of the table."""

from django.db import migrations, models

SEARCH_FIELDS = ("organisation_name", "founder_name", "contact_phone", "contact_email")


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for field in SEARCH_FIELDS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS incubator_app_{field}_trgm "
            f'ON incubator_application USING gin ((UPPER("{field}"::text)) gin_trgm_ops)'
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for field in SEARCH_FIELDS:
        schema_editor.execute(f"DROP INDEX IF EXISTS incubator_app_{field}_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("incubator", "0004_application_language"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                models.OrderBy(models.F("submitted_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                name="incubator_app_listing_idx",
            ),
        ),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes, elidable=False),
    ]
