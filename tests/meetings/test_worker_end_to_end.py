"""A real Celery worker on real Redis and PostgreSQL (CI runs this; elsewhere it skips).

An action commits and its task is enqueued on commit; beat's reminder task is enqueued the
way beat does it. The worker, a separate process, sends the mail; the test reads it from
the file backend.
"""

import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from datetime import time as time_of_day
from email import message_from_string
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from communities import services
from copsite.celery import app
from rhythm import services as meetings
from rhythm.recurrence import Pattern
from rhythm.tasks import send_meeting_reminders
from tests.meetings.conftest import details

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL") or connection.vendor != "postgresql",
        reason="needs REDIS_URL and PostgreSQL (DATABASE_URL), as in CI",
    ),
]

CELERY = Path(sys.executable).with_name("celery")
LAST = time_of_day(23, 59)


def _database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


@pytest.fixture
def worker(tmp_path):
    """Start `celery -A copsite worker` against the test database; yield its mail folder.

    It uses this test process's Redis database (one per pytest-xdist worker, see the test
    settings), so it only sees the tasks this test sends.
    """
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False  # tasks go to Redis, as in production
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "copsite.settings.local",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "COPSITE_VAR_DIR": str(tmp_path),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
    }
    app.control.purge()  # nothing left over from an earlier, interrupted run
    process = subprocess.Popen(
        [str(CELERY), "-A", "copsite", "worker", "--pool=solo", "--loglevel=INFO"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield tmp_path / "mail"
    finally:
        app.conf.task_always_eager = eager
        process.terminate()
        try:
            output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        print(output.decode(errors="replace")[-4000:])


def _mails(folder: Path) -> list:
    """The messages the file backend wrote, parsed (subjects decoded)."""
    files = sorted(folder.glob("*.log")) if folder.exists() else []
    parts = "".join(f.read_text() for f in files).split("\n" + "-" * 79 + "\n")
    return [message_from_string(part.strip()) for part in parts if part.strip()]


def subject(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def _wait_for_mail(folder: Path, count: int, timeout: float = 60) -> list:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(found := _mails(folder)) >= count:
            return found
        time.sleep(0.5)
    raise AssertionError(f"the worker sent fewer than {count} mails in {timeout} s")


def _broker_is_empty() -> bool:
    """No task waiting in the queue, and none delivered to the worker but not yet done.

    Tasks are acknowledged only once they have run (CELERY_TASK_ACKS_LATE), and a task queues
    its follow-up tasks before it returns, so this holds only when all work so far is done.
    """
    with app.connection_for_read() as broker:
        channel = broker.default_channel
        queued = channel.client.llen(app.conf.task_default_queue)
        return not queued and not channel.client.hlen(channel.unacked_key)


def _wait_until_idle(timeout: float = 60) -> None:
    """Until the worker has run every task sent so far (and any they queued in turn)."""
    deadline = time.monotonic() + timeout
    empty_in_a_row = 0
    while time.monotonic() < deadline:
        # Twice in a row: a message is briefly in neither place while the worker takes it.
        empty_in_a_row = empty_in_a_row + 1 if _broker_is_empty() else 0
        if empty_in_a_row == 2:
            return
        time.sleep(0.2)
    raise AssertionError(f"the worker still had tasks to run after {timeout} s")


def test_worker_sends_an_invitation_and_a_due_reminder(worker, community, gardener, member):
    # An action commits; its task is enqueued on commit and the worker mails the invitation.
    services.invite_to_community(actor=gardener, community=community, email="new@example.org")
    (invitation,) = _wait_for_mail(worker, 1)
    assert invitation["To"] == "new@example.org"

    # A meeting starting in 59 minutes: its 1-hour reminder is due now.
    start = (datetime.now(UTC) + timedelta(minutes=59)).replace(second=0, microsecond=0)
    end = start + timedelta(minutes=30)  # a meeting cannot run past midnight: shorten it
    meetings.create_meeting(
        author=gardener,
        community=community,
        details=details(
            day=start.date(),
            start_time=start.time(),
            end_time=end.time() if end.date() == start.date() else LAST,
            timezone="UTC",
            pattern=Pattern.ONE_OFF,
        ),
    )
    send_meeting_reminders.delay()
    send_meeting_reminders.delay()  # beat firing twice, or a redelivery: still one mail each
    _wait_for_mail(worker, 3)
    _wait_until_idle()  # both runs done: a second, wrongful mail would be there by now
    reminders = [m for m in _mails(worker) if subject(m).startswith("Reminder: Committee")]
    assert sorted(m["To"] for m in reminders) == sorted([gardener.email, member.email])
    assert all(m["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click" for m in reminders)
