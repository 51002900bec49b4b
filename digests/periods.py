"""Which period a digest run covers, from the moment it runs (UTC).

A daily run on day D covers from the start of D-1; a weekly run in week W (and the sponsor
digest) from the Monday of W-1. A late or repeated run in the same day or week gets the same
period start, which is what the sent-digest claim is keyed on.
"""

from datetime import UTC, date, datetime, time, timedelta

from digests.models import Kind


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def period_start(kind: str, now: datetime) -> datetime:
    today = now.astimezone(UTC).date()
    if kind == Kind.DAILY:
        return _midnight(today - timedelta(days=1))
    this_monday = today - timedelta(days=today.weekday())
    return _midnight(this_monday - timedelta(days=7))


def last_full_week(now: datetime) -> tuple[date, date]:
    """Monday and Sunday of the week before this one: what a sponsor digest reports on."""
    monday = period_start(Kind.SPONSOR, now).date()
    return monday, monday + timedelta(days=6)
