"""A worker killed in the middle of a digest run loses nothing (CI runs this on Redis and
PostgreSQL): after the rerun every member has had their digest, and at most the one that
was in flight when the worker died went out twice (docs/DESIGN.md, "Exactly-once mail")."""

import os
import signal
import subprocess
import time
from collections import Counter
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import User
from communities.models import Membership
from copsite.celery import app
from digests.models import Kind
from digests.tasks import send_community_digests
from tests.factories import ThreadFactory
from tests.meetings.test_worker_end_to_end import (
    CELERY,
    _database_url,
    _mails,
    pytestmark,  # noqa: F401 - real worker, Redis and PostgreSQL only
)

MEMBERS = 2000
STALE_SECONDS = 3


def _start_worker(var_dir) -> subprocess.Popen:
    from django.conf import settings

    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "copsite.settings.local",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "COPSITE_VAR_DIR": str(var_dir),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "MAIL_CLAIM_STALE_SECONDS": str(STALE_SECONDS),
    }
    return subprocess.Popen(
        [str(CELERY), "-A", "copsite", "worker", "--pool=solo", "--loglevel=WARNING"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _members(community) -> None:
    password = make_password(None)
    users = User.objects.bulk_create(
        User(username=f"reader{n}", email=f"reader{n}@example.org", password=password)
        for n in range(MEMBERS)
    )
    Membership.objects.bulk_create(Membership(community=community, user=u) for u in users)


def test_a_killed_worker_loses_no_digest(tmp_path, behaviours, community, gardener):
    _members(community)
    ThreadFactory(community=community, author=gardener, title="What the readers missed")
    at = (timezone.now() + timedelta(minutes=1)).isoformat()
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    app.control.purge()
    first = _start_worker(tmp_path)
    try:
        send_community_digests.delay(community.pk, Kind.WEEKLY, at)
        deadline = time.monotonic() + 180
        while len(_mails(tmp_path / "mail")) < MEMBERS // 5:
            assert time.monotonic() < deadline, "the worker sent too few digests in 180 s"
            time.sleep(0.2)
        os.killpg(first.pid, signal.SIGKILL)  # by PID, mid-run, as an OOM killer would
        first.wait(timeout=30)
        before_rerun = len(_mails(tmp_path / "mail"))
        assert before_rerun < MEMBERS, "the run ended before the worker was killed"

        time.sleep(STALE_SECONDS + 1)  # the dead run's claims are now stale
        second = _start_worker(tmp_path)
        try:
            send_community_digests.delay(community.pk, Kind.WEEKLY, at)  # the rerun
            # The killed run's task stays unacknowledged until the broker's visibility
            # timeout, so wait for the letters rather than for an idle broker.
            deadline = time.monotonic() + 300
            while len(_mails(tmp_path / "mail")) < MEMBERS and time.monotonic() < deadline:
                time.sleep(0.5)
            time.sleep(2)  # a duplicate, if any, would be written by now
        finally:
            second.terminate()
            second.wait(timeout=30)
    finally:
        app.conf.task_always_eager = eager

    counts = Counter(message["To"] for message in _mails(tmp_path / "mail"))
    readers = {f"reader{n}@example.org" for n in range(MEMBERS)}
    print(f"killed after {before_rerun} digests; {sum(counts.values())} mails after the rerun")
    assert readers - set(counts) == set(), "digests lost"
    assert sum(count - 1 for count in counts.values()) <= 1, "more than the in-flight duplicate"
