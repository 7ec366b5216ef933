"""Django backend for the embedded server: PostgreSQL, started on demand."""

from django.db.backends.postgresql import base as postgresql

from . import server


class DatabaseWrapper(postgresql.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        # Checked on every new connection (a file read and a process lookup),
        # so a server stopped behind our back is started again.
        address = server.ensure_running()
        params.update(host=address.host, port=address.port)
        return params
