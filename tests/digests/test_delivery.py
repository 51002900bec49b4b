"""Each digest goes out once per member, community and period, and only when wanted."""

import re
import smtplib
import threading
from datetime import timedelta
from unittest import mock

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.db import connection, connections

from digests import selectors, services
from digests.models import DigestPreference, Frequency, Kind, SentDigest
from digests.periods import period_start
from digests.tasks import send_community_digests, send_daily_digests, send_weekly_digests
from tests.digests.conftest import IN_PERIOD, PERIOD_START, RUN, at, thread
from tests.factories import CommunityFactory

pytestmark = pytest.mark.django_db


def run(community, kind=Kind.WEEKLY, when=RUN) -> int:
    with at(when):
        return send_community_digests(community.pk, kind, when.isoformat())


def mail_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


@pytest.fixture
def news(community, asker):
    return thread(community, asker, "Quizzes nobody opens")


def test_running_twice_sends_one_mail(community, reader, news):
    first = run(community)
    assert run(community) == 0
    assert run(community, when=RUN + timedelta(days=1)) == 0  # a late retry, same week
    assert first >= 1 and len(mail_to(reader)) == 1
    assert SentDigest.objects.filter(user=reader, kind=Kind.WEEKLY).count() == 1


def test_two_claims_at_once_send_one_mail(community, reader, news):
    """The second run claims while the first is sending: it finds the row and stands back."""
    membership = community.memberships.select_related("user", "community").get(user=reader)
    with at(RUN):
        digest = selectors.member_digest(membership, period_start=PERIOD_START, now=RUN)
    letters = [services.member_letter(digest, kind=Kind.WEEKLY)]
    send = services.send_templated_mail
    outcomes = []

    def claim(**kwargs):
        return services.send_letters(
            community=community, kind=Kind.WEEKLY, period_start=PERIOD_START, **kwargs
        )

    def send_and_meanwhile_a_second_run(**kwargs):
        outcomes.append(claim(letters=letters))
        send(**kwargs)

    with mock.patch.object(services, "send_templated_mail", send_and_meanwhile_a_second_run):
        won = claim(letters=letters)
    assert (won, outcomes) == (1, [0])
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers; PostgreSQL shows the race"
)
def test_two_workers_at_once_on_a_real_database(behaviours, community, reader, news):
    barrier = threading.Barrier(2)
    results: list[int] = []

    def worker():
        try:
            barrier.wait()
            results.append(run(community))
        finally:
            connections.close_all()

    workers = [threading.Thread(target=worker) for _ in range(2)]
    for each in workers:
        each.start()
    for each in workers:
        each.join()
    assert len(mail_to(reader)) == 1
    assert SentDigest.objects.filter(user=reader).count() == 1


def test_a_failed_send_releases_the_claim(community, reader, news):
    real = services.send_templated_mail

    def refused_for_the_reader(**kwargs):
        if kwargs["to"] == [reader.email]:
            raise smtplib.SMTPException("mailbox unavailable")
        real(**kwargs)

    with mock.patch.object(services, "send_templated_mail", refused_for_the_reader):
        others = run(community)
    assert others >= 1  # the others' digests still went
    assert not SentDigest.objects.filter(user=reader).exists()
    assert run(community) == 1
    assert len(mail_to(reader)) == 1


def test_off_sends_nothing(community, reader, news):
    services.set_digest_frequency(user=reader, community=community, frequency=Frequency.OFF)
    run(community)
    assert mail_to(reader) == []


def test_daily_members_get_the_daily_run_not_the_weekly_one(community, reader, asker):
    services.set_digest_frequency(user=reader, community=community, frequency=Frequency.DAILY)
    thread(community, asker, "Yesterday's question", when=RUN - timedelta(hours=10))
    run(community)
    assert mail_to(reader) == []
    run(community, kind=Kind.DAILY)
    [message] = mail_to(reader)
    assert "Yesterday's question" in message.body and "daily digest" in message.body
    assert SentDigest.objects.get(user=reader).period_start == period_start(Kind.DAILY, RUN)


def test_a_digest_covers_only_what_came_after_the_last_one(community, reader, asker):
    services.set_digest_frequency(user=reader, community=community, frequency=Frequency.DAILY)
    thread(community, asker, "Monday's question", when=RUN - timedelta(hours=1))
    run(community, kind=Kind.DAILY)
    thread(community, asker, "Tuesday's question", when=RUN + timedelta(hours=3))
    run(community, kind=Kind.DAILY, when=RUN + timedelta(days=1))
    first, second = mail_to(reader)
    assert "Monday's question" in first.body
    assert "Tuesday's question" in second.body and "Monday's question" not in second.body


def test_the_unsubscribe_link_turns_that_community_off(client, community, reader, news):
    other = CommunityFactory()
    run(community)
    [message] = mail_to(reader)
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in message.body
    path = re.sub(r"^https?://[^/]+", "", link)
    response = client.post(path)
    assert response.status_code == 200
    assert "Northfield staffroom" in response.content.decode()
    assert services.digest_frequencies(reader)[community.pk] == Frequency.OFF
    assert not DigestPreference.objects.filter(community=other).exists()
    mail.outbox.clear()
    thread(community, community.memberships.get(role="gardener").user, "Next week's news",
           when=RUN + timedelta(days=3))
    run(community, when=RUN + timedelta(days=7))
    assert mail_to(reader) == []


def test_unsubscribing_from_a_deleted_community_says_so(reader):
    assert "no longer exists" in services.unsubscribe_from_community_digest(reader, "digest:999")
    assert "no longer exists" in services.unsubscribe_from_community_digest(reader, "digest:x")


def test_beat_fans_out_per_community(community, reader, news, django_capture_on_commit_callbacks):
    CommunityFactory()  # a quiet one: its task finds nothing to send
    with at(RUN), django_capture_on_commit_callbacks(execute=True) as queued:
        assert send_weekly_digests() == 2
        assert send_daily_digests() == 2
    assert len(queued) == 6  # weekly, sponsor and daily, per community
    assert len(mail_to(reader)) == 1


def test_beat_schedule_names_the_tasks():
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["send-daily-digests"]["task"] == "digests.tasks.send_daily_digests"
    assert schedule["send-weekly-digests"]["schedule"] == crontab(
        hour=6, minute=0, day_of_week="mon"
    )


def test_unknown_kind_or_community_does_nothing(community):
    assert send_community_digests(community.pk, "hourly") == 0
    assert send_community_digests(10_000_000, Kind.WEEKLY) == 0


def test_inactive_people_and_people_without_an_address_get_nothing(community, reader, news):
    reader.is_active = False
    reader.save(update_fields=["is_active"])
    run(community)
    assert mail_to(reader) == []
    assert IN_PERIOD  # the thread is news for everyone else


def test_send_digests_command_sends_now_and_then_not_again(community, reader, news):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    with at(RUN):
        call_command("send_digests", "weekly", stdout=out)
        call_command("send_digests", "weekly", stdout=out)
    assert len(mail_to(reader)) == 1
    assert "weekly digest(s) sent." in out.getvalue()


def test_send_digests_command_refuses_an_unknown_kind():
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="invalid choice"):
        call_command("send_digests", "hourly")
