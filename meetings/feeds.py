"""Subscribable iCalendar feeds: one per network, one per region."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from networks.models import NetworkPage
from rme_portal.visibility import visible_pages
from territories.models import Region

from .exports import calendar_response, session_pdf_response
from .models import SessionPage, SessionStatus

FEED_STATUSES = {"planned", "held", "cancelled"}


def _feed_sessions(request, **filters):
    sessions = (
        visible_pages(SessionPage.objects.filter(**filters), request.user)
        .select_related("network", "host_school__commune")
        .order_by("date", "start_time")
    )
    # ?estado=planned,held narrows the feed; unknown values are ignored.
    statuses = {value for value in request.GET.get("estado", "").split(",") if value in FEED_STATUSES}
    if statuses:
        sessions = sessions.filter(status__in=statuses)
    if request.GET.get("cancelled") == "0":
        sessions = sessions.exclude(status=SessionStatus.CANCELLED)
    return sessions


def network_feed(request, network_id: int):
    network = get_object_or_404(visible_pages(NetworkPage.objects.all(), request.user), pk=network_id)
    sessions = _feed_sessions(request, network=network)
    return calendar_response(sessions, request, name=network.title, filename=network.slug)


def region_feed(request, code: int):
    region = get_object_or_404(Region, code=code)
    if not visible_pages(NetworkPage.objects.filter(region=region), request.user).exists():
        raise Http404
    sessions = _feed_sessions(request, network__region=region)
    return calendar_response(sessions, request, name=region.full_name, filename=f"region-{region.code}")


def _visible_session(request, session_id: int) -> SessionPage:
    sessions = visible_pages(SessionPage.objects.all(), request.user)
    return get_object_or_404(sessions.select_related("network__region", "host_school__commune"), pk=session_id)


def session_ics(request, session_id: int):
    session = _visible_session(request, session_id)
    return calendar_response([session], request, name=session.title, filename=session.slug)


def session_pdf(request, session_id: int):
    from .selectors import session_detail

    session = _visible_session(request, session_id)
    return session_pdf_response(session, session_detail(session, request.user), request)
