from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PmeConfig(AppConfig):
    name = "pme"
    verbose_name = _("Improvement plans (PME)")
