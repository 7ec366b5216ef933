"""manage.py retry_search_updates — send Elasticsearch the index updates it
missed while it was down (run it from cron, or once the cluster is back)."""

from django.core.management.base import BaseCommand, CommandError

from search.backends import elasticsearch_configured
from search.mirror import retry_pending


class Command(BaseCommand):
    help = "Envía a Elasticsearch las actualizaciones del índice que quedaron pendientes."

    def handle(self, *args, **options):
        if not elasticsearch_configured():
            self.stdout.write("Elasticsearch no está configurado (ELASTICSEARCH_URL vacío): nada que enviar.")
            return
        synced, pending = retry_pending()
        if pending:
            raise CommandError(
                f"Elasticsearch no responde: {synced} actualizaciones enviadas, {pending} siguen pendientes."
            )
        self.stdout.write(self.style.SUCCESS(f"{synced} actualizaciones enviadas; no queda ninguna pendiente."))
