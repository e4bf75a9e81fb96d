from django.urls import path

from incubator import views

app_name = "incubator"

urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("apply/done/", views.apply_done, name="apply_done"),
    path("status/resend/", views.resend_link, name="resend_link"),
    # Tokens are secrets.token_urlsafe(), i.e. slug characters: anything else (a NUL byte, which PostgreSQL refuses
    # in a query and answered with a 500) is a 404 before any lookup.
    path("status/<slug:token>/", views.status, name="status"),
    path("status/<slug:token>/withdraw/", views.withdraw, name="withdraw"),
]
