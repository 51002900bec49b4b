"""Meetings: the community's rhythm. A one-off meeting is a series of one.

Occurrences are computed from the series' recurrence rule; a row in MeetingOccurrence
exists only once something is attached to one (a cancellation, a move, RSVPs, attendance,
notes). Times are stored in UTC; the rule is expanded in the series' own time zone, so a
16:00 meeting stays at 16:00 local time across a change of daylight saving time.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    REGULAR = "regular", _("Regular meeting")
    LAUNCH = "launch", _("Launch event")
    VISIT = "visit", _("Visit")
    WORKSHOP = "workshop", _("Workshop")


class MeetingSeries(models.Model):
    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="meeting_series"
    )
    title = models.CharField(_("title"), max_length=160)
    kind = models.CharField(
        _("kind"), max_length=16, choices=MeetingKind.choices, default=MeetingKind.REGULAR
    )
    agenda = models.TextField(_("agenda"), max_length=10_000, blank=True)
    agenda_html = models.TextField(blank=True, editable=False)
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    timezone = models.CharField(_("time zone"), max_length=64, default="UTC")
    # The first occurrence (UTC); the rule repeats its local wall-clock time.
    starts_at = models.DateTimeField(_("first meeting starts"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=60)
    # An RFC 5545 RRULE without the "RRULE:" prefix; empty for a one-off.
    rrule = models.CharField(_("recurrence rule"), max_length=500, blank=True)
    # For members only: left out of the public calendar and hidden from outsiders.
    members_only = models.BooleanField(_("members only"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Calendar apps replace an event only when its SEQUENCE grows.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        db_table = "communities_meetingseries"  # kept from before rhythm had its own app
        ordering = ["starts_at", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["community", "starts_at"], name="meeting_community_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=MeetingKind.values), name="meeting_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1), name="meeting_duration_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "rhythm:meeting", kwargs={"slug": self.community.slug, "meeting_id": self.pk}
        )

    @property
    def is_recurring(self) -> bool:
        return bool(self.rrule)

    @property
    def uid(self) -> str:
        return f"meeting-{self.pk}@{settings.SITE_URL.split('://')[-1].split('/')[0]}"


class MeetingOccurrence(models.Model):
    """What happened to one occurrence, keyed by its original start in UTC."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        CANCELLED = "cancelled", _("cancelled")
        MOVED = "moved", _("moved")

    series = models.ForeignKey(MeetingSeries, on_delete=models.CASCADE, related_name="occurrences")
    original_start = models.DateTimeField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    moved_to = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    notes_url = models.URLField(_("notes or thread link"), max_length=500, blank=True)
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "communities_meetingoccurrence"  # kept from before rhythm had its own app
        ordering = ["original_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "original_start"], name="one_row_per_occurrence"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="moved") | models.Q(moved_to__isnull=False),
                name="moved_occurrence_has_new_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series} @ {self.original_start:%Y-%m-%d %H:%M}"


class Rsvp(models.Model):
    class Answer(models.TextChoices):
        GOING = "going", _("Going")
        MAYBE = "maybe", _("Maybe")
        NOT_GOING = "not_going", _("Not going")

    occurrence = models.ForeignKey(
        MeetingOccurrence, on_delete=models.CASCADE, related_name="rsvps"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=12, choices=Answer.choices)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "communities_rsvp"  # kept from before rhythm had its own app
        constraints = [
            models.UniqueConstraint(fields=["occurrence", "user"], name="one_rsvp_per_person"),
            models.CheckConstraint(
                condition=models.Q(answer__in=["going", "maybe", "not_going"]),
                name="rsvp_answer_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.answer}"


class Attendance(models.Model):
    occurrence = models.ForeignKey(
        MeetingOccurrence, on_delete=models.CASCADE, related_name="attendances"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "communities_attendance"  # kept from before rhythm had its own app
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "user"], name="one_attendance_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} attended {self.occurrence}"


DEFAULT_REMINDER_OFFSETS = [24 * 60, 60]


class ReminderOffset(models.IntegerChoices):
    """How long before a meeting a reminder goes out, in minutes."""

    WEEK = 7 * 24 * 60, _("1 week before")
    TWO_DAYS = 2 * 24 * 60, _("2 days before")
    DAY = 24 * 60, _("24 hours before")
    THREE_HOURS = 3 * 60, _("3 hours before")
    HOUR = 60, _("1 hour before")
    QUARTER = 15, _("15 minutes before")


class ReminderPreference(models.Model):
    """A person's reminder times; no row means the defaults (24 h and 1 h before)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    # Minutes before the start; an empty list turns reminders off.
    offsets = models.JSONField(default=list, blank=True)

    class Meta:
        db_table = "communities_reminderpreference"  # kept from before rhythm had its own app

    def __str__(self) -> str:
        return f"{self.user}: {self.offsets}"


class MeetingReminder(models.Model):
    """One reminder sent. The unique constraint is what makes each one go out at most once."""

    series = models.ForeignKey(MeetingSeries, on_delete=models.CASCADE, related_name="+")
    # The effective start (after a move), so moving an occurrence re-times its reminders.
    occurrence_start = models.DateTimeField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # Minutes before the start (a ReminderOffset value).
    kind = models.PositiveIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "communities_meetingreminder"  # kept from before rhythm had its own app
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence_start", "series", "user", "kind"], name="one_reminder_each"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.series} @ {self.occurrence_start} (-{self.kind} min)"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarToken(models.Model):
    """A secret calendar address. With a community: that community's members-only feed;
    without: the person's own feed of all their communities. Revoking ends it for good."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Shown again on the person's calendar page, as calendar apps need the whole address.
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "communities_calendartoken"  # kept from before rhythm had its own app
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "community"],
                condition=models.Q(revoked_at__isnull=True, community__isnull=False),
                name="one_live_community_calendar_token",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(revoked_at__isnull=True, community__isnull=True),
                name="one_live_personal_calendar_token",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} calendar ({self.community or 'personal'})"
