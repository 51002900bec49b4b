"""The dashboard's people and activity figures lead to the members and ledger rows they count."""

import pytest
from django.urls import reverse

from tests.figures.conftest import build_history
from tests.figures.follow import assert_figures_lead_to_their_lists, figures, follow

NEW_FIGURES = (
    "moved=inward",
    "moved=outward",
    "from=",
    "quiet=1",
    "back=1",
    "activity/?contributed=1",
)


def dashboard(community) -> str:
    return reverse("insights:dashboard", kwargs={"slug": community.slug})


@pytest.mark.parametrize("size", [3, 8])
def test_moves_quiet_regulars_and_returns_equal_their_lists(client, community, sponsor_of, size):
    build_history(community, size)
    client.force_login(sponsor_of(community))
    found = assert_figures_lead_to_their_lists(client, dashboard(community))
    for wanted in NEW_FIGURES:
        assert any(wanted in f.href and f.count for f in found), wanted
    by_href = {f.href.split("?")[1].split("&start")[0]: f.count for f in found}
    assert by_href["quiet=1"] == by_href["back=1"] == size


def test_who_answers_and_the_weekly_tables_lead_to_their_rows(client, community, gardener):
    build_history(community, 4)
    client.force_login(gardener)
    found = assert_figures_lead_to_their_lists(client, dashboard(community))
    replies = [f for f in found if "verb=replied&actor=" in f.href]
    assert replies and all(f.count for f in replies)
    contributions = [f for f in found if "activity/?contributed=1&start" in f.href]
    # The headline comes first; the weeks, which split the period, add up to it.
    headline, weeks = contributions[0], contributions[1:]
    assert headline.count == sum(f.count for f in weeks) > 0


def test_members_only_contributions_are_more_an_outsider_cannot_see(client, community, sponsor_of):
    build_history(community, 4)
    client.force_login(sponsor_of(community))
    page = client.get(dashboard(community)).content.decode()
    total = next(f for f in figures(page) if "activity/?contributed=1" in f.href)
    client.logout()
    listed = follow(client, total, dashboard(community))
    assert listed.more > 0 and listed.rows + listed.more == total.count


def test_the_health_table_counts_lead_to_their_lists(client, community, sponsor_of):
    build_history(community, 4)
    client.force_login(sponsor_of(community))
    found = assert_figures_lead_to_their_lists(client, dashboard(community))
    hrefs = [f.href.split("?")[1] for f in found]
    for wanted in (
        "evident=visits",
        "verb=asset_adapted",
        "public=1",
        "public=0",
        "held=1",
        "verb=asset_used",
        "role=sponsor",
    ):
        assert any(wanted in href for href in hrefs), wanted
    public = next(f for f in found if "public=1" in f.href)
    private = next(f for f in found if "public=0" in f.href)
    total = next(f for f in found if "activity/?contributed=1&start" in f.href)
    assert public.count + private.count == total.count


def test_a_private_communitys_activity_is_not_found_by_outsiders(client, community, gardener):
    from communities.models.choices import Visibility
    from tests.factories import UserFactory

    build_history(community, 3)
    community.visibility = Visibility.PRIVATE
    community.save(update_fields=["visibility"])
    url = reverse("communities:activity", kwargs={"slug": community.slug})
    assert client.get(url + "?contributed=1").status_code == 404
    client.force_login(UserFactory())
    assert client.get(url + "?verb=replied").status_code == 404
    client.force_login(gardener)
    assert client.get(url + "?verb=replied").status_code == 200
