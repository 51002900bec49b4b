import io
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from communities.models import Activity
from core.vocabulary import Verb
from rhythm.models import Attendance, MeetingSeries, Rsvp
from tests.moments import at_each_moment

pytestmark = pytest.mark.django_db
User = get_user_model()


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


# --- the demo seeded at fixed moments: what its meetings pages list then --------------------

LONDON = ZoneInfo("Europe/London")


def _wall(day: date, at: time) -> datetime:
    """That wall-clock time in London on that day, summer time or not."""
    return datetime.combine(day, at, tzinfo=LONDON)


def _next_weekday(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _expected_committee(now: datetime) -> list[datetime]:
    """Worked out here, not by the code under test: every other Tuesday at 16:00 London
    from the Tuesday on or after 26 weeks before the day the demo was seeded."""
    first = _next_weekday(now.date() - timedelta(weeks=26), 1)
    starts = (_wall(first + timedelta(weeks=2 * n), time(16)) for n in range(60))
    return [s for s in starts if s + timedelta(hours=1) > now][:3]


def _page(client, slug: str, username: str):
    client.force_login(User.objects.get(username=username))
    answer = client.get(reverse("rhythm:meetings", kwargs={"slug": slug}))
    assert answer.status_code == 200
    return answer


@at_each_moment
def test_the_demo_meetings_pages_list_what_is_ahead_at(moment, client):
    now = moment.at
    with moment.travel():
        call_command("seed_demo", stdout=io.StringIO())
        committee = _page(client, "northfield-elearning", "amara")
        circle = _page(client, "peer-supervision", "lena")
        exchange = _page(client, "social-work-practice", "elena")
        tutors = _page(client, "adult-literacy-tutors", "joy")

    upcoming = committee.context["upcoming"]
    assert [o.start for o in upcoming] == _expected_committee(now)
    assert {o.series.title for o in upcoming} == {"E-learning committee"}
    # A meeting under way is coming up, not past; the past ones have ended.
    past = committee.context["past"]
    assert past and all(o.end <= now for o in past)
    assert not {o.original_start for o in past} & {o.original_start for o in upcoming}
    # The circle: three Thursdays at 14:00 London, a fortnight apart, all still ahead.
    ahead = circle.context["upcoming"]
    assert len(ahead) == 3 and all(o.end > now for o in ahead)
    local = [o.start.astimezone(LONDON) for o in ahead]
    assert {(d.weekday(), d.hour) for d in local} == {(3, 14)}
    assert all(b.date() - a.date() == timedelta(weeks=2) for a, b in pairwise(local))
    # The visit in two weeks and the exchange's monthly case discussion; the launch ahead.
    titles = [o.series.title for o in exchange.context["upcoming"]]
    assert "Visit to the Eastside family support team" in titles
    assert "Case discussion" in titles
    assert [o.series.title for o in tutors.context["upcoming"]] == [
        "Launch evening: what brings us together"
    ]
    # The members' answers went to the next meeting, whichever moment the demo was seeded.
    assert upcoming[0].going >= 2
