"""Marking a post helpful: once per member, not your own, counted, recorded, reversible."""

import pytest

from communities.models import Activity
from core.errors import ActionError
from core.vocabulary import Verb
from discussions import services
from discussions.models import Post, Reaction
from tests.factories import UserFactory, add_member, add_replies

pytestmark = pytest.mark.django_db


@pytest.fixture
def reply(thread, answerer):
    return add_replies(thread, 1, authors=[answerer])[0]


def test_marking_counts_and_records(reply, asker):
    assert services.toggle_helpful(member=asker, post=reply) is True

    assert Post.objects.get(pk=reply.pk).helpful_count == 1
    activity = Activity.objects.get(verb=Verb.MARKED_HELPFUL)
    assert (activity.actor, activity.target_id, activity.is_public) == (asker, reply.pk, False)


def test_marking_again_takes_it_back(reply, asker):
    services.toggle_helpful(member=asker, post=reply)

    assert services.toggle_helpful(member=asker, post=reply) is False

    assert Post.objects.get(pk=reply.pk).helpful_count == 0
    assert not Reaction.objects.exists()
    assert not Activity.objects.filter(verb=Verb.MARKED_HELPFUL).exists()


def test_not_your_own_post(reply, answerer):
    with pytest.raises(ActionError, match="your own post"):
        services.toggle_helpful(member=answerer, post=reply)


def test_not_from_outside(reply):
    with pytest.raises(ActionError):
        services.toggle_helpful(member=UserFactory(), post=reply)
    assert not Reaction.objects.exists()


def test_the_button_on_the_page(thread, reply, asker, client):
    client.force_login(asker)
    url = f"{thread.get_absolute_url()}posts/{reply.number}/helpful/"

    response = client.post(url)

    assert response.status_code == 302
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "You found this helpful" in page
    assert 'aria-pressed="true"' in page


def test_get_is_not_allowed(thread, reply, asker, client):
    client.force_login(asker)
    response = client.get(f"{thread.get_absolute_url()}posts/{reply.number}/helpful/")
    assert response.status_code == 405


def test_the_author_receives_the_mark_in_the_ledger_and_loses_it_when_taken_back(
    reply, asker, answerer, thread
):
    other = add_member(thread.community).user
    services.toggle_helpful(member=asker, post=reply)
    services.toggle_helpful(member=other, post=reply)

    received = Activity.objects.filter(verb=Verb.HELPFUL_RECEIVED, target_id=reply.pk)
    assert [(a.actor, a.is_public) for a in received] == [(answerer, False)] * 2
    assert received.first().behaviour_codes == ["problem-solving"]

    services.toggle_helpful(member=asker, post=reply)

    assert received.all().count() == 1  # .all(): a fresh query, not the cached rows
