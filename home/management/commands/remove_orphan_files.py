"""manage.py remove_orphan_files — stored files no row points at (an upload
that failed or whose worker was killed after writing its file), and upload
temporaries left by killed workers."""

import datetime

from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat

from rme_portal.media_orphans import (
    GRACE,
    orphan_files_find,
    orphan_files_remove,
    upload_temporaries_find,
    upload_temporaries_remove,
)


class Command(BaseCommand):
    help = (
        "Borra los archivos subidos que ningún documento, imagen o carga de Wagtail nombra "
        "(restos de una carga fallida) y los temporales de cargas interrumpidas. Se puede repetir sin riesgo."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=int(GRACE.total_seconds() // 60),
            metavar="MINUTOS",
            help="solo archivos modificados hace más de estos minutos (una carga en curso aún no guarda su fila)",
        )
        parser.add_argument("--dry-run", action="store_true", help="solo listar, sin borrar")

    def handle(self, *args, older_than, dry_run, **options):
        age = datetime.timedelta(minutes=older_than)
        orphans = orphan_files_find(age) if dry_run else orphan_files_remove(age)
        for orphan in orphans:
            self.stdout.write(f"  {orphan.name} ({filesizeformat(orphan.size)})")
        temporaries = upload_temporaries_find(age) if dry_run else upload_temporaries_remove(age)
        for path in temporaries:
            self.stdout.write(f"  {path}")
        total = filesizeformat(sum(orphan.size for orphan in orphans))
        verb = "encontrados (no se borró nada)" if dry_run else "borrados"
        self.stdout.write(
            self.style.SUCCESS(
                f"Archivos sin fila {verb}: {len(orphans)}, {total}. "
                f"Temporales de cargas interrumpidas {verb}: {len(temporaries)}."
            )
        )
