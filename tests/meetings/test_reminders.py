"""Reminders stepped through time: each fires once, at the right moment, across a DST change."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail

from rhythm import reminders, services
from rhythm.models import MeetingReminder
from rhythm.tasks import send_meeting_reminders

CREATED = datetime(2026, 10, 1, 9, tzinfo=UTC)
# Weekly, Tuesdays 16:00 London: 15:00 UTC on 20 October (BST), 16:00 UTC on 27 October (GMT).
BEFORE_CHANGE = datetime(2026, 10, 20, 15, tzinfo=UTC)
AFTER_CHANGE = datetime(2026, 10, 27, 16, tzinfo=UTC)


@pytest.fixture
def weekly(make_meeting, member):
    with time_machine.travel(CREATED, tick=False):
        series = make_meeting(day=date(2026, 10, 20), pattern="weekly")
    return series


def run_at(when) -> int:
    with time_machine.travel(when, tick=False):
        return send_meeting_reminders()


def sent_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def step_through(start, end, step=timedelta(minutes=1)):
    when = start
    while when <= end:
        run_at(when)
        when += step


def test_reminders_fire_once_at_24h_and_1h_before_across_the_clock_change(weekly, member):
    for start in (BEFORE_CHANGE, AFTER_CHANGE):
        mail.outbox.clear()
        # Every minute from just before the 24-hour reminder until the meeting starts.
        day_before = start - timedelta(hours=24)
        step_through(day_before - timedelta(minutes=3), day_before + timedelta(minutes=5))
        assert len(sent_to(member)) == 1
        step_through(start - timedelta(minutes=63), start + timedelta(minutes=2))
        mine = sent_to(member)
        assert len(mine) == 2
        assert "16:00" in mine[0].body or "15:00" in mine[0].body
    rows = MeetingReminder.objects.filter(user=member).order_by("occurrence_start", "-kind")
    assert [(r.occurrence_start, r.kind) for r in rows] == [
        (BEFORE_CHANGE, 1440),
        (BEFORE_CHANGE, 60),
        (AFTER_CHANGE, 1440),
        (AFTER_CHANGE, 60),
    ]
    # The precise minute: the 1-hour reminder for the GMT meeting goes at 15:00 UTC, not 14:00.
    assert rows[3].sent_at == AFTER_CHANGE - timedelta(hours=1)


def test_running_the_task_twice_sends_one_mail(weekly, member, gardener):
    when = BEFORE_CHANGE - timedelta(hours=1)
    assert run_at(when) == 2  # the member and the gardener
    assert run_at(when) == 0
    assert len(mail.outbox) == 2


def test_two_overlapping_runs_send_one_mail(weekly, member, gardener, monkeypatch):
    """Both runs decide before either has written its row: the unique row lets one through."""
    when = BEFORE_CHANGE - timedelta(hours=1)
    with time_machine.travel(when, tick=False):
        first_run = reminders.due_reminders()
        second_run = reminders.due_reminders()
        assert len(first_run) == len(second_run) == 2
        assert [reminders.send_reminder(r) for r in first_run] == [True, True]
        assert [reminders.send_reminder(r) for r in second_run] == [False, False]
    assert len(mail.outbox) == 2
    assert MeetingReminder.objects.count() == 2


def test_failed_send_is_retried_next_minute(weekly, member, gardener, monkeypatch):
    when = BEFORE_CHANGE - timedelta(hours=1)

    def broken(reminder):
        raise ConnectionError("smtp down")

    monkeypatch.setattr(reminders, "_mail", broken)
    assert run_at(when) == 0
    assert not MeetingReminder.objects.exists()  # the row went with the failed transaction
    monkeypatch.undo()
    assert run_at(when + timedelta(minutes=1)) == 2


def test_cancelling_stops_the_reminders(weekly, member, gardener):
    with time_machine.travel(CREATED, tick=False):
        services.cancel_occurrence(editor=gardener, series=weekly, original_start=BEFORE_CHANGE)
    step_through(BEFORE_CHANGE - timedelta(hours=25), BEFORE_CHANGE, timedelta(minutes=5))
    assert mail.outbox == []


def test_moving_re_times_the_reminders(weekly, member, gardener):
    with time_machine.travel(CREATED, tick=False):
        services.move_occurrence(
            editor=gardener,
            series=weekly,
            original_start=BEFORE_CHANGE,
            day=date(2026, 10, 21),
            start_time=time(18, 0),
            note="Parents' evening",
        )
    moved = datetime(2026, 10, 21, 17, tzinfo=UTC)
    assert run_at(BEFORE_CHANGE - timedelta(hours=1)) == 0  # the old time sends nothing
    assert run_at(moved - timedelta(hours=1)) == 2
    message = sent_to(member)[0]
    assert "moved" in message.body and "Parents' evening" in message.body
    assert MeetingReminder.objects.filter(occurrence_start=moved).count() == 2


@pytest.mark.parametrize(
    ("day", "start_time", "moved"),
    [
        # Earlier by a day, and later by two hours: the original time is still in the window.
        (date(2026, 10, 19), time(16, 0), datetime(2026, 10, 19, 15, tzinfo=UTC)),
        (date(2026, 10, 20), time(18, 0), datetime(2026, 10, 20, 17, tzinfo=UTC)),
    ],
)
def test_moving_a_little_keeps_both_reminders(weekly, member, gardener, day, start_time, moved):
    with time_machine.travel(CREATED, tick=False):
        services.move_occurrence(
            editor=gardener,
            series=weekly,
            original_start=BEFORE_CHANGE,
            day=day,
            start_time=start_time,
            note="shifted",
        )
    assert run_at(moved - timedelta(hours=24)) == 2
    assert run_at(moved - timedelta(hours=1)) == 2
    assert MeetingReminder.objects.filter(occurrence_start=moved).count() == 4


def test_not_going_and_reminders_off_are_skipped(weekly, member, gardener):
    with time_machine.travel(CREATED, tick=False):
        services.rsvp_to_meeting(
            user=member, series=weekly, original_start=BEFORE_CHANGE, answer="not_going"
        )
    services.turn_off_reminders(user=gardener)
    assert run_at(BEFORE_CHANGE - timedelta(hours=1)) == 0
    assert mail.outbox == []
    # The next week the member still gets theirs; the gardener still does not.
    assert run_at(AFTER_CHANGE - timedelta(hours=1)) == 1
    assert sent_to(member)


def test_chosen_offsets_are_used(weekly, member):
    services.set_reminder_offsets(user=member, offsets=[15])
    assert run_at(BEFORE_CHANGE - timedelta(hours=1)) == 1  # only the gardener's default
    assert run_at(BEFORE_CHANGE - timedelta(minutes=15)) == 1
    assert sent_to(member)


def test_a_worker_that_was_down_does_not_send_stale_reminders(weekly, member):
    # 45 minutes after the 24-hour reminder was due: too late for it, too early for the next.
    assert run_at(BEFORE_CHANGE - timedelta(hours=23, minutes=15)) == 0


def test_reminder_mail_has_text_html_and_links(weekly, member):
    run_at(BEFORE_CHANGE - timedelta(hours=24))
    message = sent_to(member)[0]
    assert message.subject.startswith("Reminder: Committee")
    html = message.alternatives[0][0]
    assert f"/meetings/{weekly.pk}/20261020T150000Z/" in message.body
    assert "/calendar/" in html and "<html" in html


def test_reminders_carry_one_click_unsubscribe_that_turns_them_off(weekly, member, client):
    from urllib.parse import urlsplit

    run_at(BEFORE_CHANGE - timedelta(hours=24))
    message = sent_to(member)[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert url in message.body and url in message.alternatives[0][0]
    response = client.post(urlsplit(url).path)
    assert response.status_code == 200
    assert "Meeting reminders are off" in response.content.decode()
    member.reminder_preference.refresh_from_db()
    assert member.reminder_preference.offsets == []
    assert run_at(BEFORE_CHANGE - timedelta(hours=1)) == 1  # the gardener's only
