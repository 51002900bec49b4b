"""Meetings: schedule, change, cancel or move one occurrence, RSVP, attendance, reminders."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from communities import permissions
from communities.ledger import changes
from communities.ledger.record import record_activity
from communities.models import Activity, Community, Membership
from core.errors import ActionError
from core.links import checked_link
from core.markdown import render_markdown
from core.vocabulary import Target
from rhythm import permissions as meeting_permissions
from rhythm import recurrence
from rhythm.models import (
    Attendance,
    CalendarToken,
    MeetingKind,
    MeetingOccurrence,
    MeetingSeries,
    ReminderOffset,
    ReminderPreference,
    Rsvp,
)

MAX_DURATION_MINUTES = 12 * 60


@dataclass(frozen=True)
class MeetingDetails:
    """What a person fills in to schedule or change a meeting (times in the meeting's zone)."""

    title: str
    kind: str
    day: date
    start_time: time
    end_time: time
    timezone: str
    pattern: str = recurrence.Pattern.ONE_OFF
    advanced_rule: str = ""
    agenda: str = ""
    place: str = ""
    online_url: str = ""
    members_only: bool = False


# Calendars and time-zone arithmetic break at the ends of the calendar, and a first meeting
# centuries ago makes every page expand centuries of occurrences: keep dates to a sane span.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


def _check_day(day: date, field: str = "day") -> None:
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise ActionError(
            _("Choose a date between %(first)s and %(last)s.")
            % {"first": EARLIEST_YEAR, "last": LATEST_YEAR},
            field=field,
        )


def _fields_from(details: MeetingDetails) -> dict:
    _check_day(details.day)
    title = details.title.strip()
    if not title:
        raise ActionError(_("Give the meeting a title."), field="title")
    if details.kind not in MeetingKind.values:
        raise ActionError(_("Choose what kind of meeting this is."), field="kind")
    tz = recurrence.zone(details.timezone)
    if details.end_time <= details.start_time:
        raise ActionError(_("The meeting ends before it starts."), field="end_time")
    local_start = datetime.combine(details.day, details.start_time, tzinfo=tz)
    minutes = int(
        (
            datetime.combine(details.day, details.end_time)
            - datetime.combine(details.day, details.start_time)
        )
        / timedelta(minutes=1)
    )
    if minutes > MAX_DURATION_MINUTES:
        raise ActionError(_("A meeting lasts twelve hours at most."), field="end_time")
    rule = recurrence.rule_for_pattern(details.pattern, local_start, details.advanced_rule)
    if details.pattern == recurrence.Pattern.ADVANCED and not rule:
        raise ActionError(_("Write the recurrence rule, or pick a pattern."), field="advanced_rule")
    if rule:
        recurrence.parse_rule(rule, local_start)
    return {
        "title": title[:160],
        "kind": details.kind,
        "agenda": details.agenda,
        "agenda_html": render_markdown(details.agenda) if details.agenda.strip() else "",
        "place": details.place.strip()[:300],
        "online_url": checked_link(details.online_url, field="online_url"),
        "timezone": details.timezone,
        "starts_at": local_start.astimezone(UTC),
        "duration_minutes": minutes,
        "rrule": rule,
        "members_only": details.members_only,
    }


def create_meeting(*, author, community: Community, details: MeetingDetails) -> MeetingSeries:
    if not meeting_permissions.can_create_meeting(author, community):
        raise ActionError(_("Only the community's gardeners schedule meetings."), status=403)
    fields = _fields_from(details)
    return MeetingSeries.objects.create(community=community, created_by=author, **fields)


@transaction.atomic
def update_meeting(*, editor, series: MeetingSeries, details: MeetingDetails) -> MeetingSeries:
    _require_editor(editor, series, _("Only the community's gardeners change meetings."))
    for name, value in _fields_from(details).items():
        setattr(series, name, value)
    series.sequence += 1
    series.save()
    # Earlier answers, attendance and hosting follow the meeting: a members-only meeting's
    # title leaves public feeds. Guest invitations stay private whatever the meeting becomes.
    answers = Activity.objects.filter(
        Q(target_type=Target.MEETING, target_id=series.pk)
        | Q(target_type=Target.MEETING_OCCURRENCE, target_id__in=series.occurrences.values("pk")),
        community=series.community,
        verb__in=[Activity.Verb.RSVP, Activity.Verb.ATTENDED, Activity.Verb.MEETING_HOSTED],
    )
    changes.republish(answers)
    return series


def _require_editor(editor, series: MeetingSeries, refusal: str) -> None:
    """Not found before not allowed: 404 for whoever cannot see the meeting."""
    if not meeting_permissions.can_view_meeting(editor, series):
        raise ActionError(_("No such meeting."), status=404)
    if not meeting_permissions.can_edit_meeting(editor, series):
        raise ActionError(refusal, status=403)


def _occurrence_row(series: MeetingSeries, original_start: datetime) -> MeetingOccurrence:
    if not recurrence.is_occurrence(series, original_start):
        raise ActionError(_("The meeting has no occurrence at that time."), status=404)
    row, _created = MeetingOccurrence.objects.get_or_create(
        series=series, original_start=original_start
    )
    return row


def _bump(series: MeetingSeries) -> None:
    MeetingSeries.objects.filter(pk=series.pk).update(sequence=series.sequence + 1)
    series.sequence += 1


@transaction.atomic
def cancel_occurrence(
    *, editor, series: MeetingSeries, original_start: datetime, note: str = ""
) -> MeetingOccurrence:
    _require_editor(editor, series, _("Only the community's gardeners cancel meetings."))
    row = _occurrence_row(series, original_start)
    row.status = MeetingOccurrence.Status.CANCELLED
    row.moved_to = None
    row.note = note.strip()[:300]
    row.save(update_fields=["status", "moved_to", "note"])
    _bump(series)
    return row


@transaction.atomic
def move_occurrence(
    *,
    editor,
    series: MeetingSeries,
    original_start: datetime,
    day: date,
    start_time: time,
    note: str = "",
) -> MeetingOccurrence:
    _require_editor(editor, series, _("Only the community's gardeners move meetings."))
    _check_day(day)
    row = _occurrence_row(series, original_start)
    tz = recurrence.zone(series.timezone)
    new_start = datetime.combine(day, start_time, tzinfo=tz).astimezone(UTC)
    if new_start <= timezone.now():
        raise ActionError(_("Move the meeting to a time in the future."), field="day")
    row.status = MeetingOccurrence.Status.MOVED
    row.moved_to = new_start
    row.note = note.strip()[:300]
    row.save(update_fields=["status", "moved_to", "note"])
    _bump(series)
    return row


@transaction.atomic
def restore_occurrence(*, editor, series: MeetingSeries, original_start: datetime) -> None:
    """Undo a cancellation or a move: the occurrence is back at its usual time."""
    _require_editor(editor, series, _("Only the community's gardeners change meetings."))
    row = _occurrence_row(series, original_start)
    row.status = MeetingOccurrence.Status.SCHEDULED
    row.moved_to = None
    row.save(update_fields=["status", "moved_to"])
    _bump(series)


def effective_start(series: MeetingSeries, row: MeetingOccurrence | None, original: datetime):
    if row is not None and row.status == MeetingOccurrence.Status.MOVED:
        return row.moved_to
    return original


@transaction.atomic
def rsvp_to_meeting(*, user, series: MeetingSeries, original_start: datetime, answer: str) -> Rsvp:
    if not meeting_permissions.can_view_meeting(user, series):
        raise ActionError(_("No such meeting."), status=404)
    if not meeting_permissions.can_rsvp_to_meeting(user, series):
        raise ActionError(_("Join the community to answer."), status=403)
    if answer not in Rsvp.Answer.values:
        raise ActionError(_("Answer going, maybe or not going."))
    row = _occurrence_row(series, original_start)
    if row.status == MeetingOccurrence.Status.CANCELLED:
        raise ActionError(_("This meeting was cancelled, so there is nothing to answer."))
    start = effective_start(series, row, original_start)
    if start <= timezone.now():
        raise ActionError(_("This meeting has already started."))
    # get_or_create re-reads the row when a simultaneous first answer wins the insert, so two
    # answers at once make one row instead of an IntegrityError.
    rsvp, created = Rsvp.objects.get_or_create(
        occurrence=row, user=user, defaults={"answer": answer}
    )
    if not created:
        if rsvp.answer == answer:
            return rsvp
        rsvp.answer = answer
        rsvp.save(update_fields=["answer", "answered_at"])
    record_activity(
        community=series.community,
        actor=user,
        verb=Activity.Verb.RSVP,
        target_type=Target.MEETING,
        target_id=series.pk,
        title=series.title,
        is_public=not series.members_only,
    )
    return rsvp


@transaction.atomic
def record_attendance(
    *,
    editor,
    series: MeetingSeries,
    original_start: datetime,
    attendee_ids: list[int],
    notes_url: str = "",
) -> MeetingOccurrence:
    """Who came, and where the notes are. Re-recording replaces the list."""
    _require_editor(editor, series, _("Only the community's gardeners record attendance."))
    row = _occurrence_row(series, original_start)
    if row.status == MeetingOccurrence.Status.CANCELLED:
        raise ActionError(_("This meeting was cancelled; nobody attended."))
    start = effective_start(series, row, original_start)
    if start > timezone.now():
        raise ActionError(_("Record attendance after the meeting has started."))
    notes_url = checked_link(notes_url, field="notes_url", local_paths=True)
    members = set(
        Membership.objects.filter(community=series.community, user_id__in=attendee_ids).values_list(
            "user_id", flat=True
        )
    )
    already = set(row.attendances.values_list("user_id", flat=True))
    row.attendances.exclude(user_id__in=members).delete()
    new = sorted(members - already)
    Attendance.objects.bulk_create(
        [Attendance(occurrence=row, user_id=uid, recorded_by=editor) for uid in new]
    )
    _ledger_attendance(editor=editor, series=series, row=row, members=members, new=new, at=start)
    row.notes_url = notes_url[:500]
    row.attendance_recorded_at = timezone.now()
    row.save(update_fields=["notes_url", "attendance_recorded_at"])
    return row


def _ledger_attendance(
    *, editor, series: MeetingSeries, row: MeetingOccurrence, members: set, new: list, at
) -> None:
    # The ledger counts each person's attendance once; un-ticking someone removes their row.
    unticked = Activity.objects.filter(
        community=series.community,
        verb=Activity.Verb.ATTENDED,
        target_type=Target.MEETING_OCCURRENCE,
        target_id=row.pk,
    ).exclude(actor_id__in=members)
    changes.remove(unticked)
    for uid in new:
        record_activity(
            community=series.community,
            actor=_user(uid),
            verb=Activity.Verb.ATTENDED,
            target_type=Target.MEETING_OCCURRENCE,
            target_id=row.pk,
            title=series.title,
            is_public=not series.members_only,
            at=at,
        )
    if row.attendance_recorded_at is None:  # hosting counts once per meeting, not per edit
        record_activity(
            community=series.community,
            actor=editor,
            verb=Activity.Verb.MEETING_HOSTED,
            target_type=Target.MEETING_OCCURRENCE,
            target_id=row.pk,
            title=series.title,
            is_public=not series.members_only,
            at=at,
        )


def _user(user_id: int):
    return get_user_model()(pk=user_id)


# --- reminders and calendars -----------------------------------------------------------------


def set_reminder_offsets(*, user, offsets: list[int]) -> ReminderPreference:
    allowed = set(ReminderOffset.values)
    bad = [o for o in offsets if o not in allowed]
    if bad:
        raise ActionError(_("Choose reminder times from the list."), field="offsets")
    preference, _created = ReminderPreference.objects.update_or_create(
        user=user, defaults={"offsets": sorted(set(offsets), reverse=True)}
    )
    return preference


def turn_off_reminders(*, user) -> ReminderPreference:
    return set_reminder_offsets(user=user, offsets=[])


def create_calendar_token(*, user, community: Community | None = None) -> CalendarToken:
    """A new secret address; the old one for the same feed stops working."""
    if community is not None and not permissions.is_member(user, community):
        raise ActionError(_("No such community."), status=404)
    with transaction.atomic():
        CalendarToken.objects.filter(
            user=user, community=community, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
        try:
            return CalendarToken.objects.create(user=user, community=community)
        except IntegrityError:  # two clicks at once: keep the one that won
            return CalendarToken.objects.get(
                user=user, community=community, revoked_at__isnull=True
            )


def revoke_calendar_tokens_of(sender=None, *, user, **kwargs) -> int:
    """A closed account's calendar addresses end with it (``account_closed``)."""
    tokens = CalendarToken.objects.filter(user=user, revoked_at=None)
    return tokens.update(revoked_at=timezone.now())


def revoke_calendar_token(*, user, token_id: int) -> None:
    updated = CalendarToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if not updated:
        raise ActionError(_("That calendar address was already turned off."), status=404)
