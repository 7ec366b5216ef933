from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Practices and instruments")

    def ready(self):
        from . import signals  # noqa: F401
        from .school_section import register

        register()
