"""The dashboard's people panels on a hand-built ledger and membership history."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.models import Activity, MembershipChange
from core.period import parse_period
from core.vocabulary import Verb
from insights.dashboard import people
from insights.services.knowledge import raise_gap, update_gap
from participation.rules import POINTS_BY_KIND
from tests.factories import add_member

pytestmark = pytest.mark.django_db


def level_change(membership, old, new, days_ago):
    change = MembershipChange.of(
        membership, field="level", old_value=old, new_value=new, cause="computed"
    )
    change.save()
    MembershipChange.objects.filter(pk=change.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )


def test_flow_matrix_counts_moves_between_levels(community):
    one, two, three = (add_member(community) for _ in range(3))
    level_change(one, "peripheral", "occasional", 10)
    level_change(two, "peripheral", "occasional", 5)
    level_change(three, "active", "core", 3)
    level_change(three, "occasional", "active", 200)  # before the period
    flow = people.flow_matrix(community, parse_period(None, None))
    assert flow["total"] == 3
    assert flow["columns"] == ["Occasional", "Core"]
    rows = {row["label"]: [cell["n"] for cell in row["cells"]] for row in flow["rows"]}
    assert rows == {"Peripheral": [2, 0], "Active": [0, 1]}
    assert flow["rows"][0]["cells"][0]["query"] == "from=peripheral&to=occasional"


def test_the_same_move_twice_counts_one_person(community):
    one = add_member(community)
    level_change(one, "peripheral", "occasional", 10)
    level_change(one, "occasional", "peripheral", 8)
    level_change(one, "peripheral", "occasional", 5)
    flow = people.flow_matrix(community, parse_period(None, None))
    cells = {row["label"]: [cell["n"] for cell in row["cells"]] for row in flow["rows"]}
    assert cells == {"Peripheral": [0, 1], "Occasional": [1, 0]}


def test_concentration_and_half_the_work(community, ledger):
    members = [add_member(community).user for _ in range(10)]
    for _ in range(11):
        ledger(members[0], Verb.REPLIED, 2)
    for person in members[1:]:
        ledger(person, Verb.REPLIED, 3)
    found = people.concentration(community, parse_period(None, None))
    # 20 contributions by 10 people: the top one (10 %) made 11 of them.
    assert found == {"contributors": 10, "top": 1, "top_share": 55, "half": 1}


def test_concentration_of_an_empty_period(community):
    found = people.concentration(community, parse_period(None, None))
    assert found["contributors"] == 0 and found["top_share"] is None


def test_who_answers_ranks_accepted_answers_and_replies(community, ledger):
    ann, bo, gone = (add_member(community).user for _ in range(3))
    for _ in range(2):
        ledger(ann, Verb.ANSWER_ACCEPTED, 4)
    ledger(gone, Verb.ANSWER_ACCEPTED, 4)
    for _ in range(3):
        ledger(bo, Verb.REPLIED, 4)
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    found = people.who_answers(community, parse_period(None, None))
    assert [(p["username"], p["count"]) for p in found["accepted"]] == [
        (ann.username, 2),
        (gone.username, 1),
    ]
    assert [p["linked"] for p in found["accepted"]] == [True, False]
    assert [p["username"] for p in found["replies"]] == [bo.username]


def test_lost_regulars_and_people_back(community, ledger):
    regular, quiet_regular, returner, steady = (add_member(community) for _ in range(4))
    for membership in (regular, quiet_regular):
        level_change(membership, "occasional", "active", 120)
    ledger(regular.user, Verb.REPLIED, 10)
    # Came back: something 200 days ago, nothing in the 90 days before the period, then a reply.
    ledger(returner.user, Verb.REPLIED, 200)
    ledger(returner.user, Verb.REPLIED, 5)
    ledger(steady.user, Verb.REPLIED, 100)
    ledger(steady.user, Verb.REPLIED, 5)
    found = people.lost_and_back(community, parse_period(None, None))
    assert [p["username"] for p in found["lost"]] == [quiet_regular.user.username]
    assert found["lost_count"] == 1
    assert [p["username"] for p in found["back"]] == [returner.user.username]
    assert found["back_count"] == 1


def test_the_page_shows_the_people_panels(client, community, gardener, ledger):
    member = add_member(community).user
    ledger(member, Verb.ANSWER_ACCEPTED, 2)
    client.force_login(gardener)
    page = client.get(reverse("insights:dashboard", kwargs={"slug": community.slug}))
    html = page.content.decode()
    for heading in ("Who does the work", "How people moved", "went quiet", "came back"):
        assert heading in html
    assert reverse("profile", kwargs={"username": member.username}) in html


def test_filling_a_gap_earns_points_once(community, gardener):
    gap = raise_gap(author=gardener, community=community, title="Rural cases")
    update_gap(actor=gardener, gap=gap, status="filled", filled_by=f"/c/{community.slug}/")
    update_gap(actor=gardener, gap=gap, status="open")
    update_gap(actor=gardener, gap=gap, status="filled", filled_by=f"/c/{community.slug}/")
    rows = Activity.objects.filter(community=community, verb=Verb.GAP_FILLED)
    assert rows.count() == 1 and rows.get().actor == gardener
    assert POINTS_BY_KIND[Verb.GAP_FILLED].points > 0
    assert POINTS_BY_KIND[Verb.MEETING_HOSTED].points > 0
