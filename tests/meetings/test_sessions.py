"""Session pages, their exports (PDF, iCalendar) and open agreements, over HTTP."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar
from pypdf import PdfReader

from meetings.models import SessionAgreement, SessionPage
from tests.factories import SchoolFactory, make_network, make_practice, make_session

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


@pytest.fixture
def network():
    schools = [
        SchoolFactory(name="ESCUELA LARMAHUE", commune_id=6113),
        SchoolFactory(name="ESCUELA EL TOCO", commune_id=6113),
    ]
    return make_network("Red de Pichidegua", region_id=6, schools=schools)


def agenda_item(activity, minutes=30, **extra):
    return ("item", {"activity": activity, "minutes": minutes, "responsible": "Jefa de UTP", "sub_items": [], **extra})


def parse_ics(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(calendar):
    return list(calendar.walk("VEVENT"))


def test_session_page_shows_agenda_host_and_open_agreements_of_earlier_sessions(client, network):
    host = network.memberships.get(school__name="ESCUELA LARMAHUE").school
    practice = make_practice(network, "Pauta consensuada")
    make_session(
        network,
        datetime.date(2026, 4, 9),
        host=host,
        status="held",
        agreements=[
            ("Aplicar la pauta en todos los cursos", datetime.date(2026, 5, 8), False),
            ("Enviar el acta", datetime.date(2026, 4, 16), True),
        ],
    )
    upcoming = make_session(
        network,
        datetime.date(2026, 5, 14),
        host=host,
        agenda=[
            agenda_item("Bienvenida", 15),
            agenda_item("Revisión de la pauta", 60, practices=[practice]),
            agenda_item("Tablero de revisión", 45),
        ],
    )
    html = BeautifulSoup(client.get(upcoming.url).content, "html.parser")
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"])]
        for row in html.select("table.agenda tbody tr")
    ]
    assert rows[0][0] == "09:00–09:15" and rows[1][0] == "09:15–10:15" and rows[2][0] == "10:15–11:00"
    assert "Pauta consensuada" in rows[1][1]
    text = html.get_text(" ", strip=True)
    assert "Escuela Larmahue" in text and "Pichidegua" in text
    open_list = html.select_one("#open-agreements-title ~ ul").get_text(" ", strip=True)
    assert "Aplicar la pauta en todos los cursos" in open_list and "Enviar el acta" not in open_list


def test_open_agreements_show_on_the_network_page_until_marked_done(client, network):
    held = make_session(
        network,
        datetime.date(2026, 4, 9),
        status="held",
        agreements=[("Aplicar la pauta en todos los cursos", datetime.date(2026, 5, 8), False)],
    )
    page = client.get(network.url).content.decode()
    assert "Aplicar la pauta en todos los cursos" in page
    agreement = held.agreements.get()
    revision = held.get_latest_revision_as_object()
    for item in revision.agreements.all():
        item.done = True
    revision.save_revision().publish()
    assert SessionAgreement.objects.get(pk=agreement.pk).done
    page = client.get(network.url).content.decode()
    assert "Aplicar la pauta en todos los cursos" not in page


def test_times_are_right_across_chile_daylight_saving_changes(client, network):
    # Chile's winter time began on 2026-04-05 (UTC-3 → UTC-4) and summer
    # time on 2026-09-06 (UTC-4 → UTC-3). A 09:00 session moves in UTC.
    cases = {
        datetime.date(2026, 4, 2): datetime.datetime(2026, 4, 2, 12, 0, tzinfo=UTC),
        datetime.date(2026, 4, 9): datetime.datetime(2026, 4, 9, 13, 0, tzinfo=UTC),
        datetime.date(2026, 9, 3): datetime.datetime(2026, 9, 3, 13, 0, tzinfo=UTC),
        datetime.date(2026, 9, 10): datetime.datetime(2026, 9, 10, 12, 0, tzinfo=UTC),
    }
    for day in cases:
        make_session(network, day)
    calendar = parse_ics(client.get(f"/calendario/red/{network.pk}.ics"))
    starts = {event.decoded("dtstart") for event in events(calendar)}
    assert starts == set(cases.values())
    ends = {event.decoded("dtend") - event.decoded("dtstart") for event in events(calendar)}
    assert ends == {datetime.timedelta(hours=3, minutes=30)}


def test_session_ics_has_a_link_back_and_the_online_link(client, network):
    session = make_session(
        network,
        datetime.date(2026, 10, 8),
        host=network.memberships.get(school__name="ESCUELA LARMAHUE").school,
        modality="hybrid",
        online_url="https://meet.example.org/red-pichidegua",
        objective="Revisar el monitoreo",
    )
    (event,) = events(parse_ics(client.get(f"/sesiones/{session.pk}/sesion.ics")))
    assert str(event["url"]) == f"http://testserver{session.url}"
    assert "https://meet.example.org/red-pichidegua" in str(event["description"])
    assert str(event["location"]) == "Escuela Larmahue, Pichidegua"
    assert str(event["uid"]) == f"sesion-{session.pk}@portal-rme"


def test_feeds_honour_filters_and_show_only_published_sessions(client, network):
    other = make_network("Red de Osorno", region_id=10, schools=[SchoolFactory(commune_id=10301)])
    make_session(network, datetime.date(2026, 4, 9), status="held")
    make_session(network, datetime.date(2026, 5, 14), status="planned")
    make_session(network, datetime.date(2026, 6, 11), status="cancelled")
    make_session(network, datetime.date(2026, 7, 9), live=False)  # a draft
    make_session(other, datetime.date(2026, 5, 20))

    assert len(events(parse_ics(client.get(f"/calendario/red/{network.pk}.ics")))) == 3
    planned = events(parse_ics(client.get(f"/calendario/red/{network.pk}.ics", {"estado": "planned"})))
    assert [event.decoded("dtstart").date() for event in planned] == [datetime.date(2026, 5, 14)]
    cancelled = events(parse_ics(client.get(f"/calendario/red/{network.pk}.ics", {"estado": "cancelled"})))
    assert [str(event["status"]) for event in cancelled] == ["CANCELLED"]
    region = events(parse_ics(client.get("/calendario/region/6.ics")))
    assert len(region) == 3
    assert len(events(parse_ics(client.get("/calendario/region/10.ics")))) == 1
    assert client.get("/calendario/region/13.ics").status_code == 404  # no network there
    assert client.get(f"/calendario/red/{network.pk}.ics", {"estado": "<x>"}).status_code == 200


def test_the_pdf_is_a_real_pdf_with_the_agenda_inside(client, network):
    host = network.memberships.get(school__name="ESCUELA LARMAHUE").school
    make_session(
        network,
        datetime.date(2026, 4, 9),
        status="held",
        agreements=[("Aplicar la pauta en todos los cursos", datetime.date(2026, 5, 8), False)],
    )
    session = make_session(
        network,
        datetime.date(2026, 5, 14),
        host=host,
        objective="Revisar la retroalimentación a docentes",
        agenda=[agenda_item("Análisis de la pauta de acompañamiento", 60, sub_items=["Trabajo por escuelas"])],
        materials=[("text", "Pauta comunal impresa")],
    )
    response = client.get(f"/sesiones/{session.pk}/plan.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in [
        "Análisis de la pauta de acompañamiento",
        "Trabajo por escuelas",
        "Escuela Larmahue",
        "Pichidegua",
        "Pauta comunal impresa",
        "Aplicar la pauta en todos los cursos",
        "09:00",
    ]:
        assert expected in text, expected
    printable = client.get(session.url + "imprimir/")
    assert printable.status_code == 200 and "Análisis de la pauta de acompañamiento" in printable.content.decode()
    # The page links to its exports.
    page = client.get(session.url).content.decode()
    assert f"/sesiones/{session.pk}/plan.pdf" in page and f"/sesiones/{session.pk}/sesion.ics" in page


def test_a_draft_session_exports_nothing(client, network):
    draft = make_session(network, datetime.date(2026, 7, 9), live=False)
    assert client.get(f"/sesiones/{draft.pk}/plan.pdf").status_code == 404
    assert client.get(f"/sesiones/{draft.pk}/sesion.ics").status_code == 404


def test_a_host_outside_the_network_is_refused_in_the_admin(admin_client, network):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    from tests.admin_forms import as_post, form_data

    outsider = SchoolFactory(name="ESCUELA DE OTRA RED")
    add_url = f"/admin/pages/add/meetings/sessionpage/{network.pk}/"
    html = admin_client.get(add_url).content.decode()
    assert "Escuela Larmahue" in html and "Escuela de Otra Red" not in html  # only members offered
    data = form_data(html)
    data.update(
        nested_form_data(
            {
                "title": "Sesión de mayo",
                "slug": "sesion-mayo",
                "date": "14/05/2026",
                "start_time": "09:00",
                "end_time": "08:00",
                "modality": "online",
                "host_school": str(outsider.pk),
                "status": "planned",
                "agenda": streamfield([]),
                "materials": streamfield([]),
                "attendance": inline_formset([]),
                "agreements": inline_formset([]),
            }
        )
    )
    response = admin_client.post(add_url, as_post(data))
    assert response.status_code == 200
    text = response.content.decode()
    assert "La sesión debe terminar después de comenzar." in text
    assert "Una sesión en línea o híbrida necesita su enlace." in text
    assert not SessionPage.objects.exists()


def test_a_coordinator_records_what_happened_and_the_next_session_shows_open_agreements(client, network):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    from networks.coordinators import coordinator_assign
    from tests.admin_forms import as_post, form_data
    from tests.factories import UserFactory

    host = network.memberships.get(school__name="ESCUELA LARMAHUE").school
    held = make_session(network, datetime.date(2026, 4, 9), host=host)
    upcoming = make_session(network, datetime.date(2026, 5, 14), host=host)
    user = UserFactory()
    coordinator_assign(network, user)
    client.force_login(user)

    edit_url = f"/admin/pages/{held.pk}/edit/"
    data = form_data(client.get(edit_url).content.decode())
    data.update(
        nested_form_data(
            {
                "status": "held",
                "agenda": streamfield([]),
                "materials": streamfield([]),
                "attendance": inline_formset(
                    [{"person": "Directora", "school": str(host.pk)}, {"person": "Supervisor DEPROV", "school": ""}]
                ),
                "agreements": inline_formset(
                    [
                        {
                            "text": "Aplicar la pauta en todos los cursos",
                            "responsible": "Jefa de UTP",
                            "due_date": "08/05/2026",
                            "done": "",
                        },
                    ]
                ),
                "review_best": "La observación entre pares",
                "review_next_steps": "Ajustar la pauta\nCompartir resultados",
                "action-publish": "action-publish",
            }
        )
    )
    response = client.post(edit_url, as_post(data))
    assert response.status_code == 302, [line for line in response.content.decode().splitlines() if "error" in line][
        :10
    ]
    held = SessionPage.objects.get(pk=held.pk)
    assert held.status == "held" and held.attendance.count() == 2
    assert held.review_board[2][1] == ["Ajustar la pauta", "Compartir resultados"]

    page = client.get(upcoming.url).content.decode()
    assert "Aplicar la pauta en todos los cursos" in page
