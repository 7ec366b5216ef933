"""manage.py import_pme FILE — PME actions from a CSV or XLSX table."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from pme.importer import KNOWN, missing_columns, parse_rows
from pme.services import plans_check_schools, plans_import
from pme.tables import UnreadableTable, read_table


class Command(BaseCommand):
    help = (
        "Importa acciones de PME desde un CSV o XLSX (una fila por acción o por hito). "
        "Si alguna fila tiene errores no se importa nada y se informan todas con su número de línea."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="ruta del CSV o XLSX")

    def handle(self, *args, file, **options):
        try:
            header, rows = read_table(file)
        except UnreadableTable as error:
            raise CommandError(f"Archivo rechazado, no se importó nada: {error}") from error
        missing = missing_columns(header)
        if missing:
            raise CommandError(
                "Archivo rechazado, no se importó nada: faltan las columnas " + ", ".join(missing) + ". "
                "Columnas reconocidas: " + ", ".join(KNOWN)
            )
        records, errors = parse_rows(rows)
        errors += plans_check_schools(records)
        if errors:
            for line, reason in sorted(errors):
                self.stdout.write(self.style.WARNING(f"línea {line}: {reason}"))
            raise CommandError(f"{len(errors)} filas con errores: no se importó nada. Corrija el archivo y reintente.")
        try:
            summary = plans_import(records)
        except DatabaseError as error:
            raise CommandError(
                f"La base de datos falló; no se guardó ningún cambio de este archivo. ({error})"
            ) from error
        self.stdout.write(self.style.SUCCESS(f"Importación terminada: {len(rows)} filas"))
        self.stdout.write(f"  planes creados:    {summary.plans_created}")
        self.stdout.write(f"  acciones creadas:  {summary.actions_created}")
        self.stdout.write(f"  acciones actualizadas: {summary.actions_updated}")
        self.stdout.write(f"  hitos escritos:    {summary.milestones_written}")
