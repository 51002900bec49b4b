"""A date range for figures and the lists behind them: parsed, checked, explained when wrong."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.utils import formats, timezone
from django.utils.translation import gettext as _

DEFAULT_DAYS = 90
MAX_DAYS = 3 * 366
EARLIEST = date(2000, 1, 1)


@dataclass(frozen=True)
class Period:
    start: date  # first day, inclusive
    end: date  # last day, inclusive

    @property
    def since(self) -> datetime:
        return datetime.combine(self.start, time.min, tzinfo=UTC)

    @property
    def until(self) -> datetime:
        """The instant after the last day (exclusive)."""
        return datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=UTC)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def weeks(self) -> list[date]:
        """The Mondays of every week the period touches, oldest first."""
        monday = self.start - timedelta(days=self.start.weekday())
        found = []
        while monday <= self.end:
            found.append(monday)
            monday += timedelta(days=7)
        return found

    def months(self) -> float:
        return max(self.days / 30.44, 1.0)

    @property
    def query(self) -> str:
        """The period as a list's query string, so a figure's link carries it along."""
        return f"start={self.start.isoformat()}&end={self.end.isoformat()}"

    def describe(self) -> str:
        return _("from %(start)s to %(end)s") % {
            "start": formats.date_format(self.start, "j M Y"),
            "end": formats.date_format(self.end, "j M Y"),
        }


class PeriodError(ValueError):
    """A date range that makes no sense; the message says why, for the person."""


def default_period(today: date | None = None) -> Period:
    today = today or timezone.now().date()
    return Period(start=today - timedelta(days=DEFAULT_DAYS - 1), end=today)


def _parse(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise PeriodError(
            _("The %(name)s date “%(value)s” is not a date like 2026-03-31.")
            % {"name": name, "value": value[:40]}
        ) from exc


def parse_period(start: str | None, end: str | None, *, today: date | None = None) -> Period:
    """Both dates are optional (the last 90 days); when given they must make sense."""
    today = today or timezone.now().date()
    default = default_period(today)
    end_day = _parse(end, _("end")) if end else default.end
    # Checked first: counting back 90 days from the year 1 would overflow.
    if end_day < EARLIEST:
        raise PeriodError(_("Choose an end date in the year 2000 or later."))
    start_day = _parse(start, _("start")) if start else end_day - timedelta(days=DEFAULT_DAYS - 1)
    if start_day > end_day:
        raise PeriodError(_("The start date is after the end date: swap them and try again."))
    if start_day < EARLIEST:
        raise PeriodError(_("Choose a start date in the year 2000 or later."))
    if end_day > today + timedelta(days=1):
        raise PeriodError(_("The end date is in the future: choose today or earlier."))
    if (end_day - start_day).days + 1 > MAX_DAYS:
        raise PeriodError(_("Choose a period of at most three years."))
    return Period(start=start_day, end=end_day)
