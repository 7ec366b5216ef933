"""The README's commands find a Python >= 3.12 by themselves, or say clearly there is none."""

import shutil
import subprocess
import sys
from pathlib import Path

from rme_portal.settings.base import BASE_DIR

SCRIPT = BASE_DIR / "scripts" / "find-python.sh"
SH = shutil.which("sh")


def run(tmp_path: Path, **env) -> subprocess.CompletedProcess:
    environment = {
        "PATH": f"{tmp_path}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "PYENV_ROOT": str(tmp_path / "pyenv"),
        "FIND_PYTHON_DIRS": str(tmp_path),
        **env,
    }
    return subprocess.run([SH, str(SCRIPT)], env=environment, capture_output=True, text=True, timeout=60)


def fake_python(folder: Path, name: str, version: str) -> None:
    script = folder / name
    script.write_text(f"#!/bin/sh\necho 'Python {version}'\nexit 1\n")
    script.chmod(0o755)


def test_finds_the_interpreter_it_is_given(tmp_path):
    result = run(tmp_path, PYTHON=sys.executable)
    assert result.returncode == 0
    assert Path(result.stdout.strip()).resolve() == Path(sys.executable).resolve()


def test_finds_an_installed_version_that_is_not_selected(tmp_path):
    # pyenv keeps versions it does not select out of PATH.
    version_dir = tmp_path / "pyenv" / "versions" / "3.12.9" / "bin"
    version_dir.mkdir(parents=True)
    (version_dir / "python3").symlink_to(sys.executable)
    fake_python(tmp_path, "python3", "3.11.7")
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_says_clearly_when_there_is_none(tmp_path):
    fake_python(tmp_path, "python3", "3.11.7")
    result = run(tmp_path, PATH=str(tmp_path))
    assert result.returncode == 1
    assert "No Python 3.12 or newer" in result.stderr
    assert "PYTHON=" in result.stderr
