"""The discussion pages: starting a thread, replying, accepting, filtering, anchors."""

import re

import pytest
from django.utils.html import escape

from discussions import services
from discussions.models import Behaviour, Thread
from discussions.selectors import behaviours_for
from tests.factories import ThreadFactory, add_member, add_replies

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode()


# --- starting a thread ----------------------------------------------------------------


def test_the_new_thread_form_explains_each_behaviour(community, member, client):
    client.force_login(member)

    response = client.get(f"/c/{community.slug}/threads/new/")

    assert response.status_code == 200
    content = _text(response)
    behaviours = behaviours_for(community)
    assert len(behaviours) == 9
    for behaviour in behaviours:
        assert f'id="behaviour-{behaviour.code}"' in content
        assert f'<label class="behaviour-choice" for="behaviour-{behaviour.code}">' in content
        assert escape(behaviour.name) in content
        assert escape(behaviour.explanation) in content
        assert escape(behaviour.example) in content
    assert content.count("For example:") == 9
    assert "What kind of conversation is this?" in content


def test_the_new_thread_form_can_arrive_with_a_behaviour_chosen(community, member, client):
    client.force_login(member)
    pk = Behaviour.objects.get(code="visits").pk

    content = _text(client.get(f"/c/{community.slug}/threads/new/?behaviour=visits"))

    assert f'value="{pk}" id="behaviour-visits" checked' in content
    assert content.count(" checked>") == 1


def test_the_members_only_choice_is_offered_only_in_a_public_community(make_community, client):
    public, public_gardener = make_community()
    private, private_gardener = make_community(visibility="private")

    client.force_login(public_gardener)
    assert 'name="members_only"' in _text(client.get(f"/c/{public.slug}/threads/new/"))
    client.force_login(private_gardener)
    assert 'name="members_only"' not in _text(client.get(f"/c/{private.slug}/threads/new/"))


def test_posting_the_form_starts_the_thread_and_goes_to_it(community, member, client):
    client.force_login(member)
    codes = ["problem-solving", "seeking-experience"]

    response = client.post(
        f"/c/{community.slug}/threads/new/",
        {
            "title": "Year 9 ignore the online quizzes",
            "body": "I tried **reminders**.",
            "behaviours": [b.pk for b in Behaviour.objects.filter(code__in=codes)],
            "tags": "Assessment, year 9, ",
            "members_only": "on",
        },
    )

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == thread.get_absolute_url()
    assert (thread.author, thread.members_only) == (member, True)
    assert sorted(thread.tags.names()) == ["assessment", "year 9"]
    assert sorted(b.code for b in thread.behaviours.all()) == codes
    page = client.get(response["Location"])
    content = _text(page)
    assert "Your thread is started." in content
    assert "Year 9 ignore the online quizzes" in content
    assert "<strong>reminders</strong>" in content
    assert "Problem solving" in content and "Seeking experience" in content
    assert "#assessment" in content
    assert "Members only" in content


def test_the_list_offers_start_a_thread_only_to_members(community, member, outsider, client):
    url = f"/c/{community.slug}/threads/"
    assert "Start a thread" not in _text(client.get(url))
    client.force_login(outsider)
    assert "Start a thread" not in _text(client.get(url))
    client.force_login(member)
    assert "Start a thread" in _text(client.get(url))


def test_an_empty_list_invites_the_first_question(community, client):
    content = _text(client.get(f"/c/{community.slug}/threads/"))
    assert "No threads yet." in content


# --- replying -------------------------------------------------------------------------


def test_a_member_sees_the_reply_form_and_replies(thread, answerer, client):
    client.force_login(answerer)
    page = _text(client.get(thread.get_absolute_url()))
    assert f'action="{thread.get_absolute_url()}reply/"' in page
    assert "Post reply" in page

    response = client.post(f"{thread.get_absolute_url()}reply/", {"body": "Try a *warm-up*."})

    assert response.status_code == 302
    assert response["Location"] == f"{thread.get_absolute_url()}?post=2#post-2"
    content = _text(client.get(response["Location"]))
    assert "Your reply is posted." in content
    assert "<em>warm-up</em>" in content
    assert 'id="post-2"' in content


def test_visitors_and_outsiders_are_told_how_to_reply(thread, outsider, client):
    visitor_page = _text(client.get(thread.get_absolute_url()))
    assert "Post reply" not in visitor_page
    assert "Sign in</a> and join the community to reply." in visitor_page

    client.force_login(outsider)
    outsider_page = _text(client.get(thread.get_absolute_url()))
    assert "Post reply" not in outsider_page
    assert "Join the community to reply." in outsider_page


def test_a_locked_thread_says_so_instead_of_a_form(thread, answerer, gardener, client):
    Thread.objects.filter(pk=thread.pk).update(locked=True)

    client.force_login(answerer)
    member_page = _text(client.get(thread.get_absolute_url()))
    client.force_login(gardener)
    gardener_page = _text(client.get(thread.get_absolute_url()))

    assert "This thread is locked: it takes no more replies." in member_page
    assert "Post reply" not in member_page
    assert "Post reply" in gardener_page


# --- accepting an answer --------------------------------------------------------------

ACCEPT = "Accept this answer"


@pytest.fixture
def answered_setup(thread, answerer, community):
    other = add_member(community).user
    replies = add_replies(thread, 3, authors=[answerer, other])
    return thread, replies


def _accept_buttons(content: str) -> list[str]:
    return re.findall(r'action="[^"]*/accept/(\d+)/"', content)


def test_the_asker_and_a_gardener_see_accept_buttons_on_replies(
    answered_setup, asker, gardener, client
):
    thread, _replies = answered_setup
    for person in (asker, gardener):
        client.force_login(person)
        content = _text(client.get(thread.get_absolute_url()))
        assert _accept_buttons(content) == ["2", "3", "4"]  # never the opening post
        assert content.count(ACCEPT) == 3


def test_others_see_no_accept_button(answered_setup, answerer, outsider, client):
    thread, _replies = answered_setup
    assert ACCEPT not in _text(client.get(thread.get_absolute_url()))
    for person in (answerer, outsider):
        client.force_login(person)
        assert ACCEPT not in _text(client.get(thread.get_absolute_url()))


def test_no_accept_button_where_the_behaviour_takes_no_answer(community, asker, client):
    thread = ThreadFactory(community=community, author=asker, behaviour_codes=["visits"])
    add_replies(thread, 2, authors=[add_member(community).user])
    client.force_login(asker)

    assert ACCEPT not in _text(client.get(thread.get_absolute_url()))


def test_no_accept_button_on_a_hidden_reply(answered_setup, asker, client):
    thread, replies = answered_setup
    type(replies[0]).objects.filter(pk=replies[0].pk).update(hidden=True)
    client.force_login(asker)

    assert _accept_buttons(_text(client.get(thread.get_absolute_url()))) == ["3", "4"]


def test_the_accepted_answer_is_shown_near_the_top(answered_setup, asker, answerer, client):
    thread, replies = answered_setup
    client.force_login(asker)

    response = client.post(f"{thread.get_absolute_url()}accept/3/", follow=True)

    content = _text(response)
    assert "Answer accepted. Thank you for closing the loop." in content
    opening = content.index("What would you try?")
    box = content.index("The answer that solved it")
    accepted = content.index(replies[1].body)
    first_reply = content.index(replies[0].body)
    assert opening < box < accepted < first_reply  # right after the question, before replies
    assert content.count(replies[1].body) == 1  # shown once, with a note in its place
    assert "reply is the accepted answer, shown above." in content
    assert "✓ Accepted answer" in content
    assert _accept_buttons(content) == ["2", "4"]


def test_each_post_anchor_appears_once(answered_setup, asker, client):
    thread, replies = answered_setup
    services.accept_answer(actor=asker, thread=thread, post=replies[1])

    content = _text(client.get(thread.get_absolute_url()))

    ids = re.findall(r'id="(post-[0-9]+)"', content)
    assert sorted(ids) == ["post-1", "post-2", "post-3", "post-4"]


def test_the_accepted_answer_box_appears_on_the_first_page_only(thread, asker, answerer, client):
    replies = add_replies(thread, 40, authors=[answerer])
    services.accept_answer(actor=asker, thread=thread, post=replies[34])  # post 36, page 2

    first = _text(client.get(thread.get_absolute_url()))
    second = _text(client.get(f"{thread.get_absolute_url()}?page=2"))

    assert "The answer that solved it" in first
    assert replies[34].body in first
    assert "The answer that solved it" not in second
    assert second.count(replies[34].body) == 1


def test_an_answered_thread_is_marked_in_the_list(answered_setup, asker, community, client):
    thread, replies = answered_setup
    url = f"/c/{community.slug}/threads/"
    assert "Answered" not in _text(client.get(url))

    services.accept_answer(actor=asker, thread=thread, post=replies[0])

    assert "✓ Answered" in _text(client.get(url))


# --- filters --------------------------------------------------------------------------


@pytest.fixture
def mixed(community, member, asker):
    make = ThreadFactory
    threads = {
        "mine-problem": make(
            community=community,
            author=member,
            title="Mine, a problem",
            behaviour_codes=["problem-solving"],
            tags=["assessment"],
        ),
        "theirs-request": make(
            community=community,
            author=asker,
            title="Theirs, a request",
            behaviour_codes=["requests-for-information"],
            tags=["policy"],
        ),
        "theirs-answered": make(
            community=community,
            author=asker,
            title="Theirs, answered",
            behaviour_codes=["problem-solving"],
            tags=["assessment", "year 9"],
        ),
        "theirs-visit": make(
            community=community,
            author=asker,
            title="Theirs, a visit",
            behaviour_codes=["visits"],
        ),
    }
    [reply] = add_replies(threads["theirs-answered"], 1, authors=[member])
    services.accept_answer(actor=asker, thread=threads["theirs-answered"], post=reply)
    return threads


def _listed(client, community, query: str, mixed) -> set[str]:
    response = client.get(f"/c/{community.slug}/threads/{query}")
    assert response.status_code == 200
    return {key for key, t in mixed.items() if t in response.context["page"].object_list}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"mine-problem", "theirs-request", "theirs-answered", "theirs-visit"}),
        ("?behaviour=problem-solving", {"mine-problem", "theirs-answered"}),
        ("?behaviour=visits", {"theirs-visit"}),
        ("?behaviour=seeking-experience", set()),
        ("?tag=assessment", {"mine-problem", "theirs-answered"}),
        ("?tag=year-9", {"theirs-answered"}),
        ("?tag=nothing-here", set()),
        ("?unanswered=1", {"mine-problem", "theirs-request"}),
        ("?mine=1", {"mine-problem"}),
        ("?mine=1&unanswered=1&behaviour=problem-solving&tag=assessment", {"mine-problem"}),
        ("?behaviour=problem-solving&unanswered=1", {"mine-problem"}),
    ],
)
def test_the_list_filters(mixed, community, member, client, query, expected):
    client.force_login(member)
    assert _listed(client, community, query, mixed) == expected


def test_an_empty_filter_says_nothing_matches(mixed, community, client):
    content = _text(client.get(f"/c/{community.slug}/threads/?tag=nothing-here"))
    assert "No thread matches these filters." in content


def test_mine_is_ignored_for_visitors(mixed, community, client):
    assert len(_listed(client, community, "?mine=1", mixed)) == 4


def test_a_thread_with_two_behaviours_is_listed_once(community, member, client):
    ThreadFactory(
        community=community,
        author=member,
        behaviour_codes=["problem-solving", "requests-for-information"],
    )

    response = client.get(f"/c/{community.slug}/threads/?unanswered=1")

    assert len(response.context["page"].object_list) == 1


def test_tag_and_behaviour_links_lead_to_filtered_lists(mixed, community, client):
    content = _text(client.get(mixed["theirs-answered"].get_absolute_url()))
    assert f'href="/c/{community.slug}/threads/?tag=year-9"' in content
    assert f'href="/c/{community.slug}/threads/?behaviour=problem-solving"' in content


# --- anchors and pages ----------------------------------------------------------------


@pytest.mark.parametrize(("number", "page"), [(1, 1), (30, 1), (31, 2), (60, 2), (61, 3), (65, 3)])
def test_a_post_anchor_lands_on_its_page(thread, answerer, client, number, page):
    add_replies(thread, 64, authors=[answerer])  # 65 posts

    response = client.get(f"{thread.get_absolute_url()}?post={number}")

    assert response.context["page_number"] == page
    numbers = [p.number for p in response.context["posts"]]
    assert numbers == list(range((page - 1) * 30 + 1, min(page * 30, 65) + 1))
    assert f'id="post-{number}"' in _text(response)


def test_the_thread_pages_link_to_each_other(thread, answerer, client):
    add_replies(thread, 64, authors=[answerer])

    content = _text(client.get(f"{thread.get_absolute_url()}?page=2"))

    assert 'aria-current="page" class="btn small">2<' in content
    assert 'href="?page=1"' in content and 'href="?page=3"' in content


def test_a_post_links_to_its_own_anchor(thread, client):
    content = _text(client.get(thread.get_absolute_url()))
    assert 'href="?post=1#post-1"' in content


# --- editing --------------------------------------------------------------------------


def test_the_author_edits_a_post_and_the_page_says_edited(thread, asker, client):
    client.force_login(asker)
    url = f"{thread.get_absolute_url()}posts/1/edit/"
    form = _text(client.get(url))
    assert "What would you try?" in form  # the current text, ready to change

    response = client.post(url, {"body": "Changed: **half** open them."}, follow=True)

    content = _text(response)
    assert "Your changes are saved; the earlier text is kept." in content
    assert "<strong>half</strong>" in content
    assert "· edited" in re.sub(r"\s+", " ", content)
    assert thread.posts.get(number=1).revisions.count() == 1


def test_edit_links_appear_for_ones_own_posts_and_for_gardeners(
    thread, asker, answerer, gardener, client
):
    add_replies(thread, 1, authors=[answerer])
    edit_links = re.compile(r"/posts/(\d+)/edit/")

    client.force_login(asker)
    assert edit_links.findall(_text(client.get(thread.get_absolute_url()))) == ["1"]
    client.force_login(answerer)
    assert edit_links.findall(_text(client.get(thread.get_absolute_url()))) == ["2"]
    client.force_login(gardener)
    assert edit_links.findall(_text(client.get(thread.get_absolute_url()))) == ["1", "2"]
