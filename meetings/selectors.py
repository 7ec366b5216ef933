"""Reads for session pages, the calendar and the network page."""

from __future__ import annotations

import datetime

from django.core.paginator import Paginator
from django.utils import timezone
from wagtail.documents import get_document_model

from networks.models import NetworkPage
from rme_portal.collation import spanish_order
from rme_portal.visibility import visible_documents, visible_page_id_set, visible_pages, visible_related
from territories.models import DeprovOffice, Region, Slep

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


SESSIONS_PER_PAGE = 20


def _month(value: str) -> datetime.date | None:
    """The first day of the month ``value`` names (YYYY-MM), or None."""
    try:
        year, month = (int(part) for part in value.split("-"))
        return datetime.date(year, month, 1) if 1900 < year < 3000 else None
    except ValueError:
        return None


def _month_after(first: datetime.date) -> datetime.date:
    return datetime.date(first.year + first.month // 12, first.month % 12 + 1, 1)


def _month_before(first: datetime.date) -> datetime.date:
    return (first - datetime.timedelta(days=1)).replace(day=1)


def upcoming_sessions(params, user=None, *, today=None):
    """The calendar: upcoming sessions (the default), one month's (``mes=YYYY-MM``)
    or the archive of past ones, newest first and paginated (``pasadas=1``),
    filtered by region, supervising DEPROV office or SLEP, and network.

    Constant queries whatever the number of sessions: regions, visible
    networks, the DEPROV offices and SLEPs that supervise them, the sessions
    (and the archive's count)."""
    today = today or timezone.localdate()
    regions = list(Region.objects.all())
    networks = list(
        visible_pages(NetworkPage.objects.all(), user)
        .order_by(spanish_order("title"))
        .only("id", "title", "region_id", "supervising_deprov_id", "supervising_slep_id")
    )
    # Only offices and SLEPs that supervise a network the viewer may see.
    deprovs = list(DeprovOffice.objects.filter(pk__in={n.supervising_deprov_id for n in networks} - {None}))
    sleps = list(Slep.objects.filter(pk__in={n.supervising_slep_id for n in networks} - {None}))

    def chosen(name, options):
        value = params.get(name, "")
        return value if value in {str(option) for option in options} else ""

    region = chosen("region", (r.code for r in regions))
    deprov = chosen("deprov", (d.code for d in deprovs))
    slep = chosen("slep", (s.code for s in sleps))
    network = chosen("network", (n.pk for n in networks))

    sessions = visible_pages(SessionPage.objects.all(), user).select_related("network__region", "host_school__commune")
    if region:
        sessions = sessions.filter(network__region_id=int(region))
    if deprov:
        sessions = sessions.filter(network__supervising_deprov_id=int(deprov))
    if slep:
        sessions = sessions.filter(network__supervising_slep_id=int(slep))
    if network:
        sessions = sessions.filter(network_id=int(network))

    month = _month(params.get("mes", ""))
    past = not month and params.get("pasadas") == "1"
    page = None
    if month:
        view = "month"
        listed = list(
            sessions.filter(date__gte=month, date__lt=_month_after(month)).order_by("date", "start_time")[:200]
        )
    elif past:
        view = "past"
        page = Paginator(sessions.filter(date__lt=today).order_by("-date", "-start_time"), SESSIONS_PER_PAGE).get_page(
            params.get("page")
        )
        listed = list(page.object_list)
    else:
        view = "upcoming"
        listed = list(sessions.filter(date__gte=today).order_by("date", "start_time")[:200])
    return {
        "sessions": listed,
        "view": view,
        "page": page,
        "month": month,
        "previous_month": f"{_month_before(month):%Y-%m}" if month else "",
        "next_month": f"{_month_after(month):%Y-%m}" if month else "",
        "this_month": f"{today:%Y-%m}",
        "regions": regions,
        "deprovs": deprovs,
        "sleps": sleps,
        "networks": [
            n
            for n in networks
            if (not region or str(n.region_id) == region)
            and (not deprov or str(n.supervising_deprov_id) == deprov)
            and (not slep or str(n.supervising_slep_id) == slep)
        ],
        "region": region,
        "deprov": deprov,
        "slep": slep,
        "network": network,
        "is_filtered": bool(region or deprov or slep or network),
    }
