from datetime import UTC, date, datetime, time

import pytest
import time_machine

from communities.models import Activity
from core.errors import ActionError
from rhythm import services
from rhythm.models import Attendance, MeetingOccurrence, Rsvp
from rhythm.recurrence import Pattern
from tests.factories import add_member
from tests.meetings.conftest import details

NOW = datetime(2026, 10, 1, 9, tzinfo=UTC)
FIRST = datetime(2026, 10, 6, 15, tzinfo=UTC)  # 16:00 London summer time
SECOND = datetime(2026, 10, 20, 15, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_gardener_schedules_a_fortnightly_meeting(make_meeting):
    series = make_meeting(agenda="**Bring** a lesson <script>x</script>")
    assert series.rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    assert series.starts_at == FIRST
    assert series.duration_minutes == 60
    assert "<strong>Bring</strong>" in series.agenda_html
    assert "<script>" not in series.agenda_html


def test_members_may_not_schedule(community, member):
    with pytest.raises(ActionError) as refused:
        services.create_meeting(author=member, community=community, details=details())
    assert refused.value.status == 403


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"end_time": time(15, 0)}, "end_time"),
        ({"end_time": time(16, 0)}, "end_time"),
        ({"timezone": "Europe/Atlantis"}, "timezone"),
        ({"online_url": "javascript:alert(1)"}, "online_url"),
        ({"online_url": "ftp://example.org/x"}, "online_url"),
        ({"pattern": Pattern.ADVANCED, "advanced_rule": "FREQ=SOMETIMES"}, "advanced_rule"),
        ({"pattern": Pattern.ADVANCED, "advanced_rule": ""}, "advanced_rule"),
        ({"title": "   "}, "title"),
        ({"kind": "party"}, "kind"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(community, gardener, overrides, field):
    with pytest.raises(ActionError) as refused:
        services.create_meeting(author=gardener, community=community, details=details(**overrides))
    assert refused.value.field == field
    assert not community.meeting_series.exists()


def test_editing_bumps_the_calendar_sequence(make_meeting, gardener):
    series = make_meeting()
    services.update_meeting(editor=gardener, series=series, details=details(title="Committee 2"))
    series.refresh_from_db()
    assert (series.title, series.sequence) == ("Committee 2", 1)


def test_rsvp_is_recorded_once_per_change_in_the_ledger(make_meeting, member):
    series = make_meeting()
    services.rsvp_to_meeting(user=member, series=series, original_start=FIRST, answer="going")
    services.rsvp_to_meeting(user=member, series=series, original_start=FIRST, answer="going")
    services.rsvp_to_meeting(user=member, series=series, original_start=FIRST, answer="maybe")
    assert Rsvp.objects.get(user=member).answer == "maybe"
    assert Activity.objects.filter(actor=member, verb=Activity.Verb.RSVP).count() == 2


def test_rsvp_refused_for_outsiders_cancelled_past_and_non_occurrences(
    make_meeting, gardener, member, outsider
):
    series = make_meeting()
    with pytest.raises(ActionError) as refused:
        services.rsvp_to_meeting(user=outsider, series=series, original_start=FIRST, answer="going")
    assert refused.value.status == 403
    with pytest.raises(ActionError) as refused:
        services.rsvp_to_meeting(
            user=member, series=series, original_start=FIRST.replace(hour=9), answer="going"
        )
    assert refused.value.status == 404
    with pytest.raises(ActionError):
        services.rsvp_to_meeting(user=member, series=series, original_start=FIRST, answer="yes!")
    services.cancel_occurrence(editor=gardener, series=series, original_start=FIRST, note="Inset")
    with pytest.raises(ActionError) as refused:
        services.rsvp_to_meeting(user=member, series=series, original_start=FIRST, answer="going")
    assert "cancelled" in refused.value.message
    started = datetime(2026, 10, 20, 15, 30, tzinfo=UTC)
    with time_machine.travel(started, tick=False), pytest.raises(ActionError) as refused:
        services.rsvp_to_meeting(user=member, series=series, original_start=SECOND, answer="going")
    assert "started" in refused.value.message
    assert not Rsvp.objects.exists()


def test_members_only_meeting_is_invisible_to_outsiders(make_meeting, outsider):
    series = make_meeting(members_only=True)
    with pytest.raises(ActionError) as refused:
        services.rsvp_to_meeting(user=outsider, series=series, original_start=FIRST, answer="going")
    assert refused.value.status == 404


def test_move_and_cancel_one_occurrence(make_meeting, gardener, member):
    series = make_meeting()
    row = services.move_occurrence(
        editor=gardener,
        series=series,
        original_start=SECOND,
        day=date(2026, 10, 21),
        start_time=time(16, 30),
        note="Parents' evening on Tuesday",
    )
    assert row.status == MeetingOccurrence.Status.MOVED
    assert row.moved_to == datetime(2026, 10, 21, 15, 30, tzinfo=UTC)
    with pytest.raises(ActionError):
        services.move_occurrence(
            editor=gardener,
            series=series,
            original_start=FIRST,
            day=date(2020, 1, 1),
            start_time=time(9),
        )
    with pytest.raises(ActionError) as refused:
        services.cancel_occurrence(editor=member, series=series, original_start=FIRST)
    assert refused.value.status == 403
    services.restore_occurrence(editor=gardener, series=series, original_start=SECOND)
    row.refresh_from_db()
    assert row.status == MeetingOccurrence.Status.SCHEDULED and row.moved_to is None


def test_attendance_is_recorded_in_the_ledger_and_replaced_on_correction(
    make_meeting, community, gardener, member
):
    series = make_meeting()
    other = add_member(community).user
    with pytest.raises(ActionError):  # not yet happened
        services.record_attendance(
            editor=gardener, series=series, original_start=FIRST, attendee_ids=[member.pk]
        )
    with time_machine.travel(datetime(2026, 10, 7, tzinfo=UTC), tick=False):
        services.record_attendance(
            editor=gardener,
            series=series,
            original_start=FIRST,
            attendee_ids=[member.pk, other.pk, 999_999],
            notes_url="https://notes.example.org/1",
        )
        services.record_attendance(
            editor=gardener,
            series=series,
            original_start=FIRST,
            attendee_ids=[member.pk],
            notes_url="/c/x/threads/1/",
        )
        with pytest.raises(ActionError) as refused:
            services.record_attendance(
                editor=gardener,
                series=series,
                original_start=FIRST,
                attendee_ids=[],
                notes_url="javascript:alert(1)",
            )
        assert refused.value.field == "notes_url"
    assert list(Attendance.objects.values_list("user_id", flat=True)) == [member.pk]
    attended = Activity.objects.filter(verb=Activity.Verb.ATTENDED)
    assert list(attended.values_list("actor_id", flat=True)) == [member.pk]
    assert attended.get().created_at == FIRST
    assert MeetingOccurrence.objects.get().notes_url == "/c/x/threads/1/"


def test_reminder_offsets_only_from_the_list(user):
    services.set_reminder_offsets(user=user, offsets=[60, 1440, 60])
    assert user.reminder_preference.offsets == [1440, 60]
    with pytest.raises(ActionError):
        services.set_reminder_offsets(user=user, offsets=[7])
    services.turn_off_reminders(user=user)
    user.reminder_preference.refresh_from_db()
    assert user.reminder_preference.offsets == []
