"""Fixed moments of the week and the year, for tests whose answer depends on "now".

A page that lists what is coming, a period that ends on Sunday, a reminder due in an hour:
each is tested at every moment here (``@at_each_moment``), so no test passes or fails by the
day it happens to run. The meetings of tests/meetings/conftest.py (a committee every other
Tuesday, 16:00-17:00 London, from 6 October 2026) and the demo's (the committee on Tuesdays
at 16:00, the supervision circle on Thursdays at 14:00, both fortnightly) give the moments
their meaning.

``COPSITE_TEST_MOMENT=<name or ISO time>`` runs a whole test session at one moment (the
clock then runs on from it), to find tests that read the real clock without saying so.
"""

from datetime import UTC, datetime
from typing import NamedTuple

import pytest
import time_machine


class Moment(NamedTuple):
    name: str
    at: datetime

    def travel(self, tick: bool = False):
        return time_machine.travel(self.at, tick=tick)


MOMENTS = [
    # 09:00 in London: the week starts, nothing has happened yet.
    Moment("monday-morning", datetime(2026, 10, 5, 8, 0, tzinfo=UTC)),
    # 19:30 in London, the committee (16:00-17:00) met this afternoon.
    Moment("tuesday-evening", datetime(2026, 10, 6, 18, 30, tzinfo=UTC)),
    # 16:30 in London, half-way through the committee's meeting.
    Moment("tuesday-during", datetime(2026, 10, 6, 15, 30, tzinfo=UTC)),
    # 14:45 in London: a Thursday afternoon meeting (14:00-15:30) is under way.
    Moment("thursday-afternoon", datetime(2026, 10, 8, 13, 45, tzinfo=UTC)),
    # A minute before midnight in London: the ISO week is about to turn.
    Moment("sunday-night", datetime(2026, 10, 11, 22, 59, tzinfo=UTC)),
    # 01:30 in London, summer time: in half an hour the clocks go back and 01:00-02:00 repeats.
    Moment("dst-change", datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
    # Half an hour before the new year, a Thursday: the year, the month and the day all turn.
    Moment("new-years-eve", datetime(2026, 12, 31, 23, 30, tzinfo=UTC)),
]
BY_NAME = {m.name: m for m in MOMENTS}

# Parametrise a test with ``moment`` over every moment, named by it in the test id.
at_each_moment = pytest.mark.parametrize("moment", MOMENTS, ids=[m.name for m in MOMENTS])


def named(value: str) -> datetime:
    """A moment by name, or any ISO 8601 time (UTC unless it says otherwise)."""
    if value in BY_NAME:
        return BY_NAME[value].at
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
