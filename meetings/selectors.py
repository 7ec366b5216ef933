"""Reads for session pages, the calendar and the network page."""

from __future__ import annotations

import datetime

from django.utils import timezone
from wagtail.documents import get_document_model

from networks.models import NetworkPage
from rme_portal.collation import spanish_order
from rme_portal.visibility import visible_documents, visible_page_id_set, visible_pages, visible_related
from territories.models import Region

from .blocks import OUTCOME_TYPES
from .models import NetworkYearPlan, SessionAgreement, SessionPage

Document = get_document_model()


def open_agreements(network_id, user=None, *, before: datetime.date | None = None) -> list[SessionAgreement]:
    """Agreements not yet marked done of the network's sessions that ``user`` may see."""
    agreements = visible_related(
        SessionAgreement.objects.filter(session__network_id=network_id, done=False), "session", user
    ).select_related("session")
    if before:
        agreements = agreements.filter(session__date__lt=before)
    return list(agreements.order_by("due_date", "pk"))


def _time_labels(session: SessionPage, user) -> list[dict]:
    """Each agenda item with its clock time (its own, or running on from the
    start) and the practices and instruments it uses that ``user`` may see."""
    items, clock = [], datetime.datetime.combine(session.date, session.start_time)
    chosen = [page for block in session.agenda for page in [*block.value["practices"], *block.value["instruments"]]]
    visible = visible_page_id_set((page.pk for page in chosen if page is not None), user)
    for block in session.agenda:
        value = block.value
        if value.get("start_time"):
            clock = datetime.datetime.combine(session.date, value["start_time"])
        label = clock.strftime("%H:%M")
        if value.get("minutes"):
            clock += datetime.timedelta(minutes=value["minutes"])
            label += f"–{clock:%H:%M}"
        outcome_label = dict(OUTCOME_TYPES).get(value.get("outcome_type"), "")
        items.append(
            {
                "value": value,
                "time_label": label,
                "outcome_label": outcome_label,
                "practices": [page for page in value["practices"] if page is not None and page.pk in visible],
                "instruments": [page for page in value["instruments"] if page is not None and page.pk in visible],
            }
        )
    return items


def _materials(session: SessionPage, user) -> list[str]:
    documents = [block.value.pk for block in session.materials if block.block_type == "document" and block.value]
    visible = set(
        visible_documents(Document.objects.filter(pk__in=documents), user).values_list("pk", flat=True)
        if documents
        else []
    )
    labels = []
    for block in session.materials:
        if block.block_type == "document" and block.value is not None:
            if block.value.pk in visible:
                labels.append(block.value.title)
        elif block.block_type == "link":
            labels.append(f"{block.value['title']} ({block.value['url']})")
        elif block.block_type == "text":
            labels.append(block.value)
    return labels


def session_detail(session: SessionPage, user=None) -> dict:
    agenda = _time_labels(session, user)
    linked = []
    for item in agenda:
        for page in [*item["practices"], *item["instruments"]]:
            if page not in linked:
                linked.append(page)
    return {
        "agenda": agenda,
        "materials": _materials(session, user),
        "linked_pages": linked,
        "open_agreements": (
            open_agreements(session.network_id, user, before=session.date) if session.network_id else []
        ),
        "attendees": list(session.attendance.select_related("school").order_by("sort_order", "pk")),
        "agreements": list(session.agreements.order_by("sort_order", "pk")),
    }


def network_sessions(network: NetworkPage, user=None, *, today: datetime.date | None = None) -> dict:
    """The network page's section: this year's and next year's work plans and
    sessions (next year once it is planned), the next session, open agreements.

    Three queries whatever the number of sessions and years: sessions, plans,
    agreements."""
    today = today or timezone.localdate()
    sessions = list(
        visible_pages(SessionPage.objects.filter(network=network), user)
        .select_related("host_school__commune")
        .order_by("date", "start_time")
    )
    plans = {
        plan.year: plan
        for plan in NetworkYearPlan.objects.filter(network=network, year__in=[today.year, today.year + 1])
    }
    years = []
    for year in (today.year, today.year + 1):
        of_year = [session for session in sessions if session.date.year == year]
        plan = plans.get(year)
        if of_year or (plan and plan.objective_list):
            years.append({"year": year, "plan": plan, "sessions": of_year})
    return {
        "years": years,
        "has_sessions": bool(sessions),
        "next_session": next((s for s in sessions if s.date >= today and s.status == "planned"), None),
        "open_agreements": open_agreements(network.pk, user),
        "today": today,
    }


def upcoming_sessions(params, user=None, *, today=None):
    """The calendar: upcoming sessions, filtered by region and network."""
    today = today or timezone.localdate()
    regions = list(Region.objects.all())
    region = params.get("region", "")
    region = region if region in {str(r.code) for r in regions} else ""
    networks = list(
        visible_pages(NetworkPage.objects.all(), user).order_by(spanish_order("title")).only("id", "title", "region_id")
    )
    network = params.get("network", "")
    network = network if network in {str(n.pk) for n in networks} else ""
    sessions = (
        visible_pages(SessionPage.objects.filter(date__gte=today), user)
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
