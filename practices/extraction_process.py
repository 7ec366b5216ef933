"""Text extraction in a child process with memory, CPU and time limits.

The readers in text_extraction are bounded by design, but they sit on
parsers (pypdf, expat, zlib) whose worst cases nobody can promise. So they run
in a fresh Python process that limits itself before it reads anything:
address space (RLIMIT_AS), CPU seconds (RLIMIT_CPU), no files written
(RLIMIT_FSIZE) and no core dumps; the parent adds a wall-clock timeout and
kills it past that. Whatever the file does, the process that enqueued the
work (a web or task worker) only waits and reads a small JSON answer.

The child is started as ``python -m practices.extraction_process PATH NAME``
rather than forked: a fork would share the worker's database connections and
memory, and a fresh interpreter sets its limits before importing any parser.
It does not set up Django; errors travel back as msgids (extraction_errors).
"""

from __future__ import annotations

import json
import logging
import os
import resource
import subprocess
import sys
from pathlib import Path

from .extraction_errors import ExtractionError, gettext_noop

MEMORY_BYTES = 512 * 1024 * 1024
CPU_SECONDS = 60
WALL_SECONDS = 90
# The answer holds at most MAX_CHARACTERS characters, JSON-escaped.
MAX_ANSWER_BYTES = 16 * 1024 * 1024
PROJECT_DIR = Path(__file__).resolve().parents[1]

logger = logging.getLogger(__name__)


def extract_in_child(path: str | os.PathLike, filename: str, *, memory_bytes: int = MEMORY_BYTES) -> str:
    """The text of the file at ``path`` (named ``filename``), read by a limited
    child process. Raises ExtractionError with the reason when it cannot."""
    command = [sys.executable, "-m", "practices.extraction_process", os.fspath(path), filename, str(memory_bytes)]
    try:
        finished = subprocess.run(  # noqa: S603 - our own module, arguments as a list
            command,
            capture_output=True,
            timeout=WALL_SECONDS,
            cwd=PROJECT_DIR,  # where ``-m practices...`` is found
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise ExtractionError(
            gettext_noop("reading the text took longer than %(seconds)s seconds and was stopped"),
            seconds=WALL_SECONDS,
        ) from error
    answer = _answer(finished.stdout[:MAX_ANSWER_BYTES])
    if answer is None:
        # Killed by a limit (SIGKILL/SIGXCPU), or out of memory before it could answer.
        raise ExtractionError(gettext_noop("reading the text needed more memory or time than allowed and was stopped"))
    logger.info("Text of %s read by a child process: peak memory %s kB", filename, answer.get("peak_kb", "?"))
    if "error" in answer:
        raise ExtractionError(answer["error"], **answer.get("params", {}))
    return answer["text"]


def _answer(output: bytes) -> dict | None:
    try:
        answer = json.loads(output)
    except ValueError:
        return None
    return answer if isinstance(answer, dict) and ("text" in answer or "error" in answer) else None


def _peak_kb() -> int | None:
    """This process's own peak resident memory (VmHWM: unlike ru_maxrss, it
    does not carry over the parent's peak from before the exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _limit_self(memory_bytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 5))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main(argv: list[str]) -> int:
    path, filename, memory_bytes = argv[0], argv[1], int(argv[2])
    _limit_self(memory_bytes)
    from .text_extraction import extract_text

    try:
        with open(path, "rb") as source:
            answer = {"text": extract_text(source, filename)}
    except ExtractionError as error:
        answer = {"error": error.msgid, "params": error.params}
    except MemoryError:
        answer = {"error": gettext_noop("reading the text needed more memory or time than allowed and was stopped")}
    except OSError as error:
        answer = {
            "error": gettext_noop("the file could not be opened (%(reason)s)"),
            "params": {"reason": error.strerror or type(error).__name__},
        }
    answer["peak_kb"] = _peak_kb()
    sys.stdout.buffer.write(json.dumps(answer).encode("ascii"))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
