from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static as static_url
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.api import api
from cms.benchmark.floor import floor
from cms.health import healthz, readyz
from cms.plugins import plugin_urlpatterns
from cms.search_views import search
from cms.seo import robots_txt
from cms.statistics_views import data_page


def favicon(request):
    """The site's icon for browsers that ask for /favicon.ico (the printable board, the API docs, a PDF)."""
    return HttpResponsePermanentRedirect(static_url("img/favicon.svg"))


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("favicon.ico", favicon),
    path("__bench__/floor", floor),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("search/", search, name="search"),
    path("data/", data_page, name="statistics"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    *plugin_urlpatterns(),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
