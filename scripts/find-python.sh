#!/bin/sh
# Prints the path of a Python >= 3.12 with venv support, or explains why
# there is none. Django 6 refuses older interpreters, and on many machines
# `python3` is older while newer versions sit beside it (pyenv, deadsnakes).
set -u

works() {
    "$1" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1
}

candidates=""
[ -n "${PYTHON:-}" ] && candidates="$PYTHON"
candidates="$candidates python3.14 python3.13 python3.12 python3 python"
# pyenv shims answer "command not found" for versions that are installed but
# not selected, so also look at the interpreters themselves.
pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
for dir in "$pyenv_root"/versions/3.1[2-9]* "$pyenv_root"/versions/3.[2-9][0-9]*; do
    [ -x "$dir/bin/python3" ] && candidates="$candidates $dir/bin/python3"
done
for dir in ${FIND_PYTHON_DIRS-/usr/local/bin /usr/bin /opt/homebrew/bin}; do
    for minor in 14 13 12; do
        candidates="$candidates $dir/python3.$minor"
    done
done

for candidate in $candidates; do
    path=$(command -v "$candidate" 2>/dev/null) || continue
    if works "$path"; then
        # Resolve to the real interpreter so the virtualenv does not depend on a shim.
        "$path" -c 'import sys; print(sys.executable)'
        exit 0
    fi
done

printf '%s\n' \
    "No Python 3.12 or newer (with the venv module) was found." \
    "Django 6 needs Python >= 3.12. Install one (for example \`apt install python3.12-venv\`," \
    "\`pyenv install 3.12\`, or from python.org) or point PYTHON at it:" \
    "" \
    "    make run PYTHON=/path/to/python3.12" >&2
exit 1
