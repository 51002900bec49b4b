"""Sponsors get last week's key figures, the dashboard's own, with a link to it."""

from datetime import date, datetime, timedelta

import pytest
from django.core import mail

from assets import services as assets
from communities.models.choices import Role
from core.period import Period
from digests.models import Frequency, Kind
from digests.services import set_digest_frequency
from digests.tasks import send_community_digests
from discussions import services as discussions
from insights.dashboard.figures import compute
from rhythm import services as meeting_services
from tests.digests.conftest import IN_PERIOD, RUN, SET_UP, at, meeting, thread
from tests.factories import UserFactory, add_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def sponsor(community):
    with at(SET_UP):
        return add_member(community, user=UserFactory(username="sponsor"), role=Role.SPONSOR).user


def run(community) -> int:
    with at(RUN):
        return send_community_digests(community.pk, Kind.SPONSOR, RUN.isoformat())


def figure(body: str, label: str) -> str:
    [line] = [line for line in body.splitlines() if line.startswith(label + ":")]
    return line.split(":", 1)[1].split()[0]  # the number; the list's address follows it


def test_the_sponsor_digest_reports_last_week(community, gardener, sponsor, asker, writer):
    question = thread(community, asker, "Quizzes nobody opens")
    with at(IN_PERIOD + timedelta(hours=1)):
        reply = discussions.reply_to_thread(author=writer, thread=question, body="Try this.")
        discussions.accept_answer(actor=asker, thread=question, post=reply)
        grid = assets.publish_asset(
            author=writer,
            community=community,
            title="Grid",
            kind="link",
            url="https://example.org/grid",
        )
        assets.report_use(user=asker, asset=grid)
    series = meeting(community, gardener, "Committee", date(2026, 11, 12), hour=16)
    with at(datetime(2026, 11, 12, 18, tzinfo=series.starts_at.tzinfo)):
        meeting_services.record_attendance(
            editor=gardener,
            series=series,
            original_start=series.starts_at,
            attendee_ids=[asker.pk, writer.pk],
        )
    thread(community, asker, "After the week", when=RUN - timedelta(hours=1))

    assert run(community) == 1
    [message] = mail.outbox
    assert message.to == [sponsor.email]
    expected = compute(community, Period(date(2026, 11, 9), date(2026, 11, 15)), now=RUN)
    # The asker, the writer, and the gardener who hosted the meeting (hosting is a contribution).
    assert figure(message.body, "Active members") == str(expected.active_members) == "3"
    assert figure(message.body, "Questions answered") == "1"
    assert figure(message.body, "Asset reuse (used or adapted)") == "1"
    assert figure(message.body, "Meeting attendance") == "2"
    assert figure(message.body, "Threads started") == "1"  # not the one after the week
    assert figure(message.body, "Newcomers (first contribution)") == str(len(expected.newcomers))
    assert "/c/northfield/dashboard/" in message.body
    assert "/c/northfield/dashboard/" in message.alternatives[0][0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert run(community) == 0  # once a week


def test_the_sponsor_digest_figures_lead_to_the_lists_they_count(
    client, community, gardener, sponsor, asker, writer
):
    from urllib.parse import urlsplit

    from tests.figures.follow import Figure, figures, follow

    question = thread(community, asker, "Quizzes nobody opens")
    with at(IN_PERIOD + timedelta(hours=1)):
        answer = discussions.reply_to_thread(author=writer, thread=question, body="Try this.")
        discussions.accept_answer(actor=asker, thread=question, post=answer)
        grid = assets.publish_asset(
            author=writer,
            community=community,
            title="Grid",
            kind="link",
            url="https://example.org/grid",
        )
        assets.report_use(user=asker, asset=grid)
    assert run(community) == 1
    [message] = mail.outbox
    found = figures(message.alternatives[0][0])
    # Active members, newcomers, threads started, questions answered, assets reused.
    assert len(found) == 5 and all(f.count for f in found)
    assert {"verb=thread_started", "verb=answer_accepted"} <= {
        f.href.split("?")[1].split("&")[0] for f in found
    }
    client.force_login(sponsor)
    with at(RUN):
        for each in found:
            parts = urlsplit(each.href)
            local = Figure(each.count, f"{parts.path}?{parts.query}")
            listed = follow(client, local, parts.path)
            assert listed.rows + listed.more == each.count, (each, listed)


def test_a_quiet_week_or_an_opted_out_sponsor_gets_nothing(community, sponsor, asker):
    assert run(community) == 0
    thread(community, asker, "Quizzes nobody opens")
    set_digest_frequency(user=sponsor, community=community, frequency=Frequency.OFF)
    assert run(community) == 0
    assert mail.outbox == []


def test_members_get_no_sponsor_digest(community, reader, asker):
    thread(community, asker, "Quizzes nobody opens")
    assert run(community) == 0
