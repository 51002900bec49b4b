"""The proposal list and page cost a fixed number of queries, whatever the number of rows."""

import pytest
from django.urls import reverse

from proposals import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _proposals(count: int, people) -> None:
    for n in range(count):
        proposal = services.propose_community(
            proposer=people[n % len(people)],
            title=f"Proposal number {n}",
            domain="A domain",
            audience="Everyone",
        )
        for m, person in enumerate(people):
            if person.pk != proposal.proposer_id:
                services.support_proposal(
                    user=person, proposal=proposal, role="help" if m % 2 else "join"
                )


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("sort", ["newest", "supported"])
def test_the_list_costs_the_same_at_two_sizes(
    client, django_assert_max_num_queries, signed_in, sort
):
    people = [UserFactory() for _ in range(4)]
    if signed_in:
        client.force_login(people[0])
    url = reverse("proposals:list") + f"?sort={sort}"
    _proposals(2, people)
    client.get(url)  # warm: sessions, content types
    with django_assert_max_num_queries(6) as few:
        assert client.get(url).status_code == 200
    _proposals(18, people)
    with django_assert_max_num_queries(len(few)) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert response.text.count('class="card community-card"') == 20
    assert len(many) == len(few)


def test_a_proposal_page_costs_the_same_with_many_supporters(
    client, django_assert_max_num_queries
):
    proposer = UserFactory()
    proposal = services.propose_community(
        proposer=proposer, title="Readers", domain="Books", audience="All"
    )
    viewer = UserFactory()
    client.force_login(viewer)
    url = proposal.get_absolute_url()

    def support(count: int) -> None:
        for n in range(count):
            services.support_proposal(
                user=UserFactory(), proposal=proposal, role="help" if n % 2 else "join"
            )

    support(2)
    client.get(url)
    with django_assert_max_num_queries(6) as few:
        assert client.get(url).status_code == 200
    support(25)
    with django_assert_max_num_queries(len(few)) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_the_community_panel_costs_one_query(client, django_assert_num_queries):
    from proposals.panels import community_panels

    proposer = UserFactory()
    proposal = services.propose_community(
        proposer=proposer, title="Readers", domain="Books", audience="All"
    )
    community = services.launch_proposal(
        actor=proposer, proposal=proposal, name="Readers", slug="readers"
    )
    with django_assert_num_queries(1):
        [panel] = community_panels(community=community)
    assert panel.context["proposal"].pk == proposal.pk
