"""Each event notifies the right people, once, and never about what they cannot read."""

import pytest

from communities import services as community_services
from communities.models.choices import Role
from discussions import moderation
from discussions import services as discussions
from notifications import services
from notifications.models import BehaviourFollow, Kind, Notification
from notifications.selectors import visible_notifications
from tests.factories import CommunityFactory, ThreadFactory, UserFactory, add_member

pytestmark = pytest.mark.django_db


def kinds_for(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_a_reply_notifies_the_thread_author(thread, asker, answerer):
    post = discussions.reply_to_thread(author=answerer, thread=thread, body="Try short quizzes.")

    notification = Notification.objects.get(recipient=asker)
    assert notification.kind == Kind.REPLY
    assert notification.actor == answerer
    assert notification.post_id == post.pk
    assert notification.url == post.get_absolute_url()
    assert notification.title == thread.title
    assert notification.excerpt == "Try short quizzes."
    assert kinds_for(answerer) == []


def test_replying_in_your_own_thread_notifies_nobody(thread, asker):
    discussions.reply_to_thread(author=asker, thread=thread, body="Adding a detail.")
    assert Notification.objects.count() == 0


def test_a_mention_notifies_the_person_mentioned(thread, answerer, colleague, asker):
    discussions.reply_to_thread(author=answerer, thread=thread, body="@colleague knows this.")

    assert kinds_for(colleague) == [Kind.MENTION]
    assert kinds_for(asker) == [Kind.REPLY]


def test_a_mention_in_a_reply_to_my_thread_is_one_notification(thread, asker, answerer):
    discussions.reply_to_thread(author=answerer, thread=thread, body="@asker, try this.")

    assert kinds_for(asker) == [Kind.MENTION]


def test_mentioning_yourself_notifies_nobody(thread, answerer):
    discussions.reply_to_thread(author=answerer, thread=thread, body="As @answerer said...")
    assert kinds_for(answerer) == []


def test_a_mention_in_an_opening_post_notifies(community, asker, colleague):
    ThreadFactory(community=community, author=asker, body="What do you think, @colleague?")
    assert kinds_for(colleague) == [Kind.MENTION]


def test_no_mention_notification_for_a_members_only_thread_to_an_outsider(community, asker):
    outsider = UserFactory(username="outsider")
    thread = ThreadFactory(
        community=community, author=asker, members_only=True, body="Ask @outsider?"
    )
    discussions.reply_to_thread(author=asker, thread=thread, body="Or @outsider?")

    assert kinds_for(outsider) == []


def test_no_notification_from_a_private_community_after_leaving(make_community):
    private, gardener = make_community(visibility="private")
    left = add_member(private, user=UserFactory(username="leaver")).user
    thread = ThreadFactory(community=private, author=left)
    community_services.leave_community(user=left, community=private)

    discussions.reply_to_thread(author=gardener, thread=thread, body="Thanks @leaver.")

    assert kinds_for(left) == []


def test_notifications_from_a_private_community_vanish_after_leaving(make_community):
    private, gardener = make_community(visibility="private")
    left = add_member(private).user
    thread = ThreadFactory(community=private, author=left)
    discussions.reply_to_thread(author=gardener, thread=thread, body="A reply.")
    assert visible_notifications(left).count() == 1

    community_services.leave_community(user=left, community=private)

    assert visible_notifications(left).count() == 0


def test_an_edit_that_adds_a_mention_notifies_once(thread, answerer, colleague):
    post = discussions.reply_to_thread(author=answerer, thread=thread, body="A first try.")
    discussions.edit_post(editor=answerer, post=post, body="A first try. cc @colleague")
    discussions.edit_post(editor=answerer, post=post, body="A first try! cc @colleague")

    assert kinds_for(colleague) == [Kind.MENTION]


def test_an_edit_does_not_repeat_a_reply_notification(thread, asker, answerer):
    post = discussions.reply_to_thread(author=answerer, thread=thread, body="A first try.")
    discussions.edit_post(editor=answerer, post=post, body="A first try. @asker")

    assert kinds_for(asker) == [Kind.REPLY]


def test_a_double_submitted_reply_notifies_once(thread, asker, answerer):
    discussions.reply_to_thread(author=answerer, thread=thread, body="Same words.")
    discussions.reply_to_thread(author=answerer, thread=thread, body="Same words.")

    assert kinds_for(asker) == [Kind.REPLY]


def test_accepting_an_answer_notifies_its_author(thread, asker, answerer):
    post = discussions.reply_to_thread(author=answerer, thread=thread, body="Try this.")
    discussions.accept_answer(actor=asker, thread=thread, post=post)
    discussions.accept_answer(actor=asker, thread=thread, post=post)

    accepted = Notification.objects.filter(recipient=answerer, kind=Kind.ACCEPTED)
    assert accepted.count() == 1
    assert accepted.get().actor == asker


def test_accepting_your_own_answer_notifies_nobody(community, gardener, thread):
    post = discussions.reply_to_thread(author=gardener, thread=thread, body="My own fix.")
    before = Notification.objects.count()
    discussions.accept_answer(actor=gardener, thread=thread, post=post)

    assert Notification.objects.count() == before
    assert kinds_for(gardener) == []


def test_followers_of_a_behaviour_hear_of_a_new_thread(community, asker, colleague):
    services.follow_behaviour(
        user=colleague, community=community, behaviour_code="visits", follow=True
    )

    ThreadFactory(community=community, author=asker, behaviour_codes=["visits"])
    ThreadFactory(community=community, author=asker, behaviour_codes=["problem-solving"])

    assert kinds_for(colleague) == [Kind.FOLLOWED]


def test_followers_do_not_hear_of_their_own_thread_or_of_replies(community, colleague, asker):
    services.follow_behaviour(
        user=colleague, community=community, behaviour_code="visits", follow=True
    )
    thread = ThreadFactory(community=community, author=colleague, behaviour_codes=["visits"])
    discussions.reply_to_thread(author=asker, thread=thread, body="Count me in.")

    assert kinds_for(colleague) == [Kind.REPLY]


def test_a_follow_in_one_community_is_silent_about_another(community, asker, colleague):
    services.follow_behaviour(
        user=colleague, community=community, behaviour_code="visits", follow=True
    )
    elsewhere = CommunityFactory()
    ThreadFactory(community=elsewhere, behaviour_codes=["visits"])

    assert kinds_for(colleague) == []


def test_a_follower_who_left_a_private_community_hears_nothing(make_community):
    private, gardener = make_community(visibility="private")
    follower = add_member(private).user
    services.follow_behaviour(
        user=follower, community=private, behaviour_code="visits", follow=True
    )
    community_services.leave_community(user=follower, community=private)

    ThreadFactory(community=private, author=gardener, behaviour_codes=["visits"])

    assert kinds_for(follower) == []


def test_a_mention_and_a_follow_of_one_new_thread_is_one_notification(community, asker, colleague):
    services.follow_behaviour(
        user=colleague, community=community, behaviour_code="visits", follow=True
    )
    ThreadFactory(
        community=community, author=asker, behaviour_codes=["visits"], body="@colleague, come?"
    )

    assert kinds_for(colleague) == [Kind.MENTION]


def test_only_members_follow_behaviours(community, outsider):
    with pytest.raises(Exception, match="Join the community"):
        services.follow_behaviour(
            user=outsider, community=community, behaviour_code="visits", follow=True
        )
    assert not BehaviourFollow.objects.exists()


def test_unfollowing_stops_notifications(community, asker, colleague):
    for follow in (True, False):
        services.follow_behaviour(
            user=colleague, community=community, behaviour_code="visits", follow=follow
        )
    ThreadFactory(community=community, author=asker, behaviour_codes=["visits"])

    assert kinds_for(colleague) == []


def test_a_hidden_post_drops_out_of_the_list_and_back(community, gardener, thread, asker, answerer):
    post = discussions.reply_to_thread(author=answerer, thread=thread, body="Off topic.")

    moderation.set_post_hidden(actor=gardener, post=post, hidden=True)
    assert visible_notifications(asker).count() == 0

    moderation.set_post_hidden(actor=gardener, post=post, hidden=False)
    assert visible_notifications(asker).count() == 1


def test_a_hidden_thread_drops_out_for_members_but_not_gardeners(
    community, gardener, thread, asker, answerer
):
    discussions.reply_to_thread(
        author=answerer, thread=thread, body=f"@asker and @{gardener.username}"
    )

    moderation.set_thread_switch(actor=gardener, thread=thread, switch="hidden", on=True)

    assert visible_notifications(asker).count() == 0
    # Nothing new is sent about a hidden thread either.
    moderation.set_thread_switch(actor=gardener, thread=thread, switch="hidden", on=False)
    assert visible_notifications(asker).count() == 1


def test_no_notification_about_a_reply_in_a_hidden_thread(community, gardener, thread, asker):
    moderation.set_thread_switch(actor=gardener, thread=thread, switch="hidden", on=True)
    thread.refresh_from_db()
    discussions.reply_to_thread(author=gardener, thread=thread, body="Note for @asker.")

    assert kinds_for(asker) == []


def test_a_moved_thread_takes_its_notifications_along(community, gardener, thread, answerer):
    target = CommunityFactory(creator=gardener, visibility="private")
    discussions.reply_to_thread(author=answerer, thread=thread, body="A reply.")

    moderation.move_thread(actor=gardener, thread=thread, to=target)

    notification = Notification.objects.get(kind=Kind.REPLY)
    assert notification.community == target
    assert notification.url.startswith(f"/c/{target.slug}/threads/{thread.pk}/")
    # The asker is not a member of the private community: it is no longer theirs to see.
    assert visible_notifications(notification.recipient).count() == 0


def test_inactive_people_get_nothing(thread, asker, answerer):
    asker.is_active = False
    asker.save(update_fields=["is_active"])
    discussions.reply_to_thread(author=answerer, thread=thread, body="Hello?")

    assert kinds_for(asker) == []


def test_gardener_role_sees_notifications_of_hidden_threads(community, gardener, thread):
    assert community.memberships.get(user=gardener).role == Role.GARDENER
    discussions.reply_to_thread(
        author=thread.author, thread=thread, body=f"@{gardener.username} look"
    )
    moderation.set_thread_switch(actor=gardener, thread=thread, switch="hidden", on=True)

    assert visible_notifications(gardener).count() == 1


def test_a_mention_at_the_end_of_a_sentence_still_counts(thread, answerer, colleague):
    post = discussions.reply_to_thread(author=answerer, thread=thread, body="Ask @colleague.")

    assert kinds_for(colleague) == [Kind.MENTION]
    assert 'href="/u/colleague/"' in post.body_html


def test_the_excerpt_is_plain_words(thread, asker, answerer):
    discussions.reply_to_thread(
        author=answerer, thread=thread, body="Try **short** quizzes &amp; <script>x()</script>"
    )
    excerpt = Notification.objects.get(recipient=asker).excerpt
    assert excerpt.startswith("Try short quizzes &")
    assert "<script>" not in excerpt and "**" not in excerpt


def test_a_follower_who_left_a_public_community_hears_nothing(community, asker, colleague):
    services.follow_behaviour(
        user=colleague, community=community, behaviour_code="visits", follow=True
    )
    community_services.leave_community(user=colleague, community=community)

    ThreadFactory(community=community, author=asker, behaviour_codes=["visits"])

    assert kinds_for(colleague) == []
