"""Reads for session pages, the calendar and the network page."""

from __future__ import annotations

import datetime

from django.utils import timezone

from networks.models import NetworkPage
from rme_portal.collation import spanish_order
from territories.models import Region

from .blocks import OUTCOME_TYPES
from .models import NetworkYearPlan, SessionAgreement, SessionPage


def open_agreements(network_id, *, before: datetime.date | None = None) -> list[SessionAgreement]:
    """Agreements of the network's published sessions not yet marked done."""
    agreements = SessionAgreement.objects.filter(
        session__network_id=network_id, session__live=True, done=False
    ).select_related("session")
    if before:
        agreements = agreements.filter(session__date__lt=before)
    return list(agreements.order_by("due_date", "pk"))


def _time_labels(session: SessionPage) -> list[dict]:
    """Each agenda item with its clock time: its own, or running on from the start."""
    items, clock = [], datetime.datetime.combine(session.date, session.start_time)
    for block in session.agenda:
        value = block.value
        if value.get("start_time"):
            clock = datetime.datetime.combine(session.date, value["start_time"])
        label = clock.strftime("%H:%M")
        if value.get("minutes"):
            clock += datetime.timedelta(minutes=value["minutes"])
            label += f"–{clock:%H:%M}"
        outcome_label = dict(OUTCOME_TYPES).get(value.get("outcome_type"), "")
        items.append({"value": value, "time_label": label, "outcome_label": outcome_label})
    return items


def _materials(session: SessionPage) -> list[str]:
    labels = []
    for block in session.materials:
        if block.block_type == "document" and block.value is not None:
            labels.append(block.value.title)
        elif block.block_type == "link":
            labels.append(f"{block.value['title']} ({block.value['url']})")
        elif block.block_type == "text":
            labels.append(block.value)
    return labels


def session_detail(session: SessionPage) -> dict:
    agenda = _time_labels(session)
    linked = []
    for item in agenda:
        for page in [*item["value"]["practices"], *item["value"]["instruments"]]:
            if page is not None and page not in linked:
                linked.append(page)
    return {
        "agenda": agenda,
        "materials": _materials(session),
        "linked_pages": linked,
        "open_agreements": open_agreements(session.network_id, before=session.date) if session.network_id else [],
        "attendees": list(session.attendance.select_related("school").order_by("sort_order", "pk")),
        "agreements": list(session.agreements.order_by("sort_order", "pk")),
    }


def network_sessions(network: NetworkPage) -> dict:
    """The network page's section: the year plan, upcoming sessions, open agreements."""
    today = timezone.localdate()
    sessions = list(
        SessionPage.objects.live()
        .public()
        .filter(network=network, date__year__gte=today.year - 1)
        .select_related("host_school__commune")
        .order_by("date")
    )
    plan = NetworkYearPlan.objects.filter(network=network, year=today.year).first()
    return {
        "year_plan": plan,
        "sessions": [s for s in sessions if s.date.year == today.year],
        "next_session": next((s for s in sessions if s.date >= today and s.status == "planned"), None),
        "open_agreements": open_agreements(network.pk),
        "today": today,
    }


def upcoming_sessions(params, *, today=None):
    """The calendar: upcoming sessions, filtered by region and network."""
    today = today or timezone.localdate()
    regions = list(Region.objects.all())
    region = params.get("region", "")
    region = region if region in {str(r.code) for r in regions} else ""
    networks = list(
        NetworkPage.objects.live().public().order_by(spanish_order("title")).only("id", "title", "region_id")
    )
    network = params.get("network", "")
    network = network if network in {str(n.pk) for n in networks} else ""
    sessions = (
        SessionPage.objects.live()
        .public()
        .filter(date__gte=today)
        .select_related("network__region", "host_school__commune")
        .order_by("date", "start_time")
    )
    if region:
        sessions = sessions.filter(network__region_id=int(region))
    if network:
        sessions = sessions.filter(network_id=int(network))
    return {
        "sessions": list(sessions[:200]),
        "regions": regions,
        "networks": [n for n in networks if not region or str(n.region_id) == region],
        "region": region,
        "network": network,
        "is_filtered": bool(region or network),
    }
