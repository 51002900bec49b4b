"""Meeting reminders, found in the database every minute and sent at most once each.

No task waits for a reminder with an ETA: a broker may redeliver such a task or lose it in
a restart. Instead beat runs ``send_due_reminders`` each minute; it works out which
reminders are due now, and a MeetingReminder row, inserted in the same transaction as the
sending, is what decides: its unique constraint lets only one run through, even when two
runs overlap (the second insert waits for the first to commit, then fails).
"""

import logging
import zoneinfo
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from communities.models import Membership
from core import claims
from core.claims import send_once
from core.links import absolute_url
from core.mail import send_templated_mail
from core.unsubscribe import unsubscribe_url
from rhythm import occurrences, recurrence
from rhythm.models import (
    DEFAULT_REMINDER_OFFSETS,
    MeetingOccurrence,
    MeetingReminder,
    MeetingSeries,
    ReminderOffset,
    ReminderPreference,
    Rsvp,
)

logger = logging.getLogger(__name__)

LONGEST_OFFSET = timedelta(minutes=max(ReminderOffset.values))
# A reminder found later than this (the worker was down) is dropped rather than sent late.
LATE_GRACE = timedelta(minutes=30)


@dataclass(frozen=True)
class Due:
    series: MeetingSeries
    row: MeetingOccurrence | None
    start: datetime
    user: object
    kind: int

    @property
    def key(self) -> tuple:
        return (self.series.pk, self.start, self.user.pk, self.kind)


def _occurrences_ahead(now: datetime):
    """(series, row, effective start) for every occurrence starting in the reminder window."""
    until = now + LONGEST_OFFSET
    series_list = list(
        MeetingSeries.objects.filter(starts_at__lte=until)
        .filter(Q(rrule__gt="") | Q(starts_at__gt=now))
        .select_related("community")
    )
    planned = [
        (series, start)
        for series in series_list
        for start in recurrence.starts_between(series, now, until)
    ]
    rows = {
        (row.series_id, row.original_start): row
        for row in MeetingOccurrence.objects.filter(
            Q(series__in=series_list, original_start__in={s for _, s in planned})
            | Q(status=MeetingOccurrence.Status.MOVED, moved_to__gt=now, moved_to__lte=until)
        ).select_related("series__community")
    }

    def moved_into_window(row: MeetingOccurrence) -> bool:
        return row.status == MeetingOccurrence.Status.MOVED and now < row.moved_to <= until

    found = []
    for series, start in planned:
        row = rows.pop((series.pk, start), None)
        if row is None or row.status == MeetingOccurrence.Status.SCHEDULED:
            found.append((series, row, start))
        elif moved_into_window(row):
            # Moved a little: both the original and the new time lie in the window.
            found.append((series, row, row.moved_to))
    # What is left are moved occurrences whose original time lies elsewhere.
    for row in rows.values():
        if moved_into_window(row):
            found.append((row.series, row, row.moved_to))
    return found


def due_reminders(now: datetime | None = None) -> list[Due]:
    """Every reminder due at ``now`` and not yet sent. A handful of queries in all."""
    now = now or timezone.now()
    ahead = _occurrences_ahead(now)
    if not ahead:
        return []
    community_ids = {series.community_id for series, _, _ in ahead}
    members: dict[int, list] = {}
    for membership in (
        Membership.objects.filter(community_id__in=community_ids, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
    ):
        members.setdefault(membership.community_id, []).append(membership.user)
    preferences = dict(ReminderPreference.objects.values_list("user_id", "offsets"))
    row_ids = [row.pk for _, row, _ in ahead if row is not None]
    not_going = set(
        Rsvp.objects.filter(occurrence_id__in=row_ids, answer=Rsvp.Answer.NOT_GOING).values_list(
            "occurrence_id", "user_id"
        )
    )
    sent = set(
        MeetingReminder.objects.filter(
            series__in=[series for series, _, _ in ahead],
            occurrence_start__in={start for _, _, start in ahead},
        ).values_list("series_id", "occurrence_start", "user_id", "kind")
    )
    due = []
    for series, row, start in ahead:
        for user in members.get(series.community_id, []):
            if row is not None and (row.pk, user.pk) in not_going:
                continue
            for kind in preferences.get(user.pk, DEFAULT_REMINDER_OFFSETS):
                send_at = start - timedelta(minutes=kind)
                if send_at <= now < send_at + LATE_GRACE and now < start:
                    reminder = Due(series, row, start, user, kind)
                    if reminder.key not in sent:
                        due.append(reminder)
    return due


def send_reminder(reminder: Due) -> bool:
    """Send one reminder exactly once (core/claims.py), with no transaction open while the
    mail server is talked to; then its row, which later scans read as sent."""
    key = (
        f"reminder:{reminder.series.pk}:{reminder.start:%Y%m%dT%H%M}:"
        f"{reminder.user.pk}:{reminder.kind}"
    )
    posted = send_once(key, partial(_mail, reminder))
    if not posted and not claims.sent(key):
        return False  # another run holds it
    # Also when a run died between the mail and this row: later scans must see it sent.
    MeetingReminder.objects.get_or_create(
        series=reminder.series,
        occurrence_start=reminder.start,
        user=reminder.user,
        kind=reminder.kind,
    )
    return posted


def _mail(reminder: Due) -> None:
    user, series = reminder.user, reminder.series
    original = reminder.row.original_start if reminder.row else reminder.start
    path = occurrences.Occurrence(series, original, row=reminder.row)
    url = absolute_url(_occurrence_path(series, path.stamp))
    try:
        tz = zoneinfo.ZoneInfo(user.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tz = zoneinfo.ZoneInfo("UTC")
    context = {
        "user": user,
        "series": series,
        "community": series.community,
        "occurrence": path,
        "url": url,
        "preferences_url": absolute_url(_settings_path()),
    }
    with timezone.override(tz):
        send_templated_mail(
            template_prefix="rhythm/email/meeting_reminder",
            context=context,
            to=[user.email],
            unsubscribe_url=unsubscribe_url(user_id=user.pk, scope="reminders"),
        )


def _occurrence_path(series, stamp: str) -> str:
    return reverse(
        "rhythm:occurrence",
        kwargs={"slug": series.community.slug, "meeting_id": series.pk, "stamp": stamp},
    )


def _settings_path() -> str:
    return reverse("rhythm:calendar_settings")


def send_due_reminders(now: datetime | None = None) -> int:
    sent = 0
    for reminder in due_reminders(now):
        try:
            sent += send_reminder(reminder)
        except Exception:  # one bad address must not stop everyone else's reminders
            logger.exception("Meeting reminder %s failed; the next run tries again", reminder.key)
    return sent
