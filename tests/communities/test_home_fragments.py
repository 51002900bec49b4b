"""The community home's recent activity is kept rendered, yet shows each change at once and
never shows one kind of viewer what only another may read."""

import pytest

from communities import services
from communities.ledger.record import record_activity
from communities.models.choices import Role
from core.vocabulary import Target, Verb
from tests.factories import UserFactory, add_member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


def _record(community, actor, title, *, is_public):
    return record_activity(
        community=community,
        actor=actor,
        verb=Verb.VALUE_STORY,
        target_type=Target.VALUE_STORY,
        target_id=10_000,
        title=title,
        is_public=is_public,
    )


def test_new_activity_shows_at_once_on_a_kept_home(make_community, client):
    community, gardener = make_community(visibility="public")
    url = f"/c/{community.slug}/"
    client.force_login(add_member(community).user)
    client.get(url)  # keeps the fragment
    _record(community, gardener, "A story told just now", is_public=True)
    assert "A story told just now" in client.get(url).content.decode()


def test_members_only_activity_is_never_served_to_outsiders(make_community, client):
    community, gardener = make_community(visibility="public")
    _record(community, gardener, "Members-only story", is_public=False)
    url = f"/c/{community.slug}/"
    client.force_login(add_member(community).user)
    assert "Members-only story" in client.get(url).content.decode()

    client.force_login(UserFactory())
    assert "Members-only story" not in client.get(url).content.decode()
    client.logout()
    assert "Members-only story" not in client.get(url).content.decode()


def test_a_new_gardener_and_a_new_member_show_at_once_on_a_kept_home(make_community, client):
    community, gardener = make_community(visibility="public", join_policy="open")
    url = f"/c/{community.slug}/"
    assert client.get(url).context["levels"]  # keeps the side column
    newcomer = UserFactory(display_name="Newly Made Gardener")
    membership = services.join_community(user=newcomer, community=community)
    services.set_member_role(actor=gardener, membership=membership, role=Role.GARDENER)

    page = client.get(url).content.decode()
    assert "Newly Made Gardener" in page
    assert f'data-count="{community.memberships.count()}"' in page  # all at one level
