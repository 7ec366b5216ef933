"""The year planner and session duplication, through the admin over HTTP."""

import datetime
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from meetings.models import AgendaTemplate, NetworkYearPlan, SessionPage
from networks.coordinators import coordinator_assign
from tests.factories import SchoolFactory, UserFactory, make_network, make_session

pytestmark = pytest.mark.django_db
NEXT_YEAR = timezone.localdate().year + 1


@pytest.fixture
def network():
    return make_network("Red de Osorno", region_id=10, schools=SchoolFactory.create_batch(4, commune_id=10301))


@pytest.fixture
def template():
    return AgendaTemplate.objects.create(
        name="Sesión con tablero de revisión",
        agenda=[
            ("item", {"activity": "Bienvenida", "minutes": 15, "sub_items": [], "outcome": "", "outcome_type": ""}),
            (
                "item",
                {"activity": "Tablero de revisión", "minutes": 45, "sub_items": [], "outcome": "", "outcome_type": ""},
            ),
        ],
    )


def plan_data(network, template=None, **overrides):
    data = {
        "network": network.pk,
        "year": NEXT_YEAR,
        "months": ["3", "4", "5", "6", "7", "8"],
        "weekday": "3",
        "week_of_month": "2",
        "start_time": "09:00",
        "end_time": "12:30",
        "template": template.pk if template else "",
        "objectives": "Fortalecer el acompañamiento al aula\nAmpliar la participación de las familias",
        "dates": "",
        "skip": "",
        "pins": "",
    }
    data.update(overrides)
    return data


def test_a_supervisor_plans_the_year_in_two_steps(admin_client, network, template):
    assert admin_client.get("/admin/planificador/").status_code == 200
    preview = admin_client.post("/admin/planificador/", {**plan_data(network, template), "preview": "1"})
    assert preview.status_code == 200
    rows = BeautifulSoup(preview.content, "html.parser").select("table.listing tbody tr")
    assert len(rows) == 6
    assert not SessionPage.objects.exists()  # nothing until confirmed

    response = admin_client.post("/admin/planificador/", {**plan_data(network, template), "confirm": "1"})
    assert response.status_code == 302
    sessions = list(SessionPage.objects.order_by("date"))
    assert [s.date for s in sessions] == [
        datetime.date(NEXT_YEAR, month, day)
        for month, day in [(m, _second_thursday(NEXT_YEAR, m)) for m in range(3, 9)]
    ]
    assert all(not s.live and s.status == "planned" for s in sessions)  # drafts
    hosts = [s.host_school_id for s in sessions]
    assert len(set(hosts[:4])) == 4  # everyone hosts once before anyone hosts twice
    assert max(Counter(hosts).values()) == 2
    assert [block.value["activity"] for block in sessions[0].agenda] == ["Bienvenida", "Tablero de revisión"]
    assert NetworkYearPlan.objects.get(network=network, year=NEXT_YEAR).objective_list == [
        "Fortalecer el acompañamiento al aula",
        "Ampliar la participación de las familias",
    ]


def _second_thursday(year, month):
    first = datetime.date(year, month, 1)
    return 1 + (3 - first.weekday()) % 7 + 7


def test_pins_skips_and_listed_dates(admin_client, network):
    members = list(network.memberships.values_list("school_id", flat=True))
    first, second = datetime.date(NEXT_YEAR, 4, 1), datetime.date(NEXT_YEAR, 5, 6)
    data = plan_data(
        network,
        dates=f"{first}\n{second}\n{datetime.date(NEXT_YEAR, 6, 3)}",
        skip=str(datetime.date(NEXT_YEAR, 6, 3)),
        pins=f"{second} {members[2]}",
        confirm="1",
    )
    assert admin_client.post("/admin/planificador/", data).status_code == 302
    sessions = list(SessionPage.objects.order_by("date"))
    assert [s.date for s in sessions] == [first, second]
    assert sessions[1].host_school_id == members[2]
    assert sessions[0].host_school_id != members[2]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"dates": "2027-02-30"}, "Estas no son fechas reales del calendario"),
        ({"dates": "2020-03-12"}, "Estas fechas ya pasaron"),
        ({"months": [], "dates": ""}, "Elija los meses de las sesiones"),
        ({"pins": f"{NEXT_YEAR}-03-11 999999"}, "no es un establecimiento miembro"),
        ({"start_time": "12:00", "end_time": "09:00"}, "La sesión debe terminar después de comenzar."),
    ],
)
def test_bad_plans_get_a_clear_message_and_create_nothing(admin_client, network, overrides, message):
    response = admin_client.post("/admin/planificador/", {**plan_data(network, **overrides), "confirm": "1"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SessionPage.objects.exists()


def test_a_network_of_one_school_gets_a_message(admin_client):
    lonely = make_network("Red Río Ibáñez", region_id=11, schools=[SchoolFactory()])
    response = admin_client.post("/admin/planificador/", {**plan_data(lonely), "confirm": "1"})
    assert "una rotación de anfitriones necesita al menos dos" in response.content.decode()
    assert not SessionPage.objects.exists()


def test_a_coordinator_plans_only_their_network(client, network):
    other = make_network("Red de Magallanes", region_id=12, schools=SchoolFactory.create_batch(2))
    user = UserFactory()
    coordinator_assign(network, user)
    client.force_login(user)
    page = client.get("/admin/planificador/").content.decode()
    assert "Red de Osorno" in page and "Red de Magallanes" not in page
    response = client.post("/admin/planificador/", {**plan_data(other), "confirm": "1"})
    assert response.status_code == 200 and not SessionPage.objects.exists()
    outsider = UserFactory()
    client.force_login(outsider)
    assert client.get("/admin/planificador/").status_code in (302, 403)


def test_duplicating_a_session_keeps_the_plan_and_drops_what_happened(admin_client, network):
    host = network.memberships.first().school
    held = make_session(
        network,
        datetime.date(2026, 4, 9),
        host=host,
        status="held",
        objective="Revisar el monitoreo",
        agenda=[
            (
                "item",
                {
                    "activity": "Tablero",
                    "minutes": 45,
                    "sub_items": ["Lo mejor"],
                    "outcome": "Se acordó X",
                    "outcome_type": "decision",
                },
            )
        ],
        materials=[("text", "Pauta impresa")],
        review_best="La puntualidad",
        agreements=[("Enviar acta", datetime.date(2026, 4, 16), False)],
    )
    held.attendance.create(person="Directora")
    new_date = timezone.localdate() + datetime.timedelta(days=30)
    url = f"/admin/sesiones/{held.pk}/duplicar/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"date": new_date.isoformat(), "host_school": host.pk})
    assert response.status_code == 302
    copy = SessionPage.objects.exclude(pk=held.pk).get()
    assert copy.date == new_date and not copy.live and copy.status == "planned"
    assert copy.objective == "Revisar el monitoreo"
    assert [b.value["activity"] for b in copy.agenda] == ["Tablero"]
    assert [list(b.value["sub_items"]) for b in copy.agenda] == [["Lo mejor"]]
    assert [b.value["outcome"] for b in copy.agenda] == [""]
    assert [b.value for b in copy.materials] == ["Pauta impresa"]
    assert copy.review_best == "" and not copy.agreements.exists() and not copy.attendance.exists()
    # The original is untouched.
    assert SessionPage.objects.get(pk=held.pk).agreements.count() == 1

    response = admin_client.post(url, {"date": "2020-01-01"})
    assert "La nueva fecha ya pasó." in response.content.decode()
