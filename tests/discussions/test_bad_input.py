"""Bad input on discussion pages gets a clear message or a 4xx, never a 500; nothing half-saved."""

import pytest

from communities.models import Activity
from discussions.models import Behaviour, Post, PostRevision, Thread
from tests.factories import ThreadFactory, add_member, add_replies

pytestmark = pytest.mark.django_db


def _new_thread_form(**changes):
    data = {
        "title": "Year 9 ignore the quizzes",
        "body": "What would you try?",
        "behaviours": [Behaviour.objects.get(code="problem-solving").pk],
        "tags": "",
    }
    return data | changes


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return client


# --- starting a thread ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"title": "   "}, "This field is required."),
        ({"title": "x" * 161}, "at most 160 characters"),
        ({"body": ""}, "This field is required."),
        ({"body": " \n\t \n "}, "This field is required."),
        ({"body": "x" * 20_001}, "at most 20000 characters (it has 20001)"),
        ({"behaviours": []}, "Choose at least one behaviour that fits."),
        ({"behaviours": ["999999"]}, "Select a valid choice."),
        ({"behaviours": ["not-a-number"]}, "is not a valid value"),
        ({"tags": ", ".join(f"tag{n}" for n in range(9))}, "Use at most 8 tags."),
        ({"tags": "x" * 401}, "at most 400 characters"),
        ({"title": "bad\x00title"}, "That request did not make sense"),
    ],
)
def test_the_new_thread_form_refuses_bad_input(community, signed_in, changes, message):
    response = signed_in.post(f"/c/{community.slug}/threads/new/", _new_thread_form(**changes))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Thread.objects.exists()
    assert not Post.objects.exists()
    assert not Activity.objects.filter(verb=Activity.Verb.THREAD_STARTED).exists()


def test_a_refused_form_keeps_what_was_typed(community, signed_in):
    response = signed_in.post(
        f"/c/{community.slug}/threads/new/",
        _new_thread_form(title="", body="My long careful question"),
    )

    content = response.content.decode()
    assert "My long careful question" in content
    pk = Behaviour.objects.get(code="problem-solving").pk
    assert f'value="{pk}" id="behaviour-problem-solving" checked' in content


def test_starting_a_thread_as_a_non_member_is_refused(community, outsider, client):
    client.force_login(outsider)

    response = client.post(f"/c/{community.slug}/threads/new/", _new_thread_form())

    # The community is visible to them: refused with the site's 403 page and the reason.
    assert response.status_code == 403
    assert "Join the community to start a thread." in response.content.decode()
    assert not Thread.objects.exists()


def test_the_new_thread_page_is_refused_to_a_non_member(community, outsider, client):
    client.force_login(outsider)

    response = client.get(f"/c/{community.slug}/threads/new/")

    assert response.status_code == 403
    assert "Start the thread" not in response.content.decode()


def test_starting_a_thread_in_a_community_one_cannot_see(make_community, outsider, client):
    community, _gardener = make_community(visibility="private")
    client.force_login(outsider)

    response = client.post(f"/c/{community.slug}/threads/new/", _new_thread_form())

    assert response.status_code == 404
    assert not Thread.objects.exists()


# --- replying -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "This field is required."),
        ("  \n\t ", "This field is required."),
        ("x" * 20_001, "at most 20000 characters"),
    ],
)
def test_the_reply_form_refuses_bad_input(thread, answerer, client, body, message):
    client.force_login(answerer)

    response = client.post(f"{thread.get_absolute_url()}reply/", {"body": body})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert thread.posts.count() == 1
    thread.refresh_from_db()
    assert thread.reply_count == 0


def test_a_member_cannot_reply_to_a_locked_thread(thread, answerer, client):
    Thread.objects.filter(pk=thread.pk).update(locked=True)
    client.force_login(answerer)

    response = client.post(f"{thread.get_absolute_url()}reply/", {"body": "One more thing"})

    assert response.status_code == 403
    assert "This thread is locked: it takes no more replies." in response.content.decode()
    assert thread.posts.count() == 1


def test_a_gardener_can_still_reply_to_a_locked_thread(thread, gardener, client):
    Thread.objects.filter(pk=thread.pk).update(locked=True)
    client.force_login(gardener)

    response = client.post(f"{thread.get_absolute_url()}reply/", {"body": "Closing note."})

    assert response.status_code == 302
    assert thread.posts.filter(number=2, author=gardener).exists()


def test_a_non_member_cannot_reply(thread, outsider, client):
    client.force_login(outsider)

    response = client.post(f"{thread.get_absolute_url()}reply/", {"body": "Hello"})

    assert response.status_code == 403
    assert "Join the community to reply." in response.content.decode()
    assert thread.posts.count() == 1


def test_a_visitor_replying_is_sent_to_sign_in(thread, client):
    response = client.post(f"{thread.get_absolute_url()}reply/", {"body": "Hello"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert thread.posts.count() == 1


def test_replying_in_a_community_one_cannot_see(make_community, outsider, client):
    community, gardener = make_community(visibility="private")
    thread = ThreadFactory(community=community, author=gardener)
    client.force_login(outsider)

    response = client.post(f"{thread.get_absolute_url()}reply/", {"body": "Hello"})

    assert response.status_code == 404
    assert thread.posts.count() == 1


# --- editing and accepting ------------------------------------------------------------


def test_editing_someone_elses_post_is_refused(thread, answerer, client):
    client.force_login(answerer)
    url = f"{thread.get_absolute_url()}posts/1/edit/"

    # They can read the post, so the answer is "not allowed", not "not found".
    assert client.get(url).status_code == 403
    assert client.post(url, {"body": "Vandalised"}).status_code == 403

    assert "Vandalised" not in thread.posts.get(number=1).body
    assert not PostRevision.objects.exists()


def test_editing_a_post_that_does_not_exist(thread, asker, client):
    client.force_login(asker)
    assert client.get(f"{thread.get_absolute_url()}posts/99/edit/").status_code == 404


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "This field is required."),
        ("   ", "This field is required."),
        ("x" * 20_001, "at most 20000 characters"),
    ],
)
def test_the_edit_form_refuses_bad_input_and_keeps_the_text(thread, asker, client, body, message):
    client.force_login(asker)
    original = thread.posts.get(number=1).body

    response = client.post(f"{thread.get_absolute_url()}posts/1/edit/", {"body": body})

    assert response.status_code == 400
    assert message in response.content.decode()
    post = thread.posts.get(number=1)
    assert (post.body, post.edited_at) == (original, None)


def test_a_bystander_cannot_accept_an_answer(thread, answerer, community, client):
    [reply] = add_replies(thread, 1, authors=[answerer])
    bystander = add_member(community).user
    client.force_login(bystander)

    response = client.post(f"{thread.get_absolute_url()}accept/{reply.number}/")

    assert response.status_code == 403
    assert "Only the person who asked, or a gardener, can accept an answer." in (
        response.content.decode()
    )
    thread.refresh_from_db()
    assert thread.accepted_answer is None
    assert not Activity.objects.filter(verb=Activity.Verb.ANSWER_ACCEPTED).exists()


@pytest.mark.parametrize("number", [1, 99])
def test_accepting_the_opening_post_or_a_missing_one(thread, asker, client, number):
    add_replies(thread, 1)
    client.force_login(asker)

    response = client.post(f"{thread.get_absolute_url()}accept/{number}/", follow=True)

    assert response.status_code == (200 if number == 1 else 404)
    thread.refresh_from_db()
    assert thread.accepted_answer is None


# --- addresses and query strings ------------------------------------------------------


@pytest.fixture
def long_thread(thread, answerer):
    add_replies(thread, 64, authors=[answerer])  # 65 posts: three pages of 30
    thread.refresh_from_db()
    return thread


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("page=abc", 1),
        ("page=-1", 1),
        ("page=0", 1),
        ("page=2.5", 1),
        ("page=1e3", 1),
        ("page=²", 1),
        ("page=2", 2),
        ("page=99", 3),
        pytest.param("page=" + "9" * 30, 3, id="page=30-digits"),
        pytest.param("page=" + "9" * 5000, 3, id="page=5000-digits"),
        ("post=abc", 1),
        ("post=-5", 1),
        ("post=0", 1),
        ("post=³", 1),
        ("post=31", 2),
        ("post=999999", 3),
        pytest.param("post=" + "9" * 5000, 3, id="post=5000-digits"),
        ("post=abc&page=2", 2),
        ("post=61&page=1", 3),
    ],
)
def test_odd_page_and_post_values_are_clamped(long_thread, client, query, page):
    response = client.get(f"{long_thread.get_absolute_url()}?{query}")

    assert response.status_code == 200
    assert response.context["page_number"] == page
    assert response.context["posts"][0].number == (page - 1) * 30 + 1


def test_an_unknown_thread_is_not_found(community, client):
    for thread_id in ["999999", "9" * 30]:
        response = client.get(f"/c/{community.slug}/threads/{thread_id}/")
        assert response.status_code == 404
        assert "We could not find that page" in response.content.decode()


def test_a_thread_from_another_community_is_not_found(thread, make_community, client):
    other, gardener = make_community()
    client.force_login(gardener)

    for suffix in ["", "?post=1", "posts/1/edit/"]:
        assert client.get(f"/c/{other.slug}/threads/{thread.pk}/{suffix}").status_code == 404
    for suffix in ["reply/", "accept/1/"]:
        url = f"/c/{other.slug}/threads/{thread.pk}/{suffix}"
        assert client.post(url, {"body": "x"}).status_code == 404
    assert thread.posts.count() == 1


@pytest.mark.parametrize("suffix", ["reply/", "accept/2/"])
def test_get_on_an_action_is_not_allowed(thread, asker, client, suffix):
    add_replies(thread, 1)
    client.force_login(asker)

    assert client.get(f"{thread.get_absolute_url()}{suffix}").status_code == 405
    thread.refresh_from_db()
    assert thread.accepted_answer is None


@pytest.mark.parametrize(
    "value", ["nonsense", "growing-confidence", "<script>", "problem-solving'--", "x" * 5000]
)
def test_an_invalid_behaviour_filter_is_ignored(thread, community, client, value):
    response = client.get(f"/c/{community.slug}/threads/", {"behaviour": value})

    assert response.status_code == 200
    assert response.context["behaviour"] == ""
    assert thread.title in response.content.decode()


def test_odd_list_query_strings_do_not_break_the_list(thread, community, client):
    response = client.get(
        f"/c/{community.slug}/threads/",
        {"tag": "<script>alert(1)</script>" + "x" * 500, "page": "9" * 5000, "unanswered": "yes"},
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert response.context["tag"] == ("<script>alert(1)</script>" + "x" * 500)[:60]
