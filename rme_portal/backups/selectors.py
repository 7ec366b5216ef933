"""Reads a backup needs from the code and the settings (never the database:
that is read through ``database``, from the snapshot being dumped)."""

from __future__ import annotations

import subprocess
import tomllib
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db.migrations.loader import MigrationLoader

# Wagtail writes renditions (resized images) under this folder of the media
# storage (AbstractRendition.get_upload_to in wagtail/images/models.py) and
# makes them again on demand from the originals in original_images/.
RENDITIONS_FOLDER = "images"

# The tables a restore summary names, by model: most of what an editor would
# miss. Every table is counted and compared; these are only the ones shown.
MAIN_MODELS = (
    "wagtailcore.Page",
    "networks.NetworkPage",
    "practices.PracticePage",
    "practices.InstrumentPage",
    "meetings.SessionPage",
    "schools.School",
    "pme.PlanAction",
    "wagtaildocs.Document",
    "wagtailimages.Image",
    settings.AUTH_USER_MODEL,
)


def portal_version() -> str:
    """The version in pyproject.toml, with the Git commit (and ``-dirty`` for
    uncommitted changes) when the code is a Git checkout."""
    base = Path(settings.BASE_DIR)
    try:
        version = tomllib.loads((base / "pyproject.toml").read_text())["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        version = "unknown"
    try:
        commit = subprocess.run(
            ["git", "-C", str(base), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return version
    return f"{version}+{commit}" if commit else version


def media_root() -> Path | None:
    """The folder of the media files, or None when the default storage is not
    local (object storage is backed up by its own provider, not here)."""
    if isinstance(default_storage, FileSystemStorage):
        return Path(default_storage.location)
    return None


def media_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(archive name, path) of every regular file under ``root``, in a stable
    order, except the renditions. Symbolic links are not followed."""
    if not root.is_dir():
        return
    for folder, folders, files in root.walk():
        if folder == root and RENDITIONS_FOLDER in folders:
            folders.remove(RENDITIONS_FOLDER)
        folders.sort()
        for name in sorted(files):
            path = folder / name
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(root).as_posix(), path


def rendition_table() -> str:
    from wagtail.images import get_image_model

    return get_image_model().get_rendition_model()._meta.db_table


def main_tables() -> list[tuple[str, str]]:
    """(table, plural name) of MAIN_MODELS, skipping any this code lacks."""
    tables = []
    for label in MAIN_MODELS:
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        name = str(model._meta.verbose_name_plural)
        tables.append((model._meta.db_table, name[:1].lower() + name[1:]))
    return tables


def _migration_loader() -> MigrationLoader:
    # No connection: only the migration files on disk are read.
    return MigrationLoader(None, ignore_no_migrations=True)


def migrations_unknown(applied: dict[str, list[str]]) -> list[str]:
    """Applied migrations (from a backup) that this code has no file for: the
    backup comes from a newer (or a diverging) version of the portal."""
    loader = _migration_loader()
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces)  # squashed away, still understood
    return sorted(f"{app}.{name}" for app, names in applied.items() for name in names if (app, name) not in known)


def migrations_pending(applied: dict[str, list[str]]) -> list[str]:
    """Migrations of this code that a backup's database has not applied."""
    done = {(app, name) for app, names in applied.items() for name in names}
    loader = _migration_loader()
    pending = []
    for key in loader.graph.nodes:
        replaced = loader.replacements.get(key)
        if key in done or (replaced and all(old in done for old in replaced.replaces)):
            continue
        pending.append(f"{key[0]}.{key[1]}")
    return sorted(pending)
