"""Recurrence rules: the common patterns the form offers, validation, and expansion.

Rules are expanded with a start that carries the series' own zone (zoneinfo): dateutil
keeps the wall-clock time and the zone works out the offset of each date, so a meeting at
16:00 in Europe/London stays at 16:00 when the clocks change.
"""

import zoneinfo
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from dateutil import rrule as du
from django.utils.translation import gettext as _

from core.errors import ActionError

# A community meets a few times a month at most; more than this is a mistake in the rule.
MAX_OCCURRENCES_PER_YEAR = 120
# Rules are checked over this horizon (an unbounded weekly rule is fine; a minutely one is not).
CHECK_HORIZON = timedelta(days=366)
ALLOWED_FREQUENCIES = {du.YEARLY, du.MONTHLY, du.WEEKLY, du.DAILY}
WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


class Pattern:
    ONE_OFF = "once"
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY_NTH_WEEKDAY = "monthly"
    ADVANCED = "advanced"


def zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        raise ActionError(
            _("“%(zone)s” is not a time zone we know. Pick one from the list, e.g. Europe/London.")
            % {"zone": name},
            field="timezone",
        ) from None


def rule_for_pattern(pattern: str, local_start: datetime, advanced: str = "") -> str:
    """The RRULE text for a pattern the form offers, based on the first meeting's date."""
    day = WEEKDAY_CODES[local_start.weekday()]
    if pattern == Pattern.ONE_OFF:
        return ""
    if pattern == Pattern.WEEKLY:
        return f"FREQ=WEEKLY;BYDAY={day}"
    if pattern == Pattern.FORTNIGHTLY:
        return f"FREQ=WEEKLY;INTERVAL=2;BYDAY={day}"
    if pattern == Pattern.MONTHLY_NTH_WEEKDAY:
        nth = (local_start.day - 1) // 7 + 1
        # The fifth week does not exist every month: call it "the last" instead.
        return f"FREQ=MONTHLY;BYDAY={'-1' if nth == 5 else nth}{day}"
    return advanced.strip().removeprefix("RRULE:").strip()


def parse_rule(rule: str, local_start: datetime) -> du.rrule:
    """Parse and check a rule; ActionError with a sentence a person can act on."""
    if "\n" in rule or "DTSTART" in rule.upper():
        raise ActionError(
            _("Write one rule such as FREQ=WEEKLY;INTERVAL=2;BYDAY=TU (no DTSTART)."),
            field="advanced_rule",
        )
    try:
        parsed = du.rrulestr(rule, dtstart=local_start)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError):
        raise ActionError(
            _(
                "That recurrence rule could not be read. Write it like "
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU (see RFC 5545)."
            ),
            field="advanced_rule",
        ) from None
    if not isinstance(parsed, du.rrule) or parsed._freq not in ALLOWED_FREQUENCIES:
        raise ActionError(
            _("Meetings repeat daily at most often: use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY."),
            field="advanced_rule",
        )
    horizon = local_start + CHECK_HORIZON
    count = 0
    try:
        for when in parsed:
            if when > horizon:
                break
            count += 1
            if count > MAX_OCCURRENCES_PER_YEAR:
                raise ActionError(
                    _("That rule makes more than %(n)s meetings a year; choose a calmer rhythm.")
                    % {"n": MAX_OCCURRENCES_PER_YEAR},
                    field="advanced_rule",
                )
    except (ValueError, OverflowError):
        raise ActionError(
            _("That recurrence rule could not be read."), field="advanced_rule"
        ) from None
    if count == 0:
        raise ActionError(
            _("That rule gives no meeting on or after the first date. Check the date and rule."),
            field="advanced_rule",
        )
    return parsed


def local_start_of(series) -> datetime:
    return series.starts_at.astimezone(zone(series.timezone))


def starts_between(series, after: datetime, before: datetime) -> Iterator[datetime]:
    """Original starts (UTC) of the series' occurrences in [after, before)."""
    local_start = local_start_of(series)
    if not series.rrule:
        if after <= series.starts_at < before:
            yield series.starts_at
        return
    try:
        rule = du.rrulestr(series.rrule, dtstart=local_start)
    except (ValueError, TypeError):  # saved rules were checked; never break a page over one
        return
    # Rule dates carry the local zone; compare in UTC. Begin a day early for offset changes.
    for when in rule.xafter(
        max(after, series.starts_at).astimezone(local_start.tzinfo) - timedelta(days=1),
        inc=True,
    ):
        when_utc = when.astimezone(UTC)
        if when_utc >= before:
            return
        if when_utc >= after:
            yield when_utc


def starts_before(series, before: datetime, limit: int) -> list[datetime]:
    """The last ``limit`` original starts before ``before`` (newest first)."""
    window = timedelta(days=400)
    return sorted(starts_between(series, before - window, before), reverse=True)[:limit]


def is_occurrence(series, when: datetime) -> bool:
    return any(True for _ in starts_between(series, when, when + timedelta(seconds=1)))
