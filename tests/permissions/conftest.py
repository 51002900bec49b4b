"""One small world, built once for the package, in which every policy is asked every question.

Viewers: a stranger (anonymous), a signed-in outsider, a member, a silenced member, a
gardener, a sponsor, a guest (holding a pass to every thread of the world) and an operator
(staff and superuser, a member of nothing). Each of the four community roles belongs to
all three communities (public, unlisted, private); the member wrote every thread, post
and asset. The world lives in one transaction rolled back after the last test here, and each test
runs in its own savepoint inside it (``fresh``), as pytest-django's ``db`` does: tests
here only ask, they never change the world.
"""

from dataclasses import dataclass, field
from datetime import date, time, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from assets import services as asset_services
from communities.models import GuestPass, Membership
from communities.models.choices import Role
from discussions import moderation
from discussions.models import Post, Thread
from notifications.models import Delivery, Kind, Notification
from proposals import services as proposal_services
from proposals.models import Proposal
from rhythm import services as meeting_services
from rhythm.models import MeetingSeries
from rhythm.recurrence import Pattern
from tests.factories import CommunityFactory, ThreadFactory, UserFactory, add_member, add_replies

VIEWERS = ["stranger", "outsider", "member", "silenced", "gardener", "sponsor", "guest", "operator"]
# Who belongs to every community of the world, and who may post in it.
MEMBERS = {"member", "silenced", "gardener", "sponsor"}
POSTERS = {"member", "gardener", "sponsor"}
SIGNED_IN = set(VIEWERS) - {"stranger"}
VISIBILITIES = ["public", "unlisted", "private"]


@dataclass
class World:
    user_ids: dict[str, int | None]
    communities: dict[str, object]
    threads: dict[str, Thread] = field(default_factory=dict)
    posts: dict[str, Post] = field(default_factory=dict)
    assets: dict[str, object] = field(default_factory=dict)
    notifications: dict[tuple[str, str], Notification] = field(default_factory=dict)
    proposals: dict[str, Proposal] = field(default_factory=dict)
    meetings: dict[str, MeetingSeries] = field(default_factory=dict)

    def viewer(self, who: str):
        """A fresh user object for each question: nothing cached from an earlier test."""
        if who == "stranger":
            return AnonymousUser()
        return get_user_model().objects.get(pk=self.user_ids[who])


def _people() -> dict:
    people = {who: UserFactory(username=f"matrix-{who}") for who in SIGNED_IN}
    operator = people["operator"]
    operator.is_staff = operator.is_superuser = True
    operator.save(update_fields=["is_staff", "is_superuser"])
    return people


def _communities(people) -> dict:
    communities = {}
    for visibility in VISIBILITIES:
        community = CommunityFactory(
            visibility=visibility, creator=people["gardener"], slug=f"matrix-{visibility}"
        )
        for who, role in [("member", Role.MEMBER), ("silenced", Role.MEMBER)]:
            add_member(community, user=people[who], role=role)
        add_member(community, user=people["sponsor"], role=Role.SPONSOR)
        communities[visibility] = community
    Membership.objects.filter(user=people["silenced"]).update(
        silenced_until=timezone.now() + timedelta(days=3)
    )
    return communities


def _threads(world: World, people) -> None:
    public = world.communities["public"]

    def thread(key, community, **kwargs):
        made = ThreadFactory(
            community=community, author=people["member"], title=f"Matrix {key}", **kwargs
        )
        add_replies(made, 1, authors=[people["member"]])
        world.threads[key] = made

    thread("public", public)
    thread("public-members-only", public, members_only=True)
    thread("unlisted", world.communities["unlisted"])
    thread("private", world.communities["private"])
    thread("hidden", public)
    thread("locked", public)
    # Through moderation, as gardeners do it: the ledger and feed follow.
    for key, switch in [("hidden", "hidden"), ("locked", "locked")]:
        moderation.set_thread_switch(
            actor=people["gardener"], thread=world.threads[key], switch=switch, on=True
        )
    for key, made in world.threads.items():
        made.refresh_from_db()
        _guest_pass(made, people["guest"])
        world.posts[f"{key}:opening"] = made.posts.get(number=1)
        world.posts[f"{key}:reply"] = made.posts.get(number=2)
    hidden_reply = add_replies(world.threads["public"], 1, authors=[people["member"]])[0]
    moderation.set_post_hidden(actor=people["gardener"], post=hidden_reply, hidden=True)
    world.posts["public:hidden-reply"] = Post.objects.get(pk=hidden_reply.pk)


def _guest_pass(thread, guest, target_type=GuestPass.Target.THREAD) -> None:
    GuestPass.objects.create(
        community=thread.community,
        email=guest.email,
        target_type=target_type,
        target_id=thread.pk,
        title=thread.title,
        url=thread.get_absolute_url(),
        token_hash=f"{target_type[0]}{thread.pk:063d}",
        user=guest,
        accepted_at=timezone.now(),
        expires_at=timezone.now() + timedelta(days=3),
    )


def _assets(world: World, people) -> None:
    def document(key, community, visibility):
        world.assets[key] = asset_services.publish_asset(
            author=people["member"],
            community=community,
            title=f"Matrix {key}",
            kind="document",
            body="# Notes\n\nWhat we tried.\n",
            visibility=visibility,
        )

    public = world.communities["public"]
    document("public", public, "public")
    document("public-members-only", public, "members")
    document("unlisted", world.communities["unlisted"], "public")
    document("private", world.communities["private"], "public")


def _meetings(world: World, people) -> None:
    """A fortnightly meeting in each community, one for members only; the guest is invited
    to every one of them."""
    public = world.communities["public"]
    for key, community, members_only in [
        ("public", public, False),
        ("public-members-only", public, True),
        ("unlisted", world.communities["unlisted"], False),
        ("private", world.communities["private"], False),
    ]:
        details = meeting_services.MeetingDetails(
            title=f"Matrix {key}",
            kind="regular",
            day=date(2026, 10, 6),
            start_time=time(16, 0),
            end_time=time(17, 0),
            timezone="Europe/London",
            pattern=Pattern.FORTNIGHTLY,
            members_only=members_only,
        )
        series = meeting_services.create_meeting(
            author=people["gardener"], community=community, details=details
        )
        _guest_pass(series, people["guest"], GuestPass.Target.MEETING)
        world.meetings[key] = MeetingSeries.objects.select_related("community").get(pk=series.pk)


def _notifications(world: World) -> None:
    """One notification to each signed-in viewer about each thread's reply, as if made
    while they could read it; and one about a hidden post."""
    about = {key: world.posts[f"{key}:reply"] for key in world.threads}
    about["hidden-post"] = world.posts["public:hidden-reply"]
    for who in SIGNED_IN:
        for key, post in about.items():
            thread = post.thread
            world.notifications[who, key] = Notification.objects.create(
                recipient_id=world.user_ids[who],
                kind=Kind.MENTION,
                community=thread.community,
                thread_id=thread.pk,
                post_id=post.pk,
                title=thread.title,
                url=post.get_absolute_url(),
                members_only=thread.members_only,
                hidden=thread.hidden,
                post_hidden=post.hidden,
                email=Delivery.OFF,
            )


def _proposals(world: World, people) -> None:
    def propose(key):
        world.proposals[key] = proposal_services.propose_community(
            proposer=people["member"],
            title=f"Matrix {key}",
            domain="Reading together.",
            audience="Teachers.",
        )

    propose("gathering")
    propose("withdrawn")
    proposal_services.withdraw_proposal(
        actor=people["member"], proposal=world.proposals["withdrawn"]
    )
    for visibility in VISIBILITIES:
        key = f"launched-{visibility}"
        propose(key)
        Proposal.objects.filter(pk=world.proposals[key].pk).update(
            status=Proposal.Status.LAUNCHED,
            launched_at=timezone.now(),
            launched_community=world.communities[visibility],
        )
    for key, proposal in world.proposals.items():
        world.proposals[key] = Proposal.objects.select_related("launched_community").get(
            pk=proposal.pk
        )


def build_world() -> World:
    people = _people()
    world = World(
        user_ids={"stranger": None, **{who: user.pk for who, user in people.items()}},
        communities=_communities(people),
    )
    _threads(world, people)
    _assets(world, people)
    _meetings(world, people)
    _notifications(world)
    _proposals(world, people)
    return world


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def fresh(world, db):
    """The world, with each test in its own savepoint."""
    return world


def sign_in(client, world: World, who: str) -> None:
    """The test client as this viewer (the stranger stays anonymous)."""
    if who != "stranger":
        client.force_login(world.viewer(who))


def cells(objects) -> list:
    """Every viewer against every object, each a parametrised test named viewer-object."""
    return [pytest.param(who, key, id=f"{who}-{key}") for who in VIEWERS for key in objects]


# --- the rules as the design states them, written apart from the code ----------------------

THREADS = ["public", "public-members-only", "unlisted", "private", "hidden", "locked"]
MEETINGS = ["public", "public-members-only", "unlisted", "private"]


def reads_meeting(who: str, key: str) -> bool:
    """Members, and the guest invited to it; anyone for an open meeting of a public
    community. Operators are outsiders here."""
    return who in MEMBERS or who == "guest" or key == "public"


def answers_meeting(who: str, key: str) -> bool:
    """Members answer whether they are coming, and so does the invited guest."""
    return who in MEMBERS or who == "guest"


def reads_thread(who: str, key: str) -> bool:
    """Hidden: gardeners only. Members, and the guest invited to it. Anyone for an open
    thread of a public community. Operators are outsiders here."""
    if key == "hidden":
        return who == "gardener"
    return who in MEMBERS or who == "guest" or key in {"public", "locked"}


def replies_to_thread(who: str, key: str) -> bool:
    if not reads_thread(who, key):
        return False
    if key == "locked":
        return who == "gardener"
    return who in POSTERS or who == "guest"
