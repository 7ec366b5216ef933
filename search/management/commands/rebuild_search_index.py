"""manage.py rebuild_search_index — rebuild the portal's search index from scratch."""

import time

from django.core.management.base import BaseCommand, CommandError

from search.backends.base import BackendUnavailable
from search.index import rebuild


class Command(BaseCommand):
    help = "Reconstruye desde cero el índice de búsqueda (redes, prácticas, instrumentos, sesiones y escuelas)."

    def handle(self, *args, **options):
        started = time.monotonic()

        def progress(kind, count):
            self.stdout.write(f"  {kind}: {count}")

        try:
            counts = rebuild(progress=progress)
        except BackendUnavailable as error:
            raise CommandError(
                "El índice de PostgreSQL se reconstruyó, pero Elasticsearch no responde "
                f"({error}). La búsqueda usa PostgreSQL mientras tanto; vuelva a ejecutar este comando "
                "cuando Elasticsearch esté disponible."
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Índice reconstruido en {time.monotonic() - started:.1f} s: {sum(counts.values())} documentos"
            )
        )
