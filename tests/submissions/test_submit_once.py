"""A form sent twice acts once: one row, and every answer leads to the first one's result."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from core.models import Submission
from tests.factories import UserFactory, add_member
from tests.submissions.cases import KINDS, TOKEN, build, token_on

RESULT_REDIRECT = 302


def _signed_in(member) -> Client:
    client = Client()
    client.force_login(member)
    return client


def _leads_to(response) -> str:
    assert response.status_code == RESULT_REDIRECT, response.content.decode()[:500]
    return response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_the_same_form_sent_twice_makes_one_row_and_the_second_leads_to_the_first(
    kind, community, member, gardener
):
    case = build(kind, community, member, gardener)
    client = _signed_in(member)
    token = token_on(client, case.page)
    before = case.rows()
    first = client.post(case.action, {**case.data(), "submit_token": token})
    second = client.post(case.action, {**case.data(), "submit_token": token})
    assert case.rows() == before + 1
    assert _leads_to(second) == _leads_to(first)
    assert Submission.objects.get(token=token).kind == kind


@pytest.mark.django_db
def test_a_value_story_told_twice_in_a_row_is_one_story(community, member, gardener):
    case = build("story", community, member, gardener)
    client = _signed_in(member)
    token = token_on(client, case.page)
    for _ in range(3):
        response = client.post(case.action, {**case.data(), "submit_token": token})
        assert _leads_to(response) == case.page
    assert case.rows() == 1
    # A fresh form is a new story, told the same way.
    client.post(case.action, {**case.data(), "submit_token": token_on(client, case.page)})
    assert case.rows() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [k for k in KINDS if k != "meeting-answer"])
def test_a_form_error_leaves_the_token_usable(kind, community, member, gardener):
    case = build(kind, community, member, gardener)
    client = _signed_in(member)
    token = token_on(client, case.page)
    before = case.rows()
    refused = client.post(case.action, {**case.data(), **case.bad, "submit_token": token})
    assert refused.status_code == 400
    assert f'name="submit_token" value="{token}"' in refused.content.decode()
    assert not Submission.objects.filter(token=token).exists()
    _leads_to(client.post(case.action, {**case.data(), "submit_token": token}))
    assert case.rows() == before + 1


@pytest.mark.django_db
def test_a_refused_rsvp_leaves_the_token_usable(community, member, gardener):
    case = build("meeting-answer", community, member, gardener)
    client = _signed_in(member)
    token = token_on(client, case.page)
    client.post(case.action, {**case.bad, "submit_token": token})
    assert case.rows() == 0
    _leads_to(client.post(case.action, {**case.data(), "submit_token": token}))
    assert case.rows() == 1


@pytest.mark.django_db
def test_an_rsvp_by_htmx_sent_again_sends_the_page_to_the_meeting(community, member, gardener):
    case = build("meeting-answer", community, member, gardener)
    client = _signed_in(member)
    token = token_on(client, case.page)
    first = client.post(case.action, {**case.data(), "submit_token": token}, HTTP_HX_REQUEST="true")
    # The buttons that come back carry a fresh token: the next answer is a new one.
    assert first.status_code == 200 and token not in first.content.decode()
    again = client.post(case.action, {**case.data(), "submit_token": token}, HTTP_HX_REQUEST="true")
    assert again.status_code == 200 and again["HX-Redirect"] == case.page
    assert case.rows() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_another_persons_token_is_refused_and_tells_nothing(kind, community, member, gardener):
    case = build(kind, community, member, gardener)
    client = _signed_in(member)
    token = token_on(client, case.page)
    first = client.post(case.action, {**case.data(), "submit_token": token})
    other = add_member(community, UserFactory()).user
    before = case.rows()
    response = _signed_in(other).post(case.action, {**case.data(), "submit_token": token})
    assert response.status_code == 400
    page = response.content.decode()
    assert "already sent" in page and _leads_to(first) not in page
    assert case.rows() == before


@pytest.mark.django_db
def test_the_same_token_with_other_content_is_refused(community, member, gardener):
    case = build("gap", community, member, gardener)
    client = _signed_in(member)
    token = token_on(client, case.page)
    client.post(case.action, {**case.data(), "submit_token": token})
    other = client.post(case.action, {"title": "Another gap", "submit_token": token})
    assert other.status_code == 400
    assert case.rows() == 1


@pytest.mark.django_db
def test_a_post_without_a_token_is_handled_as_before(community, member, gardener):
    case = build("story", community, member, gardener)
    client = _signed_in(member)
    client.post(case.action, case.data())
    client.post(case.action, case.data())
    assert case.rows() == 2
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_a_malformed_token_is_refused(community, member, gardener):
    case = build("gap", community, member, gardener)
    response = _signed_in(member).post(case.action, {**case.data(), "submit_token": "<x>"})
    assert response.status_code == 400 and case.rows() == 0


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers; PostgreSQL shows the race"
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", KINDS)
def test_four_identical_posts_at_once_make_one_row(kind, behaviours, community, member, gardener):
    case = build(kind, community, member, gardener)
    first_client = _signed_in(member)
    token = token_on(first_client, case.page)
    before = case.rows()
    clients = [first_client] + [Client() for _ in range(3)]
    for client in clients[1:]:
        client.cookies = first_client.cookies  # one browser, one session
    barrier = threading.Barrier(len(clients))
    answers: list = [None] * len(clients)

    def send(index: int, client: Client) -> None:
        try:
            data = {**case.data(), "submit_token": token}
            barrier.wait()
            answers[index] = client.post(case.action, data)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(i, client)) for i, client in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert case.rows() == before + 1
    assert len({_leads_to(answer) for answer in answers}) == 1


@pytest.mark.django_db
def test_two_tabs_of_one_page_get_their_own_tokens(community, member, gardener):
    case = build("reply", community, member, gardener)
    client = _signed_in(member)
    first = client.get(case.page)
    again = client.get(case.page)
    assert "X-Page-Cache" not in again, "a signed-in page is rendered each time"
    assert TOKEN.findall(first.content.decode()) != TOKEN.findall(again.content.decode())
    # Two tabs of one thread: each reply is its own.
    for page in (first, again):
        token = TOKEN.findall(page.content.decode())[-1]
        client.post(case.action, {"body": f"From tab {token[:6]}", "submit_token": token})
    assert case.rows() == 3  # the first post and both replies


@pytest.mark.django_db
def test_an_upload_sent_again_by_the_progress_bar_gets_the_first_address(
    community, member, gardener
):
    case = build("asset", community, member, gardener)
    client = _signed_in(member)
    token = token_on(client, case.page)
    answers = [
        client.post(
            case.action, {**case.data(), "submit_token": token}, HTTP_X_UPLOAD_PROGRESS="1"
        ).json()["location"]
        for _ in range(2)
    ]
    assert answers[0] == answers[1] and case.rows() == 1
