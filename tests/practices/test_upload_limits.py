"""Uploads that cannot hurt: nasty files, built here and small on disk, posted
by a network coordinator to Wagtail's document and image add views. Each is
refused with one Spanish message and leaves nothing behind (no row, no file);
normal files are still read, in the limited child process, and searchable."""

import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from demo.files import build_docx, build_pdf
from networks.coordinators import coordinator_assign
from practices import archives, extraction_process
from practices.extraction_errors import ExtractionError
from practices.extraction_process import extract_in_child
from practices.models import DocumentText
from practices.text_extraction import extract_text
from tests.factories import UserFactory, make_instrument, make_network
from tests.nasty_files import (
    W,
    billion_laughs_docx,
    crowded_docx,
    docx_with,
    lying_docx,
    many_frames_gif,
    png_header_only,
    zip_bomb_docx,
)
from tests.search.pages import results

Document = get_document_model()
Image = get_image_model()


# --- the nasty files --------------------------------------------------------------------------


def small_png() -> bytes:
    from PIL import Image as PILImage

    out = io.BytesIO()
    PILImage.new("RGB", (40, 30), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- the coordinator, and what "nothing saved" means ------------------------------------------


@pytest.fixture
def coordinator(client, db):
    network = make_network("Red de Pichidegua", region_id=6)
    user = UserFactory()
    coordinator_assign(network, user)
    client.force_login(user)
    return client, network


def media_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()}


def upload_document(client, name: str, data: bytes, *, multiple=False):
    upload = SimpleUploadedFile(name, data, "application/octet-stream")
    if multiple:
        return client.post("/admin/documents/multiple/add/", {"files[]": upload})
    return client.post("/admin/documents/add/", {"title": name, "file": upload})


def upload_image(client, name: str, data: bytes, *, multiple=False):
    upload = SimpleUploadedFile(name, data, "image/" + name.rsplit(".", 1)[-1])
    if multiple:
        return client.post("/admin/images/multiple/add/", {"files[]": upload})
    return client.post("/admin/images/add/", {"title": name, "file": upload})


def refusal(response, *, multiple=False) -> str:
    """The one error shown for the file field."""
    if multiple:
        answer = response.json()
        assert answer["success"] is False
        return answer["error_message"]
    assert response.status_code == 200
    errors = BeautifulSoup(response.content, "html.parser").select('[data-contentpath="file"] .error-message')
    assert len(errors) == 1, [error.get_text() for error in errors]
    return " ".join(errors[0].get_text().split())


def assert_nothing_saved(before: set[Path]):
    assert not Document.objects.exists()
    assert not Image.objects.exists()
    assert not DocumentText.objects.exists()
    assert media_files() == before


# --- documents refused at upload ----------------------------------------------------------------

REFUSED_DOCUMENTS = {
    "zip bomb": (zip_bomb_docx, "se descomprime a más de 100 veces su tamaño comprimido"),
    "lying sizes": (lying_docx, "su contenido no coincide con los tamaños y sumas de verificación que declara"),
    "too many members": (crowded_docx, "contiene más de 5.000 archivos internos"),
    "billion laughs": (billion_laughs_docx, "contiene declaraciones XML (DTD o entidades)"),
}


@pytest.mark.parametrize("multiple", [False, True], ids=["add", "multiple-add"])
@pytest.mark.parametrize("kind", REFUSED_DOCUMENTS)
def test_a_nasty_office_file_is_refused_at_upload_and_nothing_is_saved(coordinator, kind, multiple):
    client, _network = coordinator
    build, reason = REFUSED_DOCUMENTS[kind]
    data = build()
    assert len(data) < 1_000_000  # small on disk
    before = media_files()
    message = refusal(upload_document(client, "pauta.docx", data, multiple=multiple), multiple=multiple)
    assert message.startswith("Se rechazó el archivo porque ")
    assert reason in message and message.endswith("No se guardó nada.")
    assert_nothing_saved(before)


@pytest.mark.parametrize("name", ["pauta", ".pdf", "pauta."])
def test_a_file_without_extension_gets_one_clear_message(coordinator, name):
    client, _network = coordinator
    before = media_files()
    message = refusal(upload_document(client, name, build_pdf("Pauta", ["Texto"])))
    assert "no tiene extensión" in message and ".pdf, .pptx" in message and "No se guardó nada." in message
    assert "“”" not in message  # Django's "the extension “” is not allowed" is not added after it
    assert_nothing_saved(before)
    message = refusal(upload_document(client, name, build_pdf("Pauta", ["Texto"]), multiple=True), multiple=True)
    assert "no tiene extensión" in message and "“”" not in message
    assert_nothing_saved(before)


def test_a_refused_kind_of_file_says_which_kinds_are_accepted(coordinator):
    client, _network = coordinator
    message = refusal(upload_document(client, "macro.exe", b"MZ\x90\x00"))
    assert message == (
        "No se aceptan archivos de tipo .exe; tipos aceptados: .csv, .docx, .odt, .ods, .odp, .pdf, .pptx, "
        ".txt, .xlsx. No se guardó nada."
    )


def test_a_renamed_file_gets_only_its_own_message(coordinator):
    client, _network = coordinator
    message = refusal(upload_document(client, "pauta.pdf", small_png()))
    assert message == (
        "El archivo no es un documento PDF válido: puede estar dañado o tener otro formato con el nombre "
        "cambiado. No se guardó nada."
    )


def test_a_declared_total_over_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(archives, "MAX_DECLARED_TOTAL", 1_000)
    with pytest.raises(archives.ArchiveRefused) as refused:
        archives.archive_open(io.BytesIO(build_docx("Pauta", ["Una línea de texto"] * 200)))
    assert "descomprimido ocuparía más de" in str(refused.value)


# --- images refused at upload ---------------------------------------------------------------------

REFUSED_IMAGES = {
    # 50,000 x 50,000: past Pillow's own bomb limit, so the pixels are not even counted.
    "decompression bomb": ("bomba.png", lambda: png_header_only(50_000, 50_000)),
    # 8,000 x 8,000 = 64 million pixels, over the portal's 16 million.
    "too many pixels": ("grande.png", lambda: png_header_only(8_000, 8_000)),
}


@pytest.mark.parametrize("multiple", [False, True], ids=["add", "multiple-add"])
@pytest.mark.parametrize("kind", REFUSED_IMAGES)
def test_a_pixel_bomb_is_refused_at_upload_and_nothing_is_saved(coordinator, kind, multiple):
    client, _network = coordinator
    name, build = REFUSED_IMAGES[kind]
    data = build()
    assert len(data) < 400_000
    before = media_files()
    message = refusal(upload_image(client, name, data, multiple=multiple), multiple=multiple)
    assert message == (
        "La imagen es demasiado grande para procesarla: tiene más de 16000000 píxeles, contando cada cuadro. "
        "Reduzca su tamaño o su número de cuadros y súbala de nuevo. No se guardó nada."
    )
    assert_nothing_saved(before)


@pytest.mark.parametrize("multiple", [False, True], ids=["add", "multiple-add"])
def test_a_gif_with_thousands_of_frames_is_refused_and_nothing_is_saved(coordinator, multiple):
    client, _network = coordinator
    data = many_frames_gif(3_000, 200, 200)  # 3,000 x 200 x 200 = 120 million pixels
    assert len(data) < 100_000
    before = media_files()
    message = refusal(upload_image(client, "animada.gif", data, multiple=multiple), multiple=multiple)
    assert message.startswith("La imagen tiene 3000 cuadros de 200 × 200 píxeles, demasiados para procesarla")
    assert message.endswith("No se guardó nada.")
    assert_nothing_saved(before)


def test_a_normal_image_and_a_short_animation_are_kept(coordinator):
    client, _network = coordinator
    assert upload_image(client, "foto.png", small_png()).status_code == 302
    assert upload_image(client, "saludo.gif", many_frames_gif(20, 100, 100)).status_code == 302
    assert Image.objects.count() == 2


# --- normal documents: read in the child, searchable ----------------------------------------------


def test_normal_docx_xlsx_and_pdf_are_read_and_found_by_search(coordinator):
    client, network = coordinator
    files = {
        "pauta.docx": build_docx("Pauta", ["Retroalimentación oportuna en el aula"]),
        "lista.xlsx": xlsx([["Criterio", "Logrado"], ["Clima de aula", "Convivencia respetuosa"]]),
        "informe.pdf": build_pdf("Informe", ["Monitoreo del PME con hitos de progreso"]),
    }
    for name, data in files.items():
        assert upload_document(client, name, data).status_code == 302
    texts = {document.title: document.extracted_text for document in Document.objects.all()}
    assert "Retroalimentación oportuna en el aula" in texts["pauta.docx"].text
    assert "Clima de aula Convivencia respetuosa" in texts["lista.xlsx"].text
    assert "hitos de progreso" in texts["informe.pdf"].text
    assert all(record.error == "" for record in texts.values())

    make_instrument(network, "Pauta de acompañamiento", documents=list(Document.objects.order_by("pk")))
    client.logout()
    for word in ("retroalimentación", "convivencia", "hitos"):
        titles, _html = results(client, q=word)
        assert titles == ["Pauta de acompañamiento"], word


def test_a_new_file_for_an_attached_document_reindexes_its_instrument(coordinator):
    client, network = coordinator
    upload_document(client, "pauta.docx", build_docx("Pauta", ["Primera versión"]))
    document = Document.objects.get()
    make_instrument(network, "Pauta de acompañamiento", documents=[document])
    assert results(client, q="tutoría")[0] == []

    new_file = SimpleUploadedFile("pauta.docx", build_docx("Pauta", ["Tutoría entre pares"]))
    response = client.post(f"/admin/documents/edit/{document.pk}/", {"title": "pauta.docx", "file": new_file})
    assert response.status_code == 302
    # The text is read after the instrument was published: its index entry follows.
    assert results(client, q="tutoría")[0] == ["Pauta de acompañamiento"]


# --- the extraction itself, in the limited child --------------------------------------------------


def child_extract(tmp_path, name, data, **limits):
    path = tmp_path / name
    path.write_bytes(data)
    return extract_in_child(path, name, **limits)


def test_the_child_refuses_what_the_form_would_have_refused(tmp_path):
    # A file stored before these checks existed, or put there another way.
    with pytest.raises(ExtractionError, match="no coincide con los tamaños y sumas"):
        child_extract(tmp_path, "mentira.docx", lying_docx())
    with pytest.raises(ExtractionError, match="se descomprime a más de 100 veces"):
        child_extract(tmp_path, "bomba.docx", zip_bomb_docx(120))
    with pytest.raises(ExtractionError, match=r"declaraciones XML \(DTD o entidades\)"):
        child_extract(tmp_path, "risas.docx", billion_laughs_docx())


def test_a_long_document_is_read_as_a_stream_and_cut_at_a_million_characters(tmp_path):
    import random

    words = [f"palabra{n}" for n in range(5_000)]
    rng = random.Random(12)
    # ~150,000 characters of text per chunk, 12 chunks.
    chunk = "".join(f"<w:p><w:r><w:t>{' '.join(rng.choices(words, k=12))}</w:t></w:r></w:p>" for _ in range(1_000))
    data = docx_with([f"<w:document {W}><w:body>".encode()] + [chunk.encode()] * 12 + [b"</w:body></w:document>"])
    text = child_extract(tmp_path, "larga.docx", data)
    assert 990_000 <= len(text) <= 1_000_000


def test_a_child_past_its_memory_or_time_is_stopped_with_a_spanish_reason(tmp_path, monkeypatch):
    data = build_pdf("Pauta", ["Texto"] * 50)
    # Too little address space for Python to even start.
    with pytest.raises(ExtractionError, match="necesitó más memoria o tiempo del permitido"):
        child_extract(tmp_path, "pauta.pdf", data, memory_bytes=24 * 1024 * 1024)
    monkeypatch.setattr(extraction_process, "WALL_SECONDS", 0.01)
    with pytest.raises(ExtractionError, match="tardó más de 0.01 segundos"):
        child_extract(tmp_path, "pauta.pdf", data)


def test_entities_are_never_expanded_even_without_a_form(tmp_path):
    with pytest.raises(ExtractionError, match="DTD o entidades"):
        extract_text(billion_laughs_docx(), "risas.docx")
