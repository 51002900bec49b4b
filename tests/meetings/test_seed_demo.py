import io

import pytest
from django.core.management import call_command

from communities.models import Activity
from core.vocabulary import Verb
from rhythm.models import Attendance, MeetingSeries, Rsvp

pytestmark = pytest.mark.django_db


def _counts():
    return (
        MeetingSeries.objects.count(),
        Rsvp.objects.count(),
        Attendance.objects.count(),
        Activity.objects.filter(verb__in=[Verb.RSVP, Verb.ATTENDED]).count(),
    )


def test_demo_has_a_fortnightly_committee_with_attendance_a_launch_and_a_visit(demo_world):
    committee = MeetingSeries.objects.get(community__slug="northfield-elearning", kind="regular")
    assert committee.rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    assert Attendance.objects.filter(occurrence__series=committee).count() >= 10
    assert committee.occurrences.exclude(notes_url="").exists()
    circle = MeetingSeries.objects.get(community__slug="peer-supervision")
    assert circle.rrule.startswith("FREQ=WEEKLY;INTERVAL=2;")  # as its ways of working say
    kinds = set(MeetingSeries.objects.values_list("kind", flat=True))
    assert kinds == {"regular", "launch", "visit"}
    assert Rsvp.objects.filter(answer="going").count() >= 5
    before = _counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == before
