from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import Revision

from demo.loader import DATA_DIR, read_yaml
from meetings.models import SessionAgreement, SessionPage
from networks.models import NetworkCoordinator, NetworkMembership, NetworkPage
from pme.models import ImprovementPlan, PlanAction
from practices.models import InstrumentPage, PracticeAdoption, PracticePage
from schools.directory_file import DirectoryFile, SchoolRecord
from schools.models import School
from tests.factories import SchoolFactory


def load(*args) -> str:
    out = StringIO()
    call_command("load_demo_content", *args, stdout=out)
    return out.getvalue()


def snapshot():
    return {
        "pages": list(NetworkPage.objects.order_by("pk").values_list("pk", "title", "live")),
        "revisions": Revision.objects.count(),
        "memberships": NetworkMembership.objects.count(),
        "schools": list(School.objects.order_by("rbd").values_list("rbd", "name", "updated_at")),
        "coordinators": NetworkCoordinator.objects.count(),
        "practices": list(PracticePage.objects.order_by("pk").values_list("pk", "title")),
        "instruments": InstrumentPage.objects.count(),
        "documents": get_document_model().objects.count(),
        "actions": PlanAction.objects.count(),
        "adoptions": PracticeAdoption.objects.count(),
        "sessions": list(SessionPage.objects.order_by("pk").values_list("pk", "date", "host_school_id")),
    }


def test_the_data_files_agree_with_each_other():
    networks = read_yaml("networks.yaml")
    assert len(networks) == 15
    assert len({network["slug"] for network in networks}) == 15
    assert len({network["region"] for network in networks}) == 15  # one network per region in 2018
    csv_rbds = {
        item.rbd for item in DirectoryFile.open(DATA_DIR / "schools.csv").rows() if isinstance(item, SchoolRecord)
    }
    member_rbds = {member["rbd"] for network in networks for member in network["members"] if member["rbd"]}
    assert member_rbds == csv_rbds


@pytest.mark.django_db
def test_loads_the_fifteen_networks_without_the_directory_and_a_second_run_changes_nothing(client):
    assert not School.objects.exists()
    output = load("--with-demo-users")
    assert "Redes creadas: 15" in output
    assert NetworkPage.objects.live().count() == 15
    assert School.objects.count() == NetworkMembership.objects.values("school").distinct().count() > 100
    arica = NetworkPage.objects.get(slug="red-basica-1-arica")
    assert arica.memberships.count() == 11
    assert client.get(arica.url).status_code == 200
    assert NetworkCoordinator.objects.filter(network=arica, user__username="coordinacion.arica").exists()

    # Practices, instruments and PME plans, linked both ways.
    assert PracticePage.objects.live().count() >= 30
    per_network = Counter(PracticePage.objects.values_list("network_id", flat=True))
    assert len(per_network) == 15 and min(per_network.values()) >= 2
    huasco = PracticePage.objects.filter(title__icontains="pasant").first()
    assert huasco and PracticeAdoption.objects.filter(page=huasco, action__funding__contains=["sep"]).exists()
    for slug_part in ("pichidegua", "rio-bueno", "talcahuano"):
        assert InstrumentPage.objects.filter(slug__contains=slug_part).exists(), slug_part
    guide = InstrumentPage.objects.filter(slug__contains="pichidegua").first()
    attachment = guide.attachments.select_related("document").first()
    assert attachment.document.extracted_text.text  # the words inside the generated PDF/DOCX
    assert client.get(attachment.document.url).status_code == 200
    assert ImprovementPlan.objects.count() >= 12
    adopted = PracticeAdoption.objects.select_related("action__plan__school").first()
    school_page = client.get(adopted.action.plan.school.get_absolute_url()).content.decode()
    assert adopted.action.name in school_page and adopted.page.title in school_page

    # A year of sessions for three networks: held ones with what happened, later ones planned.
    sessions = SessionPage.objects.live()
    assert sessions.values("network").distinct().count() >= 3
    held = sessions.filter(status="held")
    assert held.count() >= 10 and sessions.filter(status="planned").exists()
    assert all(session.attendance.exists() and session.has_review for session in held)
    assert SessionAgreement.objects.filter(done=False, session__status="held").exists()
    assert SessionAgreement.objects.filter(done=True).exists()

    before = snapshot()
    output = load("--with-demo-users")
    assert "Redes creadas: 0; ya existentes: 15" in output
    assert snapshot() == before

    assert "ya tiene redes" in load("--if-empty")
    assert snapshot() == before


@pytest.mark.django_db
def test_schools_already_imported_from_a_newer_directory_are_not_overwritten():
    SchoolFactory(rbd=2, check_digit="7", name="NOMBRE DEL DIRECTORIO 2025", directory_year=2025)
    load()
    school = School.objects.get(rbd=2)
    assert school.name == "NOMBRE DEL DIRECTORIO 2025" and school.directory_year == 2025
    assert NetworkMembership.objects.filter(school=school, network__slug="red-basica-1-arica").exists()
