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
