"""One small world for the fuzz run: a public and a private community with something of
everything in them, a person for each role, and the values a route's address can take."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

from django.utils import timezone

from assets import services as assets
from communities.models import Membership
from communities.models.choices import Level, Role
from communities.services import guests, invitations, membership
from core.unsubscribe import make_token
from core.vocabulary import BehaviourCode
from discussions import moderation
from discussions import services as discussions
from guidance.help_topics import TOPICS
from insights.services import knowledge, stories
from notifications.models import Notification
from proposals import services as proposals
from rhythm import occurrences
from rhythm import services as rhythm
from tests.assets.conftest import PDF_BYTES, pdf
from tests.factories import CommunityFactory, ThreadFactory, UserFactory, add_member, add_replies

ROLES = (
    "signed_out",
    "outsider",
    "peripheral",
    "member",
    "gardener",
    "sponsor",
    "guest",
    "staff",
)


@dataclass(repr=False)
class World:
    users: dict = field(default_factory=dict)  # role -> user (None when signed out)
    # A route's keyword -> values from the world (the fuzzer adds values of its own).
    values: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        return "World(maths, circle)"

    @property
    def flat(self) -> list[str]:
        """Every value in the world, for fields that take any of them (and some that do not)."""
        return sorted({value for found in self.values.values() for value in found})

    def add(self, name: str, *found) -> None:
        self.values.setdefault(name, [])
        self.values[name].extend(str(value) for value in found if value is not None)


def _meeting(gardener, community, title: str, **extra):
    return rhythm.create_meeting(
        author=gardener,
        community=community,
        details=rhythm.MeetingDetails(
            title=title,
            kind="regular",
            day=(timezone.now() + timedelta(days=3)).date(),
            start_time=time(10, 0),
            end_time=time(11, 0),
            timezone="Europe/London",
            **extra,
        ),
    )


def _fill(world: World, community, gardener, people: list) -> None:
    """Threads and posts, a flag, assets, meetings, gaps and stories in one community."""
    member = people[0]
    asked = ThreadFactory(
        community=community,
        author=member,
        title=f"How do you start a {community.name} session?",
        behaviour_codes=["requests-for-information"],
        tags=["starting", "ideas"],
    )
    replies = add_replies(asked, 3, authors=[gardener, *people])
    discussions.accept_answer(actor=member, thread=asked, post=replies[0])
    discussions.toggle_helpful(member=member, post=replies[0])
    moderation.flag_post(member=member, post=replies[2], reason="off_topic", note="Not here")
    mapped = ThreadFactory(community=community, behaviour_codes=["mapping-knowledge"])
    world.add("thread_id", asked.pk, mapped.pk)
    world.add("number", 1, 2, 3, 4)

    filed = assets.publish_asset(
        author=gardener, community=community, title="Lesson plan", kind="file", upload=pdf()
    )
    assets.add_asset_version(
        author=gardener, asset=filed, upload=pdf("v2.pdf", PDF_BYTES), change_note="Fixed a typo"
    )
    linked = assets.publish_asset(
        author=member,
        community=community,
        title="A good article",
        kind="link",
        url="https://example.org/article",
        visibility="public",
    )
    document = assets.start_living_document(user=gardener, thread=mapped, title="What we know")
    assets.cite_asset(user=member, thread=asked, asset=linked)
    assets.report_use(user=member, asset=filed, story="It saved me an evening.")
    world.add("asset_id", filed.pk, linked.pk, document.pk)

    weekly = _meeting(gardener, community, "Fortnightly call", pattern="weekly")
    once = _meeting(gardener, community, "Launch", members_only=True)
    for series in (weekly, once):
        world.add("meeting_id", series.pk)
        for occurrence in occurrences.upcoming(
            type(series).objects.filter(pk=series.pk), viewer=gardener, limit=2
        ):
            world.add("stamp", occurrence.stamp)
            rhythm.rsvp_to_meeting(
                user=member,
                series=series,
                original_start=occurrence.original_start,
                answer="going",
            )
    world.add("stamp", occurrences.stamp(datetime(2001, 1, 1, 10, tzinfo=UTC)))

    gap = knowledge.raise_gap(
        author=member, community=community, title="Nobody has written up the onboarding"
    )
    world.add("gap_id", gap.pk)
    stories.tell_value_story(
        author=member,
        community=community,
        what_happened="I reused the lesson plan",
        what_changed="Half the preparation time",
        kind="applied",
    )

    _invitation, token = invitations.invite_to_community(
        actor=gardener, community=community, email=f"new-{community.slug}@example.org"
    )
    world.add("token", token)


def build_world() -> World:
    world = World()
    public, public_gardener = _community(name="Maths teachers", slug="maths", join="request")
    private, _private_gardener = _community(
        name="Case review circle",
        slug="circle",
        visibility="private",
        join="invite",
        creator=public_gardener,
    )
    gardener = public_gardener
    people = {}
    for role, level in (("peripheral", Level.PERIPHERAL), ("member", Level.ACTIVE)):
        person = UserFactory(username=role)
        for community in (public, private):
            add_member(community, user=person)
        Membership.objects.filter(user=person).update(level=level)
        people[role] = person
    sponsor = UserFactory(username="sponsor")
    for community in (public, private):
        add_member(community, user=sponsor, role=Role.SPONSOR)
    outsider = UserFactory(username="outsider")
    staff = UserFactory(username="staff", is_staff=True, is_superuser=True)
    guest = UserFactory(username="guest", email="guest@example.org")
    world.users = {
        "signed_out": None,
        "outsider": outsider,
        "peripheral": people["peripheral"],
        "member": people["member"],
        "gardener": gardener,
        "sponsor": sponsor,
        "guest": guest,
        "staff": staff,
    }
    world.add("slug", public.slug, private.slug)

    for community in (public, private):
        _fill(world, community, gardener, [people["member"], people["peripheral"]])

    asker = UserFactory(username="asker")
    join_request = membership.request_to_join_community(
        user=asker, community=public, message="I teach maths too"
    )
    world.add("request_id", join_request.pk)
    world.add(
        "membership_id",
        *Membership.objects.filter(community__in=(public, private)).values_list("pk", flat=True),
    )
    world.add("invitation_id", *public.invitations.values_list("pk", flat=True))
    world.add("invitation_id", *private.invitations.values_list("pk", flat=True))

    secret = private.threads.order_by("pk").first()
    guest_pass, token = guests.invite_guest(
        actor=gardener,
        community=private,
        email=guest.email,
        target_type="thread",
        target_id=secret.pk,
        title=secret.title,
        url=secret.get_absolute_url(),
    )
    guests.accept_guest_pass(user=guest, token=token)
    _pending, waiting = guests.invite_guest(
        actor=gardener,
        community=private,
        email="someone@example.org",
        target_type="thread",
        target_id=secret.pk,
        title=secret.title,
        url=secret.get_absolute_url(),
    )
    world.add("pass_id", guest_pass.pk, _pending.pk)
    world.add("token", token, waiting)

    for person in (people["member"], gardener):
        world.add("token", rhythm.create_calendar_token(user=person).token)
        world.add("token", rhythm.create_calendar_token(user=person, community=private).token)
        token_row = rhythm.create_calendar_token(user=person, community=public)
        world.add("token_id", token_row.pk)
        world.add("token", make_token(user_id=person.pk, scope="reminders"))
    world.add("notification_id", *Notification.objects.values_list("pk", flat=True))

    gathering = proposals.propose_community(
        proposer=outsider,
        title="Early years outdoor learning",
        domain="Learning outside",
        audience="Early years teachers",
    )
    proposals.support_proposal(user=people["member"], proposal=gathering, role="join")
    private_idea = proposals.propose_community(
        proposer=people["member"],
        title="Quiet heads",
        domain="Leading small schools",
        audience="Head teachers",
        visibility="private",
    )
    withdrawn = proposals.propose_community(
        proposer=people["member"], title="Withdrawn idea", domain="Something", audience="Anyone"
    )
    proposals.withdraw_proposal(actor=people["member"], proposal=withdrawn)
    world.add("proposal_id", gathering.pk, private_idea.pk, withdrawn.pk)

    world.add("username", *(u.username for u in world.users.values() if u), "asker")
    world.add("topic", *(topic.slug for topic in TOPICS))
    world.add("behaviour", *(code.value for code in BehaviourCode))
    return world


def _community(*, name, slug, visibility="public", join="open", creator=None):
    community = CommunityFactory(
        name=name, slug=slug, visibility=visibility, join_policy=join, creator=creator
    )
    return community, community.memberships.get(role=Role.GARDENER).user
