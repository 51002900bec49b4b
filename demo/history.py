"""Months of history for the demo communities, made by the calls members make.

The e-learning committee was quiet in the autumn, woke up after its flipped-classroom visit,
answers newcomers fast and now has a small core and a wider ring of occasional members;
owen, once a regular, has gone quiet. The social work exchange is steady. Every thread,
reply, accepted answer, RSVP, attendance and value story is made by the service a member
would use, with the clock set to the moment it happened (``demo.clock``). Run by
``manage.py seed_demo``; a second run adds nothing.
"""

import random
from datetime import datetime, time, timedelta

from django.db.models import Min
from django.utils import timezone

from communities.models import Activity, Community, Membership, MembershipChange
from core.vocabulary import Target
from demo import clock
from demo.history_data import REPLIES, STORIES, THREADS
from discussions import services as discussions
from discussions.models import Post, Thread
from insights.services import tell_value_story
from rhythm import recurrence
from rhythm import services as rhythm
from rhythm.models import MeetingSeries

# (username, first week ago, last week ago, replies a week, comes to meetings)
PROFILES = {
    "northfield-elearning": [
        ("amara", 26, 0, 1.0, True),
        ("ben", 26, 0, 1.2, True),
        ("chloe", 22, 0, 0.3, True),
        ("mei", 20, 0, 0.5, True),
        ("owen", 26, 15, 0.8, True),  # a regular who has gone quiet
        ("priya", 10, 0, 0.5, True),
        ("kofi", 14, 2, 0.2, False),
        ("sara", 7, 0, 0.3, False),
        ("ada", 4, 0, 0.5, False),
        ("tom", 18, 5, 0.3, False),
        ("jonas", 0, 0, 0.0, False),  # this week's newcomer
    ],
    "social-work-practice": [
        ("elena", 24, 0, 0.8, True),
        ("grace", 24, 0, 0.6, True),
        ("farid", 24, 0, 0.8, True),
        ("lena", 16, 0, 0.5, True),
        ("joy", 12, 3, 0.2, False),
        ("hana", 6, 0, 0.2, False),
    ],
}

# The committee's regular meeting comes from demo/meetings.py; the exchange's from here.
MEETINGS = {
    "northfield-elearning": "E-learning committee",
    "social-work-practice": "Case discussion",
}
# Behaviours the community has let slip in the last three months: the dashboard's
# "missing, and what to try" list has something to say.
QUIET_LATELY = {"northfield-elearning": ("visits", "mapping-knowledge")}
VISIT = "Visit: flipped lessons at Ashgrove School"


def seed(stdout, people: dict) -> None:
    for slug, profiles in PROFILES.items():
        community = Community.objects.filter(slug=slug).first()
        if community is None:
            continue
        marker = THREADS[slug][0][3]
        if Thread.objects.filter(community=community, title=marker).exists():
            stdout.write(f"History for {community.name}: already there.")
            continue
        history = _History(community, profiles, people)
        history.plan()
        counts = history.play()
        _date_memberships(community)
        stdout.write(
            f"History for {community.name}: {counts['thread']} threads, {counts['reply']} "
            f"replies, {counts['attend']} meetings, {counts['story']} value stories."
        )


class _History:
    """Plans every action at its moment, then plays them oldest first under the clock."""

    def __init__(self, community: Community, profiles, people) -> None:
        self.community = community
        self.profiles = profiles
        self.people = people
        self.rng = random.Random(community.slug)  # the same story every time
        self.now = timezone.now()
        self.events: list[tuple] = []
        self.threads: dict[int, Thread] = {}  # index in THREADS -> the thread once made
        self.said: dict[int, set[str]] = {}  # replies already given in each thread

    def _monday(self, week: int) -> datetime:
        day = self.now - timedelta(weeks=week, days=self.now.weekday())
        return day.replace(hour=0, minute=0, second=0, microsecond=0)

    def _here(self, week: int) -> list[tuple]:
        return [p for p in self.profiles if p[1] >= week >= p[2]]

    def _add(self, at: datetime, kind: str, *args) -> None:
        latest = self.now - timedelta(minutes=5)
        self.events.append((min(at, latest), len(self.events), kind, args))

    def plan(self) -> None:
        slug = self.community.slug
        for index, (week, author, behaviour, _title, _body) in enumerate(THREADS[slug]):
            monday = self._monday(week)
            at = monday + timedelta(days=self.rng.randint(0, 4), hours=self.rng.randint(8, 16))
            self._add(at, "thread", index)
            self._plan_answers(index, week, author, behaviour, at)
        for week in range(26, -1, -1):
            self._plan_replies(week)
        self._plan_meetings()
        for story_slug, author, weeks, *story in STORIES:
            if story_slug == slug:
                self._add(self.now - timedelta(weeks=weeks, hours=3), "story", author, *story)

    def _plan_answers(self, index, week, author, behaviour, at) -> None:
        """Someone always answers, sooner for a newcomer's first thread (gardeners watch)."""
        others = [p[0] for p in self._here(week) if p[0] != author]
        helpers = self.rng.sample(others, k=min(len(others), self.rng.randint(1, 3)))
        first_thread = any(p[0] == author and p[1] == week for p in self.profiles)
        for number, helper in enumerate(helpers, start=1):
            hours = self.rng.randint(1, 4) if first_thread else self.rng.randint(2, 30)
            self._add(at + timedelta(hours=hours * number), "reply", index, helper)
        answerable = behaviour in {"problem-solving", "requests-for-information"}
        if answerable and helpers:
            self._add(at + timedelta(hours=31 * len(helpers)), "accept", index)

    def _plan_replies(self, week: int) -> None:
        """Replies to the threads of the previous four weeks, spread through the week."""
        slug = self.community.slug
        quiet = QUIET_LATELY.get(slug, ()) if week < 13 else ()
        recent = [
            i for i, t in enumerate(THREADS[slug]) if week < t[0] <= week + 4 and t[2] not in quiet
        ]
        if not recent:
            return
        monday = self._monday(week)
        for name, _first, _last, replies, _meets in self._here(week):
            for _ in range(int(replies) + (self.rng.random() < replies % 1)):
                at = monday + timedelta(days=self.rng.randint(0, 6), hours=self.rng.randint(7, 20))
                self._add(at, "reply", self.rng.choice(recent), name)

    def _plan_meetings(self) -> None:
        series = self._regular_series()
        if series is None:
            return
        start = self.now - timedelta(weeks=26)
        for original in list(
            recurrence.starts_between(series, start, self.now - timedelta(hours=2))
        ):
            week = (self.now - original).days // 7
            here = self._here(week)
            came = [p[0] for p in here if p[4] and self.rng.random() < 0.85]
            maybe = [p[0] for p in here if not p[4] and self.rng.random() < 0.3]
            for name in came + maybe:
                self._add(original - timedelta(days=1), "answer", series, original, name)
            self._add(original + timedelta(hours=1), "attend", series, original, came)
        if self.community.slug == "northfield-elearning":
            self._plan_visit()

    def _regular_series(self) -> MeetingSeries | None:
        title = MEETINGS[self.community.slug]
        series = MeetingSeries.objects.filter(community=self.community, title=title).first()
        if series is not None or self.community.slug != "social-work-practice":
            return series
        day = (self.now - timedelta(weeks=26)).date()
        details = rhythm.MeetingDetails(
            title=title,
            kind="regular",
            day=day + timedelta(days=(2 - day.weekday()) % 7),
            start_time=time(13, 0),
            end_time=time(14, 0),
            timezone="Europe/London",
            pattern=recurrence.Pattern.MONTHLY_NTH_WEEKDAY,
            online_url="https://meet.example.org/social-work-practice",
            agenda="One case brought by a member, discussed in turn; what each of us will try.",
        )
        with clock.at(self.now - timedelta(weeks=27)):
            return rhythm.create_meeting(
                author=self.people["elena"], community=self.community, details=details
            )

    def _plan_visit(self) -> None:
        """The visit that woke the committee up, fourteen weeks ago."""
        monday = self._monday(14)
        details = rhythm.MeetingDetails(
            title=VISIT,
            kind="visit",
            day=(monday + timedelta(days=3)).date(),
            start_time=time(9, 0),
            end_time=time(11, 0),
            timezone="Europe/London",
            place="Ashgrove School, science block",
            agenda="Watch two flipped lessons, then talk with the science team about planning.",
        )
        with clock.at(monday - timedelta(weeks=1)):
            visit = rhythm.create_meeting(
                author=self.people["amara"], community=self.community, details=details
            )
        original = next(recurrence.starts_between(visit, monday, monday + timedelta(weeks=1)))
        going = ["amara", "ben", "chloe", "mei"]
        for name in going:
            self._add(original - timedelta(days=2), "answer", visit, original, name)
        self._add(original + timedelta(hours=2), "attend", visit, original, going)

    def play(self) -> dict[str, int]:
        counts = dict.fromkeys(("thread", "reply", "accept", "answer", "attend", "story"), 0)
        for at, _order, kind, args in sorted(self.events):
            with clock.at(at):
                done = getattr(self, f"_{kind}")(*args)
            counts[kind] += done is not False
        return counts

    def _thread(self, index: int):
        _week, author, behaviour, title, body = THREADS[self.community.slug][index]
        self.threads[index] = discussions.create_thread(
            author=self.people[author],
            community=self.community,
            title=title,
            body=body,
            behaviour_codes=[behaviour],
            members_only=self.rng.random() < 0.2,  # some threads are for members only
        )
        self.said[index] = set()

    def _reply(self, index: int, name: str):
        thread = self.threads[index]
        unsaid = [r for r in REPLIES[self.community.slug] if r not in self.said[index]]
        if thread.author.username == name or not unsaid:
            return False
        text = self.rng.choice(unsaid)
        self.said[index].add(text)
        discussions.reply_to_thread(author=self.people[name], thread=thread, body=text)

    def _accept(self, index: int):
        thread = self.threads[index]
        first = Post.objects.filter(thread=thread, number=2).first()
        if first is None:
            return False
        discussions.accept_answer(actor=thread.author, thread=thread, post=first)

    def _answer(self, series, original, name):
        rhythm.rsvp_to_meeting(
            user=self.people[name], series=series, original_start=original, answer="going"
        )

    def _attend(self, series, original, names):
        rhythm.record_attendance(
            editor=series.created_by,
            series=series,
            original_start=original,
            attendee_ids=[self.people[n].pk for n in names],
            notes_url=f"https://notes.example.org/{self.community.slug}/{original:%Y-%m-%d}",
        )

    def _story(self, author, kind, happened, changed):
        tell_value_story(
            author=self.people[author],
            community=self.community,
            what_happened=happened,
            what_changed=changed,
            kind=kind,
        )


def _date_memberships(community: Community) -> None:
    """Members joined a little before their first contribution in the history."""
    firsts = dict(
        Activity.objects.filter(community=community)
        .exclude(target_type=Target.MEMBERSHIP)
        .values_list("actor_id")
        .annotate(first=Min("created_at"))
    )
    for membership in Membership.objects.filter(community=community, user_id__in=firsts):
        joined = firsts[membership.user_id] - timedelta(days=3)
        if joined >= membership.joined_at:
            continue
        Membership.objects.filter(pk=membership.pk).update(joined_at=joined)
        MembershipChange.objects.filter(
            membership=membership, cause=MembershipChange.Cause.JOINED
        ).update(created_at=joined)
        Activity.objects.filter(
            verb=Activity.Verb.JOINED, target_type=Target.MEMBERSHIP, target_id=membership.pk
        ).update(created_at=joined)
