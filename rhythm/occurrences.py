"""Reading meetings: the occurrences of a set of series in a time window, with what happened
to each (cancelled, moved, RSVPs). A constant number of queries, whatever the row count."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from communities.models import Community
from core.period import Period
from rhythm import permissions as meeting_permissions
from rhythm import recurrence
from rhythm.models import MeetingOccurrence, MeetingSeries, Rsvp

STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
UPCOMING_HORIZON = timedelta(days=366)


def stamp(when: datetime) -> str:
    return when.astimezone(UTC).strftime(STAMP_FORMAT)


# Meetings live well inside these years; times near datetime's limits overflow in the
# recurrence and time-zone arithmetic.
STAMP_YEARS = range(1900, 2201)


def parse_stamp(value: str) -> datetime | None:
    try:
        when = datetime.strptime(value, STAMP_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None
    return when if when.year in STAMP_YEARS else None


@dataclass
class Occurrence:
    series: MeetingSeries
    original_start: datetime
    row: MeetingOccurrence | None = None
    my_answer: str = ""
    counts: Counter = field(default_factory=Counter)

    @property
    def status(self) -> str:
        return self.row.status if self.row else MeetingOccurrence.Status.SCHEDULED

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingOccurrence.Status.CANCELLED

    @property
    def is_moved(self) -> bool:
        return self.status == MeetingOccurrence.Status.MOVED

    @property
    def start(self) -> datetime:
        return self.row.moved_to if self.is_moved else self.original_start

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.series.duration_minutes)

    @property
    def note(self) -> str:
        return self.row.note if self.row else ""

    @property
    def notes_url(self) -> str:
        return self.row.notes_url if self.row else ""

    @property
    def stamp(self) -> str:
        return stamp(self.original_start)

    @property
    def is_past(self) -> bool:
        return self.start <= timezone.now()

    @property
    def is_under_way(self) -> bool:
        return self.start <= timezone.now() < self.end

    @property
    def going(self) -> int:
        return self.counts.get(Rsvp.Answer.GOING, 0)

    @property
    def maybe(self) -> int:
        return self.counts.get(Rsvp.Answer.MAYBE, 0)

    @property
    def attended(self) -> int:
        return self.counts.get("attended", 0)


def visible_series(viewer, community: Community | None = None) -> QuerySet[MeetingSeries]:
    qs = meeting_permissions.meetings.visible(viewer)
    if community is not None:
        qs = qs.filter(community=community)
    return qs.select_related("community")


def _attach(series_list, occurrences: list[Occurrence], viewer) -> list[Occurrence]:
    """Fill in rows, counts and the viewer's answers: two queries in all."""
    if not occurrences:
        return occurrences
    by_series = {s.pk: s for s in series_list}
    rows = {
        (row.series_id, row.original_start): row
        for row in MeetingOccurrence.objects.filter(
            series_id__in=by_series,
            original_start__in={o.original_start for o in occurrences},
        )
    }
    counts: dict[int, Counter] = {}
    mine: dict[int, str] = {}
    viewer_id = viewer.pk if viewer is not None and viewer.is_authenticated else None
    for row_id, answer, user_id in Rsvp.objects.filter(
        occurrence_id__in=[r.pk for r in rows.values()]
    ).values_list("occurrence_id", "answer", "user_id"):
        counts.setdefault(row_id, Counter())[answer] += 1
        if user_id == viewer_id:
            mine[row_id] = answer
    for occurrence in occurrences:
        row = rows.get((occurrence.series.pk, occurrence.original_start))
        occurrence.row = row
        if row is not None:
            occurrence.counts = counts.get(row.pk, Counter())
            occurrence.my_answer = mine.get(row.pk, "")
    return occurrences


def upcoming(
    series_qs, *, viewer, limit: int = 20, per_series: int | None = None, now=None
) -> list[Occurrence]:
    """The next occurrences (moved ones at their new time; cancelled ones shown as such)."""
    now = now or timezone.now()
    series_list = list(
        series_qs.filter(Q(rrule__gt="") | Q(starts_at__gte=now - timedelta(days=1)))
    )
    occurrences: list[Occurrence] = []
    for series in series_list:
        length = timedelta(minutes=series.duration_minutes)
        ahead = 0  # the cap counts occurrences still to come, not the day's ended ones
        for start in recurrence.starts_between(
            series, now - timedelta(days=1), now + UPCOMING_HORIZON
        ):
            if ahead >= (per_series or limit):
                break
            occurrences.append(Occurrence(series, start))
            # An ended one stays a candidate (a move may have put it later) but not in the cap.
            ahead += start + length > now
    # Occurrences moved into the future from a date the window above does not cover.
    moved = MeetingOccurrence.objects.filter(
        series__in=series_qs,
        status=MeetingOccurrence.Status.MOVED,
        moved_to__gte=now,
        original_start__lt=now - timedelta(days=1),
    ).select_related("series__community")
    occurrences += [Occurrence(row.series, row.original_start) for row in moved]
    series_list += [row.series for row in moved]
    _attach(series_list, occurrences, viewer)
    ongoing_or_next = [o for o in occurrences if o.end > now]
    return sorted(ongoing_or_next, key=lambda o: (o.start, o.series.pk))[:limit]


def past(series_qs, *, viewer, limit: int = 20, now: datetime | None = None):
    now = now or timezone.now()
    series_list = list(series_qs.filter(starts_at__lt=now))
    occurrences = [
        Occurrence(series, start)
        for series in series_list
        for start in recurrence.starts_before(series, now, limit + 1)
    ]
    _attach(series_list, occurrences, viewer)
    _count_attendance(occurrences)
    # Ended ones only: a meeting under way is still coming up (see upcoming), not in both.
    done = [o for o in occurrences if o.end <= now]
    return sorted(done, key=lambda o: (o.start, o.series.pk), reverse=True)[:limit]


def held(series_qs, occurrence_ids, *, viewer) -> list[Occurrence]:
    """The meetings a figure counted as held (their attendance recorded), of the series the
    viewer may see, newest first: three queries however many."""
    rows = list(
        MeetingOccurrence.objects.filter(
            pk__in=occurrence_ids, series__in=series_qs
        ).select_related("series__community")
    )
    found = [Occurrence(row.series, row.original_start) for row in rows]
    _attach([row.series for row in rows], found, viewer)
    _count_attendance(found)
    return sorted(found, key=lambda o: (o.start, o.series.pk), reverse=True)


# What the dashboard's rhythm figures count, written once for the figure and its list.


def planned_in(series_qs, period: Period) -> set[tuple[int, datetime]]:
    """The meetings these series' calendars planned in the period, less the cancelled
    ones, as (series, original start): two queries, the rules expanded in Python."""
    planned = set()
    for series in series_qs.filter(starts_at__lt=period.until):
        planned.update(
            (series.pk, start)
            for start in recurrence.starts_between(series, period.since, period.until)
        )
    cancelled = MeetingOccurrence.objects.filter(
        series__in=series_qs,
        original_start__gte=period.since,
        original_start__lt=period.until,
        status=MeetingOccurrence.Status.CANCELLED,
    ).values_list("series_id", "original_start")
    return planned - set(cancelled)


def recorded_in(series_qs, period: Period) -> QuerySet[MeetingOccurrence]:
    """Meetings planned in the period whose attendance a gardener recorded."""
    return MeetingOccurrence.objects.filter(
        series__in=series_qs,
        original_start__gte=period.since,
        original_start__lt=period.until,
        attendance_recorded_at__isnull=False,
    )


def planned(series_qs, starts: set[tuple[int, datetime]], *, viewer) -> list[Occurrence]:
    """Of these planned meetings, the ones of series the viewer may see, oldest first:
    three queries however many."""
    series_list = list(series_qs.filter(pk__in={series_id for series_id, _start in starts}))
    by_pk = {series.pk: series for series in series_list}
    found = [
        Occurrence(by_pk[series_id], start) for series_id, start in starts if series_id in by_pk
    ]
    _attach(series_list, found, viewer)
    _count_attendance(found)
    return sorted(found, key=lambda o: (o.start, o.series.pk))


def _count_attendance(occurrences: list[Occurrence]) -> None:
    ids = [o.row.pk for o in occurrences if o.row is not None]
    if not ids:
        return
    totals = dict(
        MeetingOccurrence.objects.filter(pk__in=ids)
        .annotate(n=Count("attendances"))
        .values_list("pk", "n")
    )
    for o in occurrences:
        if o.row is not None:
            o.counts["attended"] = totals.get(o.row.pk, 0)


def series_occurrences(series: MeetingSeries, *, viewer, upcoming_limit=6, past_limit=10):
    qs = MeetingSeries.objects.filter(pk=series.pk).select_related("community")
    return (
        upcoming(qs, viewer=viewer, limit=upcoming_limit),
        past(qs, viewer=viewer, limit=past_limit),
    )


def one(series: MeetingSeries, original_start: datetime, *, viewer) -> Occurrence | None:
    if not recurrence.is_occurrence(series, original_start):
        return None
    occurrence = Occurrence(series, original_start)
    _attach([series], [occurrence], viewer)
    _count_attendance([occurrence])
    return occurrence


def next_meeting(community: Community, *, viewer) -> Occurrence | None:
    """For the community home: the next occurrence that is not cancelled."""
    for occurrence in upcoming(visible_series(viewer, community), viewer=viewer, limit=10):
        if not occurrence.is_cancelled:
            return occurrence
    return None
