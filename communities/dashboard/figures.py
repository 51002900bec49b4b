"""The dashboard's figures for one community and period, from the ledger.

A fixed number of queries whatever the size of the ledger: aggregates run in the database;
only the thread rows of the period (for behaviours and first responses) come back as rows.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import median

from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

from ..models import Activity, Community, Membership, MembershipChange, ValueStory
from ..models.choices import LEVEL_ORDER, Level, Role
from ..participation import CONTRIBUTION_VERBS, thread_key
from .behaviours import CODES
from .period import Period

THREAD_VERBS = ("thread_started", "replied", "answer_accepted")
OWN_VERBS = ("thread_started", "replied", "asset_published", "value_story", "attended")
# The weekly figures, in the CSV's column order: (column, verbs counted).
WEEKLY_COLUMNS = (
    ("threads_started", ("thread_started",)),
    ("replies", ("replied",)),
    ("answers_accepted", ("answer_accepted",)),
    ("assets_published", ("asset_published", "asset_versioned")),
    ("assets_reused", ("asset_used", "asset_adapted")),
    ("meetings_attended", ("attended",)),
    ("value_stories", ("value_story",)),
)
# The literature's rough healthy shape (share of members), for comparison only.
REFERENCE_SHAPE = {Level.CORE: "10 to 15 %", Level.ACTIVE: "15 to 20 %"}
PYRAMID_ORDER = (Level.CORE, Level.RESTING, Level.ACTIVE, Level.OCCASIONAL, Level.PERIPHERAL)


@dataclass
class Week:
    start: date
    contributions: int = 0
    active_members: int = 0
    columns: dict[str, int] = field(default_factory=dict)


@dataclass
class ThreadStats:
    key: str
    title: str
    url: str
    starter: int | None
    started_at: datetime | None
    behaviours: set[str] = field(default_factory=set)
    people: set[int] = field(default_factory=set)
    first_response_at: datetime | None = None
    accepted: bool = False


@dataclass
class Figures:
    period: Period
    weeks: list[Week]
    monthly_active: list[tuple[date, int]]
    active_members: int
    contributions: int
    pyramid: list[dict]
    pyramid_members: int
    staff_count: int
    moved_inward: int
    moved_outward: int
    newcomers: list[dict]
    median_first_response_hours: float | None
    unanswered: list[ThreadStats]
    threads: list[ThreadStats]
    behaviours_evident: set[str]
    extra_behaviours_evident: set[str]
    top_assets: list[dict]
    reuse_count: int
    adaptations: int
    rhythm: dict
    stories: list[ValueStory]
    story_kinds: list[tuple[str, str, int]]
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


def weekly(community: Community, period: Period) -> list[Week]:
    """Contributions and distinct contributors per week: one query."""
    counts = {column: Count("pk", filter=Q(verb__in=verbs)) for column, verbs in WEEKLY_COLUMNS}
    rows = (
        Activity.objects.filter(
            community=community,
            created_at__gte=period.since,
            created_at__lt=period.until,
            verb__in=CONTRIBUTION_VERBS,
        )
        .annotate(week=TruncWeek("created_at"))
        .values("week")
        .annotate(total=Count("pk"), people=Count("actor", distinct=True), **counts)
        .order_by("week")
    )
    by_week = {_day(row["week"]): row for row in rows}
    weeks = []
    for monday in period.weeks():
        row = by_week.get(monday, {})
        weeks.append(
            Week(
                start=monday,
                contributions=row.get("total", 0),
                active_members=row.get("people", 0),
                columns={column: row.get(column, 0) for column, _verbs in WEEKLY_COLUMNS},
            )
        )
    return weeks


def _day(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def pyramid_rows(community: Community) -> tuple[list[dict], int, int]:
    counts = Counter()
    staff = 0
    for level, role, n in (
        Membership.objects.filter(community=community)
        .values_list("level", "role")
        .annotate(n=Count("pk"))
        .values_list("level", "role", "n")
    ):
        # Gardeners and sponsors are counted apart so the pyramid shows the members.
        if role == Role.MEMBER:
            counts[level] += n
        else:
            staff += n
    total = sum(counts.values())
    rows = []
    for level in PYRAMID_ORDER:
        if level == Level.RESTING and not counts[level]:
            continue
        share = round(100 * counts[level] / total) if total else 0
        rows.append(
            {
                "level": level.value,
                "label": level.label,
                "count": counts[level],
                "share": share,
                "reference": REFERENCE_SHAPE.get(level, ""),
            }
        )
    return rows, total, staff


def _moves(community: Community, period: Period) -> tuple[int, int]:
    inward = outward = 0
    for old, new in MembershipChange.objects.filter(
        community=community,
        field=MembershipChange.Field.LEVEL,
        created_at__gte=period.since,
        created_at__lt=period.until,
    ).values_list("old_value", "new_value"):
        if old in LEVEL_ORDER and new in LEVEL_ORDER:
            step = LEVEL_ORDER[new] - LEVEL_ORDER[old]
            inward += step > 0
            outward += step < 0
    return inward, outward


def _threads(community: Community, period: Period, now: datetime) -> list[ThreadStats]:
    """Every thread with activity in the period; first responses may come up to a week after."""
    rows = (
        Activity.objects.filter(
            community=community,
            verb__in=THREAD_VERBS,
            created_at__gte=period.since,
            created_at__lt=min(period.until + timedelta(days=7), now),
            withdrawn=False,  # hidden by a gardener: not for sponsors' lists
        )
        .values_list("actor_id", "verb", "behaviour", "url", "title", "created_at")
        .order_by("created_at")
    )
    threads: dict[str, ThreadStats] = {}
    for actor, verb, behaviour, url, title, at in rows:
        key = thread_key(url)
        stats = threads.get(key)
        if stats is None:
            stats = threads[key] = ThreadStats(
                key=key, title=title, url=key, starter=None, started_at=None
            )
        if at >= period.until and (verb != "replied" or stats.first_response_at):
            continue  # after the period only the first response still counts
        stats.behaviours.update(behaviour.split())
        if verb == "thread_started":
            stats.starter, stats.started_at = actor, at
        elif verb == "replied" and actor != stats.starter and stats.first_response_at is None:
            stats.first_response_at = at
        elif verb == "answer_accepted":
            stats.accepted = True
        if at < period.until and actor:
            stats.people.add(actor)
    return list(threads.values())


def _newcomers(
    community: Community, period: Period, threads: list[ThreadStats]
) -> tuple[list[dict], float | None]:
    """People whose first contribution ever fell in the period, and how soon someone answered."""
    own = Activity.objects.filter(community=community, verb__in=OWN_VERBS, actor__isnull=False)
    # "Nothing before the period" is an index lookup per person (actor, created_at), so this
    # stays fast however long the community's history is.
    earlier = own.filter(actor_id=OuterRef("actor_id"), created_at__lt=period.since)
    firsts = (
        own.filter(created_at__gte=period.since, created_at__lt=period.until)
        .filter(~Exists(earlier))
        .values("actor_id")
        .annotate(first=Min("created_at"))
        .values_list("actor_id", "actor__display_name", "actor__username", "first")
    )
    first_threads: dict[int, ThreadStats] = {}
    for stats in threads:
        if stats.starter is not None and stats.started_at is not None:
            first_threads.setdefault(stats.starter, stats)
    newcomers, hours = [], []
    for actor_id, display, username, first in firsts:
        thread = first_threads.get(actor_id)
        own_first = thread is not None and thread.started_at <= first + timedelta(seconds=1)
        waited = None
        if own_first and thread.first_response_at:
            waited = (thread.first_response_at - thread.started_at).total_seconds() / 3600
            hours.append(waited)
        newcomers.append(
            {
                "name": display or username,
                "username": username,
                "first": first,
                "thread": thread if own_first else None,
                "hours_to_response": waited,
                "unanswered": own_first and thread.first_response_at is None,
            }
        )
    newcomers.sort(key=lambda n: n["first"])
    return newcomers, (round(median(hours), 1) if hours else None)


def _assets(community: Community, period: Period) -> tuple[list[dict], int, int]:
    reuse = Activity.objects.filter(
        community=community,
        verb__in=["asset_used", "asset_adapted"],
        created_at__gte=period.since,
        created_at__lt=period.until,
    )
    top = list(
        reuse.values("target_id")
        .annotate(
            uses=Count("pk", filter=Q(verb="asset_used")),
            adaptations=Count("pk", filter=Q(verb="asset_adapted")),
            people=Count("actor", distinct=True),
            title=Min("title"),
            url=Min("url"),
        )
        .order_by("-people", "-uses", "target_id")[:5]
    )
    totals = reuse.aggregate(
        uses=Count("pk", filter=Q(verb="asset_used")),
        adaptations=Count("pk", filter=Q(verb="asset_adapted")),
    )
    return top, totals["uses"], totals["adaptations"]


def _rhythm(community: Community, period: Period) -> dict:
    found = Activity.objects.filter(
        community=community,
        verb__in=["rsvp", "attended"],
        created_at__gte=period.since,
        created_at__lt=period.until,
    ).aggregate(
        rsvps=Count("pk", filter=Q(verb="rsvp")),
        attended=Count("pk", filter=Q(verb="attended")),
        held=Count("target_id", filter=Q(verb="attended"), distinct=True),
        months=Count(TruncMonth("created_at"), filter=Q(verb="attended"), distinct=True),
    )
    held = found["held"]
    found["per_meeting"] = round(found["attended"] / held, 1) if held else None
    return found


def _stories(community: Community, period: Period):
    in_period = ValueStory.objects.filter(
        community=community, created_at__gte=period.since, created_at__lt=period.until
    )
    by_kind = dict(in_period.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    kinds = [
        (value, str(label).split(" —")[0], by_kind.get(value, 0))
        for value, label in ValueStory.Kind.choices
    ]
    return list(in_period.select_related("author")[:20]), kinds


def compute(community: Community, period: Period, *, now: datetime | None = None) -> Figures:
    now = now or timezone.now()
    in_period = Activity.objects.filter(
        community=community, created_at__gte=period.since, created_at__lt=period.until
    )
    weeks = weekly(community, period)
    monthly = [
        (_day(row["month"]), row["people"])
        for row in in_period.filter(verb__in=CONTRIBUTION_VERBS)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(people=Count("actor", distinct=True))
        .order_by("month")
    ]
    totals = in_period.aggregate(
        people=Count("actor", distinct=True, filter=Q(verb__in=CONTRIBUTION_VERBS)),
        contributions=Count("pk", filter=Q(verb__in=CONTRIBUTION_VERBS)),
        public=Count("pk", filter=Q(verb__in=CONTRIBUTION_VERBS, is_public=True)),
        private=Count("pk", filter=Q(verb__in=CONTRIBUTION_VERBS, is_public=False)),
        flags=Count("pk", filter=Q(verb="flag_resolved")),
        stories=Count("pk", filter=Q(verb="value_story")),
        started=Count("pk", filter=Q(verb="thread_started")),
        accepted=Count("pk", filter=Q(verb="answer_accepted")),
    )
    pyramid, pyramid_members, staff = pyramid_rows(community)
    inward, outward = _moves(community, period)
    threads = _threads(community, period, now)
    newcomers, median_hours = _newcomers(community, period, threads)
    evident = set()
    for stats in threads:
        if len(stats.people) >= 2:
            evident.update(stats.behaviours)
    top_assets, reuse_count, adaptations = _assets(community, period)
    stories, kinds = _stories(community, period)
    sponsorship = Membership.objects.filter(community=community, role=Role.SPONSOR).aggregate(
        n=Count("pk"), seen=Max("dashboard_seen_at")
    )
    gardener_last = (
        Activity.objects.filter(
            community=community,
            actor__memberships__community=community,
            actor__memberships__role=Role.GARDENER,
        )
        .exclude(verb__in=["joined", "role_changed", "level_changed"])
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    reviewed = (
        Activity.objects.filter(
            community=community, verb__in=["community_updated", "community_created"]
        )
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    unanswered = [
        t
        for t in threads
        if t.started_at
        and t.started_at < period.until
        and t.first_response_at is None
        and not t.accepted
    ]
    return Figures(
        period=period,
        weeks=weeks,
        monthly_active=monthly,
        active_members=totals["people"],
        contributions=totals["contributions"],
        pyramid=pyramid,
        pyramid_members=pyramid_members,
        staff_count=staff,
        moved_inward=inward,
        moved_outward=outward,
        newcomers=newcomers,
        median_first_response_hours=median_hours,
        unanswered=sorted(unanswered, key=lambda t: t.started_at)[:10],
        threads=threads,
        behaviours_evident=evident & set(CODES),
        extra_behaviours_evident=evident - set(CODES),
        top_assets=top_assets,
        reuse_count=reuse_count,
        adaptations=adaptations,
        rhythm=_rhythm(community, period),
        stories=stories,
        story_kinds=kinds,
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
    )
