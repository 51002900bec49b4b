"""The proposal pages: read signed out, act signed in, all without JavaScript."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from communities.models import Community, Membership
from proposals import services
from proposals.models import Proposal, Supporter
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_signed_out_visitors_read_the_list_and_a_proposal(client, make_proposal, helper):
    proposal = make_proposal(supporters=[(helper, "help")])
    withdrawn = make_proposal(title="Given up on")
    services.withdraw_proposal(actor=withdrawn.proposer, proposal=withdrawn)

    listing = client.get(reverse("proposals:list"))
    detail = client.get(proposal.get_absolute_url())

    assert listing.status_code == 200
    assert proposal.title in listing.text
    assert "Given up on" not in listing.text  # the list shows proposals still gathering
    assert "1 would help run it" in listing.text
    assert detail.status_code == 200
    assert "<em>choose</em>" in detail.text
    assert "Hana Helper" in detail.text
    assert "Sign in to say you would join" in detail.text


def test_the_list_orders_by_support_on_request(client, make_proposal, helper, joiner):
    make_proposal(title="Older and popular", supporters=[(helper, "join"), (joiner, "help")])
    make_proposal(title="Newest and quiet")

    newest = client.get(reverse("proposals:list")).text
    supported = client.get(reverse("proposals:list") + "?sort=supported").text

    assert newest.index("Newest and quiet") < newest.index("Older and popular")
    assert supported.index("Older and popular") < supported.index("Newest and quiet")


def test_a_member_proposes_a_community(client, proposer):
    client.force_login(proposer)
    response = client.post(
        reverse("proposals:new"),
        {
            "title": "Bridge inspectors' circle",
            "domain": "Sharing **field notes**.",
            "audience": "Inspectors",
            "why_now": "",
            "visibility": "public",
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response.url == proposal.get_absolute_url()
    assert proposal.proposer == proposer


def test_buttons_say_would_join_or_help_and_withdraw(client, proposal, helper):
    client.force_login(helper)
    url = reverse("proposals:support", kwargs={"proposal_id": proposal.pk})

    response = client.post(url, {"role": "help", "note": "I can host"}, follow=True)
    assert "Thank you: you would help run it." in response.text
    assert "You said you would help run it." in response.text
    assert Supporter.objects.get(user=helper).role == "help"

    client.post(url, {"role": "join"})
    assert Supporter.objects.get(user=helper).role == "join"

    unsupport = reverse("proposals:unsupport", kwargs={"proposal_id": proposal.pk})
    response = client.post(unsupport, follow=True)
    assert "Your support is withdrawn." in response.text
    assert not Supporter.objects.exists()


def test_the_proposer_edits_and_withdraws(client, proposal, proposer):
    client.force_login(proposer)
    edit = reverse("proposals:edit", kwargs={"proposal_id": proposal.pk})
    assert client.get(edit).status_code == 200
    response = client.post(
        edit,
        {
            "title": "Reading for fun",
            "domain": "Books",
            "audience": "Librarians",
            "why_now": "Now",
            "visibility": "private",
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.title, proposal.visibility) == ("Reading for fun", "private")

    client.post(reverse("proposals:withdraw", kwargs={"proposal_id": proposal.pk}))
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN


def test_the_proposer_launches_from_the_form(client, make_proposal, proposer, helper, joiner):
    proposal = make_proposal(supporters=[(helper, "help"), (joiner, "join")])
    client.force_login(proposer)
    url = reverse("proposals:launch", kwargs={"proposal_id": proposal.pk})

    form = client.get(url)
    assert form.status_code == 200
    assert 'value="reading-for-pleasure-network"' in form.text  # a free address to start from

    day = date.today() + timedelta(days=7)
    response = client.post(
        url,
        {
            "name": "Reading for pleasure",
            "slug": "reading-for-pleasure",
            "join_policy": "open",
            "day": day.isoformat(),
            "start_time": "17:00",
            "end_time": "18:00",
            "timezone": "Europe/London",
            "place": "The library",
            "online_url": "",
        },
        follow=True,
    )
    community = Community.objects.get(slug="reading-for-pleasure")
    assert response.redirect_chain[-1][0] == community.get_absolute_url()
    assert "is launched" in response.text
    assert community.meeting_series.get().kind == "launch"
    assert Membership.objects.filter(community=community).count() == 3


def test_the_community_home_links_back_to_its_proposal(
    client, make_proposal, proposer, helper, joiner
):
    proposal = make_proposal(supporters=[(helper, "help"), (joiner, "join")])
    community = services.launch_proposal(
        actor=proposer, proposal=proposal, name="Reading circle", slug="reading-circle"
    )

    home = client.get(community.get_absolute_url())

    assert "Stage: Coalescing" in home.text
    date_shown = proposal.created_at.strftime("%-d %B %Y")
    assert f"Proposed by Priya Proposer on {date_shown}, supported by 2 people." in home.text
    assert proposal.get_absolute_url() in home.text
    page = client.get(proposal.get_absolute_url())
    assert "Launched on" in page.text
    assert community.get_absolute_url() in page.text


def test_a_proposal_launched_into_a_private_community_answers_404_to_outsiders(
    client, make_proposal, proposer, joiner
):
    proposal = make_proposal(visibility="private", supporters=[(joiner, "join")])
    services.launch_proposal(
        actor=proposer, proposal=proposal, name="Quiet circle", slug="quiet-circle"
    )

    assert client.get(proposal.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(proposal.get_absolute_url()).status_code == 404
    client.force_login(joiner)
    assert client.get(proposal.get_absolute_url()).status_code == 200


def test_the_directory_and_the_help_page_lead_to_proposals(client):
    directory = client.get(reverse("communities:directory"))
    help_page = client.get(reverse("guidance:help_topic", kwargs={"topic": "starting-a-community"}))

    assert reverse("proposals:list") in directory.text
    assert reverse("proposals:list") in help_page.text


def test_launch_form_starts_a_private_community_as_invitation_only(client, db):
    proposer = UserFactory()
    proposal = Proposal.objects.create(
        title="Quiet circle", domain="Hard cases", proposer=proposer, visibility="private"
    )
    client.force_login(proposer)
    response = client.get(reverse("proposals:launch", kwargs={"proposal_id": proposal.pk}))
    assert response.context["form"].initial["join_policy"] == "invite"
