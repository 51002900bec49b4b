from datetime import UTC, datetime

import pytest

from core.errors import ActionError
from rhythm import recurrence
from rhythm.recurrence import Pattern

LONDON = recurrence.zone("Europe/London")


def test_patterns_follow_the_first_meeting_date():
    tuesday = datetime(2026, 10, 13, 16, tzinfo=LONDON)  # the second Tuesday
    assert recurrence.rule_for_pattern(Pattern.ONE_OFF, tuesday) == ""
    assert recurrence.rule_for_pattern(Pattern.WEEKLY, tuesday) == "FREQ=WEEKLY;BYDAY=TU"
    assert (
        recurrence.rule_for_pattern(Pattern.FORTNIGHTLY, tuesday)
        == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    )
    assert recurrence.rule_for_pattern(Pattern.MONTHLY_NTH_WEEKDAY, tuesday) == (
        "FREQ=MONTHLY;BYDAY=2TU"
    )
    fifth = datetime(2026, 9, 29, 16, tzinfo=LONDON)  # the fifth Tuesday: "the last" instead
    assert recurrence.rule_for_pattern(Pattern.MONTHLY_NTH_WEEKDAY, fifth) == (
        "FREQ=MONTHLY;BYDAY=-1TU"
    )
    assert (
        recurrence.rule_for_pattern(Pattern.ADVANCED, tuesday, " RRULE:FREQ=YEARLY ")
        == "FREQ=YEARLY"
    )


class _Series:
    def __init__(self, start, rule, tz="Europe/London"):
        self.starts_at, self.rrule, self.timezone = start, rule, tz


def test_weekly_meeting_keeps_its_local_hour_across_the_clock_change():
    # 16:00 London is 15:00 UTC in summer time (BST) and 16:00 UTC after 25 October 2026.
    series = _Series(datetime(2026, 10, 13, 15, tzinfo=UTC), "FREQ=WEEKLY;BYDAY=TU")
    starts = list(
        recurrence.starts_between(
            series, datetime(2026, 10, 1, tzinfo=UTC), datetime(2026, 11, 4, tzinfo=UTC)
        )
    )
    assert starts == [
        datetime(2026, 10, 13, 15, tzinfo=UTC),
        datetime(2026, 10, 20, 15, tzinfo=UTC),
        datetime(2026, 10, 27, 16, tzinfo=UTC),
        datetime(2026, 11, 3, 16, tzinfo=UTC),
    ]
    assert all(s.astimezone(LONDON).hour == 16 for s in starts)
    assert recurrence.is_occurrence(series, datetime(2026, 10, 27, 16, tzinfo=UTC))
    assert not recurrence.is_occurrence(series, datetime(2026, 10, 27, 15, tzinfo=UTC))


def test_one_off_has_exactly_one_occurrence():
    series = _Series(datetime(2026, 10, 13, 15, tzinfo=UTC), "")
    window = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    assert list(recurrence.starts_between(series, *window)) == [series.starts_at]
    assert recurrence.starts_before(series, datetime(2027, 1, 1, tzinfo=UTC), 5) == [
        series.starts_at
    ]


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=FORTNIGHTLY",
        "not a rule",
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=WEEKLY;INTERVAL=abc",
        "DTSTART:20260101T000000\nRRULE:FREQ=WEEKLY",
        "FREQ=WEEKLY;UNTIL=20200101T000000",  # nothing on or after the first date
    ],
)
def test_bad_rules_are_refused_with_a_clear_message(rule):
    with pytest.raises(ActionError) as refused:
        recurrence.parse_rule(rule, datetime(2026, 10, 13, 16, tzinfo=LONDON))
    assert refused.value.field == "advanced_rule"
    assert "rule" in refused.value.message


@pytest.mark.parametrize("rule", ["FREQ=MINUTELY", "FREQ=HOURLY", "FREQ=DAILY"])
def test_unbounded_rules_with_too_many_meetings_are_refused(rule):
    with pytest.raises(ActionError) as refused:
        recurrence.parse_rule(rule, datetime(2026, 10, 13, 16, tzinfo=LONDON))
    assert refused.value.field == "advanced_rule"


def test_daily_for_a_week_is_fine():
    recurrence.parse_rule("FREQ=DAILY;COUNT=5", datetime(2026, 10, 13, 16, tzinfo=LONDON))


def test_unknown_time_zone_is_refused():
    with pytest.raises(ActionError) as refused:
        recurrence.zone("Mars/Olympus_Mons")
    assert refused.value.field == "timezone"
