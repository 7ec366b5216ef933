"""Where the demo's pages are in the e2e database (their ids differ from run to run)."""

from wagtail.models import Page

from meetings.models import SessionPage
from networks.models import NetworkPage
from practices.models import InstrumentPage, PracticeAdoption, PracticePage


def public_pages() -> dict[str, str]:
    network = NetworkPage.objects.live().get(slug="red-de-magallanes")
    practice = PracticeAdoption.objects.filter(page__live=True).select_related("page").first().page.specific
    instrument = (
        InstrumentPage.objects.live().filter(attachments__isnull=False, adoptions__isnull=False).distinct().first()
        or InstrumentPage.objects.live().first()
    )
    session = SessionPage.objects.live().filter(network=network).order_by("date").first()
    school = network.memberships.first().school
    return {
        "home": "/",
        "network-index": "/redes/",
        "network": network.url,
        "practice-list": "/practicas/",
        "practice": practice.url,
        "instrument-list": "/instrumentos/",
        "instrument": instrument.url,
        "instrument-print": instrument.url + "imprimir/",
        "session": session.url,
        "session-print": session.url + "imprimir/",
        "calendar": "/calendario/",
        "search": "/buscar/?q=acompa%C3%B1amiento",
        "school": f"/establecimientos/{school.rbd}/",
    }


def admin_pages() -> dict[str, str]:
    practice = PracticePage.objects.live().first()
    home = Page.objects.get(depth=2)
    return {
        "dashboard": "/admin/",
        "page-explorer": f"/admin/pages/{home.pk}/",
        "practice-edit": f"/admin/pages/{practice.pk}/edit/",
        "planner": "/admin/planificador/",
        "documents": "/admin/documents/",
    }
