import pytest

from communities.ledger.record import record_activity
from communities.models import Activity
from tests.factories import CommunityFactory

pytestmark = pytest.mark.django_db


def test_public_community_feed_lists_public_activity_only(client):
    community = CommunityFactory(visibility="public")
    record_activity(
        community=community,
        actor=None,
        verb=Activity.Verb.THREAD_STARTED,
        title="Open question about marking",
    )
    record_activity(
        community=community,
        actor=None,
        verb=Activity.Verb.THREAD_STARTED,
        title="Members-only worry",
        is_public=False,
    )

    response = client.get(f"/c/{community.slug}/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "Open question about marking" in body
    assert "Members-only worry" not in body


@pytest.mark.parametrize("visibility", ["private", "unlisted"])
def test_hidden_communities_have_no_feed(client, visibility):
    community = CommunityFactory(visibility=visibility)
    record_activity(
        community=community, actor=None, verb=Activity.Verb.THREAD_STARTED, title="Secret"
    )

    response = client.get(f"/c/{community.slug}/feed/")

    assert response.status_code == 404
    assert b"Secret" not in response.content
