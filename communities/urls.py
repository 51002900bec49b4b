from django.urls import path

from communities.feeds import CommunityActivityFeed
from communities.views import (
    calendar,
    community,
    dashboard,
    directory,
    guests,
    invitations,
    knowledge,
    manage,
    meetings,
)

app_name = "communities"

urlpatterns = [
    path("communities/", directory.directory, name="directory"),
    path("communities/new/", directory.create, name="create"),
    path("invitations/<str:token>/", invitations.invitation, name="invitation"),
    path("guest/<str:token>/", guests.guest_pass, name="guest_pass"),
    path(
        "c/<slug:slug>/guests/<int:pass_id>/revoke/",
        guests.revoke_guest_pass,
        name="revoke_guest_pass",
    ),
    path("c/<slug:slug>/", community.home, name="home"),
    path("c/<slug:slug>/members/", community.members, name="members"),
    path("c/<slug:slug>/feed/", CommunityActivityFeed(), name="feed"),
    path("c/<slug:slug>/dashboard/", dashboard.dashboard, name="dashboard"),
    path("c/<slug:slug>/dashboard.csv", dashboard.dashboard_csv, name="dashboard_csv"),
    path("c/<slug:slug>/stories/", dashboard.stories, name="stories"),
    path("c/<slug:slug>/knowledge/", knowledge.knowledge, name="knowledge"),
    path(
        "c/<slug:slug>/knowledge/gaps/<int:gap_id>/",
        knowledge.update_gap,
        name="update_gap",
    ),
    path("c/<slug:slug>/join/", community.join, name="join"),
    path("c/<slug:slug>/request/", community.request_to_join, name="request"),
    path("c/<slug:slug>/request/withdraw/", community.withdraw_request, name="withdraw_request"),
    path("c/<slug:slug>/leave/", community.leave, name="leave"),
    path("c/<slug:slug>/invite/", manage.invite, name="invite"),
    path("c/<slug:slug>/settings/", manage.settings, name="settings"),
    path("c/<slug:slug>/settings/people/", manage.people, name="people"),
    path("c/<slug:slug>/settings/levels/", manage.level_rules, name="level_rules"),
    path(
        "c/<slug:slug>/settings/requests/<int:request_id>/",
        manage.decide_request,
        name="decide_request",
    ),
    path(
        "c/<slug:slug>/settings/people/<int:membership_id>/role/",
        manage.set_role,
        name="set_role",
    ),
    path(
        "c/<slug:slug>/settings/people/<int:membership_id>/level/",
        manage.set_level,
        name="set_level",
    ),
    path(
        "c/<slug:slug>/settings/people/<int:membership_id>/history/",
        manage.member_history,
        name="member_history",
    ),
    path(
        "c/<slug:slug>/settings/invitations/<int:invitation_id>/revoke/",
        manage.revoke_invitation,
        name="revoke_invitation",
    ),
]

urlpatterns += [
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
        meetings.occurrence,
        name="occurrence",
    ),
    path("c/<slug:slug>/meetings/<int:meeting_id>/<str:stamp>/rsvp/", meetings.rsvp, name="rsvp"),
    path(
        "c/<slug:slug>/meetings/<int:meeting_id>/<str:stamp>/cancel/",
        meetings.cancel,
        name="cancel_occurrence",
    ),
    path(
        "c/<slug:slug>/meetings/<int:meeting_id>/<str:stamp>/move/",
        meetings.move,
        name="move_occurrence",
    ),
    path(
        "c/<slug:slug>/meetings/<int:meeting_id>/<str:stamp>/restore/",
        meetings.restore,
        name="restore_occurrence",
    ),
    path(
        "c/<slug:slug>/meetings/<int:meeting_id>/<str:stamp>/attendance/",
        meetings.attendance,
        name="attendance",
    ),
    path("calendar/", calendar.settings_page, name="calendar_settings"),
    path("calendar/feeds/", calendar.new_feed, name="new_calendar_feed"),
    path(
        "calendar/feeds/<int:token_id>/revoke/", calendar.revoke_feed, name="revoke_calendar_feed"
    ),
    path("calendar/<str:token>.ics", calendar.token_calendar, name="token_calendar"),
]
