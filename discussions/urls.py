from django.urls import path

from . import views

app_name = "discussions"

urlpatterns = [
    path("c/<slug:slug>/threads/", views.thread_list, name="list"),
    path("c/<slug:slug>/threads/new/", views.thread_new, name="new"),
    path("c/<slug:slug>/threads/<int:thread_id>/", views.thread_detail, name="thread"),
    path("c/<slug:slug>/threads/<int:thread_id>/reply/", views.reply, name="reply"),
    path(
        "c/<slug:slug>/threads/<int:thread_id>/accept/<int:number>/",
        views.accept,
        name="accept",
    ),
    path(
        "c/<slug:slug>/threads/<int:thread_id>/posts/<int:number>/edit/",
        views.edit_post,
        name="edit_post",
    ),
]
