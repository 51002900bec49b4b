from datetime import date, time

import pytest

from rhythm import services
from rhythm.recurrence import Pattern


def details(**overrides) -> services.MeetingDetails:
    fields = {
        "title": "Committee",
        "kind": "regular",
        "day": date(2026, 10, 6),  # a Tuesday
        "start_time": time(16, 0),
        "end_time": time(17, 0),
        "timezone": "Europe/London",
        "pattern": Pattern.FORTNIGHTLY,
    }
    return services.MeetingDetails(**(fields | overrides))


@pytest.fixture
def make_meeting(gardener, community):
    def make(author=None, in_community=None, **overrides):
        return services.create_meeting(
            author=author or gardener,
            community=in_community or community,
            details=details(**overrides),
        )

    return make
