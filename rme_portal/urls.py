from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from meetings import urls as meeting_urls
from rme_portal.health import health
from schools import urls as school_urls
from search import api as search_api
from search import urls as search_urls

urlpatterns = [
    path("salud/", health, name="health"),
    path("admin/", include(wagtailadmin_urls)),
    path("documentos/", include(wagtaildocs_urls)),
    path("establecimientos/", include(school_urls)),
    path("", include(meeting_urls)),
    path("buscar/", include(search_urls)),
    path("api/search/", search_api.search_api, name="search_api"),
    path("api/search/autocomplete/", search_api.autocomplete_api, name="search_autocomplete"),
    path("api/schema/", search_api.openapi_schema, name="search_api_schema"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Everything else is a Wagtail page; this must stay last.
urlpatterns += [path("", include(wagtail_urls))]
