"""List the admin strings a Spanish-speaking editor would still see in English.

Wagtail's Spanish catalogues (and, for a few strings, Django's and other
installed packages') lag behind their releases: a msgid whose Spanish msgstr is
empty or fuzzy is left out of the compiled .mo, and Django shows the English.
For es-cl Django reads each package's es_CL, then es, catalogue (gettext's
language fallback; no package ships es_CL, and es_419 is never read), with our
LOCALE_PATHS catalogue in front of them all. This script lists the msgids the
installed packages can show that none of their Spanish catalogues translates
and ours does not either, per gettext domain:

- "django": templates and Python of every installed package;
- "djangojs": Wagtail's admin JavaScript catalogue (/admin/jsi18n/), which
  Django builds from wagtail.admin's catalogues plus LOCALE_PATHS.

The source list of a package's msgids is its English catalogue, which Wagtail
and Django regenerate from their code at each release (a package without one
lists all its msgids, translated or not, in its Spanish catalogue).

    python scripts/wagtail_missing_translations.py             # what is left
    python scripts/wagtail_missing_translations.py --po FILE   # the same, as a .po to translate

Run it after upgrading Wagtail; tests/rme_portal/test_admin_spanish.py fails
while it lists anything. polib reads the catalogues; nothing here writes ours.
"""

import argparse
import os
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path

import polib

DOMAINS = ("django", "djangojs")


@dataclass
class Missing:
    """A msgid no installed package translates, and the packages that use it."""

    entry: polib.POEntry
    packages: list[str] = field(default_factory=list)


def entry_key(entry) -> tuple[str | None, str]:
    return (entry.msgctxt or None, entry.msgid)


def is_translated(entry) -> bool:
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def runtime_languages() -> list[str]:
    """The catalogue folders Django reads for LANGUAGE_CODE, in order: es_CL, es."""
    from django.conf import settings
    from django.utils.translation import to_locale

    locale = to_locale(settings.LANGUAGE_CODE)
    return list(dict.fromkeys([locale, locale.split("_")[0]]))


def package_locale_dirs(domain: str) -> list[tuple[str, Path]]:
    """(package, locale folder) of the installed packages Django reads for ``domain``."""
    import django
    from django.apps import apps

    if domain == "djangojs":
        from wagtail.admin.views.i18n import js_catalog

        # The packages Wagtail's JavaScriptCatalog view was built with.
        app_paths = {app_config.name: app_config.path for app_config in apps.get_app_configs()}
        return [(name, Path(app_paths[name]) / "locale") for name in js_catalog.view_initkwargs["packages"]]
    installed = {Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")}
    dirs = [("django", Path(django.__file__).parent / "conf" / "locale")]
    for app_config in apps.get_app_configs():
        path = Path(app_config.path).resolve()
        # Our own apps are translated in LOCALE_PATHS; only installed packages count here.
        if any(path.is_relative_to(root) for root in installed):
            dirs.append((app_config.name, path / "locale"))
    return [(name, path) for name, path in dirs if path.is_dir()]


def translated_by_packages(domain: str) -> set[tuple[str | None, str]]:
    """Every msgid some installed package's compiled Spanish catalogue translates."""
    keys = set()
    for _name, locale_dir in package_locale_dirs(domain):
        for language in runtime_languages():
            mo_path = locale_dir / language / "LC_MESSAGES" / f"{domain}.mo"
            if mo_path.exists():
                keys.update(entry_key(entry) for entry in polib.mofile(str(mo_path)) if is_translated(entry))
    return keys


def untranslated_by_packages(domain: str) -> list[Missing]:
    """The msgids of installed packages that no package's Spanish catalogue translates."""
    translated = translated_by_packages(domain)
    missing: dict[tuple[str | None, str], Missing] = {}
    for name, locale_dir in package_locale_dirs(domain):
        source = locale_dir / "en" / "LC_MESSAGES" / f"{domain}.po"
        if not source.exists():
            source = locale_dir / runtime_languages()[-1] / "LC_MESSAGES" / f"{domain}.po"
        if not source.exists():
            continue
        for entry in polib.pofile(str(source)):
            key = entry_key(entry)
            if entry.obsolete or not entry.msgid or key in translated:
                continue
            missing.setdefault(key, Missing(entry)).packages.append(name)
    return list(missing.values())


def our_catalogue_path(domain: str) -> Path:
    from django.conf import settings

    return Path(settings.LOCALE_PATHS[0]) / runtime_languages()[-1] / "LC_MESSAGES" / f"{domain}.po"


def translated_by_us(domain: str) -> set[tuple[str | None, str]]:
    path = our_catalogue_path(domain)
    if not path.exists():
        return set()
    return {entry_key(entry) for entry in polib.pofile(str(path)) if is_translated(entry)}


def uncovered(domain: str) -> list[Missing]:
    """What an editor would see in English: missing from the packages and from ours."""
    ours = translated_by_us(domain)
    return [missing for missing in untranslated_by_packages(domain) if entry_key(missing.entry) not in ours]


def as_po(missing: list[Missing]) -> polib.POFile:
    """A catalogue of the missing msgids with empty msgstr, ready to translate and append."""
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for item in missing:
        source = item.entry
        catalogue.append(
            polib.POEntry(
                msgctxt=source.msgctxt,
                msgid=source.msgid,
                msgid_plural=source.msgid_plural,
                msgstr="",
                msgstr_plural={0: "", 1: ""} if source.msgid_plural else {},
                flags=[flag for flag in source.flags if flag != "fuzzy"],
                comment=", ".join(item.packages),
            )
        )
    return catalogue


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--po", type=Path, help="write the missing msgids of each domain to FILE-<domain>.po")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rme_portal.settings.dev")
    import django

    django.setup()
    left = 0
    for domain in DOMAINS:
        missing = untranslated_by_packages(domain)
        remaining = uncovered(domain)
        left += len(remaining)
        ours = our_catalogue_path(domain)
        print(f"{domain}: {len(missing)} msgids untranslated by the packages, {len(remaining)} not in {ours}")
        for item in remaining:
            context = f"[{item.entry.msgctxt}] " if item.entry.msgctxt else ""
            print(f"  {', '.join(item.packages)}: {context}{item.entry.msgid!r}")
        if args.po and remaining:
            path = args.po.with_name(f"{args.po.stem}-{domain}.po")
            as_po(remaining).save(str(path))
            print(f"  written to {path}")
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
