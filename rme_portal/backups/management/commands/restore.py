"""manage.py restore ARCHIVE — put a backup's database and media files back, after checking all of it."""

import time
from pathlib import Path

import psycopg
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rme_portal.backups import selectors
from rme_portal.backups.archive import Manifest, RejectedArchive
from rme_portal.backups.database import Target
from rme_portal.backups.services import RestoreFailed, archive_check, backup_restore, backup_staged

YES = {"s", "si", "sí", "y", "yes"}


class Command(BaseCommand):
    help = gettext_lazy(
        "Restores a backup made by manage.py backup, replacing the database and the media files. "
        "The whole archive is checked first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help=gettext_lazy("the backup's .tar file"))
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help=gettext_lazy("do not ask for confirmation"),
        )
        parser.add_argument("--check", action="store_true", help=gettext_lazy("only check the archive; change nothing"))
        parser.add_argument(
            "--database-url",
            default=None,
            help=gettext_lazy(
                "restore into this PostgreSQL database instead of the portal's (for example an empty one, "
                "to rehearse a restore)"
            ),
        )
        parser.add_argument(
            "--media-root",
            type=Path,
            default=None,
            help=gettext_lazy("restore the files into this folder instead of the portal's media folder"),
        )

    def handle(self, *args, archive, interactive, check, database_url, media_root, **options):
        started = time.monotonic()
        archive = archive.resolve()
        if check:
            try:
                manifest = archive_check(archive)
            except RejectedArchive as error:
                raise CommandError(_("Backup refused: %(reason)s") % {"reason": error}) from error
            self.stdout.write(
                self.style.SUCCESS(
                    _("The backup %(archive)s is whole: its %(members)s members match the manifest.")
                    % {"archive": archive, "members": len(manifest.members)}
                )
            )
            self._describe(manifest)
            return

        try:
            target = Target.from_url(database_url) if database_url else Target.from_settings()
        except psycopg.Error as error:
            raise CommandError(_("The restore failed: %(reason)s") % {"reason": error}) from error
        media_root = media_root or selectors.media_root()
        media_root = media_root.resolve() if media_root else None
        self.stdout.write(_("Checking %(archive)s…") % {"archive": archive})
        try:
            with backup_staged(archive, media_root) as staged:
                self._describe(staged.manifest)
                if interactive and not self._confirmed(target, media_root):
                    self.stdout.write(_("Restore cancelled; nothing was changed."))
                    return
                self.stdout.write(_("Restoring…"))
                result = backup_restore(staged, target, media_root)
        except RejectedArchive as error:
            raise CommandError(_("Backup refused, nothing was restored: %(reason)s") % {"reason": error}) from error
        except RestoreFailed as error:
            raise CommandError(_("The restore failed: %(reason)s") % {"reason": error}) from error
        if not database_url:
            for cache in caches.all():
                cache.clear()  # cached pages and facets describe the content before the restore
        self._summary(result, staged.manifest, archive, time.monotonic() - started)

    def _describe(self, manifest: Manifest):
        self.stdout.write(
            "  "
            + _("made on %(created)s by portal %(version)s: %(tables)s tables, %(rows)s rows, %(files)s media files")
            % {
                "created": timezone.localtime(manifest.created_at).strftime("%d/%m/%Y %H:%M"),
                "version": manifest.portal_version,
                "tables": len(manifest.row_counts),
                "rows": intcomma(sum(manifest.row_counts.values())),
                "files": intcomma(manifest.media.get("files", 0)),
            }
        )

    def _confirmed(self, target: Target, media_root: Path | None) -> bool:
        self.stdout.write(
            self.style.WARNING(
                _(
                    "This replaces ALL the content of the database %(database)s and the files in %(media)s "
                    "(the current files are moved to a folder beside it, not deleted). "
                    "Stop the portal's processes first."
                )
                % {"database": target.describe(), "media": media_root or "-"}
            )
        )
        answer = input(_("Type “yes” to go on: "))
        return answer.strip().lower() in YES

    def _summary(self, result, manifest: Manifest, archive: Path, elapsed: float):
        self.stdout.write(
            self.style.SUCCESS(
                _("Restore finished in %(seconds)s s from %(archive)s")
                % {"seconds": f"{elapsed:.1f}", "archive": archive.name}
            )
        )
        if result.differences:
            self.stdout.write(
                "  "
                + _("database %(target)s: %(different)s of %(tables)s tables differ from the manifest")
                % {"target": result.target, "different": len(result.differences), "tables": result.tables}
            )
        else:
            self.stdout.write(
                "  "
                + _("database %(target)s: all %(tables)s tables have the rows the manifest lists")
                % {"target": result.target, "tables": result.tables}
            )
        for table, label in selectors.main_tables():
            if table in manifest.row_counts:
                self.stdout.write(
                    "    "
                    + _("%(label)s: %(now)s (backup: %(then)s)")
                    % {
                        "label": label,
                        "now": intcomma(result.row_counts.get(table, 0)),
                        "then": intcomma(manifest.row_counts[table]),
                    }
                )
        if result.media_root:
            self.stdout.write(
                "  "
                + _("media files: %(files)s (%(size)s) restored into %(folder)s")
                % {
                    "files": intcomma(result.media_files),
                    "size": filesizeformat(manifest.media.get("bytes", 0)),
                    "folder": result.media_root,
                }
            )
            self.stdout.write("  " + _("image renditions: made again when first shown"))
        if result.media_aside:
            self.stdout.write(
                "  "
                + _("the files that were there are now in %(folder)s; delete it once the portal looks right")
                % {"folder": result.media_aside}
            )
        self.stdout.write(_("Next steps:"))
        self.stdout.write(
            "  - " + _("restart the portal's processes (gunicorn, runserver): they keep search data in memory")
        )
        if result.pending_migrations:
            self.stdout.write(
                "  - "
                + _("run manage.py migrate: the backup predates %(count)s migrations of this code")
                % {"count": len(result.pending_migrations)}
            )
        if settings.ELASTICSEARCH_URL:
            self.stdout.write("  - " + _("run manage.py rebuild_search_index: the Elasticsearch index is not restored"))
        for table, expected, found in result.differences:
            self.stdout.write(
                self.style.WARNING(
                    "  "
                    + _("%(table)s: %(found)s rows, the backup has %(expected)s")
                    % {"table": table, "found": "-" if found is None else found, "expected": expected}
                )
            )
        if result.differences:
            raise CommandError(
                _(
                    "The restore finished, but %(count)s tables do not have the rows the backup lists; "
                    "was something writing to the database?"
                )
                % {"count": len(result.differences)}
            )
