"""PostgreSQL stopped mid-traffic and started again, without restarting the portal.

    .venv/bin/python bench/faults/database_restart.py [--down 5] [--threads 3] [--json]

On a throwaway embedded PostgreSQL (own data folder in a temporary directory,
own port; the checkout's shared server is never touched): migrate, load the
demo content, serve the portal with gunicorn (production settings, 2 workers),
send requests from a few threads, stop the server (pg_ctl stop -m fast),
keep sending, start it again on the same port, keep sending. Checks:

- never a 500 or a dropped connection;
- while it is down: pages answer the Spanish 503 page, /api/ a JSON 503 with
  a Spanish "error", /salud/ a 503, all with Retry-After (except /salud/);
- after the restart every path answers 200 again, by itself;
- counts and checksums of pages, documents and search rows equal before and after.

Prints the figures; exits 1 when a check fails. --json prints them as one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throwaway import get, gunicorn, percentile, throwaway_server  # noqa: E402

SPANISH = "El portal no puede acceder a su base de datos"
PATHS = [
    "/",
    "/buscar/?q=inclusion",
    "/api/search/?q=inclusion",
    "/api/search/autocomplete/?q=inclu",
    "/salud/",
]  # and /redes/ and a network's page, found through the API


class Traffic:
    """Threads requesting PATHS in turn; every answer is kept with its time."""

    def __init__(self, base: str, paths: list[str], threads: int):
        self.base, self.paths = base, paths
        self.answers: list[tuple[float, str, object]] = []
        self.stop_event = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(threads)]
        self.lock = threading.Lock()

    def _run(self, offset: int):
        n = offset
        while not self.stop_event.is_set():
            path = self.paths[n % len(self.paths)]
            n += 1
            sent = time.monotonic()
            answer = get(self.base + path)
            with self.lock:
                self.answers.append((sent, path, answer))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop_event.set()
        for thread in self.threads:
            thread.join()

    def between(self, start: float, end: float):
        with self.lock:
            return [(sent, path, answer) for sent, path, answer in self.answers if start <= sent < end]


def is_proper_503(path: str, answer) -> str | None:
    """None when the answer is the expected outage answer, else why not."""
    if answer.status != 503:
        return f"status {answer.status}"
    text = answer.body.decode(errors="replace")
    if path.startswith("/salud/"):
        return None if json.loads(text).get("estado") == "sin base de datos" else "health body"
    if answer.retry_after != "60":
        return "no Retry-After"
    if path.startswith("/api/"):
        if not answer.content_type.startswith("application/json"):
            return f"API answered {answer.content_type}"
        return None if json.loads(text)["error"].startswith(SPANISH) else "API error not Spanish"
    if not answer.content_type.startswith("text/html") or SPANISH not in text:
        return "page is not the Spanish 503 page"
    return None


def phase_figures(answers) -> dict:
    statuses = Counter(answer.status for _sent, _path, answer in answers)
    seconds = [answer.seconds for _sent, _path, answer in answers]
    return {
        "requests": len(answers),
        "statuses": dict(sorted(statuses.items())),
        "p50_ms": round(percentile(seconds, 0.5) * 1000, 1),
        "p95_ms": round(percentile(seconds, 0.95) * 1000, 1),
        "max_ms": round(max(seconds, default=0) * 1000, 1),
    }


def run(
    down_seconds: float, threads: int, *, demo: bool = True, source: dict | None = None, settle_seconds: float = 3.0
) -> dict:
    """The whole exercise; ``demo=False`` (a network and a practice instead) and a
    migrated ``source`` database to copy make it quick enough for a test."""
    figures: dict = {"failures": []}
    failures = figures["failures"]
    with throwaway_server(prefix="rme-fault-db-") as db:
        db.prepare(demo=demo, source=source)
        figures["setup_s"] = {name: round(value, 1) for name, value in db.timings.items()}
        with gunicorn(db, workers=2) as portal:
            network = json.loads(get(portal.base + "/api/search/?q=red&type=network").body)["results"]
            paths = [*PATHS, "/redes/", network[0]["url"].split(portal.base, 1)[-1]]
            figures["paths"] = paths
            before = db.ledger()
            with Traffic(portal.base, paths, threads) as traffic:
                time.sleep(settle_seconds)
                stop_started = time.monotonic()
                figures["stop_s"] = round(db.stop(), 2)
                stopped = time.monotonic()
                time.sleep(down_seconds)
                restart_started = time.monotonic()
                figures["restart_s"] = round(db.start(), 2)
                restarted = time.monotonic()
                # Recovery: the first 200 of every path after the restart.
                deadline = restarted + 30
                while time.monotonic() < deadline:
                    recovered = {
                        path: min(
                            (sent for sent, p, a in traffic.between(restarted, 1e12) if p == path and a.status == 200),
                            default=None,
                        )
                        for path in paths
                    }
                    if all(recovered.values()):
                        break
                    time.sleep(0.1)
                time.sleep(settle_seconds)
                end = time.monotonic()
            figures["before"] = phase_figures(traffic.between(0, stop_started))
            figures["stopping"] = phase_figures(traffic.between(stop_started, stopped))
            figures["down"] = phase_figures(traffic.between(stopped, restart_started))
            figures["restarting"] = phase_figures(traffic.between(restart_started, restarted))
            after_answers = traffic.between(restarted, end)
            figures["after"] = phase_figures(after_answers)
            figures["recovered_after_s"] = {
                path: (round(sent - restarted, 2) if sent else None) for path, sent in recovered.items()
            }
            last_second = [a for sent, p, a in after_answers if sent >= end - settle_seconds]
            everything = traffic.between(0, 1e12)

            for sent, path, answer in everything:
                if answer.status == 500 or answer.status == 0:
                    failures.append(
                        f"{path} answered {answer.status} {answer.content_type} at +{sent - stop_started:.2f} s"
                    )
            for _sent, path, answer in traffic.between(stopped, restart_started):
                if reason := is_proper_503(path, answer):
                    failures.append(f"while down, {path}: {reason}")
            if any(value is None for value in recovered.values()):
                failures.append(f"not recovered within 30 s: {[p for p, v in recovered.items() if v is None]}")
            if any(answer.status != 200 for answer in last_second):
                failures.append(f"after recovery, not all 200: {Counter(a.status for a in last_second)}")
            for sent, path, answer in traffic.between(0, stop_started):
                # Sent before the stop may still be answered during it (a 503 then is right).
                if sent + answer.seconds < stop_started and answer.status != 200:
                    failures.append(f"before the stop, {path} answered {answer.status}")
            after = db.ledger()
            figures["ledger_before"], figures["ledger_after"] = before, after
            if before != after:
                failures.append(
                    f"ledger changed: { {k: (before[k], after[k]) for k in before if before[k] != after[k]} }"
                )
    return figures


def report(figures: dict) -> None:
    print("PostgreSQL stopped mid-traffic and restarted (throwaway server, gunicorn 2 workers)")
    print(f"setup: {figures['setup_s']}")
    print(f"paths: {', '.join(figures['paths'])}")
    print(f"pg_ctl stop -m fast: {figures['stop_s']} s; start again (same port): {figures['restart_s']} s")
    print(f"{'phase':<11} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  statuses")
    for phase in ("before", "stopping", "down", "restarting", "after"):
        f = figures[phase]
        print(f"{phase:<11} {f['requests']:>8} {f['p50_ms']:>8} {f['p95_ms']:>8} {f['max_ms']:>8}  {f['statuses']}")
    print("first 200 after the restart, per path (s):")
    for path, seconds in figures["recovered_after_s"].items():
        print(f"    {path}: {seconds}")
    same = figures["ledger_before"] == figures["ledger_after"]
    print(f"ledger before == after: {same} {figures['ledger_after']}")
    print("RESULT:", "ok" if not figures["failures"] else "FAILED")
    for failure in figures["failures"][:20]:
        print("    " + failure)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--down", type=float, default=5.0, help="seconds the server stays stopped")
    parser.add_argument("--threads", type=int, default=3)
    parser.add_argument(
        "--no-demo", action="store_true", help="one network and one practice instead of the demo (quicker)"
    )
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    figures = run(options.down, options.threads, demo=not options.no_demo)
    if options.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        report(figures)
    return 1 if figures["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
