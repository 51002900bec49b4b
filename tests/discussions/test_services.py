"""The business actions on threads and posts: what they write, and what they refuse."""

from datetime import timedelta

import pytest
from django.utils import timezone

from communities.ledger.addresses import with_urls
from communities.models import Activity
from core.errors import ActionError
from discussions import services
from discussions.models import Post, PostRevision, Thread
from tests.factories import ThreadFactory, add_member, add_replies

pytestmark = pytest.mark.django_db


def _ledger(verb: str):
    return Activity.objects.filter(verb=verb)


# --- create_thread --------------------------------------------------------------------


def test_create_thread_writes_the_opening_post_behaviours_tags_and_ledger(community, member):
    before = timezone.now()

    thread = services.create_thread(
        author=member,
        community=community,
        title="  Year 9   ignore the   quizzes ",
        body="I tried **reminders** in class.\n\n- one\n- two",
        behaviour_codes=["seeking-experience", "problem-solving"],
        tags=["Assessment", " year 9 ", "assessment", "  "],
    )

    thread.refresh_from_db()
    assert thread.title == "Year 9 ignore the quizzes"
    assert (thread.author, thread.last_poster, thread.reply_count) == (member, member, 0)
    assert thread.last_activity_at >= before
    assert not thread.members_only
    opening = Post.objects.get(thread=thread)
    assert opening.number == 1
    assert opening.author == member
    assert opening.body == "I tried **reminders** in class.\n\n- one\n- two"
    assert "<strong>reminders</strong>" in opening.body_html
    assert "<li>one</li>" in opening.body_html
    assert {b.code for b in thread.behaviours.all()} == {"problem-solving", "seeking-experience"}
    assert sorted(thread.tags.names()) == ["assessment", "year 9"]

    activity = _ledger(Activity.Verb.THREAD_STARTED).get()
    assert activity.community == community
    assert activity.actor == member
    # Space-separated codes, in the behaviours' own order.
    assert activity.behaviour == "problem-solving seeking-experience"
    assert activity.behaviour_codes == ["problem-solving", "seeking-experience"]
    assert (activity.target_type, activity.target_id) == ("thread", thread.pk)
    assert activity.title == "Year 9 ignore the quizzes"
    assert activity.thread_id == thread.pk
    assert with_urls([activity])[0].url == thread.get_absolute_url()
    assert activity.is_public is True


def test_a_members_only_thread_is_kept_out_of_the_public_ledger(community, member):
    thread = services.create_thread(
        author=member,
        community=community,
        title="Our budget worries",
        body="Between us.",
        behaviour_codes=["problem-solving"],
        members_only=True,
    )

    assert thread.members_only is True
    assert _ledger(Activity.Verb.THREAD_STARTED).get().is_public is False


@pytest.mark.parametrize("visibility", ["private", "unlisted"])
def test_a_thread_in_a_closed_community_is_never_public(make_community, visibility):
    community, gardener = make_community(visibility=visibility)

    thread = services.create_thread(
        author=gardener,
        community=community,
        title="Case notes",
        body="How do you write them?",
        behaviour_codes=["problem-solving"],
    )

    # Marked for members even unasked, so opening the community later publishes nothing.
    assert thread.members_only is True
    assert _ledger(Activity.Verb.THREAD_STARTED).get().is_public is False


def test_create_thread_refuses_someone_who_is_not_a_member(community, outsider):
    with pytest.raises(ActionError) as refused:
        services.create_thread(
            author=outsider,
            community=community,
            title="Hello",
            body="Hi",
            behaviour_codes=["problem-solving"],
        )

    assert refused.value.status == 403
    assert "Join the community" in refused.value.message
    assert not Thread.objects.exists()
    assert not _ledger(Activity.Verb.THREAD_STARTED).exists()


def test_create_thread_in_an_invisible_community_is_not_found(make_community, outsider):
    community, _gardener = make_community(visibility="private")

    with pytest.raises(ActionError) as refused:
        services.create_thread(
            author=outsider,
            community=community,
            title="Hello",
            body="Hi",
            behaviour_codes=["problem-solving"],
        )

    assert refused.value.status == 404
    assert not Thread.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "   "}, "title", "Give the thread a title."),
        ({"title": "x" * 161}, "title", "Keep the title under 160 characters."),
        ({"body": " \n\t "}, "body", "Write a message."),
        ({"body": "x" * 20_001}, "body", "Keep the message under 20,000 characters"),
        ({"behaviour_codes": []}, "behaviours", "Choose at least one behaviour that fits."),
        ({"behaviour_codes": ["made-up"]}, "behaviours", "Choose at least one behaviour"),
        ({"tags": [f"t{n}" for n in range(9)]}, "tags", "Use at most 8 tags."),
    ],
)
def test_create_thread_refuses_bad_input_and_saves_nothing(
    community, member, changes, field, message
):
    arguments = {
        "author": member,
        "community": community,
        "title": "A fine title",
        "body": "A fine body",
        "behaviour_codes": ["problem-solving"],
    }

    with pytest.raises(ActionError) as refused:
        services.create_thread(**(arguments | changes))

    assert refused.value.field == field
    assert message in refused.value.message
    assert not Thread.objects.exists()
    assert not Post.objects.exists()


def test_a_body_of_exactly_the_limit_is_fine(community, member):
    thread = ThreadFactory(community=community, author=member, body="x" * 20_000)
    assert len(thread.posts.get().body) == 20_000


# --- reply_to_thread ------------------------------------------------------------------


def test_replies_are_numbered_and_update_the_thread(thread, answerer, community):
    second = add_member(community).user
    started = Thread.objects.get(pk=thread.pk).last_activity_at

    first_reply = services.reply_to_thread(author=answerer, thread=thread, body="Try *this*.")
    second_reply = services.reply_to_thread(author=second, thread=thread, body="Or that.")

    assert (first_reply.number, second_reply.number) == (2, 3)
    assert first_reply.body_html == "<p>Try <em>this</em>.</p>"
    thread.refresh_from_db()
    assert thread.reply_count == 2
    assert thread.last_poster == second
    assert thread.last_activity_at > started
    assert list(thread.posts.values_list("number", flat=True)) == [1, 2, 3]

    replied = list(_ledger(Activity.Verb.REPLIED).order_by("id"))
    assert [a.actor for a in replied] == [answerer, second]
    assert [a.target_id for a in replied] == [first_reply.pk, second_reply.pk]
    assert {a.target_type for a in replied} == {"post"}
    assert {a.behaviour for a in replied} == {"problem-solving"}
    assert {a.thread_id for a in replied} == {thread.pk}
    assert with_urls(replied)[0].url == f"{thread.get_absolute_url()}?post=2#post-2"
    assert all(a.is_public for a in replied)


def test_replies_in_a_members_only_thread_stay_out_of_the_public_ledger(community, member):
    thread = ThreadFactory(community=community, author=member, members_only=True)

    services.reply_to_thread(author=member, thread=thread, body="A note to self.")

    assert _ledger(Activity.Verb.REPLIED).get().is_public is False


def test_a_reply_from_a_non_member_is_refused(thread, outsider):
    with pytest.raises(ActionError) as refused:
        services.reply_to_thread(author=outsider, thread=thread, body="Hello")

    assert refused.value.status == 403
    assert thread.posts.count() == 1
    assert not _ledger(Activity.Verb.REPLIED).exists()


def test_a_locked_thread_takes_replies_only_from_gardeners(thread, answerer, gardener):
    Thread.objects.filter(pk=thread.pk).update(locked=True)
    thread.refresh_from_db()

    with pytest.raises(ActionError) as refused:
        services.reply_to_thread(author=answerer, thread=thread, body="One more thing")
    assert "locked" in refused.value.message
    assert thread.posts.count() == 1

    post = services.reply_to_thread(author=gardener, thread=thread, body="Closing note.")
    assert post.number == 2


# --- accept_answer --------------------------------------------------------------------


@pytest.fixture
def replies(thread, answerer, community):
    other = add_member(community).user
    return add_replies(thread, 2, authors=[answerer, other])


def test_the_asker_accepts_an_answer(thread, asker, answerer, replies):
    services.accept_answer(actor=asker, thread=thread, post=replies[0])

    thread.refresh_from_db()
    assert thread.accepted_answer == replies[0]
    assert thread.is_answered
    activity = _ledger(Activity.Verb.ANSWER_ACCEPTED).get()
    # The ledger credits the person whose answer helped, not the one who clicked.
    assert activity.actor == answerer
    assert (activity.target_type, activity.target_id) == ("post", replies[0].pk)
    assert activity.behaviour == "problem-solving"
    assert activity.thread_id == thread.pk
    assert with_urls([activity])[0].url == replies[0].get_absolute_url()


def test_accepting_the_same_answer_twice_records_it_once(thread, asker, replies):
    services.accept_answer(actor=asker, thread=thread, post=replies[0])
    services.accept_answer(actor=asker, thread=thread, post=replies[0])

    assert _ledger(Activity.Verb.ANSWER_ACCEPTED).count() == 1


def test_a_gardener_accepts_an_answer(thread, gardener, replies):
    services.accept_answer(actor=gardener, thread=thread, post=replies[1])

    thread.refresh_from_db()
    assert thread.accepted_answer == replies[1]


def test_another_member_cannot_accept_an_answer(thread, replies, community):
    bystander = add_member(community).user

    with pytest.raises(ActionError) as refused:
        services.accept_answer(actor=bystander, thread=thread, post=replies[0])

    assert "Only the person who asked, or a gardener" in refused.value.message
    thread.refresh_from_db()
    assert thread.accepted_answer is None
    assert not _ledger(Activity.Verb.ANSWER_ACCEPTED).exists()


@pytest.mark.parametrize(
    ("codes", "accepted"),
    [
        (["problem-solving"], True),
        (["requests-for-information"], True),
        (["seeking-experience", "requests-for-information"], True),
        (["seeking-experience"], False),
        (["visits", "documentation-projects"], False),
    ],
)
def test_only_answerable_threads_take_an_answer(community, asker, answerer, codes, accepted):
    thread = ThreadFactory(community=community, author=asker, behaviour_codes=codes)
    [reply] = add_replies(thread, 1, authors=[answerer])

    if accepted:
        services.accept_answer(actor=asker, thread=thread, post=reply)
    else:
        with pytest.raises(ActionError, match="Only problem-solving threads and requests"):
            services.accept_answer(actor=asker, thread=thread, post=reply)

    thread.refresh_from_db()
    assert thread.is_answered is accepted


def test_the_opening_post_cannot_be_the_answer(thread, asker, replies):
    opening = thread.posts.get(number=1)

    with pytest.raises(ActionError, match="Choose a visible reply"):
        services.accept_answer(actor=asker, thread=thread, post=opening)

    thread.refresh_from_db()
    assert thread.accepted_answer is None


def test_a_hidden_post_cannot_be_the_answer(thread, asker, replies):
    Post.objects.filter(pk=replies[0].pk).update(hidden=True)
    replies[0].refresh_from_db()

    with pytest.raises(ActionError, match="Choose a visible reply"):
        services.accept_answer(actor=asker, thread=thread, post=replies[0])

    thread.refresh_from_db()
    assert thread.accepted_answer is None


def test_a_post_from_another_thread_cannot_be_the_answer(thread, asker, answerer, community):
    elsewhere = ThreadFactory(community=community, author=asker)
    [stranger] = add_replies(elsewhere, 1, authors=[answerer])

    with pytest.raises(ActionError, match="Choose a visible reply"):
        services.accept_answer(actor=asker, thread=thread, post=stranger)

    thread.refresh_from_db()
    assert thread.accepted_answer is None


# --- edit_post ------------------------------------------------------------------------


def test_editing_keeps_the_earlier_text(thread, asker):
    post = thread.posts.get(number=1)
    original = post.body

    services.edit_post(editor=asker, post=post, body="Now with **more** detail.")

    post.refresh_from_db()
    assert post.body == "Now with **more** detail."
    assert "<strong>more</strong>" in post.body_html
    assert post.edited_at is not None
    revision = PostRevision.objects.get(post=post)
    assert (revision.body, revision.edited_by) == (original, asker)


def test_saving_the_same_text_adds_no_revision(thread, asker):
    post = thread.posts.get(number=1)

    services.edit_post(editor=asker, post=post, body=f"  {post.body}  ")

    post.refresh_from_db()
    assert post.edited_at is None
    assert not PostRevision.objects.exists()


def test_another_member_cannot_edit(thread, answerer):
    post = thread.posts.get(number=1)
    original = post.body

    with pytest.raises(ActionError) as refused:
        services.edit_post(editor=answerer, post=post, body="Vandalised")

    assert refused.value.status == 403
    post.refresh_from_db()
    assert (post.body, post.edited_at) == (original, None)
    assert not PostRevision.objects.exists()


def test_an_outsider_cannot_edit_in_a_private_community(make_community, outsider):
    community, gardener = make_community(visibility="private")
    thread = ThreadFactory(community=community, author=gardener)

    with pytest.raises(ActionError) as refused:
        services.edit_post(editor=outsider, post=thread.posts.get(), body="Vandalised")

    assert refused.value.status == 404
    assert not PostRevision.objects.exists()


def test_a_gardener_can_edit_anyones_post(thread, gardener):
    post = thread.posts.get(number=1)
    original = post.body

    services.edit_post(editor=gardener, post=post, body="Removed a phone number.")

    post.refresh_from_db()
    assert post.body == "Removed a phone number."
    revision = PostRevision.objects.get(post=post)
    assert (revision.body, revision.edited_by) == (original, gardener)


def test_the_author_cannot_edit_in_a_locked_thread(thread, asker):
    Thread.objects.filter(pk=thread.pk).update(locked=True)
    post = Post.objects.get(thread=thread, number=1)

    with pytest.raises(ActionError):
        services.edit_post(editor=asker, post=post, body="Changed after locking")

    assert not PostRevision.objects.exists()


def test_an_edit_refuses_an_empty_or_oversized_body(thread, asker):
    post = thread.posts.get(number=1)

    for body, message in [("   ", "Write a message."), ("x" * 20_001, "20,000")]:
        with pytest.raises(ActionError, match=message):
            services.edit_post(editor=asker, post=post, body=body)

    assert not PostRevision.objects.exists()


# --- double submission ----------------------------------------------------------------


def test_a_thread_submitted_twice_is_created_once(community, member):
    arguments = {
        "author": member,
        "community": community,
        "title": "Same click twice",
        "body": "Oops",
        "behaviour_codes": ["problem-solving"],
    }

    first = services.create_thread(**arguments)
    second = services.create_thread(**arguments)

    assert second.pk == first.pk
    assert Thread.objects.count() == 1
    assert Post.objects.count() == 1
    assert _ledger(Activity.Verb.THREAD_STARTED).count() == 1


def test_the_same_title_after_the_window_is_a_new_thread(community, member):
    arguments = {
        "author": member,
        "community": community,
        "title": "Weekly check-in",
        "body": "How did it go?",
        "behaviour_codes": ["seeking-experience"],
    }
    first = services.create_thread(**arguments)
    Thread.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(seconds=61))

    second = services.create_thread(**arguments)

    assert second.pk != first.pk
    assert Thread.objects.count() == 2


def test_a_reply_submitted_twice_is_posted_once(thread, answerer):
    first = services.reply_to_thread(author=answerer, thread=thread, body="Try this.")
    second = services.reply_to_thread(author=answerer, thread=thread, body="Try this.")

    assert second.pk == first.pk
    assert thread.posts.count() == 2
    thread.refresh_from_db()
    assert thread.reply_count == 1
    assert _ledger(Activity.Verb.REPLIED).count() == 1


def test_the_same_reply_after_the_window_is_posted_again(thread, answerer):
    first = services.reply_to_thread(author=answerer, thread=thread, body="Bump.")
    Post.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(seconds=61))

    second = services.reply_to_thread(author=answerer, thread=thread, body="Bump.")

    assert (first.number, second.number) == (2, 3)
    thread.refresh_from_db()
    assert thread.reply_count == 2
