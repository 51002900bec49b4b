"""Every figure on the dashboard is the length of the list it links to, as its reader sees it."""

import pytest
from django.urls import reverse

from tests.figures.conftest import build_world
from tests.figures.follow import assert_figures_lead_to_their_lists, figures, follow


def dashboard(community) -> str:
    return reverse("insights:dashboard", kwargs={"slug": community.slug})


@pytest.mark.parametrize("size", [4, 13])
def test_every_dashboard_figure_equals_its_list(client, community, sponsor_of, size):
    build_world(community, size)
    client.force_login(sponsor_of(community))
    found = assert_figures_lead_to_their_lists(client, dashboard(community))
    kinds = {figure.href.split("?")[1].split("=")[0] for figure in found}
    assert {"contributed", "newcomers", "evident", "waiting", "reused", "kind"} <= kinds


def test_a_contributor_who_left_is_counted_and_named_as_one_more(client, community, sponsor_of):
    build_world(community, 4)
    client.force_login(sponsor_of(community))
    page = client.get(dashboard(community)).content.decode()
    contributed = next(f for f in figures(page) if "contributed=1" in f.href)
    listed = follow(client, contributed, dashboard(community))
    assert listed.more == 1 and listed.rows == contributed.count - 1


def test_the_gardener_sees_the_same_figures_lead_to_the_same_lists(client, community, gardener):
    build_world(community, 4)
    client.force_login(gardener)
    assert_figures_lead_to_their_lists(client, dashboard(community))


def test_value_stories_headline_agrees_with_the_table(client, community, sponsor_of):
    build_world(community, 6)
    client.force_login(sponsor_of(community))
    found = figures(client.get(dashboard(community)).content.decode())
    headline = next(f for f in found if "kind=" not in f.href and "/stories/" in f.href)
    by_kind = [f for f in found if "kind=" in f.href]
    assert headline.count == sum(f.count for f in by_kind) > 0


@pytest.mark.parametrize("size", [4, 13])
def test_the_members_pyramid_counts_lead_to_the_members_at_each_level(client, community, size):
    people = build_world(community, size)["people"]
    client.force_login(people[0])
    url = reverse("communities:members", kwargs={"slug": community.slug})
    found = assert_figures_lead_to_their_lists(client, url)
    assert all("role=member" in figure.href for figure in found)
