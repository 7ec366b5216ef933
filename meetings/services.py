"""Writes for sessions: planning a year, duplicating a session."""

from __future__ import annotations

import copy
import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.db import transaction
from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _

from networks.models import NetworkPage

from .models import AgendaTemplate, NetworkYearPlan, SessionPage, SessionStatus


@dataclass
class PlannedSession:
    date: datetime.date
    host: object  # School


def session_title(network: NetworkPage, day: datetime.date, host) -> str:
    month = formats.date_format(day, "F Y")
    return _("Session of %(month)s · %(host)s") % {"month": month, "host": host.display_name if host else network.title}


def _unique_slug(network: NetworkPage, base: str) -> str:
    taken = set(network.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _blank_outcomes(agenda_data: list) -> list:
    """Agenda items as raw stream data, without what a past session recorded."""
    items = copy.deepcopy(agenda_data)
    for item in items:
        value = item.get("value", {})
        value["outcome"] = ""
        value["outcome_type"] = ""
        item.pop("id", None)
    return items


@transaction.atomic
def sessions_plan_year(
    *,
    network: NetworkPage,
    year: int,
    plan: list[tuple[datetime.date, object]],
    start_time: datetime.time,
    end_time: datetime.time,
    template: AgendaTemplate | None,
    objectives: str = "",
    user=None,
) -> list[SessionPage]:
    """Create draft sessions for the given (date, host) rotation and the year plan."""
    year_plan, _created = NetworkYearPlan.objects.get_or_create(network=network, year=year)
    if objectives.strip():
        year_plan.objectives = objectives.strip()
        year_plan.save()
    agenda = _blank_outcomes(template.agenda.raw_data) if template else []
    created = []
    for day, host in plan:
        page = SessionPage(
            title=session_title(network, day, host),
            slug=_unique_slug(network, slugify(f"sesion-{day.isoformat()}")),
            date=day,
            start_time=start_time,
            end_time=end_time,
            host_school=host,
            status=SessionStatus.PLANNED,
            agenda=agenda,
            objective=year_plan.objective_list[0] if year_plan.objective_list else "",
            live=False,
            owner=user,
        )
        network.add_child(instance=page)
        page.save_revision(user=user)
        created.append(page)
    return created


def _fold(text: str) -> str:
    """Lower case without accents, one character for one (so positions in
    the folded text are positions in the original)."""
    return "".join(unicodedata.normalize("NFD", char.lower())[0] for char in text)


def _host_pattern(school) -> re.Pattern:
    """How a text may name the school, folded: the directory's name
    (capitals, no accents, sometimes "ESC." for "Escuela") and its display
    name fold alike."""
    names = {_fold(school.name), _fold(re.sub(r"^ESC\.\s*", "Escuela ", school.name, flags=re.IGNORECASE))}
    words = (r"\s+".join(re.escape(word) for word in name.split()) for name in sorted(names, key=len, reverse=True))
    return re.compile(r"\b(?:" + "|".join(words) + r")(?!\w)")


def text_with_host(text: str, old, new) -> str:
    """``text`` with the old host school's name replaced by the new host's
    display name, matched regardless of case, accents and spacing
    ("Evaluar en la Escuela García Hurtado de Mendoza…" for the directory's
    "ESCUELA GARCIA HURTADO DE MENDOZA")."""
    if not text or old is None or new is None or old == new:
        return text
    matches = list(_host_pattern(old).finditer(_fold(text)))
    for match in reversed(matches):
        text = text[: match.start()] + new.display_name + text[match.end() :]
    return text


@transaction.atomic
def session_duplicate(session: SessionPage, *, day: datetime.date, host=None, user=None) -> SessionPage:
    """A draft copy for a new date: agenda, materials and links, without
    attendance, agreements, outcomes or review.

    A new host replaces the old one's name in the objective (it usually says
    where the session happens: "Observar en la Escuela Suiza…"); the rest of
    the objective stays, as the coordinator wrote it. The title is made
    afresh from the date and the host's display name."""
    network = session.get_parent().specific
    host = host or session.host_school
    new = session.copy(
        to=network,
        update_attrs={
            "title": session_title(network, day, host),
            "slug": _unique_slug(network, slugify(f"sesion-{day.isoformat()}")),
            "date": day,
            "host_school": host,
            "objective": text_with_host(session.objective, session.host_school, host),
            "status": SessionStatus.PLANNED,
            "review_best": "",
            "review_improvable": "",
            "review_next_steps": "",
            "review_discoveries": "",
        },
        exclude_fields=["attendance", "agreements"],
        keep_live=False,
        user=user,
        log_action="wagtail.copy",
    ).specific
    new.agenda = _blank_outcomes(session.agenda.raw_data)
    new.save()
    new.save_revision(user=user)
    return new
