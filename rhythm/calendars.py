"""iCalendar output (RFC 5545) built with the icalendar library.

A series is one VEVENT with an RRULE in its own time zone; a cancelled occurrence is an
EXDATE on it, and a moved one a second VEVENT with the same UID and a RECURRENCE-ID naming
the original start, which is how calendar apps expect exceptions to arrive.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from icalendar import Calendar, Event, vRecur, vText

from core.links import absolute_url
from rhythm import recurrence
from rhythm.models import MeetingOccurrence, MeetingSeries

PRODID = "-//copsite//meetings//EN"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    return cal


def _where(series: MeetingSeries) -> str:
    return ", ".join(part for part in (series.place, series.online_url) if part)


def _event(series: MeetingSeries, start: datetime, stamp_at: datetime) -> Event:
    tz = recurrence.zone(series.timezone)
    event = Event()
    event.add("uid", series.uid)
    event.add("dtstamp", stamp_at)
    event.add("sequence", series.sequence)
    event.add("summary", f"{series.title} · {series.community.name}")
    event.add("dtstart", start.astimezone(tz))
    event.add("dtend", (start + timedelta(minutes=series.duration_minutes)).astimezone(tz))
    url = absolute_url(series.get_absolute_url())
    event.add("url", url)
    description = series.agenda.strip()
    event.add("description", f"{description}\n\n{url}" if description else url)
    if where := _where(series):
        event["location"] = vText(where)
    return event


def add_series(
    cal: Calendar, series: MeetingSeries, rows: Iterable[MeetingOccurrence], stamp_at: datetime
) -> None:
    tz = recurrence.zone(series.timezone)
    master = _event(series, series.starts_at, stamp_at)
    overrides = []
    for row in rows:
        if row.status == MeetingOccurrence.Status.CANCELLED:
            master.add("exdate", row.original_start.astimezone(tz))
        elif row.status == MeetingOccurrence.Status.MOVED:
            moved = _event(series, row.moved_to, stamp_at)
            moved.add("recurrence-id", row.original_start.astimezone(tz))
            if row.note:
                moved["description"] = vText(f"{row.note}\n\n{moved['description']}")
            overrides.append(moved)
    if series.rrule:
        master.add("rrule", vRecur.from_ical(series.rrule))
    elif overrides:
        # A one-off that moved: the single event simply takes its new time.
        master = overrides.pop()
        del master["recurrence-id"]
    elif any(r.status == MeetingOccurrence.Status.CANCELLED for r in rows):
        master.add("status", "CANCELLED")
        del master["exdate"]
    cal.add_component(master)
    for event in overrides:
        cal.add_component(event)


def build(name: str, series_list: Iterable[MeetingSeries]) -> bytes:
    """One calendar for these series. Two queries: the series (given) and their exceptions."""
    series_list = list(series_list)
    rows = defaultdict(list)
    for row in MeetingOccurrence.objects.filter(
        series__in=[s.pk for s in series_list],
        status__in=[MeetingOccurrence.Status.CANCELLED, MeetingOccurrence.Status.MOVED],
    ).order_by("original_start"):
        rows[row.series_id].append(row)
    cal = _calendar(name)
    stamp_at = timezone.now().astimezone(UTC).replace(microsecond=0)
    for series in series_list:
        add_series(cal, series, rows[series.pk], stamp_at)
    cal.add_missing_timezones()
    return cal.to_ical()
