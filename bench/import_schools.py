"""Time `import_schools` on a national directory file, in a throwaway database.

    make bench-import FILE=../shared/data/directorio_oficial_ee_2020.csv
    .venv/bin/python bench/import_schools.py [FILE]

Creates a fresh database on the configured server (the embedded one unless
DATABASE_URL is set), migrates it, imports the file twice (the first run
creates every school, the second finds them unchanged), prints the figures and
drops the database. Target on a 2-core machine: under 60 s for ~16,500 rows.
"""

import os
import sys
import time
from io import StringIO
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
DEFAULT_FILE = BASE_DIR.parent / "shared" / "data" / "directorio_oficial_ee_2020.csv"


def main(path: Path) -> int:
    if not path.is_file():
        print(f"No such file: {path}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(BASE_DIR))
    os.environ["DJANGO_SETTINGS_MODULE"] = "rme_portal.settings.test"
    os.environ.setdefault("TEST_DATABASE_NAME", "bench_import_schools")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from schools.models import School

    started = time.monotonic()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    print(f"fresh database {connection.settings_dict['NAME']} migrated in {time.monotonic() - started:.1f} s")
    try:
        rows = sum(1 for _ in path.open(encoding="utf-8-sig")) - 1
        print(f"file: {path} ({rows} data lines, {path.stat().st_size / 1e6:.1f} MB)")
        for label in ("first import (creates)", "second import (unchanged)"):
            out = StringIO()
            started = time.monotonic()
            call_command("import_schools", str(path), stdout=out, stderr=StringIO())
            elapsed = time.monotonic() - started
            summary = [line.strip() for line in out.getvalue().splitlines() if line.startswith("  ")]
            print(f"{label}: {elapsed:.2f} s, {rows / elapsed:,.0f} rows/s")
            for line in summary:
                print(f"    {line}")
        print(f"schools in the database: {School.objects.count()}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] else DEFAULT_FILE))
