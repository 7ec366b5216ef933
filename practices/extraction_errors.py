"""Why a file's text could not be read, as a message for editors.

The message is kept as an English msgid and its values, and translated only
when shown: extraction runs in a child process without Django's settings,
which sends the msgid back to the parent (see extraction_process)."""

from __future__ import annotations


def gettext_noop(message: str) -> str:
    """Marks a msgid for makemessages (same name as Django's) without touching
    settings, which Django's own gettext_noop does and the child lacks."""
    return message


class ExtractionError(Exception):
    """The file could not be read; ``str()`` is the Spanish reason shown to editors."""

    def __init__(self, msgid: str, **params):
        super().__init__(msgid)
        self.msgid = msgid
        self.params = params

    def __str__(self) -> str:
        from django.utils.translation import gettext

        return gettext(self.msgid) % self.params if self.params else gettext(self.msgid)
