from django.core.management.base import BaseCommand, CommandError

from cms.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive made by backup_station into this installation (database and uploads). "
        "Refuses a database that holds content unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="path of a station-YYYYmmdd-HHMMSS.tar.gz archive")
        parser.add_argument(
            "--force", action="store_true", help="replace the content of a database that is not empty, and the uploads"
        )

    def handle(self, *args, **options):
        try:
            result = restore_backup(options["archive"], force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"restored {result.archive} of {result.created}: {result.files} files"))
