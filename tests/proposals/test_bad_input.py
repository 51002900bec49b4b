"""Bad input gets a clear message and a 4xx, never a 500, and nothing is lost."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from communities.models import Community
from proposals import services
from proposals.models import TEXT_MAX, TITLE_MAX, Proposal, Supporter
from tests.factories import CommunityFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "title": "Reading for pleasure network",
    "domain": "Books",
    "audience": "Librarians",
    "why_now": "",
    "visibility": "public",
}


def _launch_url(proposal) -> str:
    return reverse("proposals:launch", kwargs={"proposal_id": proposal.pk})


def _launch_data(**overrides) -> dict:
    return {
        "name": "Reading for pleasure",
        "slug": "reading-for-pleasure",
        "join_policy": "open",
        "day": "",
        "start_time": "",
        "end_time": "",
        "timezone": "UTC",
        "place": "",
        "online_url": "",
        **overrides,
    }


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "This field is required."),
        ("title", "ab", "at least three characters"),
        ("title", "x" * (TITLE_MAX + 1), "at most 80 characters"),
        ("domain", "", "This field is required."),
        ("domain", "   ", "This field is required."),
        ("domain", "x" * (TEXT_MAX + 1), "at most 2000 characters"),
        ("audience", "", "This field is required."),
        ("why_now", "x" * (TEXT_MAX + 1), "at most 2000 characters"),
        ("visibility", "secret", "Select a valid choice."),
    ],
)
def test_a_proposal_with_bad_fields_is_refused_with_a_message(
    client, proposer, field, value, message
):
    client.force_login(proposer)
    response = client.post(reverse("proposals:new"), {**GOOD, field: value})

    assert response.status_code == 400
    assert message in response.text
    assert not Proposal.objects.exists()


def test_the_service_refuses_empty_and_too_long_text_too(proposer):
    from core.errors import ActionError

    with pytest.raises(ActionError, match="about") as refused:
        services.propose_community(proposer=proposer, title="Fine", domain="", audience="x")
    assert refused.value.field == "domain"
    with pytest.raises(ActionError, match="under 80") as refused:
        services.propose_community(proposer=proposer, title="x" * 81, domain="d", audience="a")
    assert refused.value.field == "title"


def test_signed_out_posts_go_to_the_login_page(client, proposal):
    for name in ("support", "unsupport", "withdraw", "launch", "edit"):
        url = reverse(f"proposals:{name}", kwargs={"proposal_id": proposal.pk})
        response = client.post(url, {"role": "join"})
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("account_login")), name
    response = client.post(reverse("proposals:new"), GOOD)
    assert response.url.startswith(reverse("account_login"))
    assert not Supporter.objects.exists()
    assert Proposal.objects.count() == 1


def test_a_taken_address_is_shown_on_the_launch_form(client, proposal, proposer):
    CommunityFactory(slug="reading-for-pleasure")
    client.force_login(proposer)

    response = client.post(_launch_url(proposal), _launch_data())

    assert response.status_code == 400
    assert "This web address is already taken." in response.text
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.GATHERING


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"slug": "Not A Slug"}, "Enter a valid"),
        ({"slug": ""}, "This field is required."),
        ({"slug": "proposals"}, "is reserved"),
        ({"name": "ab"}, "at least 3 characters"),
        ({"join_policy": "anyone"}, "Select a valid choice."),
        ({"day": (date.today() + timedelta(days=3)).isoformat()}, "or none of them"),
        ({"day": "not a date"}, "Enter a valid date."),
        (
            {
                "day": (date.today() + timedelta(days=3)).isoformat(),
                "start_time": "18:00",
                "end_time": "17:00",
            },
            "ends before it starts",
        ),
        (
            {
                "day": (date.today() - timedelta(days=3)).isoformat(),
                "start_time": "17:00",
                "end_time": "18:00",
            },
            "in the future",
        ),
        (
            {
                "day": (date.today() + timedelta(days=3)).isoformat(),
                "start_time": "17:00",
                "end_time": "18:00",
                "online_url": "javascript:alert(1)",
            },
            "starting with http:// or https://",
        ),
    ],
)
def test_a_bad_launch_form_is_refused_and_nothing_is_created(
    client, proposal, proposer, overrides, message
):
    client.force_login(proposer)

    response = client.post(_launch_url(proposal), _launch_data(**overrides))

    assert response.status_code == 400
    assert message in response.text
    assert not Community.objects.exists()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.GATHERING


def test_launching_someone_elses_proposal_is_forbidden(client, proposal, helper):
    client.force_login(helper)
    assert client.get(_launch_url(proposal)).status_code == 403
    assert client.post(_launch_url(proposal), _launch_data()).status_code == 403
    edit = reverse("proposals:edit", kwargs={"proposal_id": proposal.pk})
    assert client.post(edit, GOOD).status_code == 403
    withdraw = reverse("proposals:withdraw", kwargs={"proposal_id": proposal.pk})
    assert client.post(withdraw).status_code == 403
    assert not Community.objects.exists()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.GATHERING


def test_launching_twice_answers_409_and_keeps_one_community(client, proposal, proposer):
    client.force_login(proposer)
    first = client.post(_launch_url(proposal), _launch_data())
    second = client.post(_launch_url(proposal), _launch_data(slug="another-one"))

    assert first.status_code == 302
    assert second.status_code == 409
    assert "already been launched" in second.text
    assert Community.objects.count() == 1


@pytest.mark.parametrize("status", ["launched", "withdrawn"])
def test_supporting_a_closed_proposal_answers_409(client, proposal, proposer, helper, status):
    if status == "launched":
        services.launch_proposal(actor=proposer, proposal=proposal, name="Readers", slug="readers")
    else:
        services.withdraw_proposal(actor=proposer, proposal=proposal)
    client.force_login(helper)

    url = reverse("proposals:support", kwargs={"proposal_id": proposal.pk})
    response = client.post(url, {"role": "join"})

    assert response.status_code == 409
    assert ("already been launched" if status == "launched" else "was withdrawn") in response.text
    assert not Supporter.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"role": "boss"}, "Choose whether you would join or help run it."),
        ({}, "Choose whether you would join or help run it."),
        ({"role": "join", "note": "x" * 141}, "one line of 140 characters"),
        ({"role": "join", "note": "two\nlines"}, "one line"),
    ],
)
def test_bad_support_is_refused_with_a_message(client, proposal, helper, data, message):
    client.force_login(helper)
    url = reverse("proposals:support", kwargs={"proposal_id": proposal.pk})

    response = client.post(url, data)

    assert response.status_code == 400
    assert message in response.text
    assert not Supporter.objects.exists()


def test_the_proposer_supporting_their_own_proposal_gets_a_message(client, proposal, proposer):
    client.force_login(proposer)
    url = reverse("proposals:support", kwargs={"proposal_id": proposal.pk})
    response = client.post(url, {"role": "help"})
    assert response.status_code == 400
    assert "you will be its gardener" in response.text


def test_withdrawing_support_never_given_gets_a_message(client, proposal, helper):
    client.force_login(helper)
    url = reverse("proposals:unsupport", kwargs={"proposal_id": proposal.pk})
    response = client.post(url)
    assert response.status_code == 400
    assert "You have not supported this proposal." in response.text


def test_unknown_proposals_and_junk_pages_do_not_fail(client, proposal):
    assert client.get("/proposals/999999/").status_code == 404
    assert client.get(reverse("proposals:list") + "?page=zzz&sort=<x>").status_code == 200
    assert client.get(reverse("proposals:list") + "?page=99999").status_code == 200


def test_get_on_post_only_actions_is_refused(client, proposal, helper):
    client.force_login(helper)
    url = reverse("proposals:support", kwargs={"proposal_id": proposal.pk})
    assert client.get(url).status_code == 405


def test_a_withdrawn_proposal_cannot_be_edited_launched_or_withdrawn_again(
    client, proposal, proposer
):
    services.withdraw_proposal(actor=proposer, proposal=proposal)
    client.force_login(proposer)
    edit = reverse("proposals:edit", kwargs={"proposal_id": proposal.pk})
    withdraw = reverse("proposals:withdraw", kwargs={"proposal_id": proposal.pk})

    assert client.get(edit).status_code == 409
    assert client.post(edit, GOOD).status_code == 409
    response = client.get(_launch_url(proposal))
    assert response.status_code == 409
    assert "was withdrawn" in response.text
    assert client.post(withdraw).status_code == 409
    proposal.refresh_from_db()
    assert proposal.title == GOOD["title"]
    assert not Community.objects.exists()


def test_only_a_gardener_adds_members_directly(proposal, helper):
    from communities import services as community_services
    from core.errors import ActionError

    community = CommunityFactory()
    with pytest.raises(ActionError) as refused:
        community_services.add_member(actor=helper, community=community, user=helper)
    assert refused.value.status == 404
