"""The one reader of environment variables for the settings.

Values come from the process environment, then from a `.env` file at the
checkout root (never committed; `.env.example` lists every variable), or the
file ENV_FILE names.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ImproperlyConfiguredEnv(Exception):
    pass


def _read_dotenv(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        values[key.strip()] = value.strip().strip("'\"")
    return values


_DOTENV = _read_dotenv(Path(os.environ.get("ENV_FILE") or BASE_DIR / ".env"))


def get(name: str, default: str | None = None) -> str | None:
    if name in os.environ:
        return os.environ[name]
    return _DOTENV.get(name, default)


def get_bool(name: str, default: bool = False) -> bool:
    value = get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfiguredEnv(f"{name} must be true or false, not {value!r}")


def get_list(name: str, default: list[str] | None = None) -> list[str]:
    value = get(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def get_int(name: str, default: int) -> int:
    value = get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfiguredEnv(f"{name} must be an integer, not {value!r}") from error
