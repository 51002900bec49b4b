"""The dashboard's figures for one community and period, from the ledger and its roll-ups.

A fixed number of queries whatever the size of the ledger, and each reads little: counts
per week and for the period come from the everyone-together days (``LedgerVerbDay``),
distinct contributors from people's weeks and months (``contributors``), behaviours and
first responses from the per-thread roll-up (``LedgerThread``); only the rarer verbs
(meetings, reuse, reviews) are read from the ledger itself, through a covering index.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import median

from django.db.models import Count, Max, Min, OuterRef, Q, Subquery, Sum, Window
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import timezone

from accounts.names import shown_name
from communities import counted, selectors
from communities.ledger import addresses, contributors
from communities.models import (
    Activity,
    Community,
    LedgerThread,
    LedgerVerbDay,
    Membership,
)
from communities.models.choices import Role
from core import targets
from core.period import Period
from core.vocabulary import CONTRIBUTION_VERBS, Target, Verb
from insights import selectors as insight_selectors
from insights.dashboard import people
from insights.dashboard.behaviours import CODES
from insights.dashboard.rhythm import rhythm_figures
from insights.models import ValueStory

# The weekly figures, in the CSV's column order: (column, verbs counted).
WEEKLY_COLUMNS = (
    ("threads_started", (Verb.THREAD_STARTED,)),
    ("replies", (Verb.REPLIED,)),
    ("answers_accepted", (Verb.ANSWER_ACCEPTED,)),
    ("assets_published", (Verb.ASSET_PUBLISHED, Verb.ASSET_VERSIONED)),
    ("assets_reused", (Verb.ASSET_USED, Verb.ASSET_ADAPTED)),
    ("meetings_attended", (Verb.ATTENDED,)),
    ("value_stories", (Verb.VALUE_STORY,)),
)
# The literature's rough healthy shape (share of members), for comparison only.


@dataclass
class Week:
    start: date  # the Monday
    contributions: int = 0
    active_members: int = 0
    columns: dict[str, int] = field(default_factory=dict)
    # The days of it inside the period (a period may cut its first and last week): the
    # lists behind the week's figures show these days.
    first: date | None = None
    last: date | None = None


@dataclass(frozen=True)
class Month:
    month: date
    active_members: int
    first: date
    last: date


@dataclass
class Figures:
    period: Period
    weeks: list[Week]
    monthly_active: list[Month]
    active_members: int
    contributions: int
    pyramid: list[dict]
    pyramid_members: int
    staff_count: int
    moved_inward: int
    moved_outward: int
    newcomers: list[dict]
    median_first_response_hours: float | None
    unanswered: list[LedgerThread]
    waiting: int
    active_threads: int
    new_threads: int
    # Threads in the period with two or more people, counted per behaviour code.
    conversations: Counter
    behaviours_evident: set[str]
    extra_behaviours_evident: set[str]
    top_assets: list[dict]
    reuse_count: int
    reused_assets: int
    adaptations: int
    rhythm: dict
    stories: list[ValueStory]
    story_kinds: list[tuple[str, str, int]]
    stories_told: int
    ledger_stories: int
    public_rows: int
    private_rows: int
    gardener_last_active: datetime | None
    flags_resolved: int
    sponsors: int
    sponsor_last_seen: datetime | None
    domain_reviewed_at: datetime | None
    threads_started: int
    accepted_answers: int
    flow: dict
    concentration: dict
    answers: dict
    lost_and_back: dict


def _days(community: Community, period: Period):
    """The period's days, everyone together: a few rows a day."""
    return LedgerVerbDay.objects.filter(
        community=community, day__gte=period.start, day__lte=period.end
    )


def _sum(verbs) -> Coalesce:
    return Coalesce(Sum("count", filter=Q(verb__in=verbs)), 0)


def weekly(community: Community, period: Period) -> list[Week]:
    """Contributions per week from the daily roll-up; distinct contributors per week from
    the people's weeks (and days only where the period cuts a week)."""
    counts = {column: _sum(verbs) for column, verbs in WEEKLY_COLUMNS}
    rows = (
        _days(community, period)
        .filter(verb__in=CONTRIBUTION_VERBS)
        .annotate(week=TruncWeek("day"))
        .values("week")
        .annotate(total=Sum("count"), **counts)
        .order_by("week")
    )
    by_week = {_day(row["week"]): row for row in rows}
    mondays = period.weeks()
    spans = [
        (max(monday, period.start), min(monday + timedelta(days=6), period.end))
        for monday in mondays
    ]
    people_by_week = contributors.people_per_span(community, spans)
    weeks = []
    for position, monday in enumerate(mondays):
        row = by_week.get(monday, {})
        weeks.append(
            Week(
                start=monday,
                contributions=row.get("total", 0),
                active_members=people_by_week.get(position, 0),
                columns={column: row.get(column, 0) for column, _verbs in WEEKLY_COLUMNS},
                first=spans[position][0],
                last=spans[position][1],
            )
        )
    return weeks


def monthly_active(community: Community, period: Period) -> list[Month]:
    """Distinct contributors per calendar month of the period (months with any)."""
    firsts, day = [], period.start.replace(day=1)
    while day <= period.end:
        firsts.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    spans = [
        (max(first, period.start), min(contributors.month_end(first), period.end))
        for first in firsts
    ]
    found = contributors.people_per_span(community, spans)
    return [Month(firsts[position], n, *spans[position]) for position, n in sorted(found.items())]


def _day(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def _moves(community: Community, period: Period) -> tuple[int, int]:
    moved = counted.level_moves(community, period)
    return len(moved[counted.INWARD]), len(moved[counted.OUTWARD])


def _threads(community: Community, period: Period, now: datetime) -> dict:
    """Threads alive in the period, from the per-thread roll-up: counts, not rows. The
    rules are ``communities.counted``'s, which the thread lists behind them use too."""
    alive = counted.alive_threads(community, period)
    # Counting an indexed column, not ids: the covering index answers without the rows.
    counts = alive.aggregate(
        active=Count("last_at"),
        new=Count("last_at", filter=Q(started_at__gte=period.since, started_at__lt=period.until)),
    )
    conversations = Counter()
    for behaviour, n in (
        counted.conversations(community, period)
        .values_list("behaviour")
        .annotate(n=Count("*"))
        .values_list("behaviour", "n")
    ):
        for code in behaviour.split():
            conversations[code] += n
    # The first ten and, on each, how many there are in all: one query, not two.
    waiting = list(
        counted.waiting_threads(community, period, now)
        .annotate(total=Window(Count("pk")))
        .order_by("started_at", "pk")[:10]
    )
    return {
        "active": counts["active"],
        "new": counts["new"],
        "conversations": conversations,
        "unanswered": waiting,
        "waiting": waiting[0].total if waiting else 0,
        "answer_by": counted.answer_by(period, now),
    }


def _newcomers(
    community: Community, period: Period, answer_by: datetime
) -> tuple[list[dict], float | None]:
    """People whose first contribution ever fell in the period, and how soon someone answered."""
    firsts = list(
        counted.newcomers(community, period).values_list(
            "actor_id", "actor__display_name", "actor__username", "first_at"
        )
    )
    first_threads: dict[int, LedgerThread] = {}
    started = LedgerThread.objects.filter(
        community=community,
        starter_id__in=[row[0] for row in firsts],
        started_at__gte=period.since,
        started_at__lt=period.until,
    ).order_by("started_at", "pk")
    for thread in started:
        first_threads.setdefault(thread.starter_id, thread)
    newcomers, hours = [], []
    for actor_id, display, username, first in firsts:
        thread = first_threads.get(actor_id)
        own_first = thread is not None and thread.started_at <= first + timedelta(seconds=1)
        responded = own_first and thread.first_response_at and thread.first_response_at < answer_by
        waited = None
        if responded:
            waited = (thread.first_response_at - thread.started_at).total_seconds() / 3600
            hours.append(waited)
        newcomers.append(
            {
                "name": shown_name(display, username),
                "username": username,
                "first": first,
                "thread": thread if own_first else None,
                "hours_to_response": waited,
                "unanswered": own_first and not responded,
            }
        )
    newcomers.sort(key=lambda n: n["first"])
    return newcomers, (round(median(hours), 1) if hours else None)


def _assets(community: Community, period: Period) -> tuple[list[dict], int, int]:
    reuse = counted.reuses(community, period)
    used, adapted = Q(verb=Verb.ASSET_USED), Q(verb=Verb.ASSET_ADAPTED)
    top = list(
        reuse.values("target_id")
        .annotate(
            uses=Count("created_at", filter=used),
            adaptations=Count("created_at", filter=adapted),
            people=Count("actor", distinct=True),
        )
        .order_by("-people", "-uses", "target_id")[:5]
    )
    # Titles only for the five, so the counts above come from the index alone.
    named = {
        row["target_id"]: row
        for row in reuse.filter(target_id__in=[row["target_id"] for row in top])
        .values("target_id")
        .annotate(title=Min("title"))
    }
    urls = targets.resolve(Target.ASSET, named)
    for row in top:
        found = named.get(row["target_id"], {})
        row.update(title=found.get("title", ""), url=urls.get(row["target_id"], ""))
    totals = reuse.aggregate(
        uses=Count("created_at", filter=used),
        adaptations=Count("created_at", filter=adapted),
        assets=Count("target_id", distinct=True),
    )
    return top, totals


def _totals(in_period) -> dict:
    contribution = Q(verb__in=CONTRIBUTION_VERBS)
    return in_period.aggregate(
        contributions=Coalesce(Sum("count", filter=contribution), 0),
        public=Coalesce(Sum("count", filter=contribution & Q(is_public=True)), 0),
        private=Coalesce(Sum("count", filter=contribution & Q(is_public=False)), 0),
        flags=_sum([Verb.FLAG_RESOLVED]),
        stories=_sum([Verb.VALUE_STORY]),
        started=_sum([Verb.THREAD_STARTED]),
        accepted=_sum([Verb.ANSWER_ACCEPTED]),
    )


def _gardener_last_active(community: Community) -> datetime | None:
    # Each gardener's latest row, read backwards along the ledger's (actor, time) index.
    latest = (
        Activity.objects.filter(community=community, actor_id=OuterRef("user_id"))
        .exclude(verb__in=[Verb.JOINED, Verb.ROLE_CHANGED, Verb.LEVEL_CHANGED])
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    return max(
        (
            at
            for at in Membership.objects.filter(community=community, role=Role.GARDENER)
            .annotate(last=Subquery(latest))
            .values_list("last", flat=True)
            if at is not None
        ),
        default=None,
    )


def _domain_reviewed_at(community: Community) -> datetime | None:
    return (
        Activity.objects.filter(
            community=community, verb__in=[Verb.COMMUNITY_UPDATED, Verb.COMMUNITY_CREATED]
        )
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )


def compute(community: Community, period: Period, *, now: datetime | None = None) -> Figures:
    now = now or timezone.now()
    in_period = _days(community, period)
    weeks = weekly(community, period)
    monthly = monthly_active(community, period)
    concentration = people.concentration(community, period)
    totals = _totals(in_period)
    pyramid, pyramid_members, staff = selectors.pyramid(community)
    inward, outward = _moves(community, period)
    threads = _threads(community, period, now)
    newcomers, median_hours = _newcomers(community, period, threads["answer_by"])
    # The threads both lists link to, given their addresses at once.
    addresses.with_thread_urls([*threads["unanswered"], *(n["thread"] for n in newcomers)])
    evident = set(threads["conversations"])
    top_assets, reuse = _assets(community, period)
    stories, kinds = insight_selectors.stories_in_period(community, period)
    sponsorship = Membership.objects.filter(community=community, role=Role.SPONSOR).aggregate(
        n=Count("pk"), seen=Max("dashboard_seen_at")
    )
    gardener_last = _gardener_last_active(community)
    reviewed = _domain_reviewed_at(community)
    return Figures(
        period=period,
        weeks=weeks,
        monthly_active=monthly,
        # Everyone with a contribution in the period, as counted for concentration.
        active_members=concentration["contributors"],
        contributions=totals["contributions"],
        pyramid=pyramid,
        pyramid_members=pyramid_members,
        staff_count=staff,
        moved_inward=inward,
        moved_outward=outward,
        newcomers=newcomers,
        median_first_response_hours=median_hours,
        unanswered=threads["unanswered"],
        waiting=threads["waiting"],
        active_threads=threads["active"],
        new_threads=threads["new"],
        conversations=threads["conversations"],
        behaviours_evident=evident & set(CODES),
        extra_behaviours_evident=evident - set(CODES),
        top_assets=top_assets,
        reuse_count=reuse["uses"],
        adaptations=reuse["adaptations"],
        reused_assets=reuse["assets"],
        rhythm=rhythm_figures(community, period),
        stories=stories,
        story_kinds=kinds,
        # The stories themselves, as the table by kind and the stories page count them.
        stories_told=sum(n for _value, _label, n in kinds),
        ledger_stories=totals["stories"],
        public_rows=totals["public"],
        private_rows=totals["private"],
        gardener_last_active=gardener_last,
        flags_resolved=totals["flags"],
        sponsors=sponsorship["n"],
        sponsor_last_seen=sponsorship["seen"],
        domain_reviewed_at=reviewed,
        threads_started=totals["started"],
        accepted_answers=totals["accepted"],
        flow=people.flow_matrix(community, period),
        concentration=concentration,
        answers=people.who_answers(community, period),
        lost_and_back=people.lost_and_back(community, period),
    )
