"""Attached files: text extraction from real PDF, DOCX, ODT and XLSX files the
tests build, and the upload form refusing files that are not what they claim."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from wagtail.documents import get_document_model

from demo.files import build_docx, build_pdf
from practices.models import DocumentText
from practices.text_extraction import ExtractionError, extract_text

Document = get_document_model()
GUIDE = [
    "Pauta consensuada de acompañamiento al aula de la red de Pichidegua.",
    "La retroalimentación se entrega dentro de la semana, con foco en la evaluación formativa.",
]


def build_odt(text: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "content.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
            f"<text:h>Rúbrica</text:h><text:p>{text}</text:p></office:text></office:body></office:document-content>",
        )
    return out.getvalue()


def test_text_comes_out_of_a_pdf_with_accents_and_several_pages():
    text = extract_text(build_pdf("Pauta de acompañamiento", GUIDE * 40), "pauta.pdf")
    assert "Pauta de acompañamiento" in text
    assert "retroalimentación" in text and "evaluación formativa" in text
    assert text.count("Pichidegua") == 40


def test_text_comes_out_of_docx_odt_and_xlsx():
    assert "evaluación formativa" in extract_text(build_docx("Pauta", GUIDE), "pauta.docx")
    assert "Rúbrica\nInclusión y participación" in extract_text(build_odt("Inclusión y participación"), "r.odt")
    workbook = Workbook()
    workbook.active.append(["Criterio", "Logrado"])
    workbook.active.append(["Clima de aula", "Se observa respeto"])
    data = io.BytesIO()
    workbook.save(data)
    assert "Clima de aula Se observa respeto" in extract_text(data.getvalue(), "lista.xlsx")


def test_a_damaged_file_raises_a_readable_error():
    with pytest.raises(ExtractionError, match="dañado"):
        extract_text(b"PK\x03\x04 broken", "pauta.docx")
    with pytest.raises(ExtractionError, match="PDF"):
        extract_text(b"%PDF-1.4 garbage", "pauta.pdf")


@pytest.mark.django_db
def test_uploading_in_the_admin_stores_the_words_inside(admin_client):
    upload = SimpleUploadedFile("pauta.pdf", build_pdf("Pauta de acompañamiento", GUIDE), "application/pdf")
    response = admin_client.post("/admin/documents/add/", {"title": "Pauta", "file": upload, "collection": 1})
    assert response.status_code == 302
    document = Document.objects.get(title="Pauta")
    assert "evaluación formativa" in document.extracted_text.text
    assert document.extracted_text.error == ""


@pytest.mark.django_db
def test_a_file_that_is_not_what_its_name_says_is_refused_and_nothing_is_saved(admin_client):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    upload = SimpleUploadedFile("pauta.pdf", png, "application/pdf")
    response = admin_client.post("/admin/documents/add/", {"title": "Falsa", "file": upload, "collection": 1})
    assert response.status_code == 200
    assert "El archivo no es un documento PDF válido" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_a_damaged_document_is_kept_downloadable_with_the_reason_recorded(admin_client, client):
    upload = SimpleUploadedFile("pauta.docx", b"PK\x03\x04 truncated archive", "application/octet-stream")
    response = admin_client.post("/admin/documents/add/", {"title": "Dañada", "file": upload, "collection": 1})
    assert response.status_code == 302
    document = Document.objects.get(title="Dañada")
    record = DocumentText.objects.get(document=document)
    assert record.text == "" and "dañado" in record.error
    response = client.get(document.url)  # anonymous visitor
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_title_edit_does_not_re_read_the_file_but_a_new_file_does(admin_client):
    upload = SimpleUploadedFile("pauta.docx", build_docx("Pauta", ["Primera versión"]))
    admin_client.post("/admin/documents/add/", {"title": "Pauta", "file": upload, "collection": 1})
    document = Document.objects.get(title="Pauta")
    extracted_at = document.extracted_text.extracted_at
    document.title = "Pauta comunal"
    document.save()
    assert DocumentText.objects.get(document=document).extracted_at == extracted_at

    new_file = SimpleUploadedFile("pauta.docx", build_docx("Pauta", ["Segunda versión"]))
    response = admin_client.post(
        f"/admin/documents/edit/{document.pk}/", {"title": "Pauta comunal", "file": new_file, "collection": 1}
    )
    assert response.status_code == 302
    assert "Segunda versión" in DocumentText.objects.get(document=document).text
