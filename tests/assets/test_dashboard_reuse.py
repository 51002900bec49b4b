"""The dashboard's "reuse beyond this community" panel, fed by the assets app."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assets import services
from assets.models import Asset
from communities.models.choices import Role
from tests.assets.conftest import publish_document
from tests.factories import CommunityFactory, add_member

pytestmark = pytest.mark.django_db


def dashboard(community, **query):
    return reverse("insights:dashboard", kwargs={"slug": community.slug}), query


@pytest.fixture
def spread():
    """An asset of ours adapted into a public community and into a private one."""
    ours = CommunityFactory(name="Maths teachers")
    public = CommunityFactory(name="Science teachers")
    private = CommunityFactory(name="Secret staffroom", visibility="private", join_policy="invite")
    author = add_member(ours).user
    asset = publish_document(author, ours, title="Peer observation guide", visibility="public")
    adapter = add_member(ours).user
    add_member(public, adapter)
    services.adapt_asset(user=adapter, asset=asset, community=public, title="Guide for labs")
    insider = add_member(ours).user
    add_member(private, insider)
    services.adapt_asset(user=insider, asset=asset, community=private, title="Hidden copy")
    sponsor = add_member(ours, role=Role.SPONSOR).user
    return {"ours": ours, "public": public, "private": private, "sponsor": sponsor}


def test_sponsor_sees_where_our_assets_travelled_without_private_names(client, spread):
    client.force_login(spread["sponsor"])
    path, query = dashboard(spread["ours"])
    page = client.get(path, query).content.decode()
    assert "Reuse beyond this community" in page
    assert "Guide for labs" in page and "Science teachers" in page
    # Counted, never named: the private community and its copy stay out of the page.
    assert "Secret staffroom" not in page and "Hidden copy" not in page
    assert "1 more adaptation is in a community you cannot see" in page.replace(
        "One more", "1 more"
    )


def test_receiving_community_counts_what_it_brought_in(client, spread):
    gardener = spread["public"].memberships.get(role=Role.GARDENER).user
    client.force_login(gardener)
    path, query = dashboard(spread["public"])
    response = client.get(path, query)
    figures = response.context["panels"][0].context["beyond"]
    assert (figures["adaptations"], figures["brought_in"]) == (0, 1)


def test_only_adaptations_made_in_the_period_count(client, spread):
    Asset.objects.filter(title="Guide for labs").update(
        created_at=timezone.now() - timedelta(days=200)
    )
    client.force_login(spread["sponsor"])
    path, query = dashboard(spread["ours"])
    figures = client.get(path, query).context["panels"][0].context["beyond"]
    assert (figures["adaptations"], figures["communities"], figures["unlisted"]) == (1, 1, 1)
    start = (timezone.now() - timedelta(days=300)).date().isoformat()
    end = timezone.now().date().isoformat()
    wide = client.get(path, {"start": start, "end": end}).context["panels"][0].context["beyond"]
    assert (wide["adaptations"], wide["communities"]) == (2, 2)


def test_no_crossings_says_so(client):
    lonely = CommunityFactory()
    gardener = lonely.memberships.get(role=Role.GARDENER).user
    client.force_login(gardener)
    path, query = dashboard(lonely)
    assert b"No asset crossed into or out of this community" in client.get(path, query).content


def test_members_only_copy_in_a_public_community_is_counted_not_named(client):
    ours = CommunityFactory()
    other = CommunityFactory(name="Open neighbours")
    author = add_member(ours).user
    asset = publish_document(author, ours, title="Members-only plan")  # members only
    adapter = add_member(ours).user
    add_member(other, adapter)
    services.adapt_asset(user=adapter, asset=asset, community=other, title="Their private take")
    sponsor = add_member(ours, role=Role.SPONSOR).user
    client.force_login(sponsor)
    path, query = dashboard(ours)
    response = client.get(path, query)
    figures = response.context["panels"][0].context["beyond"]
    assert (figures["adaptations"], figures["unlisted"]) == (1, 1)
    assert b"Their private take" not in response.content
