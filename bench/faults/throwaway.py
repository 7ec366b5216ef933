"""A throwaway PostgreSQL server and a portal served by gunicorn against it,
for the fault scripts in this folder.

The server is the embedded one (rme_portal.localdb.server) with its own data
folder in a temporary directory and its own fixed port, so it can be stopped
and started again at will: the checkout's shared server (.pgdata/) is never
touched. Every call to the server module passes the throwaway data folder
explicitly, and the portal's processes get RME_PGDATA pointing there too.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR))

from rme_portal.localdb import server  # noqa: E402

# A little content when the demo is not loaded: one network, a practice, their index rows.
SEED = """
from tests.factories import SchoolFactory, make_network, make_practice
network = make_network("Red de Prueba", schools=SchoolFactory.create_batch(2))
make_practice(network, "Acompañamiento e inclusión en el aula")
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Throwaway:
    """The temporary folder, the server's data folder and its fixed port."""

    root: Path
    pgdata: Path
    port: int
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return server.ServerAddress("127.0.0.1", self.port).url()

    def start(self) -> float:
        """Start the server on its own port; returns the seconds it took."""
        started = time.monotonic()
        if not (self.pgdata / "PG_VERSION").exists():
            # First start: initdb, start and create the database, as the portal does.
            previous = os.environ.get("RME_PGPORT")
            os.environ["RME_PGPORT"] = str(self.port)  # read by server._free_port
            try:
                address = server.ensure_running(self.pgdata)
            finally:
                if previous is None:
                    os.environ.pop("RME_PGPORT")
                else:
                    os.environ["RME_PGPORT"] = previous
            assert address.port == self.port, address
        else:
            # Again on the same port. Not through ensure_running: its free-port
            # probe binds without SO_REUSEADDR and fails while the old server's
            # connections sit in TIME_WAIT (about a minute); PostgreSQL does not.
            options = f"-h 127.0.0.1 -p {self.port} -c unix_socket_directories=''"
            subprocess.run(
                [str(server.bin_dir() / "pg_ctl"), "-D", str(self.pgdata), "start", "-w", "-t", "60"]
                + ["-l", str(self.pgdata / "server.log"), "-o", options],
                check=True,
                stdout=subprocess.DEVNULL,
                user=server.SYSTEM_USER if os.geteuid() == 0 else None,
                timeout=90,
            )
        return time.monotonic() - started

    def stop(self) -> float:
        started = time.monotonic()
        assert self.pgdata.is_relative_to(self.root)  # never the shared .pgdata/
        server.stop(self.pgdata)
        return time.monotonic() - started

    def environment(self, **extra) -> dict[str, str]:
        """The portal's environment: production settings on this server."""
        return {
            "PATH": os.environ["PATH"],
            "HOME": os.environ.get("HOME", "/tmp"),
            "ENV_FILE": os.devnull,
            "DJANGO_SETTINGS_MODULE": "rme_portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "DATABASE_URL": self.url,
            "RME_PGDATA": str(self.pgdata),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "STATIC_ROOT": str(self.root / "static"),
            "MEDIA_ROOT": str(self.root / "media"),
            "LOG_LEVEL": "WARNING",
            "PYTHONDONTWRITEBYTECODE": "1",
            **extra,
        }

    def manage(self, *args: str, **extra) -> float:
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.environment(**extra),
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=900,
        )
        return time.monotonic() - started

    def prepare(self, *, demo: bool = True, source: dict | None = None) -> None:
        """Migrate (or copy an already migrated database: ``source``, libpq
        parameters), load the demo content (or SEED) and collect static files (timed)."""
        if source:
            self.timings["copy_schema"] = self.copy_from(source)
        else:
            self.timings["migrate"] = self.manage("migrate", "--no-input")
        if demo:
            self.timings["load_demo_content"] = self.manage("load_demo_content")
        else:
            self.timings["seed"] = self.manage("shell", "-c", SEED)
        self.timings["collectstatic"] = self.manage("collectstatic", "--no-input")

    def copy_from(self, source: dict) -> float:
        """pg_dump another database (read only) into this server's: seconds instead of a full migrate."""
        started = time.monotonic()
        dump = self.root / "source.dump"
        environment = {**os.environ, "PGPASSWORD": source.get("password") or ""}
        subprocess.run(
            [str(server.bin_dir() / "pg_dump"), "-Fc", "--no-owner", "--no-privileges", "-f", str(dump)]
            + ["-h", source["host"], "-p", str(source["port"]), "-U", source["user"], source["dbname"]],
            check=True,
            env=environment,
            timeout=300,
        )
        subprocess.run(
            [str(server.bin_dir() / "pg_restore"), "--no-owner", "--no-privileges", "-d", self.url, str(dump)],
            check=True,
            timeout=300,
        )
        return time.monotonic() - started

    def ledger(self) -> dict:
        """Counts and checksums read straight from the server (psycopg)."""
        import psycopg

        queries = {
            "pages": "SELECT count(*) FROM wagtailcore_page",
            "revisions": "SELECT count(*) FROM wagtailcore_revision",
            "documents": "SELECT count(*) FROM wagtaildocs_document",
            "search_documents": "SELECT count(*) FROM search_searchdocument",
            "search_matches": "SELECT count(*) FROM search_searchmatch",
            "page_titles": "SELECT md5(coalesce(string_agg(id || ':' || title || ':' || live, '|' ORDER BY id), ''))"
            " FROM wagtailcore_page",
            "search_titles": "SELECT md5(coalesce(string_agg(kind || ':' || object_id || ':' || title, '|'"
            " ORDER BY kind, object_id), '')) FROM search_searchdocument",
            "document_titles": "SELECT md5(coalesce(string_agg(id || ':' || title || ':' || file, '|' ORDER BY id),"
            " '')) FROM wagtaildocs_document",
        }
        with psycopg.connect(self.url, connect_timeout=5) as connection:
            values = {name: connection.execute(sql).fetchone()[0] for name, sql in queries.items()}
        files = sorted(path for path in (self.root / "media").rglob("*") if path.is_file())
        values["files"] = len(files)
        digest = hashlib.sha256()
        for path in files:
            digest.update(f"{path.relative_to(self.root)}:{hashlib.sha256(path.read_bytes()).hexdigest()}".encode())
        values["file_contents"] = digest.hexdigest()[:32]
        return values


@contextmanager
def throwaway_server(prefix: str = "rme-fault-"):
    root = Path(tempfile.mkdtemp(prefix=prefix))
    throwaway = Throwaway(root=root, pgdata=root / "pgdata", port=free_port())
    try:
        throwaway.timings["initdb_and_start"] = throwaway.start()
        yield throwaway
    finally:
        if server.running_address(throwaway.pgdata):
            throwaway.stop()
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class Portal:
    process: subprocess.Popen
    port: int
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def worker_pids(self) -> list[int]:
        import psutil

        return [child.pid for child in psutil.Process(self.process.pid).children()]


@contextmanager
def gunicorn(throwaway: Throwaway, *, workers: int = 2, timeout: int = 30, extra_args=(), **environment):
    """The portal on gunicorn (as in the Dockerfile), against the throwaway server."""
    port = free_port()
    log = throwaway.root / "gunicorn.log"
    with open(log, "ab") as output:
        process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "rme_portal.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--timeout",
                str(timeout),
                *extra_args,
            ],
            cwd=BASE_DIR,
            env=throwaway.environment(**environment),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    portal = Portal(process, port, log)
    try:
        deadline = time.monotonic() + 60
        while get(portal.base + "/salud/").status != 200:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"gunicorn did not start; see {log}:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)
        yield portal
    finally:
        process.send_signal(signal.SIGTERM)  # our own gunicorn master, by its pid
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Answer:
    status: int
    content_type: str
    retry_after: str | None
    body: bytes
    seconds: float


def get(url: str, timeout: float = 15) -> Answer:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - our own local server
            body, status, headers = response.read(), response.status, response.headers
    except urllib.error.HTTPError as error:
        body, status, headers = error.read(), error.code, error.headers
    except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
        return Answer(0, type(error).__name__, None, str(error).encode(), time.monotonic() - started)
    return Answer(status, headers.get("Content-Type", ""), headers.get("Retry-After"), body, time.monotonic() - started)


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]
