from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .pages import NetworkPage


class NetworkCoordinator(models.Model):
    """A user who coordinates a network: they may create, edit and publish
    that network's pages (and nothing else in the page tree)."""

    network = models.ForeignKey(
        NetworkPage, on_delete=models.CASCADE, related_name="coordinators", verbose_name=_("network")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="coordinated_networks",
        verbose_name=_("user"),
    )
    created_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    panels = [FieldPanel("network"), FieldPanel("user")]

    class Meta:
        verbose_name = _("network coordinator")
        verbose_name_plural = _("network coordinators")
        constraints = [models.UniqueConstraint(fields=["network", "user"], name="unique_network_coordinator")]

    def __str__(self):
        return f"{self.user} → {self.network}"
