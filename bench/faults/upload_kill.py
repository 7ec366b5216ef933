"""A gunicorn worker killed (SIGKILL) in the middle of a large document upload.

    .venv/bin/python bench/faults/upload_kill.py [--megabytes 9] [--json]

On a throwaway embedded PostgreSQL (own data folder and port; the shared
server is never touched), the portal on gunicorn (production settings, one
worker) and a coordinator signed in. For each of Wagtail's two upload views
(the single form, /admin/documents/add/, which saves in a transaction; and
the multiple upload, /admin/documents/multiple/add/, which does not), a PDF
is uploaded and its worker killed at one moment: half-way through sending the
body, or a given delay after the whole body was sent (while Django checks,
stores, inserts and extracts the text). After each kill gunicorn starts a new
worker; then the script counts:

- document rows, and "half rows": a row whose file is missing or of another
  size, or whose text was never extracted nor its failure recorded;
- files in media/documents and files no row names (orphans);
- leftover upload temporaries in the workers' TMPDIR.

Then the task worker runs what was queued (the text extraction), and
`manage.py remove_orphan_files --older-than 0` runs; the counts are taken
again. Prints the table; exits 1 when a half row remains or an orphan or an
upload temporary survives the sweep.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throwaway import BASE_DIR, get, gunicorn, throwaway_server  # noqa: E402

USERNAME, PASSWORD = "coordinacion.prueba", "clave-de-prueba-larga-1234"
# A coordinator of the network throwaway.SEED created.
SEED = f"""
from networks.coordinators import coordinator_assign
from networks.models import NetworkPage
from tests.factories import UserFactory
network = NetworkPage.objects.get(title="Red de Prueba")
user = UserFactory(username={USERNAME!r})
user.set_password({PASSWORD!r})
user.save()
coordinator_assign(network, user)
"""
ENDPOINTS = {"single": ("/admin/documents/add/", "file"), "multiple": ("/admin/documents/multiple/add/", "files[]")}
# When the worker is killed: half-way through the body, or this long after it was all sent.
MOMENTS = ["mid-body", 0.0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.12, 0.5]


class Session:
    """A signed-in admin session over plain HTTP (cookies kept by hand: the
    production cookies are Secure, which a client would not send over http)."""

    def __init__(self, port: int):
        self.port, self.cookies = port, {}

    def request(self, method, path, body=None, headers=None, timeout=60):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), **(headers or {})}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        self._keep(response)
        connection.close()
        return response.status, data

    def _keep(self, response):
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, rest = value.split("=", 1)
                self.cookies[name] = rest.split(";", 1)[0]

    def csrf(self) -> str:
        return self.cookies["csrftoken"]

    def login(self):
        self.request("GET", "/admin/login/")
        status, _ = self.request(
            "POST",
            "/admin/login/",
            urlencode({"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()}),
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert status == 302 and "sessionid" in self.cookies, f"login failed ({status})"


def multipart(fields: dict[str, str], field: str, filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def upload(session: Session, portal, endpoint: str, title: str, content: bytes, kill_at) -> dict:
    """Send the upload in chunks; kill the worker at ``kill_at``. Returns what the client saw."""
    path, field = ENDPOINTS[endpoint]
    body, content_type = multipart(
        {"csrfmiddlewaretoken": session.csrf(), "title": title}, field, f"{title}.pdf", content
    )
    (worker,) = portal.worker_pids()
    connection = http.client.HTTPConnection("127.0.0.1", portal.port, timeout=120)
    connection.putrequest("POST", path)
    for header, value in {
        "Cookie": "; ".join(f"{k}={v}" for k, v in session.cookies.items()),
        "Content-Type": content_type,
        "Content-Length": str(len(body)),
        "X-CSRFToken": session.csrf(),
        "Accept": "text/html" if endpoint == "single" else "application/json",
    }.items():
        connection.putheader(header, value)
    connection.endheaders()
    chunk, killed, started = 256 * 1024, False, time.monotonic()
    try:
        for offset in range(0, len(body), chunk):
            connection.send(body[offset : offset + chunk])
            time.sleep(0.01)  # a client on a modest link
            if kill_at == "mid-body" and offset >= len(body) // 2 and not killed:
                os.kill(worker, signal.SIGKILL)  # our own gunicorn's worker, by its pid
                killed = True
                break
        sent = time.monotonic()
        if kill_at == "control":
            status = connection.getresponse().status
            return {
                "status": status,
                "processing_s": round(time.monotonic() - sent, 3),
                "upload_s": round(sent - started, 3),
            }
        if not killed:
            time.sleep(kill_at)
            os.kill(worker, signal.SIGKILL)
        try:
            status = connection.getresponse().status
        except (http.client.HTTPException, ConnectionError, TimeoutError) as error:
            status = type(error).__name__
    except (ConnectionError, BrokenPipeError) as error:
        status = type(error).__name__
    finally:
        connection.close()
    # gunicorn's master starts a new worker.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        pids = portal.worker_pids()
        if pids and pids != [worker] and get(portal.base + "/salud/").status == 200:
            break
        time.sleep(0.2)
    return {"status": status}


def counts(db, drained: bool = False) -> dict:
    """``drained``: the task queue has been run, so every row must have its text (or its failure)."""
    import psycopg

    with psycopg.connect(db.url, connect_timeout=5) as connection:
        rows = connection.execute("SELECT id, title, file, file_size FROM wagtaildocs_document").fetchall()
        texts = {
            document_id
            for (document_id,) in connection.execute("SELECT document_id FROM practices_documenttext").fetchall()
        }
    media = db.root / "media"
    files = (
        {str(p.relative_to(media)) for p in (media / "documents").glob("*")}
        if (media / "documents").exists()
        else set()
    )
    half = []
    for document_id, title, name, size in rows:
        path = media / name
        if not path.is_file() or (size is not None and path.stat().st_size != size):
            half.append(f"{title}: file missing or truncated")
        elif drained and document_id not in texts:
            half.append(f"{title}: text never extracted nor its failure recorded")
    named = {name for _id, _title, name, _size in rows}
    temporaries = [p for p in (db.root / "tmp").glob("*") if p.is_file()]
    return {
        "documents": len(rows),
        "half_rows": half,
        "files": len(files),
        "orphans": sorted(files - named),
        "upload_temporaries": len(temporaries),
        "upload_temporaries_bytes": sum(p.stat().st_size for p in temporaries),
    }


def drain_tasks(db) -> float:
    """Run every queued task once (django-tasks' database worker), when the queue is a database one."""
    try:
        return db.manage("db_worker", "--batch", "--no-startup-delay")
    except Exception:  # noqa: BLE001 - an immediate backend has no worker: the text was read in the request
        return 0.0


def run(megabytes: float) -> dict:
    from demo.files import build_pdf

    line = "Retroalimentación oportuna dentro de la semana, con foco en la evaluación formativa y el acompañamiento."
    content = build_pdf("Pauta de acompañamiento", [line] * int(megabytes * 1e6 / 145))
    figures: dict = {"pdf_bytes": len(content), "uploads": [], "failures": []}
    with throwaway_server(prefix="rme-fault-upload-") as db:
        db.prepare(demo=False)
        db.manage("shell", "-c", SEED)
        (db.root / "tmp").mkdir()
        figures["setup_s"] = {name: round(value, 1) for name, value in db.timings.items()}
        with gunicorn(db, workers=1, timeout=120, TMPDIR=str(db.root / "tmp")) as portal:
            session = Session(portal.port)
            session.login()
            for endpoint in ENDPOINTS:
                control = upload(session, portal, endpoint, f"control-{endpoint}", content, "control")
                figures[f"control_{endpoint}"] = control
                for moment in MOMENTS:
                    before = counts(db)
                    title = f"{endpoint}-{moment}"
                    seen = upload(session, portal, endpoint, title, content, moment)
                    after = counts(db)
                    figures["uploads"].append(
                        {
                            "endpoint": endpoint,
                            "killed": moment if moment == "mid-body" else f"+{moment} s",
                            "client_saw": seen["status"],
                            "row": after["documents"] - before["documents"],
                            "new_files": after["files"] - before["files"],
                            "new_orphans": len(after["orphans"]) - len(before["orphans"]),
                            "new_temporaries": after["upload_temporaries"] - before["upload_temporaries"],
                            "half_rows": [h for h in after["half_rows"] if h not in before["half_rows"]],
                        }
                    )
            # The text is read by the task worker (settings.TASKS: a database
            # queue in production): run what is queued, then every row must have its text.
            figures["task_worker_s"] = round(drain_tasks(db), 1)
            figures["before_sweep"] = counts(db, drained=True)
            db.manage("remove_orphan_files", "--older-than", "0", TMPDIR=str(db.root / "tmp"))
            figures["after_sweep"] = counts(db, drained=True)
    if figures["after_sweep"]["half_rows"]:
        figures["failures"].append(f"half rows: {figures['after_sweep']['half_rows']}")
    if figures["after_sweep"]["orphans"]:
        figures["failures"].append(f"orphans after the sweep: {figures['after_sweep']['orphans']}")
    if figures["after_sweep"]["upload_temporaries"]:
        figures["failures"].append(
            f"upload temporaries after the sweep: {figures['after_sweep']['upload_temporaries']}"
        )
    return figures


def report(figures: dict) -> None:
    print(f"Worker killed mid-upload (gunicorn, 1 worker; PDF of {figures['pdf_bytes'] / 1e6:.1f} MB)")
    print(f"setup: {figures['setup_s']}; task worker run after the kills: {figures['task_worker_s']} s")
    for endpoint in ENDPOINTS:
        control = figures[f"control_{endpoint}"]
        print(
            f"control upload, {endpoint}: status {control['status']}, body sent in {control['upload_s']} s, "
            f"answered {control['processing_s']} s later"
        )
    print(
        f"{'endpoint':<9} {'killed':<9} {'client saw':<22} {'row':>4} {'files':>6} {'orphans':>8} {'tmp':>4}  half rows"
    )
    for u in figures["uploads"]:
        print(
            f"{u['endpoint']:<9} {u['killed']:<9} {str(u['client_saw']):<22} {u['row']:>4} {u['new_files']:>6} "
            f"{u['new_orphans']:>8} {u['new_temporaries']:>4}  {u['half_rows'] or ''}"
        )
    for moment in ("before_sweep", "after_sweep"):
        c = figures[moment]
        print(
            f"{moment}: {c['documents']} rows, {c['files']} files, {len(c['orphans'])} orphans, "
            f"{c['upload_temporaries']} upload temporaries ({c['upload_temporaries_bytes'] / 1e6:.1f} MB), "
            f"{len(c['half_rows'])} half rows"
        )
    print("RESULT:", "ok" if not figures["failures"] else "FAILED")
    for failure in figures["failures"]:
        print("    " + failure)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=9.0)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    sys.path.insert(0, str(BASE_DIR))
    figures = run(options.megabytes)
    print(json.dumps(figures, ensure_ascii=False)) if options.json else report(figures)
    return 1 if figures["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
