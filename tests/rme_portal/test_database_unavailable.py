"""A database that went away: a plain Spanish 503, not a crash."""

import os
import socket
import subprocess
import sys

from rme_portal.settings.base import BASE_DIR

PROBE = """
from django.test import Client
client = Client()
for path in ["/", "/redes/", "/salud/"]:
    response = client.get(path)
    print(path, response.status_code, response.content.decode()[:4000].replace(chr(10), " "))
"""


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once closed


def test_pages_say_the_database_is_unavailable():
    environment = {
        "PATH": os.environ["PATH"],
        "ENV_FILE": os.devnull,
        "DJANGO_SETTINGS_MODULE": "rme_portal.settings.test",
        "DATABASE_URL": f"postgres://portal@127.0.0.1:{closed_port()}/rme",
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup()\n{PROBE}"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = {line.split(" ", 1)[0]: line for line in result.stdout.splitlines()}
    for path in ["/", "/redes/"]:
        assert lines[path].startswith(f"{path} 503 ")
        assert "no puede acceder a su base de datos" in lines[path]
        assert "No se perdió nada" in lines[path]
    assert lines["/salud/"].startswith("/salud/ 503 ")
