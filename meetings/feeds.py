"""Subscribable iCalendar feeds: one per network, one per region."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from networks.models import NetworkPage
from territories.models import Region

from .exports import calendar_response, session_pdf_response
from .models import SessionPage, SessionStatus

FEED_STATUSES = {"planned", "held", "cancelled"}


def _feed_sessions(request, **filters):
    sessions = (
        SessionPage.objects.live()
        .public()
        .filter(**filters)
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
    network = get_object_or_404(NetworkPage.objects.live().public(), pk=network_id)
    return calendar_response(_feed_sessions(request, network=network), request, name=network.slug)


def region_feed(request, code: int):
    region = get_object_or_404(Region, code=code)
    if not NetworkPage.objects.live().filter(region=region).exists():
        raise Http404
    return calendar_response(_feed_sessions(request, network__region=region), request, name=f"region-{region.code}")


def _public_session(session_id: int) -> SessionPage:
    return get_object_or_404(
        SessionPage.objects.live().public().select_related("network__region", "host_school__commune"), pk=session_id
    )


def session_ics(request, session_id: int):
    session = _public_session(session_id)
    return calendar_response([session], request, name=session.slug)


def session_pdf(request, session_id: int):
    from .selectors import session_detail

    session = _public_session(session_id)
    return session_pdf_response(session, session_detail(session), request)
