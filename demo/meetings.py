"""Demo meetings: a fortnightly committee with past attendance, a fortnightly supervision
circle, a launch and a visit.

Dates are relative to the day the demo is loaded; running it again changes nothing.
"""

from datetime import date, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from communities.models import Community
from demo import clock
from rhythm import occurrences, recurrence, services
from rhythm.models import MeetingSeries

TZ = "Europe/London"


def _next_weekday(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _people(*usernames):
    users = {u.username: u for u in get_user_model().objects.filter(username__in=usernames)}
    return [users[name] for name in usernames if name in users]


def _series(slug: str, author: str, details: services.MeetingDetails):
    community = Community.objects.filter(slug=slug).first()
    gardener = _people(author)
    if community is None or not gardener:
        return None
    existing = MeetingSeries.objects.filter(community=community, title=details.title).first()
    if existing is not None:
        return existing
    return services.create_meeting(author=gardener[0], community=community, details=details)


def _rsvp(series, answers: dict[str, str]) -> None:
    """Answers given over the past week, a day or so apart, rather than all at load time."""
    upcoming = occurrences.upcoming(
        MeetingSeries.objects.filter(pk=series.pk).select_related("community"), viewer=None, limit=1
    )
    if not upcoming:
        return
    now = timezone.now()
    for number, user in enumerate(_people(*answers)):
        with clock.at(now - timedelta(days=6 - 2 * number, hours=3 + number)):
            services.rsvp_to_meeting(
                user=user,
                series=series,
                original_start=upcoming[0].original_start,
                answer=answers[user.username],
            )


def seed(stdout) -> None:
    today = timezone.localdate()
    # The committee has met since the autumn; its past meetings come from demo/history.py.
    with clock.at(timezone.now() - timedelta(weeks=27)):
        committee = _series(
            "northfield-elearning",
            "amara",
            services.MeetingDetails(
                title="E-learning committee",
                kind="regular",
                day=_next_weekday(today - timedelta(weeks=26), 1),
                start_time=time(16, 0),
                end_time=time(17, 0),
                timezone=TZ,
                pattern=recurrence.Pattern.FORTNIGHTLY,
                place="Room B12 (the library annexe)",
                online_url="https://meet.example.org/northfield-elearning",
                agenda=(
                    "1. What we tried since last time (two minutes each)\n"
                    "2. One lesson template to improve together\n"
                    "3. What to try before next time"
                ),
            ),
        )
    # Announced a week ago, so the answers below come after each announcement.
    with clock.at(timezone.now() - timedelta(days=8)):
        launch = _series(
            "adult-literacy-tutors",
            "joy",
            services.MeetingDetails(
                title="Launch evening: what brings us together",
                kind="launch",
                day=_next_weekday(today + timedelta(weeks=3), 3),
                start_time=time(18, 0),
                end_time=time(19, 30),
                timezone=TZ,
                place="Central Library, meeting room 2",
                agenda="We meet each other, agree what we care about, and plan our first month.",
            ),
        )
        visit = _series(
            "social-work-practice",
            "elena",
            services.MeetingDetails(
                title="Visit to the Eastside family support team",
                kind="visit",
                day=_next_weekday(today + timedelta(weeks=2), 2),
                start_time=time(10, 0),
                end_time=time(12, 0),
                timezone=TZ,
                place="Eastside Family Centre, 4 Mill Lane",
                agenda=(
                    "How the team runs its weekly case huddle, and what we could borrow from it."
                ),
            ),
        )
        circle = _series(
            "peer-supervision",
            "lena",
            services.MeetingDetails(
                title="Peer supervision",
                kind="regular",
                day=_next_weekday(today + timedelta(days=1), 3),
                start_time=time(14, 0),
                end_time=time(15, 30),
                timezone=TZ,
                pattern=recurrence.Pattern.FORTNIGHTLY,
                online_url="https://meet.example.org/peer-supervision",
                agenda=(
                    "1. Check-in: how each of us is carrying the work\n"
                    "2. One case brought for reflection (agreed at the start)\n"
                    "3. What we take away, and who brings a case next time"
                ),
            ),
        )
    if committee is not None:
        _rsvp(committee, {"ben": "going", "chloe": "maybe", "dev": "going", "kofi": "not_going"})
    if launch is not None:
        _rsvp(launch, {"ian": "going", "kofi": "maybe", "hana": "going"})
    if visit is not None:
        _rsvp(visit, {"farid": "going", "hana": "going", "lena": "maybe"})
    if circle is not None:
        _rsvp(circle, {"elena": "going", "grace": "going", "farid": "maybe"})
    stdout.write("Meetings: a fortnightly committee and supervision circle, a launch and a visit.")
