from django.urls import path

from discussions import example_views, moderation_views, views

app_name = "discussions"

urlpatterns = [
    path("c/<slug:slug>/threads/", views.thread_list, name="list"),
    path("c/<slug:slug>/threads/new/", views.thread_new, name="new"),
    path("c/<slug:slug>/threads/follow/", views.follow_behaviour, name="follow"),
    path("c/<slug:slug>/threads/<int:thread_id>/", views.thread_detail, name="thread"),
    path("c/<slug:slug>/threads/<int:thread_id>/reply/", views.reply, name="reply"),
    path(
        "c/<slug:slug>/threads/<int:thread_id>/guests/",
        views.invite_guest,
        name="invite_guest",
    ),
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
    path(
        "c/<slug:slug>/threads/<int:thread_id>/posts/<int:number>/helpful/",
        views.helpful,
        name="helpful",
    ),
    path(
        "c/<slug:slug>/settings/behaviours/",
        example_views.behaviour_examples,
        name="behaviour_examples",
    ),
    path("c/<slug:slug>/moderation/", moderation_views.queue, name="moderation"),
    path(
        "c/<slug:slug>/moderation/silence/<int:membership_id>/",
        moderation_views.silence,
        name="silence",
    ),
    path("c/<slug:slug>/threads/<int:thread_id>/move/", moderation_views.move, name="move"),
    path(
        "c/<slug:slug>/threads/<int:thread_id>/slow-mode/",
        moderation_views.slow_mode,
        name="slow_mode",
    ),
    path(
        "c/<slug:slug>/threads/<int:thread_id>/moderate/",
        moderation_views.thread_switch,
        name="thread_switch",
    ),
    path(
        "c/<slug:slug>/threads/<int:thread_id>/posts/<int:number>/flag/",
        moderation_views.flag,
        name="flag",
    ),
    path(
        "c/<slug:slug>/threads/<int:thread_id>/posts/<int:number>/hide/",
        moderation_views.hide_post,
        name="hide_post",
    ),
    path(
        "c/<slug:slug>/threads/<int:thread_id>/posts/<int:number>/dismiss/",
        moderation_views.dismiss,
        name="dismiss_flags",
    ),
]
