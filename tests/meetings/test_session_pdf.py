"""The session PDF read back as text: Spanish labels, page numbers, overdue
agreements, a Unicode font and headings that never end a page."""

import datetime
import io

import pytest
from pypdf import PdfReader

from tests.factories import SchoolFactory, make_instrument, make_network, make_practice, make_session

pytestmark = pytest.mark.django_db

HEADINGS = {"Objetivo", "Agenda", "Materiales", "Prácticas e instrumentos", "Acuerdos abiertos de la red"}


@pytest.fixture
def network():
    return make_network("Red de Magallanes", region_id=12, schools=[SchoolFactory(commune_id=12101)])


def agenda_item(activity, **extra):
    return ("item", {"activity": activity, "minutes": 10, "responsible": "", "sub_items": [], **extra})


def pdf_pages(client, session) -> list[str]:
    response = client.get(f"/sesiones/{session.pk}/plan.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    fonts = {str(font) for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert fonts, "the PDF names its fonts"
    return [page.extract_text() for page in reader.pages]


def test_labels_in_spanish_page_numbers_overdue_mark_and_unicode(client, network):
    today = datetime.date.today()
    practice = make_practice(network, "Lista de cotejo “en común”")
    instrument = make_instrument(network, "Pauta de observación")
    held = make_session(
        network,
        today - datetime.timedelta(days=40),
        status="held",
        agreements=[
            ("Enviar el acta a la red", today - datetime.timedelta(days=10), False),
            ("Preparar la presentación", today + datetime.timedelta(days=60), False),
        ],
    )
    session = make_session(
        network,
        today + datetime.timedelta(days=20),
        agenda=[agenda_item("Revisión de prácticas…", practices=[practice], instruments=[instrument])],
        modality="hybrid",
        online_url="https://meet.example.org/red-magallanes",
    )
    text = "\n".join(pdf_pages(client, session))
    assert "Práctica: Lista de cotejo “en común”" in text  # curly quotes survive: a Unicode font
    assert "Instrumento: Pauta de observación" in text
    assert "Revisión de prácticas…" in text
    assert "Uses" not in text
    assert "Página 1 de 1" in text
    assert "(hora de Punta Arenas)" in text
    overdue = [line for line in text.splitlines() if "(vencido)" in line]
    assert len(overdue) == 1 and "Enviar el acta a la red" in overdue[0]
    assert "Enlace de conexión: https://meet.example.org/red-magallanes" in text
    assert "Región de Magallanes y de la Antártica Chilena" in text
    # A held session's PDF lists its own agreements too, as its page does.
    text = "\n".join(pdf_pages(client, held))
    own = text[text.index("Acuerdos de esta sesión") : text.index("Acuerdos abiertos de la red")]
    assert "Enviar el acta a la red" in own and "(vencido)" in own and "Preparar la presentación" in own


def test_no_page_ends_with_a_heading(client, network):
    # Agendas of growing length push the headings after the agenda down page 1
    # until one of them would fall at its foot (each item is one 5.5 mm line).
    checked_breaks = 0
    for count in range(36, 44):
        session = make_session(
            network,
            datetime.date(2026, 6, 1) + datetime.timedelta(days=count),
            agenda=[agenda_item(f"Actividad número {number}") for number in range(count)],
            materials=[("text", "Pauta impresa")],
            objective="Revisar el plan",
        )
        pages = pdf_pages(client, session)
        if len(pages) < 2:
            continue
        checked_breaks += 1
        for number, page in enumerate(pages, start=1):
            assert f"Página {number} de {len(pages)}" in page
            lines = [line.strip() for line in page.splitlines() if line.strip() and not line.startswith("Página ")]
            assert lines[-1] not in HEADINGS, (count, number, lines[-3:])
    assert checked_breaks >= 5
