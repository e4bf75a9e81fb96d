from django.urls import path

from incubator import views

app_name = "incubator"

urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("apply/done/", views.apply_done, name="apply_done"),
    path("status/resend/", views.resend_link, name="resend_link"),
    path("status/<str:token>/", views.status, name="status"),
    path("status/<str:token>/withdraw/", views.withdraw, name="withdraw"),
]
