from django.db.models import Count, Q

from networks.models import NetworkIndexPage, NetworkMembership, NetworkPage
from practices.models import InstrumentIndexPage, InstrumentPage, PracticeIndexPage, PracticePage
from schools.models import School, SchoolStatus


def portal_figures() -> dict:
    """Live figures for the home page, in a fixed number of queries."""
    networks = NetworkPage.objects.live().public()
    network_totals = networks.aggregate(networks=Count("id"), regions=Count("region", distinct=True))
    school_totals = School.objects.aggregate(
        schools=Count("rbd"), operating=Count("rbd", filter=Q(status=SchoolStatus.OPERATING))
    )
    member_schools = NetworkMembership.objects.filter(network__in=networks).values("school_id").distinct().count()
    return {
        **network_totals,
        **school_totals,
        "member_schools": member_schools,
        "practices": PracticePage.objects.live().public().count(),
        "instruments": InstrumentPage.objects.live().public().count(),
        "network_index": NetworkIndexPage.objects.live().first(),
        "practice_index": PracticeIndexPage.objects.live().first(),
        "instrument_index": InstrumentIndexPage.objects.live().first(),
    }
