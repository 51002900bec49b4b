"""The behaviours are data: nine standard ones seeded, extras a community switches on."""

import pytest
from django.utils.html import escape

from core.errors import ActionError
from discussions import services
from discussions.models import Behaviour, CommunityBehaviour, Thread
from discussions.selectors import behaviours_for

pytestmark = pytest.mark.django_db

NINE = {
    "problem-solving",
    "requests-for-information",
    "seeking-experience",
    "reusing-assets",
    "coordination-and-synergy",
    "discussing-developments",
    "documentation-projects",
    "visits",
    "mapping-knowledge",
}


def _switch_on(community, code: str) -> None:
    CommunityBehaviour.objects.create(
        community=community, behaviour=Behaviour.objects.get(code=code)
    )


def test_the_migration_seeded_nine_standard_behaviours_and_one_extra():
    assert set(Behaviour.objects.filter(is_standard=True).values_list("code", flat=True)) == NINE
    extra = Behaviour.objects.get(is_standard=False)
    assert extra.code == "growing-confidence"
    assert Behaviour.objects.count() == 10
    for behaviour in Behaviour.objects.all():
        assert behaviour.name and behaviour.explanation and behaviour.example


def test_the_standard_behaviours_come_first_in_a_fixed_order():
    codes = list(Behaviour.objects.values_list("code", flat=True))
    assert codes[0] == "problem-solving"
    assert codes[-1] == "growing-confidence"


def test_only_problem_solving_and_requests_for_information_are_answerable():
    answerable = {b.code for b in Behaviour.objects.all() if b.is_answerable}
    assert answerable == {"problem-solving", "requests-for-information"}


def test_a_community_has_the_nine_until_it_switches_an_extra_on(community, make_community):
    other, _gardener = make_community()
    assert {b.code for b in behaviours_for(community)} == NINE

    _switch_on(community, "growing-confidence")

    assert {b.code for b in behaviours_for(community)} == NINE | {"growing-confidence"}
    assert {b.code for b in behaviours_for(other)} == NINE


def test_an_extra_behaviour_that_is_not_switched_on_is_refused(community, member):
    for codes in (["growing-confidence"], ["problem-solving", "growing-confidence"]):
        with pytest.raises(ActionError) as refused:
            services.create_thread(
                author=member,
                community=community,
                title="Dropping homework?",
                body="Talk me out of it.",
                behaviour_codes=codes,
            )
        assert refused.value.field == "behaviours"
    assert not Thread.objects.exists()


def test_an_extra_behaviour_that_is_switched_on_is_accepted(community, member):
    _switch_on(community, "growing-confidence")

    thread = services.create_thread(
        author=member,
        community=community,
        title="Dropping homework?",
        body="Talk me out of it.",
        behaviour_codes=["growing-confidence"],
    )

    assert [b.code for b in thread.behaviours.all()] == ["growing-confidence"]


def test_the_new_thread_form_offers_an_extra_only_where_it_is_switched_on(
    community, member, client
):
    client.force_login(member)
    extra = Behaviour.objects.get(code="growing-confidence")

    before = client.get(f"/c/{community.slug}/threads/new/").content.decode()
    _switch_on(community, "growing-confidence")
    after = client.get(f"/c/{community.slug}/threads/new/").content.decode()

    assert escape(extra.explanation) not in before
    assert 'id="behaviour-growing-confidence"' not in before
    assert escape(extra.explanation) in after
    assert 'id="behaviour-growing-confidence"' in after


def test_posting_an_extra_that_is_not_switched_on_through_the_form_is_refused(
    community, member, client
):
    client.force_login(member)
    extra = Behaviour.objects.get(code="growing-confidence")

    response = client.post(
        f"/c/{community.slug}/threads/new/",
        {"title": "Sneaky", "body": "Hi", "behaviours": [extra.pk]},
    )

    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert not Thread.objects.exists()
