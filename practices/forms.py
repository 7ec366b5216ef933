"""The upload forms of documents and images: each refusal is one plain Spanish
message, given before anything is saved.

Documents: the extension must be one we accept, the content must start like
that kind of file (a renamed image is not a PDF), and an office file (a ZIP
archive) must not be a zip bomb: its directory is checked for member count,
declared sizes and compression ratios, then every member is unpacked as a
stream, keeping nothing, so a directory that lies is caught too (archives).

Images: Wagtail checks width x height x frames against
WAGTAILIMAGES_MAX_IMAGE_PIXELS, but only after Willow has decoded the image,
and with Pillow alone Willow counts every image as one frame. The form's
image field checks both from the header first (BoundedImageField).
"""

import warnings

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .archives import ArchiveRefused, archive_open, archive_verify
from .extraction_errors import ExtractionError
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
ARCHIVES = {"docx", "xlsx", "pptx", "odt", "ods", "odp"}
# An animated image with more frames than this is refused whatever its size.
MAX_IMAGE_FRAMES = 1_000


def _listed(extensions) -> str:
    return ", ".join(f".{extension}" for extension in extensions)


class FileErrorsKeptMixin:
    """The model's own clean() re-checks the extension of the file it holds;
    when this form refused the upload, that file is the empty one it started
    with, and Django would add "the extension “” is not allowed" after the
    form's real reason. Keep only the form's reason."""

    def _post_clean(self):
        refused = self._errors["file"].copy() if "file" in self._errors else None
        super()._post_clean()
        if refused is not None:
            self._errors["file"] = refused


class CheckedDocumentForm(FileErrorsKeptMixin, BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not uploaded or "file" not in self.changed_data:
            return uploaded
        extension = extension_of(uploaded.name)
        allowed = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []
        if not extension:
            raise forms.ValidationError(
                _(
                    "The file “%(name)s” has no extension, so its kind cannot be told. Rename it with the "
                    "extension of its kind (%(allowed)s) and upload it again. Nothing was saved."
                ),
                params={"name": uploaded.name, "allowed": _listed(allowed)},
                code="no_extension",
            )
        if allowed and extension not in allowed:
            raise forms.ValidationError(
                _("Files of type .%(extension)s are not accepted; accepted types: %(allowed)s. Nothing was saved."),
                params={"extension": extension, "allowed": _listed(allowed)},
                code="extension_not_allowed",
            )
        signatures = SIGNATURES.get(extension)
        if signatures and not _head(uploaded, 8).startswith(signatures):
            raise forms.ValidationError(
                _("The file is not a valid %(kind)s document: it may be damaged or renamed. Nothing was saved."),
                params={"kind": extension.upper()},
                code="invalid_content",
            )
        if extension in ARCHIVES:
            _archive_check(uploaded)
        return uploaded


def _head(uploaded, size: int) -> bytes:
    uploaded.seek(0)
    head = uploaded.read(size)
    uploaded.seek(0)
    return head


def _archive_check(uploaded) -> None:
    """Refuse a zip bomb at once. A file that is not a ZIP archive at all is
    let through: it cannot hurt, it stays downloadable, and the extraction
    records why its text could not be read."""
    try:
        try:
            with archive_open(uploaded) as archive:
                archive_verify(archive)
        except ArchiveRefused as refusal:
            raise forms.ValidationError(
                _("The file was refused because %(reason)s. Nothing was saved."),
                params={"reason": str(refusal)},
                code="archive_refused",
            ) from refusal
        except ExtractionError:
            pass
    finally:
        uploaded.seek(0)


class BoundedImageField(WagtailImageField):
    """Wagtail's image field, refusing too many pixels or frames from the file's
    header, before Willow decodes it: Willow decodes a PNG whole to learn its
    size, so Wagtail's own check comes after up to Pillow's 89 million pixels
    (356 MB for RGBA) are in the worker's memory."""

    def to_python(self, data):
        if data is not None and hasattr(data, "read"):
            self._check_header(data)
        return super().to_python(data)

    def _check_header(self, data) -> None:
        from PIL import Image

        limit = self.max_image_pixels
        too_large = forms.ValidationError(
            _(
                "The image is too large to be processed: it has more than %(max_pixels_count)s pixels, "
                "counting every frame. Reduce its size or its number of frames and upload it again. "
                "Nothing was saved."
            ),
            params={"max_pixels_count": limit},
            code="file_too_many_pixels",
        )
        data.seek(0)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                with Image.open(data) as image:  # reads the header only
                    width, height = image.size
                    frames = getattr(image, "n_frames", 1)  # GIF: frame headers, not pixels
        except Image.DecompressionBombError:
            raise too_large from None
        except (OSError, ValueError, SyntaxError):
            return  # not an image Pillow reads (SVG): Wagtail's own checks decide
        finally:
            data.seek(0)
        if frames > MAX_IMAGE_FRAMES or (limit and frames > 1 and frames * width * height > limit):
            raise forms.ValidationError(
                _(
                    "The image has %(frames)s frames of %(width)s × %(height)s pixels, too many to be "
                    "processed (at most %(max_frames)s frames and %(max_pixels)s pixels counting every "
                    "frame). Nothing was saved."
                ),
                params={
                    "frames": frames,
                    "width": width,
                    "height": height,
                    "max_frames": MAX_IMAGE_FRAMES,
                    "max_pixels": limit,
                },
                code="too_many_frames",
            )
        if limit and width * height > limit:
            raise too_large


class CheckedImageForm(FileErrorsKeptMixin, BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.fields.get("file")
        if current is not None:
            self.fields["file"] = BoundedImageField(
                label=current.label, required=current.required, help_text=current.help_text, widget=current.widget
            )
