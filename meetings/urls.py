from django.urls import path

from . import feeds

app_name = "meetings"
urlpatterns = [
    path("calendario/red/<int:network_id>.ics", feeds.network_feed, name="network_feed"),
    path("calendario/region/<int:code>.ics", feeds.region_feed, name="region_feed"),
    path("sesiones/<int:session_id>/sesion.ics", feeds.session_ics, name="session_ics"),
    path("sesiones/<int:session_id>/plan.pdf", feeds.session_pdf, name="session_pdf"),
]
