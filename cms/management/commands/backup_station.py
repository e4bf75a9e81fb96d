from django.core.management.base import BaseCommand, CommandError

from cms.backup import BackupError, create_backup, prune_backups


class Command(BaseCommand):
    help = "Write one dated archive of the database and all uploads (public media and private charters) to BACKUP_DIR."

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="where to write the archive (default: BACKUP_DIR)")
        parser.add_argument("--keep", type=int, default=None, help="then delete all but the newest KEEP archives")

    def handle(self, *args, **options):
        try:
            archive = create_backup(options["dir"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{archive} ({archive.stat().st_size} bytes)")
        if options["keep"] is not None:
            for path in prune_backups(options["keep"], archive.parent):
                self.stdout.write(f"deleted {path}")
