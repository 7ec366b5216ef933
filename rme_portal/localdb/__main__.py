"""``python -m rme_portal.localdb start|stop|status|url``."""

import sys

from . import server

USAGE = "usage: python -m rme_portal.localdb start|stop|status|url"


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in {"start", "stop", "status", "url"}:
        print(USAGE, file=sys.stderr)
        return 2
    command = argv[0]
    try:
        if command == "stop":
            stopped = server.stop()
            print("PostgreSQL stopped." if stopped else "PostgreSQL was not running.")
            return 0
        if command == "status":
            address = server.running_address()
            if address:
                print(f"PostgreSQL running on {address.host}:{address.port}, data in {server.data_dir()}")
                return 0
            print(f"PostgreSQL not running (data in {server.data_dir()})")
            return 3
        address = server.ensure_running()
    except server.EmbeddedDatabaseError as error:
        print(f"Embedded PostgreSQL: {error}", file=sys.stderr)
        return 1
    if command == "url":
        print(address.url())
    else:
        print(f"PostgreSQL running on {address.host}:{address.port}, data in {server.data_dir()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
