"""The launch checklist ticks itself from real data, for gardeners of young communities."""

from datetime import timedelta

import pytest
from django.utils import timezone

from communities import home_fragments
from communities.models.choices import Level, Role, Stage
from communities.services import community as community_services
from guidance import services
from guidance.checklist import checklist_applies, launch_checklist
from guidance.models import ChecklistDismissal
from rhythm.models import MeetingSeries
from tests.factories import ThreadFactory, add_member

pytestmark = pytest.mark.django_db


def _done(community) -> dict[str, bool]:
    return {entry.item.key: entry.done for entry in launch_checklist(community)}


def test_a_new_community_has_little_ticked(community):
    community.audience = ""
    community.ways_of_working = ""
    community.save()

    assert not any(_done(community).values())


def test_items_tick_as_the_community_does_them(community, gardener):
    community.audience = "Secondary maths teachers"
    community.ways_of_working = "We meet every other Tuesday"
    community.save()
    members = [add_member(community) for _ in range(4)]
    for membership in members[:2]:
        membership.level = Level.CORE
        membership.save()
    add_member(community, role=Role.SPONSOR)
    for code in ("problem-solving", "visits", "documentation-projects"):
        ThreadFactory(community=community, behaviour_codes=[code])
    start = timezone.now() + timedelta(days=7)
    MeetingSeries.objects.create(
        community=community, title="Launch", kind="launch", starts_at=start
    )
    MeetingSeries.objects.create(
        community=community, title="Fortnightly", starts_at=start, rrule="FREQ=WEEKLY;INTERVAL=2"
    )

    done = _done(community)

    assert done == {
        "domain": True,
        "people": True,
        "core": True,  # two core members and the gardener
        "launch": True,  # a launch event is scheduled
        "rhythm": True,  # and a repeating regular meeting
        "sponsor": True,
        "behaviours": True,
        "asset": False,  # nobody has shared an asset yet
    }


def test_a_one_off_regular_meeting_is_not_a_rhythm(community):
    start = timezone.now() + timedelta(days=7)
    MeetingSeries.objects.create(community=community, title="Once", starts_at=start)

    assert _done(community)["rhythm"] is False
    assert _done(community)["launch"] is False


def test_three_threads_of_one_kind_are_not_three_kinds(community):
    for _ in range(3):
        ThreadFactory(community=community, behaviour_codes=["problem-solving"])

    assert _done(community)["behaviours"] is False


def test_gardeners_see_it_on_the_home_page_and_members_do_not(community, gardener, member, client):
    client.force_login(gardener)
    assert "Launch checklist" in client.get(community.get_absolute_url()).content.decode()

    client.force_login(member)
    assert "Launch checklist" not in client.get(community.get_absolute_url()).content.decode()


def test_a_maturing_community_has_no_checklist(community, gardener, client):
    community.stage = Stage.MATURING
    community.save()
    client.force_login(gardener)

    assert "Launch checklist" not in client.get(community.get_absolute_url()).content.decode()


def test_dismissed_it_stays_away_until_the_stage_is_set_back(community, gardener, client):
    client.force_login(gardener)

    response = client.post(f"/c/{community.slug}/checklist/dismiss/")

    assert response.status_code == 302
    assert not checklist_applies(community)
    community_services.update_community(actor=gardener, community=community, stage=Stage.POTENTIAL)
    community.refresh_from_db()
    assert checklist_applies(community)
    assert "Launch checklist" in client.get(community.get_absolute_url()).content.decode()


def test_a_member_cannot_dismiss_it(community, member, client):
    client.force_login(member)

    client.post(f"/c/{community.slug}/checklist/dismiss/")

    assert not ChecklistDismissal.objects.exists()


def test_forged_dismissals_from_outside_get_404(make_community, outsider, client):
    private, _ = make_community(visibility="private", slug="hidden-circle")
    client.force_login(outsider)

    assert client.post("/c/hidden-circle/checklist/dismiss/").status_code == 404
    assert client.get("/c/hidden-circle/checklist/dismiss/").status_code == 405
    assert not ChecklistDismissal.objects.exists()
    with pytest.raises(Exception, match="No such community"):
        services.dismiss_checklist(actor=outsider, community=private)


def test_the_home_page_stays_constant_in_queries_with_the_checklist(
    community, gardener, client, django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr(home_fragments, "SECONDS", 0)  # its kept parts rendered each time
    client.force_login(gardener)
    ThreadFactory(community=community)  # activity of each kind, whose addresses are looked up
    client.get(community.get_absolute_url())
    with django_assert_max_num_queries(40) as small:
        client.get(community.get_absolute_url())
    for _ in range(20):
        add_member(community)
    for code in ("problem-solving", "visits", "documentation-projects", "reusing-assets"):
        ThreadFactory(community=community, behaviour_codes=[code])
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(community.get_absolute_url())
