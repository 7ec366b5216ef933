from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentText(models.Model):
    """The text inside an uploaded document, kept so search can find its words."""

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="extracted_text", verbose_name=_("document")
    )
    text = models.TextField(_("text"), blank=True)
    error = models.CharField(_("extraction error"), max_length=255, blank=True)
    # The file this text came from: an edit that keeps the file is not re-read.
    file_hash = models.CharField(max_length=40, blank=True)
    extracted_at = models.DateTimeField(_("extracted at"), auto_now=True)

    class Meta:
        verbose_name = _("document text")
        verbose_name_plural = _("document texts")

    def __str__(self):
        return str(self.document)
