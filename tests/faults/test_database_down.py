"""No database at all (a closed port): pages answer the Spanish 503 page, the
API a JSON 503, both with Retry-After. The stop-and-restart of a real server
mid-traffic is bench/faults/database_restart.py (tests/faults/test_database_restart.py)."""

import json
import os
import socket
import subprocess
import sys

from rme_portal.settings.base import BASE_DIR

SPANISH = "El portal no puede acceder a su base de datos"
PROBE = """
import json
from django.test import Client
client = Client(raise_request_exception=False)
paths = ["/api/search/?q=inclusion", "/api/search/autocomplete/?q=inclu", "/buscar/?q=inclusion"]
for path in [*paths, "/", "/redes/", "/salud/"]:
    response = client.get(path)
    print(json.dumps({
        "path": path,
        "status": response.status_code,
        "type": response["Content-Type"],
        "retry_after": response.get("Retry-After"),
        "cache": response.get("Cache-Control"),
        "body": response.content.decode(),
    }))
"""


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once closed


def probe_without_database() -> dict[str, dict]:
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
    answers = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return {answer["path"].split("?")[0]: answer for answer in answers}


def test_the_api_answers_json_and_pages_html_when_the_database_is_down():
    answers = probe_without_database()
    for path in ["/api/search/", "/api/search/autocomplete/"]:
        answer = answers[path]
        assert answer["status"] == 503 and answer["type"] == "application/json", answer
        assert json.loads(answer["body"])["error"].startswith(SPANISH)
        assert answer["retry_after"] == "60" and answer["cache"] == "no-store"
    for path in ["/buscar/", "/", "/redes/"]:
        answer = answers[path]
        assert answer["status"] == 503 and answer["type"].startswith("text/html"), answer
        assert SPANISH in answer["body"] and "<html" in answer["body"]
        assert "No se perdió nada" in answer["body"]
        assert answer["retry_after"] == "60"
    assert answers["/salud/"]["status"] == 503
