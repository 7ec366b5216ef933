"""The Wagtail admin speaks Spanish to a network coordinator.

Wagtail 8.0.1's Spanish catalogues leave about 350 strings untranslated (14 of
them in its JavaScript catalogue), and Django shows those in English. Our
locale/es/LC_MESSAGES/django.po and djangojs.po translate them;
scripts/wagtail_missing_translations.py finds them. These tests fail when one
is missing (after a Wagtail upgrade, say) and check over HTTP that the admin's
pages show the Spanish, not the English.
"""

import json
import re
from pathlib import Path

import polib
import pytest
import wagtail.admin
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from networks.coordinators import coordinator_assign
from rme_portal.settings.base import BASE_DIR
from scripts import wagtail_missing_translations as missing
from tests.admin_forms import as_post, form_data
from tests.factories import SchoolFactory, UserFactory, make_network, make_practice

WAGTAIL_ADMIN_ES = Path(wagtail.admin.__file__).parent / "locale" / "es" / "LC_MESSAGES"
OURS = BASE_DIR / "locale" / "es" / "LC_MESSAGES"


# --- (a) the catalogues -------------------------------------------------------------------


@pytest.mark.parametrize("domain", missing.DOMAINS)
def test_every_string_the_admin_packages_leave_untranslated_is_in_our_catalogue(domain):
    # The scan reads Wagtail's admin catalogues (else it would find nothing to miss).
    assert "wagtail.admin" in [name for name, _path in missing.package_locale_dirs(domain)]
    left = [item.entry.msgid for item in missing.uncovered(domain)]
    assert left == [], (
        f"{len(left)} admin strings would show in English; translate them into "
        f"locale/es/LC_MESSAGES/{domain}.po (scripts/wagtail_missing_translations.py --po FILE lists them)"
    )


def test_a_string_missing_from_our_catalogue_is_reported(tmp_path, settings):
    removed = {"django": "Go to the first error", "djangojs": "Autosave in progress…"}
    copy = tmp_path / "es" / "LC_MESSAGES"
    copy.mkdir(parents=True)
    for domain, msgid in removed.items():
        catalogue = polib.pofile(str(OURS / f"{domain}.po"))
        catalogue.remove(catalogue.find(msgid))
        catalogue.save(str(copy / f"{domain}.po"))
    settings.LOCALE_PATHS = [tmp_path]

    for domain, msgid in removed.items():
        assert [item.entry.msgid for item in missing.uncovered(domain)] == [msgid]


def test_django_reads_our_spanish_for_es_cl_before_the_packages():
    # No package ships es_CL: gettext falls back to es, and LOCALE_PATHS comes first.
    assert missing.runtime_languages() == ["es_CL", "es"]
    with translation.override("es-cl"):
        assert translation.gettext("Go to the first error") == "Ir al primer error"
        # Ours adds to Wagtail's catalogue, it does not replace it.
        assert translation.gettext("Save draft") == "Guardar borrador"


# --- (b) the admin over HTTP, as a network coordinator ------------------------------------


def visible_text(html: str) -> str:
    """What a person sees or hears: text nodes and the labelling attributes."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style"]):
        tag.decompose()
    parts = [" ".join(text.split()) for text in soup.find_all(string=True)]
    for tag in soup.find_all(True):
        for attribute in ("aria-label", "title", "placeholder", "data-w-tooltip-content-value"):
            if tag.get(attribute):
                parts.append(tag[attribute])
    return "\n".join(part for part in parts if part)


def assert_spanish(html: str, expected: dict[str, str]) -> None:
    text = visible_text(html)
    for english, spanish in expected.items():
        assert spanish in text, f"{spanish!r} not shown"
        assert english not in text, f"{english!r} shown in English"


def assert_catalogues_compiled() -> None:
    """Django reads the .mo files `make install` compiles from our .po files."""
    for domain in missing.DOMAINS:
        po_path = OURS / f"{domain}.po"
        mo_path = po_path.with_suffix(".mo")
        assert mo_path.exists(), f"{mo_path} is missing: run make install"
        assert mo_path.stat().st_mtime >= po_path.stat().st_mtime, f"{mo_path} is older than its .po: run make install"


@pytest.fixture
def coordinator(client, db):
    assert_catalogues_compiled()
    network = make_network("Red de Pichidegua", region_id=6, schools=[SchoolFactory()])
    user = UserFactory()
    coordinator_assign(network, user)
    practice = make_practice(network, "Acompañamiento al aula")
    practice.save_revision(user=user, log_action=True)  # an edit of theirs, for the dashboard
    client.force_login(user)
    return client, network, practice


def test_the_dashboard_is_in_spanish(coordinator):
    client, _network, _practice = coordinator
    response = client.get("/admin/")
    assert response.status_code == 200
    assert_spanish(
        response.content.decode(),
        {
            "Privacy and access": "Privacidad y acceso",
            "Keyboard shortcuts": "Atajos de teclado",
            "Close modal dialogs (like this one)": "Cerrar ventanas de diálogo (como esta)",
            "Search all pages…": "Buscar en todas las páginas…",
        },
    )


def test_the_page_editor_is_in_spanish(coordinator):
    client, _network, practice = coordinator
    edit_url = f"/admin/pages/{practice.pk}/edit/"
    response = client.get(edit_url)
    assert response.status_code == 200
    assert_spanish(
        response.content.decode(),
        {
            "Autosave is paused": "El guardado automático está en pausa",
            "A network error occurred": "Se produjo un error de red",
            "- Select an option -": "- Seleccione una opción -",
            "Content metrics": "Métricas del contenido",
            "Reading time": "Tiempo de lectura",
            "Readability": "Legibilidad",
            "How we calculate our metrics": "Cómo se calculan las métricas",
            "Toggle checks": "Mostrar u ocultar las comprobaciones",
            "First published": "Primera publicación",
            "Anyone can edit this page": "Cualquiera puede editar este elemento (página)",
        },
    )

    # An invalid save: the message and the button to the first error.
    data = form_data(response.content.decode())
    data.update(
        nested_form_data(
            {
                "title": "",
                "steps": streamfield([]),
                "difficulties": streamfield([]),
                "instrument_links": inline_formset([]),
                "adoptions": inline_formset([]),
            }
        )
    )
    response = client.post(edit_url, as_post(data))
    assert response.status_code == 200
    assert_spanish(
        response.content.decode(),
        {
            "The page could not be saved due to validation errors.": (
                "No se pudo guardar la página porque hay errores de validación."
            ),
            "Go to the first error": "Ir al primer error",
        },
    )

    # The same save as the autosave sends it: the answer is JSON.
    response = client.post(edit_url, as_post(data), HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["error_message"] == "Hay errores de validación; haga clic en guardar para destacarlos."


def test_the_document_upload_form_is_in_spanish(coordinator):
    client, _network, _practice = coordinator
    response = client.get("/admin/documents/add/")
    assert response.status_code == 200
    assert_spanish(
        response.content.decode(),
        {"Maximum filesize": "Tamaño máximo de archivo: 20,0 MB."},
    )


def test_the_page_explorer_is_in_spanish(coordinator):
    client, network, practice = coordinator
    response = client.get(f"/admin/pages/{network.pk}/")
    assert response.status_code == 200
    assert_spanish(
        response.content.decode(),
        {
            "Exploring": "Explorando: Red de Pichidegua",
            "Filter by": "Filtrar por",
            "Show filters": "Mostrar filtros",
            "Date updated": "Fecha de actualización",
            "Has child pages": "Tiene subpáginas",
            "Search…": "Buscar…",
            "More options for": f"Más opciones para “{practice.title}”",
        },
    )


def test_the_admin_javascript_catalogue_is_in_spanish(coordinator):
    client, _network, _practice = coordinator
    response = client.get("/admin/jsi18n/")
    assert response.status_code == 200
    body = response.content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\n  \});", body, re.DOTALL).group(1))
    assert catalogue["Autosave in progress…"] == "Guardando automáticamente…"
    assert catalogue["Changes have been autosaved."] == "Los cambios se guardaron automáticamente."
    assert catalogue["Cancel"] == "Cancelar"  # Wagtail's own Spanish is still there
    # One plural formula serves the whole catalogue, ours and Wagtail's: it must stay Wagtail's.
    wagtail_js = polib.pofile(str(WAGTAIL_ADMIN_ES / "djangojs.po"))
    formula = wagtail_js.metadata["Plural-Forms"].split("plural=", 1)[1].rstrip(";")
    assert f"const v = {formula};" in body
    assert catalogue["%(num)s error"] == ["%(num)s error", "%(num)s errores", "%(num)s errores"]
