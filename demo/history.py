"""Months of dated ledger history for the demo communities, so the dashboard tells a story.

The e-learning committee was quiet in the autumn, grew after its flipped-learning visit,
welcomed newcomers quickly and now has a small core and a wider ring of occasional members;
one former regular has gone quiet. Threads here exist only as ledger history (the live
threads come from the discussions demo), so each of them got a reply and is never listed
as waiting. Run by ``manage.py seed_demo``; a second run adds nothing.
"""

import random
from datetime import timedelta

from django.utils import timezone

from communities.ledger.record import activity_row
from communities.models import Activity, Community, Membership, MembershipChange
from core.vocabulary import ANSWERABLE, BehaviourCode, Target, Verb
from insights.models import ValueStory

# Thread ids far above the live demo's, so history never collides with a real thread.
FIRST_HISTORY_THREAD = 90_000

# (username, first week ago, last week ago, starts a thread every n weeks (0: never),
#  replies a week, comes to meetings)
PROFILES = {
    "northfield-elearning": [
        ("amara", 26, 0, 3, 2.0, True),
        ("ben", 26, 0, 2, 2.5, True),
        ("chloe", 22, 0, 8, 0.4, True),
        ("mei", 20, 0, 4, 0.8, True),
        ("owen", 26, 15, 3, 1.5, True),  # a regular who has gone quiet
        ("priya", 10, 0, 5, 0.7, True),
        ("kofi", 14, 2, 0, 0.2, False),
        ("sara", 7, 0, 6, 0.4, False),
        ("ada", 4, 0, 0, 0.5, False),
        ("tom", 18, 5, 0, 0.4, False),
        ("jonas", 0, 0, 1, 0.0, False),  # this week's newcomer
    ],
    "social-work-practice": [
        ("elena", 24, 0, 3, 1.5, True),
        ("grace", 24, 0, 4, 1.0, True),
        ("farid", 24, 0, 3, 1.5, True),
        ("lena", 16, 0, 5, 0.8, True),
        ("joy", 12, 3, 0, 0.3, False),
        ("hana", 6, 0, 4, 0.2, False),
    ],
}

TITLES = {
    "northfield-elearning": [
        (
            BehaviourCode.PROBLEM_SOLVING,
            "Pupils share one login on the tablets — how do you stop it?",
        ),
        (BehaviourCode.REQUESTS_FOR_INFORMATION, "Which headphones did we order last year?"),
        (BehaviourCode.SEEKING_EXPERIENCE, "Has anyone used audio feedback on written work?"),
        (BehaviourCode.REUSING_ASSETS, "Used the first-lesson checklist with Year 7: notes"),
        (BehaviourCode.COORDINATION, "Science and geography both planning a data week"),
        (
            BehaviourCode.DISCUSSING_DEVELOPMENTS,
            "The new online safety guidance: what changes for us?",
        ),
        (BehaviourCode.DOCUMENTATION_PROJECTS, "Drafting a page on setting up class quizzes"),
        (BehaviourCode.VISITS, "Notes from the flipped-classroom visit at Ashgrove"),
        (BehaviourCode.MAPPING_KNOWLEDGE, "What don't we know yet about AI tools in lessons?"),
        (BehaviourCode.PROBLEM_SOLVING, "The projector in B12 drops the signal every ten minutes"),
        (BehaviourCode.SEEKING_EXPERIENCE, "Mixed-ability groups on shared documents: what works?"),
        (
            BehaviourCode.DISCUSSING_DEVELOPMENTS,
            "Screen time and homework: the parents' survey results",
        ),
    ],
    "social-work-practice": [
        (BehaviourCode.PROBLEM_SOLVING, "Recording a visit when the family disputes the notes"),
        (
            BehaviourCode.SEEKING_EXPERIENCE,
            "Supervision when you are the only qualified worker on shift",
        ),
        (BehaviourCode.REQUESTS_FOR_INFORMATION, "Where is the updated risk assessment template?"),
        (BehaviourCode.DISCUSSING_DEVELOPMENTS, "The new practice framework: first impressions"),
        (BehaviourCode.COORDINATION, "Joint training with the adult services team?"),
        (BehaviourCode.VISITS, "Visit to the hospital discharge team: what we learned"),
    ],
}

# Behaviours the community has let slip in the last three months: the dashboard's
# "missing, and what to try" list has something to say.
QUIET_LATELY = {"northfield-elearning": (BehaviourCode.VISITS, BehaviourCode.MAPPING_KNOWLEDGE)}

# (community, author, weeks ago, kind, what happened, what it changed)
STORIES = [
    (
        "northfield-elearning",
        "chloe",
        20,
        "immediate",
        "Ben's warm-up quiz idea, tried the next morning.",
        "My Year 4s answered before the lesson even started.",
    ),
    (
        "northfield-elearning",
        "mei",
        14,
        "applied",
        "Reused the first-lesson checklist for the new coding club.",
        "No lost half-hour on logins: we started coding in the first five minutes.",
    ),
    (
        "northfield-elearning",
        "priya",
        9,
        "potential",
        "The flipped-classroom visit notes.",
        "I have a plan for trying it with one Year 10 set after half term.",
    ),
    (
        "northfield-elearning",
        "ben",
        7,
        "realised",
        "Three of us used the same quiz routine for a term.",
        "Homework completion in Year 9 rose from 35 % to 70 %.",
    ),
    (
        "northfield-elearning",
        "amara",
        4,
        "reframing",
        "The thread on what we don't know about AI tools.",
        "We stopped asking 'which tool' and started asking 'which learning problem'.",
    ),
    (
        "northfield-elearning",
        "sara",
        2,
        "immediate",
        "A two-line answer about shared documents.",
        "My language groups stopped overwriting each other's work that same lesson.",
    ),
    (
        "social-work-practice",
        "hana",
        3,
        "applied",
        "Farid's advice on the doorstep visit.",
        "I named my purpose, offered a time, and the next visit went ahead.",
    ),
]


def _threads_prefix(community: Community) -> str:
    return f"/c/{community.slug}/threads/"


def seed(stdout, people: dict) -> None:
    for slug, profiles in PROFILES.items():
        community = Community.objects.filter(slug=slug).first()
        if community is None:
            continue
        history = Activity.objects.filter(
            community=community,
            verb=Activity.Verb.THREAD_STARTED,
            url=f"{_threads_prefix(community)}{FIRST_HISTORY_THREAD}/",
        )
        if history.exists():
            stdout.write(f"History for {community.name}: already there.")
            continue
        rows = _history(community, profiles, people)
        Activity.objects.bulk_create(rows, batch_size=500)
        _date_memberships(community, rows)
        _stories(community, people)
        stdout.write(f"History for {community.name}: {len(rows)} dated ledger rows.")


def _history(community: Community, profiles, people) -> list[Activity]:
    rng = random.Random(community.slug)  # the same story every time
    now = timezone.now()
    titles = TITLES[community.slug]
    rows: list[Activity] = []
    thread_id = FIRST_HISTORY_THREAD
    started: dict[int, tuple[str, str, int]] = {}  # thread id -> behaviour, title, week

    def row(actor, verb, at, **fields):
        rows.append(
            activity_row(community=community, actor=people[actor], verb=verb, at=at, **fields)
        )

    for week in range(26, -1, -1):
        monday = now - timedelta(weeks=week, days=now.weekday())
        # Replies below go to threads of the previous four weeks, never to this week's.
        recent = [t for t, (_b, _t, w) in started.items() if week < w <= week + 4]
        here = [p for p in profiles if p[1] >= week >= p[2]]
        for name, first, _last, every, _replies, _meets in here:
            starts_now = every and ((first - week) % every == 0)
            if not starts_now:
                continue
            behaviour, title = titles[thread_id % len(titles)]
            if week < 18 and behaviour in QUIET_LATELY.get(community.slug, ()):
                behaviour, title = titles[0]
            at = monday + timedelta(days=rng.randint(0, 4), hours=rng.randint(8, 16))
            if at > now:
                at = now - timedelta(hours=6)
            url = f"{_threads_prefix(community)}{thread_id}/"
            started[thread_id] = (behaviour, title, week)
            public = rng.random() > 0.2  # some threads are members-only
            row(
                name,
                Verb.THREAD_STARTED,
                at,
                behaviour=behaviour,
                target_type=Target.THREAD,
                target_id=thread_id,
                title=title,
                url=url,
                is_public=public,
            )
            # Someone always answers, sooner for a newcomer's first thread (gardeners watch).
            others = [p[0] for p in here if p[0] != name]
            helpers = rng.sample(others, k=min(len(others), rng.randint(1, 3)))
            first_thread = week == first
            for number, helper in enumerate(helpers, start=2):
                wait = timedelta(hours=rng.randint(1, 5) if first_thread else rng.randint(2, 30))
                reply_at = min(at + wait * (number - 1), now)
                row(
                    helper,
                    Verb.REPLIED,
                    reply_at,
                    behaviour=behaviour,
                    target_type=Target.POST,
                    target_id=thread_id * 10 + number,
                    title=title,
                    url=f"{url}?post={number}#post-{number}",
                    is_public=public,
                )
            if behaviour in ANSWERABLE and helpers:
                row(
                    helpers[0],
                    Verb.ANSWER_ACCEPTED,
                    min(at + timedelta(days=1), now),
                    behaviour=behaviour,
                    target_type=Target.POST,
                    target_id=thread_id * 10 + 2,
                    title=title,
                    url=f"{url}?post=2#post-2",
                    is_public=public,
                )
            thread_id += 1
        # Replies to other threads, spread through the week.
        for name, _first, _last, _every, replies, _meets in here:
            if not recent:
                break
            for _ in range(int(replies) + (rng.random() < replies % 1)):
                target = rng.choice(recent)
                behaviour, title, _week = started[target]
                at = min(monday + timedelta(days=rng.randint(0, 6), hours=rng.randint(7, 20)), now)
                number = rng.randint(3, 9)
                row(
                    name,
                    Verb.REPLIED,
                    at,
                    behaviour=behaviour,
                    target_type=Target.POST,
                    target_id=target * 10 + number,
                    title=title,
                    url=f"{_threads_prefix(community)}{target}/?post={number}#post-{number}",
                )
        # The fortnightly meeting, with invitations answered the day before.
        if week % 2 == 0:
            meeting = monday + timedelta(days=1, hours=15)
            if meeting < now:
                came = [p[0] for p in here if p[5] and rng.random() < 0.85]
                for name in came + [p[0] for p in here if not p[5] and rng.random() < 0.3]:
                    row(
                        name,
                        Verb.RSVP,
                        meeting - timedelta(days=1),
                        target_type=Target.MEETING,
                        target_id=1,
                        title="Fortnightly meeting",
                    )
                for name in came:
                    row(
                        name,
                        Verb.ATTENDED,
                        meeting,
                        target_type=Target.MEETING_OCCURRENCE,
                        target_id=80_000 + week,
                        title="Fortnightly meeting",
                    )
    return rows


def _date_memberships(community: Community, rows: list[Activity]) -> None:
    """Members joined a little before their first contribution in the history."""
    firsts: dict[int, object] = {}
    for row in rows:
        if row.actor_id not in firsts or row.created_at < firsts[row.actor_id]:
            firsts[row.actor_id] = row.created_at
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


def _stories(community: Community, people) -> None:
    now = timezone.now()
    stories, rows = [], []
    for slug, author, weeks, kind, happened, changed in STORIES:
        if slug != community.slug:
            continue
        at = now - timedelta(weeks=weeks, hours=3)
        stories.append(
            ValueStory(
                community=community,
                author=people[author],
                what_happened=happened,
                what_changed=changed,
                kind=kind,
                created_at=at,
            )
        )
    ValueStory.objects.bulk_create(stories)
    for story in ValueStory.objects.filter(community=community):
        rows.append(
            activity_row(
                community=community,
                actor=story.author,
                verb=Activity.Verb.VALUE_STORY,
                target_type=Target.VALUE_STORY,
                target_id=story.pk,
                title=story.what_happened[:120],
                url=f"/c/{community.slug}/stories/",
                at=story.created_at,
            )
        )
    Activity.objects.bulk_create(rows)
