from django.urls import path

from . import views

app_name = "digests"

urlpatterns = [
    path("", views.preferences, name="preferences"),
]
