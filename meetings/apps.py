from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    """Network sessions (the app is not called "sessions": Django has one)."""

    name = "meetings"
    verbose_name = _("Network sessions")

    def ready(self):
        from .network_section import register

        register()
