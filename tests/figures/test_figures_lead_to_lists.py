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
    # The asset reuse table: each asset's uses lead to that asset's rows alone.
    per_asset = [f for f in found if "verb=asset_used&asset=" in f.href]
    assert len(per_asset) == 2 and all(f.count == 1 for f in per_asset)


def test_a_contributor_who_left_is_counted_and_named_as_one_more(client, community, sponsor_of):
    build_world(community, 4)
    client.force_login(sponsor_of(community))
    page = client.get(dashboard(community)).content.decode()
    contributed = next(f for f in figures(page) if "members/?contributed=1" in f.href)
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


def test_an_i_used_this_story_is_a_value_story_on_the_page_and_in_the_figures(
    client, community, sponsor_of
):
    from assets import services as assets
    from insights.models import ValueStory
    from tests.assets.conftest import publish_document
    from tests.factories import add_member

    author, reader = add_member(community).user, add_member(community).user
    guide = publish_document(author, community, title="Reading ladder")
    assets.report_use(user=reader, asset=guide, story="Our tutors plan together now.")
    story = ValueStory.objects.get(community=community)
    assert story.link == guide.get_absolute_url() and "Reading ladder" in story.what_happened
    client.force_login(sponsor_of(community))
    stories_page = client.get(reverse("insights:stories", kwargs={"slug": community.slug}))
    assert "Our tutors plan together now." in stories_page.content.decode()
    found = figures(client.get(dashboard(community)).content.decode())
    headline = next(f for f in found if "kind=" not in f.href and "/stories/" in f.href)
    assert headline.count == 1
    assert next(f for f in found if "kind=applied" in f.href).count == 1


def test_a_story_about_a_members_only_asset_is_one_more_outsiders_cannot_see(
    client, community, sponsor_of
):
    from assets import services as assets
    from tests.assets.conftest import publish_document
    from tests.factories import add_member

    author, reader = add_member(community).user, add_member(community).user
    private = publish_document(author, community, title="Our rota", visibility="members")
    assets.report_use(user=reader, asset=private, story="We swapped shifts without a meeting.")
    client.force_login(sponsor_of(community))
    page = client.get(dashboard(community)).content.decode()
    headline = next(f for f in figures(page) if "kind=" not in f.href and "/stories/" in f.href)
    client.logout()
    listed = follow(client, headline, dashboard(community))
    assert (listed.rows, listed.more) == (0, 1)
    outsider_page = client.get(reverse("insights:stories", kwargs={"slug": community.slug}))
    assert "Our rota" not in outsider_page.content.decode()


@pytest.mark.usefixtures("page_cache_off")
@pytest.mark.parametrize("size", [4, 13])
def test_the_home_page_level_counts_lead_to_everyone_at_that_level(client, community, size):
    people = build_world(community, size)["people"]
    client.force_login(people[0])
    found = assert_figures_lead_to_their_lists(client, community.get_absolute_url())
    assert sum(f.count for f in found) == community.memberships.count()


@pytest.mark.parametrize("size", [4, 13])
def test_the_knowledge_map_counts_lead_to_the_threads_and_assets(client, community, size):
    people = build_world(community, size)["people"]
    url = reverse("insights:knowledge", kwargs={"slug": community.slug})
    # A reader from outside sees the public ones and how many more members can open.
    found = assert_figures_lead_to_their_lists(client, url)
    assert any(f.count for f in found)
    client.force_login(people[0])
    assert_figures_lead_to_their_lists(client, url)


def test_an_asset_filter_that_is_not_a_number_says_so(client, community, sponsor_of):
    build_world(community, 4)
    client.force_login(sponsor_of(community))
    url = reverse("communities:activity", kwargs={"slug": community.slug})
    for bad in ("abc", str(2**70)):
        page = client.get(f"{url}?verb=asset_used&asset={bad}")
        assert page.status_code == 200
        assert "must be the number of an asset" in page.content.decode()
