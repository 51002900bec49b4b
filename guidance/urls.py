from django.urls import path

from guidance import views

app_name = "guidance"

urlpatterns = [
    path("help/", views.help_index, name="help"),
    path("help/<slug:topic>/", views.help_topic, name="help_topic"),
    path("c/<slug:slug>/introductions/", views.introductions, name="introductions"),
    path("c/<slug:slug>/checklist/dismiss/", views.dismiss_checklist, name="dismiss_checklist"),
    path("c/<slug:slug>/welcome/dismiss/", views.dismiss_welcome, name="dismiss_welcome"),
    path("c/<slug:slug>/welcome/<str:username>/", views.welcome, name="welcome"),
]
