from django.db.models import Count, Q

from meetings.models import SessionCalendarPage
from networks.models import NetworkIndexPage, NetworkMembership, NetworkPage
from practices.models import InstrumentIndexPage, InstrumentPage, PracticeIndexPage, PracticePage
from rme_portal.visibility import visible_pages
from schools.models import School, SchoolStatus


def portal_figures() -> dict:
    """Live figures for the home page, in a fixed number of queries: what an
    anonymous visitor may see, whoever asks (the same figures for everyone)."""
    networks = visible_pages(NetworkPage.objects.all())
    network_totals = networks.aggregate(networks=Count("id"), regions=Count("region", distinct=True))
    school_totals = School.objects.aggregate(
        schools=Count("rbd"), operating=Count("rbd", filter=Q(status=SchoolStatus.OPERATING))
    )
    member_schools = NetworkMembership.objects.filter(network__in=networks).values("school_id").distinct().count()
    return {
        **network_totals,
        **school_totals,
        "member_schools": member_schools,
        "practices": visible_pages(PracticePage.objects.all()).count(),
        "instruments": visible_pages(InstrumentPage.objects.all()).count(),
        "network_index": visible_pages(NetworkIndexPage.objects.all()).first(),
        "practice_index": visible_pages(PracticeIndexPage.objects.all()).first(),
        "instrument_index": visible_pages(InstrumentIndexPage.objects.all()).first(),
        "calendar": visible_pages(SessionCalendarPage.objects.all()).first(),
    }
