"""The year planner and session duplication, through the admin over HTTP."""

import datetime
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from meetings.models import AgendaTemplate, NetworkYearPlan, SessionPage
from meetings.rotation import next_session_date
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


def _coordinator_client(client, *networks):
    user = UserFactory()
    for network in networks:
        coordinator_assign(network, user)
    client.force_login(user)
    return client


def test_a_coordinator_of_one_network_has_it_chosen(client, network):
    make_network("Red de Magallanes", region_id=12, schools=SchoolFactory.create_batch(2))
    page = BeautifulSoup(_coordinator_client(client, network).get("/admin/planificador/").content, "html.parser")
    form = page.select_one("form#planner-form")
    # No "- Select an option -": the one network travels with the form and is named.
    assert form.select_one("input[name=network]")["value"] == str(network.pk)
    assert form.select_one("input[name=network]")["type"] == "hidden"
    assert not form.select("select[name=network]")
    assert "Red de Osorno" in form.select_one(".planner-network").get_text()
    # What the browser posts (the hidden network included) is a valid plan.
    data = {field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")}
    response = client.post("/admin/planificador/", {**plan_data(network), **data, "preview": "1"})
    assert len(BeautifulSoup(response.content, "html.parser").select(".planner-proposal tbody tr")) == 6


def test_the_network_in_the_address_is_preselected(client, network):
    second = make_network("Red de Osorno Rural", region_id=10, schools=SchoolFactory.create_batch(2))
    _coordinator_client(client, network, second)
    page = BeautifulSoup(client.get(f"/admin/planificador/?network={second.pk}").content, "html.parser")
    assert page.select_one("select[name=network] option[selected]")["value"] == str(second.pk)
    # Someone else's network, or nonsense, preselects nothing.
    other = make_network("Red de Magallanes", region_id=12, schools=SchoolFactory.create_batch(2))
    for value in (other.pk, "abc"):
        page = BeautifulSoup(client.get(f"/admin/planificador/?network={value}").content, "html.parser")
        assert page.select_one("select[name=network] option[selected]").get("value", "") == ""


def test_the_proposal_comes_first_and_takes_the_focus(client, network):
    response = _coordinator_client(client, network).post("/admin/planificador/", {**plan_data(network), "preview": "1"})
    page = BeautifulSoup(response.content, "html.parser")
    proposal, form = page.select_one("section.planner-proposal"), page.select_one("form#planner-form")
    elements = list(page.find_all(True))
    assert elements.index(proposal) < elements.index(form)  # above the long form, where the user looks
    heading = proposal.select_one("h2")
    assert heading["tabindex"] == "-1" and heading.has_attr("data-focus-on-load")
    assert page.select("[data-focus-on-load]") == [heading]
    assert "6 sesiones propuestas para Red de Osorno" in proposal.select_one("[role=status]").get_text()
    assert page.select_one('script[src$="js/planner.js"]') is not None
    # The buttons above the form submit it; Enter in a field (the first of the
    # form's submit buttons) proposes again and never creates sessions.
    buttons = [b for b in page.select("button[type=submit]") if b.get("form") == "planner-form" or form in b.parents]
    assert buttons[0]["name"] == "preview"
    confirm = proposal.select_one("button[name=confirm]")
    assert confirm["form"] == "planner-form"
    data = {**plan_data(network), "confirm": "1"}
    assert client.post("/admin/planificador/", data).status_code == 302
    assert SessionPage.objects.count() == 6


def test_an_invalid_plan_takes_the_focus_to_its_errors(client, network):
    response = _coordinator_client(client, network).post(
        "/admin/planificador/", {**plan_data(network, months=[]), "preview": "1"}
    )
    page = BeautifulSoup(response.content, "html.parser")
    assert [element.get("role") for element in page.select("[data-focus-on-load]")] == ["alert"]
    assert "Elija los meses de las sesiones" in page.select_one("[data-focus-on-load]").get_text()


def test_the_planner_script_focuses_what_is_marked():
    from pathlib import Path

    from django.conf import settings

    script = (Path(settings.BASE_DIR) / "static" / "js" / "planner.js").read_text()
    assert '"[data-focus-on-load]"' in script and ".focus()" in script


@pytest.mark.parametrize(
    ("held", "today", "expected"),
    [
        # December: January and February are the summer holidays.
        (datetime.date(2026, 12, 10), datetime.date(2026, 11, 29), datetime.date(2027, 3, 11)),  # 2nd Thursday
        (datetime.date(2026, 11, 25), datetime.date(2026, 11, 1), datetime.date(2026, 12, 23)),  # 4th Wednesday
        (datetime.date(2026, 4, 30), datetime.date(2026, 4, 1), datetime.date(2026, 5, 28)),  # 5th → last Thursday
        # An old session: the first month still ahead.
        (datetime.date(2025, 4, 9), datetime.date(2026, 6, 20), datetime.date(2026, 7, 8)),  # 2nd Wednesday
        (datetime.date(2025, 4, 9), datetime.date(2026, 12, 15), datetime.date(2027, 3, 10)),
    ],
)
def test_the_next_session_date_keeps_the_monthly_pattern(held, today, expected):
    assert next_session_date(held, today) == expected


def _date_value(page) -> datetime.date:
    value = page.select_one("input[name=date]")["value"]
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise AssertionError(value)


def test_duplicating_a_december_session_proposes_march(client, network):
    december = datetime.date(NEXT_YEAR, 12, _second_thursday(NEXT_YEAR, 12))
    session = make_session(network, december, host=network.memberships.first().school)
    page = BeautifulSoup(
        _coordinator_client(client, network).get(f"/admin/sesiones/{session.pk}/duplicar/").content, "html.parser"
    )
    proposed = _date_value(page)
    assert proposed == datetime.date(NEXT_YEAR + 1, 3, _second_thursday(NEXT_YEAR + 1, 3))
    assert proposed.month not in (1, 2) and proposed > timezone.localdate()
    assert "enero y febrero (vacaciones de verano) se omiten" in page.get_text()  # the default explained


def test_a_past_session_duplicates_to_a_date_ahead(client, network):
    session = make_session(network, datetime.date(2024, 12, 12), host=network.memberships.first().school)
    page = BeautifulSoup(
        _coordinator_client(client, network).get(f"/admin/sesiones/{session.pk}/duplicar/").content, "html.parser"
    )
    proposed = _date_value(page)
    assert proposed > timezone.localdate() and proposed.month not in (1, 2)
    assert proposed.weekday() == 3 and 8 <= proposed.day <= 14  # still the second Thursday


def test_a_new_host_takes_the_old_ones_place_in_the_objective(client):
    old = SchoolFactory(name="ESCUELA GARCIA HURTADO DE MENDOZA")
    new = SchoolFactory(name="ESC. CAPITAN ARTURO PRAT CHACON")
    network = make_network("Red de Osorno", region_id=10, schools=[old, new])
    held = make_session(
        network,
        datetime.date(2026, 4, 9),
        host=old,
        title="Sesión de abril 2026 · ESCUELA GARCIA HURTADO DE MENDOZA",
        objective="Hacer en la Escuela García Hurtado de Mendoza el balance del taller con la escuela vecina.",
    )
    url = f"/admin/sesiones/{held.pk}/duplicar/"
    _coordinator_client(client, network)
    options = [option.get_text() for option in BeautifulSoup(client.get(url).content, "html.parser").select("option")]
    assert f"Escuela Garcia Hurtado de Mendoza (RBD {old.rbd_display})" in options  # display names
    assert not [option for option in options if "ESCUELA" in option or "ESC." in option]

    day = timezone.localdate() + datetime.timedelta(days=30)
    response = client.post(url, {"date": day.isoformat(), "host_school": new.pk}, follow=True)
    copy = SessionPage.objects.exclude(pk=held.pk).get()
    assert new.display_name == "Esc. Capitan Arturo Prat Chacon"  # schools/names.py keeps the abbreviation
    assert copy.objective == "Hacer en la Esc. Capitan Arturo Prat Chacon el balance del taller con la escuela vecina."
    assert copy.title.endswith("· Esc. Capitan Arturo Prat Chacon")
    for text in (copy.objective.lower(), copy.title.lower()):
        assert "garcia" not in text and "garcía" not in text
    assert "Esc. Capitan Arturo Prat Chacon" in response.content.decode()  # the message names the copy


def test_the_same_host_keeps_the_objective(client, network):
    host = network.memberships.first().school
    objective = f"Observar clases en la {host.display_name}."
    held = make_session(network, datetime.date(2026, 4, 9), host=host, objective=objective)
    day = timezone.localdate() + datetime.timedelta(days=30)
    _coordinator_client(client, network).post(f"/admin/sesiones/{held.pk}/duplicar/", {"date": day.isoformat()})
    assert SessionPage.objects.exclude(pk=held.pk).get().objective == objective
