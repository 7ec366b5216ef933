"""manage.py import_schools FILE — import Mineduc's school directory CSV."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from schools.directory_file import DirectoryFile, NotADirectoryFile
from schools.services import schools_import


class Command(BaseCommand):
    help = "Importa el Directorio Oficial de Establecimientos de Mineduc (CSV de cualquier año), actualizando por RBD."

    def add_arguments(self, parser):
        parser.add_argument("file", help="ruta del CSV del directorio")
        parser.add_argument(
            "--max-errors-shown",
            type=int,
            default=None,
            help="mostrar solo las primeras N filas rechazadas (por omisión, todas)",
        )

    def handle(self, *args, file, max_errors_shown, **options):
        started = time.monotonic()
        try:
            directory = DirectoryFile.open(file)
        except NotADirectoryFile as error:
            raise CommandError(f"Archivo rechazado, no se importó nada: {error}") from error
        self.stdout.write(
            f"Leyendo {file} ({directory.encoding}, separador {directory.delimiter!r}, "
            f"{len(directory.header)} columnas)"
        )

        def progress(rows):
            self.stderr.write(f"  … {rows} filas leídas", ending="\r")
            self.stderr.flush()

        try:
            summary = schools_import(directory, progress=progress)
        except DatabaseError as error:
            raise CommandError(
                f"La base de datos falló durante la importación; no se guardó ningún cambio de este archivo. ({error})"
            ) from error
        elapsed = time.monotonic() - started
        self.stderr.write("")

        shown = summary.rejected if max_errors_shown is None else summary.rejected[:max_errors_shown]
        for error in shown:
            rbd = f" (RBD {error.rbd})" if error.rbd else ""
            self.stdout.write(self.style.WARNING(f"línea {error.line}{rbd}: rechazada: {error.reason}"))
        if len(shown) < len(summary.rejected):
            self.stdout.write(f"… y {len(summary.rejected) - len(shown)} filas rechazadas más")
        for line, warning in summary.warnings:
            self.stdout.write(f"línea {line}: aviso: {warning}")

        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Importación terminada en {elapsed:.1f} s: {summary.rows} filas de datos")
        )
        self.stdout.write(f"  creados:     {summary.created}")
        self.stdout.write(f"  actualizados: {summary.updated}")
        self.stdout.write(f"  sin cambios: {summary.unchanged}")
        self.stdout.write(f"  rechazados:  {len(summary.rejected)}")
        if summary.invalid_check_digits:
            self.stdout.write(
                f"  importados con dígito verificador que no cumple módulo 11 (se conservan, marcados): "
                f"{len(summary.invalid_check_digits)}"
            )
        if summary.remapped_deprov:
            self.stdout.write(
                f"  con código DEPROV no vigente (se asignó el DEPROV de su comuna): {summary.remapped_deprov}"
            )
        if summary.warnings:
            self.stdout.write(f"  avisos: {len(summary.warnings)}")
