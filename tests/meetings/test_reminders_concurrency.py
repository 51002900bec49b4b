"""Two reminder runs at the same moment, on a real database: one mail each, not two."""

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection, connections

from rhythm import reminders
from rhythm.models import MeetingReminder

pytestmark = pytest.mark.django_db(transaction=True)

START = datetime(2026, 10, 20, 15, tzinfo=UTC)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers; PostgreSQL shows the race"
)
def test_two_workers_at_once_send_each_reminder_once(make_meeting, member):
    with time_machine.travel(datetime(2026, 10, 1, tzinfo=UTC), tick=False):
        make_meeting(day=date(2026, 10, 20), pattern="weekly")
    when = START - timedelta(hours=1)
    with time_machine.travel(when, tick=False):
        plans = [reminders.due_reminders(), reminders.due_reminders()]
    assert len(plans[0]) == 2
    barrier = threading.Barrier(2)
    results: list[bool] = []

    def worker(plan):
        try:
            barrier.wait()
            results.extend(reminders.send_reminder(r) for r in plan)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(plan,)) for plan in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, False, True, True]
    assert len(mail.outbox) == 2
    assert MeetingReminder.objects.count() == 2
