"""Writes for sessions: planning a year, duplicating a session."""

from __future__ import annotations

import copy
import datetime
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


@transaction.atomic
def session_duplicate(session: SessionPage, *, day: datetime.date, host=None, user=None) -> SessionPage:
    """A draft copy for a new date: agenda, materials and links, without
    attendance, agreements, outcomes or review."""
    network = session.get_parent().specific
    host = host or session.host_school
    new = session.copy(
        to=network,
        update_attrs={
            "title": session_title(network, day, host),
            "slug": _unique_slug(network, slugify(f"sesion-{day.isoformat()}")),
            "date": day,
            "host_school": host,
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
