"""What practices and instruments share: they belong to a network, carry
topics and levels, attach files, and link to the PME actions that adopted them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from networks.models import NetworkPage


class NetworkContentMixin(models.Model):
    # The page's network, kept from its place in the page tree so lists can
    # filter by network and region without walking the tree.
    network = models.ForeignKey(
        NetworkPage, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # A new page (a copy included: it arrives with its original's network)
        # takes the network it is created under.
        if self.path and (self._state.adding or self.network_id is None):
            network = self.network_from_tree()
            self.network_id = network.pk if network else None
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        # A revision (a copied one too) carries the network it was saved
        # with; the page's place in the tree decides, as for path and depth.
        obj = super().with_content_json(content)
        obj.network_id = self.network_id
        return obj

    def network_from_tree(self):
        parent = self.get_parent() if self.path else None
        return parent.specific if parent is not None and isinstance(parent.specific, NetworkPage) else None


class AdoptionBase(Orderable):
    """A PME action that adopted this practice or instrument, with a short note."""

    action = models.ForeignKey(
        "pme.PlanAction", on_delete=models.CASCADE, related_name="%(class)s_links", verbose_name=_("PME action")
    )
    note = models.CharField(_("note"), max_length=255, blank=True, help_text=_("How the school adopted it."))

    panels = [FieldPanel("action"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        abstract = True


class AttachmentBase(Orderable):
    """A file attached to a practice or an instrument, with an optional label."""

    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("file")
    )
    label = models.CharField(_("label"), max_length=120, blank=True, help_text=_("E.g. 'Editable version (DOCX)'."))

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("file")
        verbose_name_plural = _("files")
