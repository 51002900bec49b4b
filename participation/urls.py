from django.urls import path

from participation import views

app_name = "participation"

urlpatterns = [
    path("c/<slug:slug>/settings/levels/", views.level_rules, name="level_rules"),
]
