"""Compile gettext catalogues (.po → .mo) without GNU gettext.

Django's compilemessages needs the system's msgfmt; a newcomer's machine may
not have it, so `make` compiles with polib (a pinned dependency) instead.

    python scripts/compile_messages.py locale/es/LC_MESSAGES/django.po [...]

Without arguments it compiles every catalogue under locale/: django.po (templates
and Python) and djangojs.po (JavaScript, served by the admin's /admin/jsi18n/).
"""

import sys
from pathlib import Path

import polib


def compile_catalogue(po_path: Path) -> Path:
    catalogue = polib.pofile(str(po_path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    mo_path = po_path.with_suffix(".mo")
    catalogue.save_as_mofile(str(mo_path))
    print(f"{po_path} → {mo_path.name}: {catalogue.percent_translated()}% translated")
    for msgid in untranslated + fuzzy:
        print(f"  not translated: {msgid!r}", file=sys.stderr)
    return mo_path


if __name__ == "__main__":
    paths = [Path(arg) for arg in sys.argv[1:]] or sorted(Path(".").glob("locale/*/LC_MESSAGES/*.po"))
    for path in paths:
        compile_catalogue(path)
