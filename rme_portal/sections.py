"""Page sections contributed by other apps.

An app that shows something on another app's page (a school's networks, a
network's sessions) registers a template and a function giving its context;
the page renders every registered section, in order. The page's app never
imports the contributing apps.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string


@dataclass(frozen=True)
class Section:
    template: str
    get_context: Callable  # (obj, user) -> dict: what `user` may see of it (rme_portal.visibility)
    order: int = 100


class SectionRegistry:
    def __init__(self, name: str):
        self.name = name
        self._sections: list[Section] = []

    def register(self, template: str, get_context: Callable, order: int = 100) -> None:
        if not any(section.template == template for section in self._sections):
            self._sections.append(Section(template, get_context, order))
            self._sections.sort(key=lambda section: section.order)

    def render(self, obj, request, **extra) -> list[str]:
        return [
            render_to_string(section.template, {**extra, **section.get_context(obj, request.user)}, request=request)
            for section in self._sections
        ]
