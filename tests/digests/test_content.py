"""A digest holds what happened since the member last looked, and nothing they cannot read."""

from datetime import date, timedelta

import pytest
from django.core import mail

from assets import services as assets
from communities.services import leave_community
from digests import selectors
from digests.models import Kind
from digests.tasks import send_community_digests
from discussions import moderation
from discussions import services as discussions
from rhythm import services as meeting_services
from rhythm.models import MeetingSeries
from tests.digests.conftest import IN_PERIOD, PERIOD_START, RUN, SET_UP, at, meeting, thread
from tests.factories import CommunityFactory, UserFactory, add_member

pytestmark = pytest.mark.django_db


def run_weekly(community) -> int:
    with at(RUN):
        return send_community_digests(community.pk, Kind.WEEKLY, RUN.isoformat())


def digest_of(user, community):
    membership = community.memberships.select_related("user", "community").get(user=user)
    with at(RUN):
        return selectors.member_digest(membership, period_start=PERIOD_START, now=RUN)


def mail_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_the_digest_holds_what_happened_in_the_period(community, gardener, reader, asker, writer):
    thread(community, asker, "Before the period", when=PERIOD_START - timedelta(minutes=1))
    question = thread(
        community, asker, "Quizzes nobody opens", body="Fewer than a third open them."
    )
    visit = thread(community, writer, "Visiting the Eastgate team", codes=["visits"])
    solved = thread(community, writer, "Marking load", codes=["problem-solving"])
    with at(IN_PERIOD):
        [answer] = [discussions.reply_to_thread(author=asker, thread=solved, body="Try peers.")]
        discussions.accept_answer(actor=writer, thread=solved, post=answer)
        plan = assets.publish_asset(
            author=writer,
            community=community,
            title="Peer marking grid",
            kind="link",
            url="https://example.org/grid",
        )
        assets.report_use(user=asker, asset=plan, story="")
    soon = meeting(community, gardener, "Committee", date(2026, 11, 20))
    meeting(community, gardener, "Far away", date(2026, 12, 10))
    called_off = meeting(community, gardener, "Called off", date(2026, 11, 19))
    with at(SET_UP):
        meeting_services.cancel_occurrence(
            editor=gardener, series=called_off, original_start=called_off.starts_at
        )

    digest = digest_of(reader, community)

    assert [i.thread for i in digest.questions.items] == [question]
    assert digest.questions.items[0].excerpt == "Fewer than a third open them."
    groups = {name: [i.thread for i in items] for name, items in digest.groups}
    # An answered problem is plain news, grouped under its behaviour.
    assert groups == {"Problem solving": [solved], "Visits": [visit]}
    assert [a.title for a in digest.new_assets.items] == ["Peer marking grid"]
    assert [(a.title, n) for a, n in digest.reused_assets] == [("Peer marking grid", 1)]
    assert [o.series for o in digest.meetings] == [soon]
    assert digest.new_meetings == 0  # scheduled before the period: it only travels along
    assert not digest.newcomers  # members only: newcomers are for gardeners

    assert run_weekly(community) >= 1
    [message] = mail_to(reader)
    assert "Northfield staffroom" in message.subject
    assert "Quizzes nobody opens" in message.body
    assert "Visiting the Eastgate team" in message.body
    assert "Before the period" not in message.body
    assert "Far away" not in message.body and "Called off" not in message.body
    assert f"/c/northfield/threads/{question.pk}/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Peer marking grid" in html
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/digests/" in message.body  # the footer links the preferences page


def test_gardeners_see_newcomers_to_welcome(community, gardener, reader):
    with at(IN_PERIOD):
        newcomer = add_member(community, user=UserFactory(display_name="Noor Haddad")).user
    assert [m.user for m in digest_of(gardener, community).newcomers.items] == [newcomer]
    assert digest_of(reader, community) is None  # nothing else new for a member


def test_nothing_new_sends_nothing(community, reader):
    thread(community, reader, "Old news", when=PERIOD_START - timedelta(days=2))
    assert run_weekly(community) == 0
    assert mail.outbox == []


def test_a_member_active_in_the_period_gets_no_digest(community, reader, asker):
    first = thread(community, asker, "Quizzes nobody opens")
    with at(IN_PERIOD + timedelta(hours=1)):
        discussions.reply_to_thread(author=reader, thread=first, body="Me too.")
    assert digest_of(reader, community) is None
    run_weekly(community)
    assert mail_to(reader) == []


def test_only_what_came_after_the_last_visit(
    client, community, reader, asker, django_capture_on_commit_callbacks
):
    thread(community, asker, "Seen on the visit", when=IN_PERIOD)
    # Signed in at the time of the visit: a session begun weeks earlier would have expired.
    # The visit is stored by a task queued once the request's work commits.
    with at(IN_PERIOD + timedelta(hours=2)), django_capture_on_commit_callbacks(execute=True):
        client.force_login(reader)
        assert client.get(community.get_absolute_url()).status_code == 200
    thread(community, asker, "New since the visit", when=IN_PERIOD + timedelta(hours=3))
    titles = [i.thread.title for i in digest_of(reader, community).questions.items]
    assert titles == ["New since the visit"]


def test_a_visit_is_written_at_most_once_an_hour(
    client, community, reader, django_capture_on_commit_callbacks
):
    membership = community.memberships.get(user=reader)
    with at(IN_PERIOD), django_capture_on_commit_callbacks(execute=True):
        client.force_login(reader)
        client.get(community.get_absolute_url())
    membership.refresh_from_db()
    assert membership.last_visited_at == IN_PERIOD
    with at(IN_PERIOD + timedelta(minutes=59)), django_capture_on_commit_callbacks(execute=True):
        client.get(community.get_absolute_url())
    membership.refresh_from_db()
    assert membership.last_visited_at == IN_PERIOD


def test_hidden_threads_and_posts_never_appear(community, gardener, reader, asker):
    hidden = thread(community, asker, "Heated and hidden")
    muted = thread(community, asker, "Opening post hidden", body="Something unkind")
    thread(community, asker, "Still fine")
    with at(IN_PERIOD):
        moderation.set_thread_switch(actor=gardener, thread=hidden, switch="hidden", on=True)
    # The moderation service refuses to hide an opening post alone; rows may still say so.
    muted.posts.filter(number=1).update(hidden=True)
    run_weekly(community)
    for person in (reader, gardener):
        for message in mail_to(person):
            body = message.body + message.alternatives[0][0]
            assert "Heated and hidden" not in body
            assert "Something unkind" not in body
    [message] = mail_to(reader)
    assert "Still fine" in message.body


def test_a_former_member_of_a_private_community_hears_nothing_of_it(make_community):
    with at(SET_UP):
        private, gardener = make_community(visibility="private", join_policy="invite")
        leaver = add_member(private, user=UserFactory(username="leaver")).user
        leave_community(user=leaver, community=private)
    thread(private, gardener, "Case notes, in confidence")
    with at(RUN):
        send_community_digests(private.pk, Kind.WEEKLY, RUN.isoformat())
    assert mail_to(leaver) == []
    assert all("Case notes" not in m.body for m in mail.outbox if leaver.email in m.to)


def test_each_community_sends_its_own_digest(community, reader, asker):
    other = CommunityFactory(name="Another staffroom")
    add_member(other, user=reader)
    thread(community, asker, "Only here")
    run_weekly(community)
    with at(RUN):
        send_community_digests(other.pk, Kind.WEEKLY, RUN.isoformat())
    [message] = mail_to(reader)
    assert "Only here" in message.body and "Another staffroom" not in message.body


def test_a_newly_scheduled_meeting_is_news(community, gardener, reader):
    meeting(community, gardener, "Launch", date(2026, 11, 18), when=IN_PERIOD)
    digest = digest_of(reader, community)
    assert digest.new_meetings == 1
    assert MeetingSeries.objects.count() == 1
