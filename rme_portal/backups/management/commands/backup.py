"""manage.py backup [--output DIR] [--keep N] — the database and the media files in one archive."""

import time
from pathlib import Path

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rme_portal.backups import selectors
from rme_portal.backups.services import BackupError, backup_create


class Command(BaseCommand):
    help = gettext_lazy(
        "Backs up the portal: a PostgreSQL dump and the media files in one tar archive with a checksummed manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help=gettext_lazy("folder for the archive (default: backups/ in the project)"),
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=None,
            metavar="N",
            help=gettext_lazy("afterwards, keep only the N newest archives in that folder"),
        )

    def handle(self, *args, output, keep, **options):
        if keep is not None and keep < 1:
            raise CommandError(_("--keep must be at least 1."))
        output = output or Path(settings.BASE_DIR) / "backups"
        started = time.monotonic()
        self.stdout.write(_("Backing up into %(output)s…") % {"output": output})
        try:
            result = backup_create(output, keep=keep)
        except BackupError as error:
            raise CommandError(_("The backup failed and left no archive: %(error)s") % {"error": error}) from error
        elapsed = time.monotonic() - started
        manifest = result.manifest

        self.stdout.write(
            self.style.SUCCESS(
                _("Backup finished in %(seconds)s s: %(path)s (%(size)s)")
                % {"seconds": f"{elapsed:.1f}", "path": result.path, "size": filesizeformat(result.size)}
            )
        )
        self.stdout.write(
            "  "
            + _("database %(name)s (PostgreSQL %(version)s): %(tables)s tables, %(rows)s rows")
            % {
                "name": manifest.database["name"],
                "version": manifest.database["server_version"],
                "tables": len(manifest.row_counts),
                "rows": intcomma(sum(manifest.row_counts.values())),
            }
        )
        for table, label in selectors.main_tables():
            if table in manifest.row_counts:
                self.stdout.write(f"    {label}: {intcomma(manifest.row_counts[table])}")
        if manifest.media["included"]:
            self.stdout.write(
                "  "
                + _(
                    "media files: %(files)s (%(size)s); image renditions (images/) are left out, "
                    "Wagtail makes them again"
                )
                % {"files": intcomma(manifest.media["files"]), "size": filesizeformat(manifest.media["bytes"])}
            )
        else:
            self.stdout.write(
                self.style.WARNING(
                    "  "
                    + _("media files: not included (they are not in a local folder); back them up with their storage")
                )
            )
        if result.pruned:
            self.stdout.write(
                "  "
                + _("older archives deleted (--keep %(keep)s): %(names)s")
                % {"keep": keep, "names": ", ".join(path.name for path in result.pruned)}
            )
