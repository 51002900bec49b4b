"""The digest beat task on a real Celery worker, Redis and PostgreSQL (CI runs this)."""

from digests.tasks import send_weekly_digests
from tests.factories import ThreadFactory
from tests.meetings.test_worker_end_to_end import (  # noqa: F401 - the worker fixture
    _mails,
    _wait_for_mail,
    _wait_until_idle,
    pytestmark,
    subject,
    worker,
)


def test_the_worker_sends_each_weekly_digest_once(worker, behaviours, community, gardener, member):  # noqa: F811
    ThreadFactory(community=community, author=gardener, title="Quizzes nobody opens")
    send_weekly_digests.delay()
    send_weekly_digests.delay()  # beat firing twice, or a redelivery: still one digest
    _wait_for_mail(worker, 1)
    _wait_until_idle()  # both runs and their fan-out done: a second mail would be there now
    digests = [m for m in _mails(worker) if "new thing" in subject(m)]
    recipients = [m["To"] for m in digests]
    assert member.email in recipients and gardener.email not in recipients  # the gardener wrote
    assert len(recipients) == len(set(recipients))  # each once
    assert digests[0]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
