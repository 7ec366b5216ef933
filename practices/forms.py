"""The document upload form: refuses a file whose content is not what its
name says (a renamed image is not a PDF), with a plain Spanish message."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from .text_extraction import extension_of

# The first bytes each kind of file must start with.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
    "odp": (b"PK\x03\x04",),
}


class CheckedDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not uploaded or "file" not in self.changed_data:
            return uploaded
        extension = extension_of(uploaded.name)
        signatures = SIGNATURES.get(extension)
        if signatures:
            position = uploaded.tell() if hasattr(uploaded, "tell") else 0
            uploaded.seek(0)
            head = uploaded.read(8)
            uploaded.seek(position)
            if not head.startswith(signatures):
                raise forms.ValidationError(
                    _("The file is not a valid %(kind)s document: it may be damaged or renamed. Nothing was saved."),
                    params={"kind": extension.upper()},
                    code="invalid_content",
                )
        return uploaded
