"""The three journeys of issue 13, in a real browser against the live server."""

import io
import re
from datetime import UTC, datetime

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from demo.files import build_docx
from meetings.models import SessionPage
from networks.models import NetworkPage
from practices.models import InstrumentPage, PracticePage
from tests.e2e.conftest import login

pytestmark = pytest.mark.django_db


def fetch(journey, url: str):
    response = journey.page.request.get(url if url.startswith("http") else journey.url(url))
    assert response.ok, f"{url}: {response.status}"
    return response


def publish(page) -> None:
    """Wagtail's "Publicar", from the editor footer's action menu."""
    page.locator("footer").get_by_role("button", name="Más acciones").click()
    page.get_by_role("button", name="Publicar").click()


def ics_starts(body: bytes) -> dict[str, datetime]:
    """Each event's start in UTC, by its summary."""
    calendar = Calendar.from_ical(body)
    return {str(event["SUMMARY"]): event.decoded("DTSTART").astimezone(UTC) for event in calendar.walk("VEVENT")}


def test_director_finds_downloads_and_follows(journey):
    page = journey.page
    with journey.step("home"):
        journey.goto("/")
        assert page.locator("h1").count() == 1
    with journey.step("search with a typo"):
        journey.goto("/buscar/?q=acompa%C3%B1amento")  # "acompañamiento" without its second i
        suggestion = page.locator("p.suggestion a")
        if suggestion.count():
            suggestion.click()
            page.wait_for_load_state()
        assert page.locator("ol.results li.result").count() > 0
    with journey.step("search with a filter"):
        before = page.locator("p.result-count").inner_text()
        facet = page.locator("select[id^=filter-]:not(#filter-sort)").first
        facet.select_option(index=1)
        facet.evaluate("el => el.form.requestSubmit()")
        page.wait_for_url(re.compile(r"&|\?.*=.*&"))
        assert page.locator("ol.results li.result").count() > 0
        assert page.locator("p.result-count").inner_text() != before or "=" in page.url
    with journey.step("open a practice with an instrument"):
        journey.goto("/practicas/")
        page.locator("main a[href^='/redes/']").first.click()
        page.wait_for_load_state()
        assert page.locator("h1").count() == 1
    with journey.step("an instrument's file"):
        journey.goto("/instrumentos/")
        instruments = page.locator("main a[href*='/redes/']")
        for index in range(instruments.count()):
            instruments.nth(index).click()
            page.wait_for_load_state()
            if page.locator("a[href^='/documentos/']").count():
                break
            page.go_back()
        download_link = page.locator("a[href^='/documentos/']").first
        with page.expect_download() as download_info:
            download_link.click()
        download = download_info.value
        assert download.suggested_filename
        assert download.path().stat().st_size > 100
    with journey.step("an adopting school"):
        school = page.locator("a[href^='/establecimientos/']").first
        school_href = school.get_attribute("href")
        school.click()
        page.wait_for_url(re.compile(r"/establecimientos/\d+/"))
        assert page.url.endswith(school_href), (page.url, school_href)
        assert page.locator("h1").count() == 1
    with journey.step("page 2 of the practice list"):
        journey.goto("/practicas/")
        first_page = page.locator("main h2 a, main h3 a").all_inner_texts()
        page.get_by_role("link", name="Siguiente").click()
        page.wait_for_url(re.compile(r"[?&]page=2"))
        assert "??" not in page.url
        second_page = page.locator("main h2 a, main h3 a").all_inner_texts()
        assert second_page and set(second_page) != set(first_page)


def test_supervisor_calendar_pdf_ics_and_duplicate(journey, django_db_blocker):
    page = journey.page
    magallanes = NetworkPage.objects.get(slug="red-de-magallanes")
    with journey.step("region calendar"):
        journey.goto("/calendario/")
        page.locator("#filter-region").select_option(str(magallanes.region_id))
        page.locator("#filter-region").evaluate("el => el.form.requestSubmit()")
        page.wait_for_url(re.compile(r"region=12"))
        region_feed = page.get_by_role("link", name=re.compile(r"\.ics"))
        assert region_feed.count() >= 1
    with journey.step("a session"):
        session = SessionPage.objects.live().filter(network=magallanes).order_by("date").first()
        journey.goto(session.url)
        assert page.locator("h1").count() == 1
    with journey.step("its PDF, read back"):
        pdf_link = page.get_by_role("link", name=re.compile("PDF"))
        body = fetch(journey, pdf_link.get_attribute("href")).body()
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
        assert magallanes.title in text or session.title in text
    with journey.step(".ics: Magallanes and Santiago across the DST change"):
        # Punta Arenas keeps UTC-3 all year; the rest of Chile is UTC-4 in winter (April-September).
        winter = SessionPage.objects.live().get(network=magallanes, date="2026-06-10")
        assert winter.start_time.strftime("%H:%M") == "09:00"
        starts = ics_starts(fetch(journey, f"/sesiones/{winter.pk}/sesion.ics").body())
        assert list(starts.values()) == [datetime(2026, 6, 10, 12, 0, tzinfo=UTC)]
        pichidegua = NetworkPage.objects.get(slug="red-de-pichidegua")
        for date, utc_hour in (("2026-07-22", 13), ("2026-11-25", 12)):
            santiago = SessionPage.objects.live().get(network=pichidegua, date=date)
            assert santiago.start_time.strftime("%H:%M") == "09:00"
            starts = ics_starts(fetch(journey, f"/sesiones/{santiago.pk}/sesion.ics").body())
            assert [start.hour for start in starts.values()] == [utc_hour], date
    with journey.step("duplicate it in the admin"):
        login(journey, "admin")
        count = SessionPage.objects.filter(network=magallanes).count()
        journey.goto(f"/admin/sesiones/{session.pk}/duplicar/")
        page.locator("main form button[type=submit], main form input[type=submit]").last.click()
        page.wait_for_load_state()
        assert SessionPage.objects.filter(network=magallanes).count() == count + 1


def test_coordinator_profile_plan_publish_and_refusal(journey):
    page = journey.page
    network = NetworkPage.objects.get(slug="red-basica-1-arica")
    other = NetworkPage.objects.get(slug="red-de-magallanes")
    login(journey, "coordinacion.arica")
    with journey.step("edit the network profile and publish"):
        journey.goto(f"/admin/pages/{network.pk}/edit/")
        summary = "Red de escuelas básicas de Arica que se acompañan en el aula (e2e)."
        page.locator("#id_summary").fill(summary)
        publish(page)
        page.wait_for_url(re.compile(r"/admin/pages/\d+/"))
        journey.goto(network.url)
        assert page.get_by_text(summary).count() >= 1
    with journey.step("plan the year"):
        # The keyboard test plans 2027 too: count what this journey adds.
        planned_before = SessionPage.objects.filter(network=network, date__year=2027, live=False).count()
        journey.goto("/admin/planificador/")
        page.locator("#id_year").fill("2027")
        page.locator("#id_months_3").check()
        page.locator("#id_months_5").check()
        page.get_by_role("button", name="Proponer la rotación").click()
        page.wait_for_load_state()
        page.locator("button[name=confirm]").click()
        page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
        drafts = SessionPage.objects.filter(network=network, date__year=2027, live=False).order_by("-pk")
        assert drafts.count() == planned_before + 2
    with journey.step("publish a session"):
        session = drafts.first()
        journey.goto(f"/admin/pages/{session.pk}/edit/")
        publish(page)
        page.wait_for_url(re.compile(r"/admin/pages/\d+/"))
        session.refresh_from_db()
        assert session.live
    with journey.step("the session in public, in the calendar and in the network's .ics"):
        journey.goto(session.url)
        journey.goto(f"/calendario/?network={network.pk}")
        assert page.locator(f"a[href='{session.url}']").count() >= 1
        starts = ics_starts(fetch(journey, f"/calendario/red/{network.pk}.ics").body())
        assert any(start.year == 2027 for start in starts.values())
        journey.goto("/buscar/?q=" + network.title)
        assert page.locator("ol.results li.result").count() > 0
    with journey.step("another network's page is refused"):
        response = page.goto(journey.url(f"/admin/pages/{other.pk}/edit/"))
        assert response.status in (302, 403) or page.url.removeprefix(journey.base_url) == "/admin/"
        assert page.locator("#id_summary").count() == 0


def choose_in_modal(page, inline: str, button_name: str, link_name: str, search: str | None = None) -> None:
    """Add a row to an InlinePanel and pick its document or page in Wagtail's chooser modal."""
    forms = page.locator(f"#id_{inline}-FORMS")
    before = forms.locator(f"input[id^='id_{inline}-'][id$='-ORDER']").count()
    page.locator(f"#id_{inline}-ADD").click()
    forms.get_by_role("button", name=button_name).nth(before).click()
    modal = page.locator(".modal-dialog")
    modal.wait_for()
    if search:
        modal.locator("#id_q").fill(search)
    modal.get_by_role("link", name=link_name, exact=True).click()
    modal.wait_for(state="detached")
    chosen = page.locator(f"input[name='{inline}-{before}-{'document' if inline == 'attachments' else 'instrument'}']")
    assert chosen.input_value(), f"{inline}: nothing chosen"


def test_coordinator_publishes_a_practice_with_a_file_and_an_instrument(journey):
    page = journey.page
    network = NetworkPage.objects.get(slug="red-basica-1-arica")
    # A word only the file holds: a search for it proves the file's text was extracted and indexed.
    word = "quirquincholandia"
    file_title = "Pauta de registro del recreo (e2e)"
    instrument_title = "Registro de observación del recreo (e2e)"
    practice_title = "Recreos acompañados entre escuelas (e2e)"
    login(journey, "coordinacion.arica")
    with journey.step("upload a file"):
        journey.goto("/admin/documents/add/")
        page.get_by_label("Título").fill(file_title)
        page.locator("#id_file").set_input_files(
            {
                "name": "pauta_recreo.docx",
                "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "buffer": build_docx("Pauta de registro", [f"Registrar la palabra {word} en cada recreo."]),
            }
        )
        page.locator("#id_title").fill(file_title)  # the file input syncs its name into the title
        page.locator("#id_file").evaluate("el => el.form.requestSubmit()")
        page.wait_for_url(re.compile(r"/admin/documents/(\?.*)?$"))
    with journey.step("create an instrument with the file and publish"):
        journey.goto(f"/admin/pages/add/practices/instrumentpage/{network.pk}/")
        page.locator("#id_title").fill(instrument_title)
        page.locator("#id_summary").fill("Una pauta breve para observar los recreos.")
        page.locator("#id_instrument_type").select_option(index=1)
        choose_in_modal(page, "attachments", "Seleccionar un documento", file_title)
        publish(page)
        page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
        instrument = InstrumentPage.objects.get(title=instrument_title)
        assert instrument.live and instrument.attachments.count() == 1
    with journey.step("create a practice with the instrument and the file and publish"):
        journey.goto(f"/admin/pages/add/practices/practicepage/{network.pk}/")
        page.locator("#id_title").fill(practice_title)
        page.locator("#id_summary").fill("Las escuelas de la red acompañan los recreos con una pauta común.")
        choose_in_modal(page, "attachments", "Seleccionar un documento", file_title)
        choose_in_modal(page, "instrument_links", "Seleccionar una página", instrument_title, search=instrument_title)
        page.get_by_role("tab", name="Clasificación").click()
        page.get_by_role("checkbox", name="Convivencia Escolar", exact=True).check()
        publish(page)
        page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
        practice = PracticePage.objects.get(title=practice_title)
        assert practice.live and practice.attachments.count() == 1 and practice.instrument_links.count() == 1
    page.context.clear_cookies()  # from here on, anonymous
    with journey.step("the practice in public, with its file and instrument"):
        journey.goto(practice.url)
        assert page.get_by_role("heading", name=practice_title, level=1).count() == 1
        assert page.locator(f"main a[href='{instrument.url}']").count() >= 1
        assert page.locator("main a[href^='/documentos/']").count() >= 1
    with journey.step("the instrument in public, with its file"):
        journey.goto(instrument.url)
        assert page.get_by_role("heading", name=instrument_title, level=1).count() == 1
        assert page.locator("main a[href^='/documentos/']").count() >= 1
    with journey.step("in the lists"):
        journey.goto("/practicas/")
        assert page.locator(f"main a[href='{practice.url}']").count() >= 1
        journey.goto("/instrumentos/")
        assert page.locator(f"main a[href='{instrument.url}']").count() >= 1
    with journey.step("in search, by the file's word"):
        journey.goto(f"/buscar/?q={word}")
        results = page.locator("ol.results li.result")
        assert results.locator(f"a[href='{practice.url}']").count() >= 1
        assert results.locator(f"a[href='{instrument.url}']").count() >= 1
