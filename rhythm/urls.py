from django.urls import path

from rhythm.views import calendar, meetings, occurrences

app_name = "rhythm"

urlpatterns = [
    path("c/<slug:slug>/meetings/", meetings.meetings, name="meetings"),
    path("c/<slug:slug>/meetings.ics", meetings.community_calendar, name="community_calendar"),
    path("c/<slug:slug>/meetings/new/", meetings.meeting_new, name="meeting_new"),
    path("c/<slug:slug>/meetings/<int:meeting_id>/", meetings.meeting, name="meeting"),
    path(
        "c/<slug:slug>/meetings/<int:meeting_id>/guests/",
        meetings.invite_guest,
        name="meeting_invite_guest",
    ),
    path(
        "c/<slug:slug>/meetings/<int:meeting_id>/edit/", meetings.meeting_edit, name="meeting_edit"
    ),
    path(
        "c/<slug:slug>/meetings/<int:meeting_id>/meeting.ics",
        meetings.meeting_calendar,
        name="meeting_calendar",
    ),
    path(
        "c/<slug:slug>/meetings/<int:meeting_id>/<str:stamp>/",
        occurrences.occurrence,
        name="occurrence",
    ),
    path(
        "c/<slug:slug>/meetings/<int:meeting_id>/<str:stamp>/rsvp/", occurrences.rsvp, name="rsvp"
    ),
    path(
        "c/<slug:slug>/meetings/<int:meeting_id>/<str:stamp>/cancel/",
        occurrences.cancel,
        name="cancel_occurrence",
    ),
    path(
        "c/<slug:slug>/meetings/<int:meeting_id>/<str:stamp>/move/",
        occurrences.move,
        name="move_occurrence",
    ),
    path(
        "c/<slug:slug>/meetings/<int:meeting_id>/<str:stamp>/restore/",
        occurrences.restore,
        name="restore_occurrence",
    ),
    path(
        "c/<slug:slug>/meetings/<int:meeting_id>/<str:stamp>/attendance/",
        occurrences.attendance,
        name="attendance",
    ),
    path("calendar/", calendar.settings_page, name="calendar_settings"),
    path("calendar/feeds/", calendar.new_feed, name="new_calendar_feed"),
    path(
        "calendar/feeds/<int:token_id>/revoke/", calendar.revoke_feed, name="revoke_calendar_feed"
    ),
    path("calendar/<str:token>.ics", calendar.token_calendar, name="token_calendar"),
]
