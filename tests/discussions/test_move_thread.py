import pytest

from communities.models import Activity, LedgerThread
from core.errors import ActionError
from core.vocabulary import Target
from discussions import moderation
from discussions.models import CommunityBehaviour, ModerationAction
from tests.factories import CommunityFactory, ThreadFactory, UserFactory, add_member, add_replies

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere(gardener):
    return CommunityFactory(creator=gardener)


def test_a_gardener_moves_a_thread_with_its_ledger(thread, answerer, gardener, elsewhere):
    reply = add_replies(thread, 1, authors=[answerer])[0]

    moderation.move_thread(actor=gardener, thread=thread, to=elsewhere)

    thread.refresh_from_db()
    assert thread.community == elsewhere
    assert Activity.objects.get(target_type=Target.POST, target_id=reply.pk).community == elsewhere
    assert (
        Activity.objects.get(target_type=Target.THREAD, target_id=thread.pk).community == elsewhere
    )
    assert ModerationAction.objects.filter(kind="move").count() == 2  # logged on both sides


def test_only_to_communities_the_gardener_gardens(thread, gardener):
    other = CommunityFactory()
    add_member(other, gardener)

    with pytest.raises(ActionError, match="communities you garden"):
        moderation.move_thread(actor=gardener, thread=thread, to=other)


def test_members_cannot_move(thread, asker, elsewhere):
    with pytest.raises(ActionError):
        moderation.move_thread(actor=asker, thread=thread, to=elsewhere)


def test_behaviours_not_switched_on_there_are_dropped(community, gardener, elsewhere):
    from discussions.models import Behaviour

    extra = Behaviour.objects.get(code="growing-confidence")
    CommunityBehaviour.objects.create(community=community, behaviour=extra)
    both = ThreadFactory(community=community, behaviour_codes=["growing-confidence", "visits"])
    only_extra = ThreadFactory(community=community, behaviour_codes=["growing-confidence"])

    moderation.move_thread(actor=gardener, thread=both, to=elsewhere)
    assert [b.code for b in both.behaviours.all()] == ["visits"]
    with pytest.raises(ActionError, match="switched on there"):
        moderation.move_thread(actor=gardener, thread=only_extra, to=elsewhere)


def test_moving_through_the_page(thread, gardener, elsewhere, client):
    client.force_login(gardener)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Move thread" in page

    response = client.post(f"{thread.get_absolute_url()}move/", {"to": elsewhere.slug})

    thread.refresh_from_db()
    assert response.status_code == 302
    assert response.url == thread.get_absolute_url()
    assert thread.community == elsewhere


def test_an_unknown_target_is_refused_without_change(thread, community, gardener, client):
    client.force_login(gardener)
    client.post(f"{thread.get_absolute_url()}move/", {"to": "no-such-place"})
    thread.refresh_from_db()
    assert thread.community == community


def test_a_moved_thread_stays_one_thread_in_the_rollups(thread, answerer, gardener, elsewhere):
    add_replies(thread, 1, authors=[answerer])
    moderation.move_thread(actor=gardener, thread=thread, to=elsewhere)
    add_member(elsewhere, answerer)
    add_replies(thread, 1, authors=[answerer])  # a reply after the move, at the new address

    rolled = LedgerThread.objects.get(thread_id=thread.pk)
    assert rolled.community == elsewhere and rolled.title == thread.title
    assert LedgerThread.objects.count() == 1
    rows = Activity.objects.filter(thread_id=thread.pk)
    assert rows.count() == 3 and {r.community_id for r in rows} == {elsewhere.pk}


def test_the_old_address_leads_to_the_new_one(thread, gardener, elsewhere, client, community):
    old = thread.get_absolute_url()
    moderation.move_thread(actor=gardener, thread=thread, to=elsewhere)
    thread.refresh_from_db()

    client.force_login(gardener)
    response = client.get(f"{old}?post=1")
    assert response.status_code == 301
    assert response["Location"] == f"{thread.get_absolute_url()}?post=1"
    # Only the address it left leads on; any other community's slug is not found.
    other = CommunityFactory(creator=gardener)
    assert client.get(old.replace(community.slug, other.slug)).status_code == 404


def test_the_old_address_is_not_found_for_who_may_not_read_it(thread, gardener, client):
    private = CommunityFactory(creator=gardener, visibility="private")
    old = thread.get_absolute_url()
    moderation.move_thread(actor=gardener, thread=thread, to=private)

    assert client.get(old).status_code == 404  # anonymous: the thread is private now
    client.force_login(UserFactory())
    assert client.get(old).status_code == 404
    client.force_login(gardener)
    assert client.get(old).status_code == 301
