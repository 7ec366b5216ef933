"""Small lookups read on every search (facet options, synonyms), kept in the
process for a minute instead of being read again each time."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from django.db.models.signals import post_delete, post_save


class Memo:
    """The value of `read()`, kept `seconds` in this process and dropped at
    once when this process saves or deletes one of `models`; a change made
    by another process shows within `seconds`."""

    def __init__(self, read: Callable, *, seconds: float, models: list):
        self.read, self.seconds = read, seconds
        self._value, self._until = None, 0.0
        self._lock = threading.Lock()
        for model in models:
            post_save.connect(self.forget, sender=model, weak=False)
            post_delete.connect(self.forget, sender=model, weak=False)

    def get(self):
        with self._lock:
            if time.monotonic() >= self._until:
                self._value, self._until = self.read(), time.monotonic() + self.seconds
            return self._value

    def forget(self, **kwargs) -> None:
        with self._lock:
            self._until = 0.0
