from django.urls import path

from needs import views

app_name = "needs"

urlpatterns = [
    path("", views.wall, name="wall"),
    path("order/", views.order, name="order"),
    path("order/done/", views.order_done, name="order_done"),
    path("status/<str:token>/", views.status, name="status"),
    path("status/<str:token>/cancel/", views.cancel, name="cancel"),
    path("status/<str:token>/rate/", views.rate, name="rate"),
    path("status/<str:token>/photos/<int:pk>/", views.status_photo, name="status_photo"),
    path("status/<str:token>/share-photos/", views.share_photos, name="share_photos"),
    path("photos/<int:pk>/", views.public_photo, name="public_photo"),
]
