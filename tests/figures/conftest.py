from datetime import timedelta

import pytest

from assets import services as assets
from communities.models.choices import Role
from communities.services import leave_community
from insights.services import tell_value_story
from tests.assets.conftest import publish_document
from tests.factories import ThreadFactory, add_member, add_replies

BEHAVIOURS = ("problem-solving", "seeking-experience", "requests-for-information")
KINDS = ("immediate", "applied", "reframing")


def build_world(community, size: int) -> dict:
    """A community whose figures are all non-zero: ``size`` members, each starting a thread
    (every other one answered by a neighbour), stories of several kinds, assets used with
    and without a story, and one contributor who has left since."""
    people = [add_member(community).user for _ in range(size)]
    for n, person in enumerate(people):
        thread = ThreadFactory(
            community=community,
            author=person,
            behaviour_codes=(BEHAVIOURS[n % len(BEHAVIOURS)],),
            members_only=n % 4 == 3,
        )
        if n % 2 == 0:
            add_replies(thread, 1, authors=[people[(n + 1) % size]])
    for n, person in enumerate(people[: max(2, size // 3)]):
        tell_value_story(
            author=person,
            community=community,
            what_happened=f"Story {n}: we tried the reading ladder.",
            what_changed="Our tutors plan the first session together now.",
            kind=KINDS[n % len(KINDS)],
        )
    shared = [publish_document(people[n], community, title=f"Guide {n}") for n in range(2)]
    assets.report_use(user=people[-1], asset=shared[0])
    assets.report_use(user=people[-2], asset=shared[1], story="It saved a planning meeting.")
    leaver = add_member(community).user
    ThreadFactory(community=community, author=leaver, behaviour_codes=("problem-solving",))
    leave_community(user=leaver, community=community)
    return {"people": people, "assets": shared}


def sponsor(community):
    return add_member(community, role=Role.SPONSOR).user


@pytest.fixture
def sponsor_of():
    return sponsor


def build_history(community, size: int) -> dict:
    """People who moved in the last 90 days, regulars who went quiet and people who came
    back after months away: ``size`` of each, over the world of ``build_world``."""
    import time_machine
    from django.utils import timezone

    from communities.models import MembershipChange
    from communities.models.choices import Level
    from communities.services.membership import set_member_level

    def level(membership, value):
        set_member_level(membership=membership, level=value, cause=MembershipChange.Cause.COMPUTED)

    world = build_world(community, size)
    long_ago = timezone.now() - timedelta(days=200)
    quiet, back = [], []
    with time_machine.travel(long_ago, tick=False):
        for _n in range(size):
            regular = add_member(community)
            ThreadFactory(community=community, author=regular.user)
            level(regular, Level.ACTIVE)
            quiet.append(regular)
            away = add_member(community)
            ThreadFactory(community=community, author=away.user)
            back.append(away)
    for n, away in enumerate(back):
        ThreadFactory(community=community, author=away.user, members_only=n % 2 == 1)
    for n, person in enumerate(world["people"]):
        membership = community.memberships.get(user=person)
        level(membership, Level.OCCASIONAL)
        if n % 3 == 0:
            level(membership, Level.PERIPHERAL)
    return world | {"quiet": quiet, "back": back}
