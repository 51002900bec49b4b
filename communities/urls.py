from django.urls import path

from communities.feeds import CommunityActivityFeed
from communities.views import (
    activity,
    community,
    directory,
    guests,
    invitations,
    manage,
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
    path("c/<slug:slug>/activity/", activity.activity, name="activity"),
    path("c/<slug:slug>/join/", community.join, name="join"),
    path("c/<slug:slug>/request/", community.request_to_join, name="request"),
    path("c/<slug:slug>/request/withdraw/", community.withdraw_request, name="withdraw_request"),
    path("c/<slug:slug>/leave/", community.leave, name="leave"),
    path("c/<slug:slug>/invite/", manage.invite, name="invite"),
    path("c/<slug:slug>/settings/", manage.settings, name="settings"),
    path("c/<slug:slug>/settings/people/", manage.people, name="people"),
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
