from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static as static_url
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.account import LoginView, PasswordResetView
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.api import api
from cms.benchmark.floor import floor
from cms.health import healthz, readyz
from cms.i18n import set_language
from cms.login_limits import login_rate_limited, password_reset_rate_limited
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
    # Both logins limit password guessing (cms.login_limits); these come before the admins' own login routes.
    path("django-admin/login/", login_rate_limited(admin.site.login)),
    path("__bench__/floor", floor),
    path("django-admin/", admin.site.urls),
    path("admin/login/", login_rate_limited(LoginView.as_view())),
    path("admin/password_reset/", password_reset_rate_limited(PasswordResetView.as_view())),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
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
