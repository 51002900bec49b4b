"""The demo's dashboards: every figure leads to a list of exactly what it counted."""

import pytest
from django.urls import reverse

from communities.models import Community, Membership
from communities.models.choices import Role
from tests.figures.follow import assert_figures_lead_to_their_lists


@pytest.mark.parametrize("role", [Role.SPONSOR, Role.GARDENER])
def test_demo_dashboard_figures_equal_their_lists(demo_world, client, role):
    checked, kinds = 0, set()
    for community in Community.objects.order_by("slug"):
        membership = (
            Membership.objects.filter(community=community, role=role).select_related("user").first()
        )
        if membership is None:
            continue
        client.force_login(membership.user)
        url = reverse("insights:dashboard", kwargs={"slug": community.slug})
        found = assert_figures_lead_to_their_lists(client, url)
        checked += 1
        kinds |= {figure.href.split("?")[1].split("=")[0] for figure in found}
    assert checked
    assert {"contributed", "newcomers", "evident", "held", "reused", "kind", "level"} <= kinds
    assert {"moved", "quiet", "back", "verb", "planned", "recorded"} <= kinds


@pytest.mark.parametrize("page", ["communities:home", "insights:knowledge"])
def test_demo_home_and_knowledge_map_figures_equal_their_lists(demo_world, client, page):
    for community in Community.objects.order_by("slug"):
        membership = Membership.objects.filter(community=community).select_related("user").first()
        client.force_login(membership.user)
        assert_figures_lead_to_their_lists(client, reverse(page, kwargs={"slug": community.slug}))
