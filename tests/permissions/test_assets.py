"""The assets policy, viewer by asset: open, publish, add a version, adapt, and where to."""

import pytest

from assets import selectors
from assets.permissions import assets
from communities.standing import EveryMember
from tests.permissions.conftest import (
    MEMBERS,
    POSTERS,
    SIGNED_IN,
    VIEWERS,
    VISIBILITIES,
    cells,
    sign_in,
)

ASSETS = ["public", "public-members-only", "unlisted", "private"]


def opens_asset(who: str, key: str) -> bool:
    """Members open everything in their library; anyone a public asset of a public one."""
    return who in MEMBERS or key == "public"


def versions_asset(who: str, key: str) -> bool:
    """The author (the member shared them all) and gardeners, never while silenced."""
    return opens_asset(who, key) and who in {"member", "gardener"}


@pytest.mark.parametrize(("who", "key"), cells(ASSETS))
def test_view_and_the_queryset_agree(fresh, who, key):
    user, asset = fresh.viewer(who), fresh.assets[key]

    allowed = assets.can_view(user, asset)

    assert allowed is opens_asset(who, key)
    assert assets.visible(user).filter(pk=asset.pk).exists() is allowed


@pytest.mark.parametrize(("who", "key"), cells(ASSETS))
def test_what_a_viewer_may_do_with_an_asset(fresh, who, key):
    user, asset = fresh.viewer(who), fresh.assets[key]
    opens = opens_asset(who, key)

    assert assets.can_add_version(user, asset) is versions_asset(who, key)
    assert assets.can_adapt(user, asset) is (opens and who in SIGNED_IN)
    assert assets.can_report_use(user, asset) is (opens and who in SIGNED_IN)
    for community in fresh.communities.values():
        assert assets.can_adapt_into(user, asset, community) is (opens and who in POSTERS)


@pytest.mark.parametrize(("who", "visibility"), cells(VISIBILITIES))
def test_publishing_and_the_adaptation_targets_agree(fresh, who, visibility):
    user, community = fresh.viewer(who), fresh.communities[visibility]

    allowed = assets.can_publish(user, community)

    assert allowed is (who in POSTERS)  # a silenced member may not, until it is lifted
    assert selectors.adapt_targets(user).filter(pk=community.pk).exists() is allowed


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_digests_read_what_every_plain_member_may_open(fresh, visibility):
    community = fresh.communities[visibility]
    member = fresh.viewer("member")

    for_members = set(assets.visible(EveryMember(community)).filter(community=community))

    assert for_members == {a for a in community.assets.all() if assets.can_view(member, a)}


def _expected(who: str, key: str, allowed: bool, *, sign_in_first: bool) -> int:
    if who == "stranger" and sign_in_first:
        return 302
    if not opens_asset(who, key):
        return 404
    return 200 if allowed else 403


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize("key", ASSETS)
def test_the_asset_pages_answer_200_403_or_404(fresh, client, who, key):
    sign_in(client, fresh, who)
    asset = fresh.assets[key]
    url = asset.get_absolute_url()

    assert client.get(url).status_code == _expected(who, key, True, sign_in_first=False)
    assert client.get(f"{url}versions/new/").status_code == _expected(
        who, key, versions_asset(who, key), sign_in_first=True
    )
