"""What each figure counts, written once.

A figure on the dashboard, the community home, the members page, the knowledge map or the
sponsor digest is the size of one of these queries, and the list it links to shows the
rows of the very same query (what the viewer may open, and how many more were counted).
So a figure and its list cannot disagree: change a rule here and both follow.

Roll-up rows name their thread through ``thread_ids`` only: the one place that knows how
a per-thread row says which thread it is.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from communities.ledger import contributors
from communities.models import (
    Activity,
    Community,
    LedgerDay,
    LedgerFirst,
    LedgerThread,
    Membership,
    MembershipChange,
)
from communities.models.choices import LEVEL_ORDER, Level, Role
from core.period import Period
from core.vocabulary import CONTRIBUTION_VERBS, Verb

# Replies within a week of the period's end still answer its threads (never after now).
ANSWER_GRACE = timedelta(days=7)
REUSE_VERBS = (Verb.ASSET_USED, Verb.ASSET_ADAPTED)
# Active or core when a period begins: a regular, missed when they go quiet.
REGULAR = (Level.ACTIVE, Level.CORE)
AWAY_DAYS = 90
INWARD, OUTWARD = "inward", "outward"


def thread_ids(rows: QuerySet[LedgerThread]) -> list[int]:
    """The thread each of these roll-up rows is about, one entry per row (the figure
    counts rows), in one query."""
    return list(rows.values_list("thread_id", flat=True))


# Threads -------------------------------------------------------------------------------


def alive_threads(community: Community, period: Period) -> QuerySet[LedgerThread]:
    """Threads with any activity in the period."""
    return LedgerThread.objects.filter(
        community=community, first_at__lt=period.until, last_at__gte=period.since
    )


def conversations(community: Community, period: Period) -> QuerySet[LedgerThread]:
    """Alive threads that had two or more people taking part by the period's end."""
    return (
        alive_threads(community, period)
        .filter(conversation_at__lt=period.until)
        .exclude(behaviour="")
    )


def has_behaviour(code: str) -> Q:
    """Roll-up rows tagged with this behaviour (codes are stored space-separated)."""
    return (
        Q(behaviour=code)
        | Q(behaviour__startswith=f"{code} ")
        | Q(behaviour__endswith=f" {code}")
        | Q(behaviour__contains=f" {code} ")
    )


def evident_threads(community: Community, period: Period, code: str) -> QuerySet[LedgerThread]:
    """The conversations that make this behaviour evident in the period."""
    return conversations(community, period).filter(has_behaviour(code))


def answer_by(period: Period, now: datetime) -> datetime:
    return min(period.until + ANSWER_GRACE, now)


def waiting_threads(community: Community, period: Period, now: datetime) -> QuerySet[LedgerThread]:
    """Threads started in the period that nobody else answered (in time) and none accepted."""
    return (
        LedgerThread.objects.filter(
            community=community, started_at__gte=period.since, started_at__lt=period.until
        )
        .filter(
            Q(first_response_at__isnull=True) | Q(first_response_at__gte=answer_by(period, now))
        )
        .filter(Q(accepted_at__isnull=True) | Q(accepted_at__gte=period.until))
    )


# People --------------------------------------------------------------------------------


def contributions(community: Community, period: Period) -> dict[int, int]:
    """Each person who contributed in the period, with their number of contributions."""
    return contributors.per_person(community, period.start, period.end)


def newcomers(community: Community, period: Period) -> QuerySet[LedgerFirst]:
    """People whose first contribution ever fell in the period."""
    return LedgerFirst.objects.filter(
        community=community, first_at__gte=period.since, first_at__lt=period.until
    )


def at_level(community: Community, level: str, *, members_only: bool) -> QuerySet[Membership]:
    """Memberships at a level; the pyramid counts plain members only (``members_only``),
    gardeners and sponsors apart, while the home page's counts take everyone."""
    found = Membership.objects.filter(community=community, level=level)
    return found.filter(role=Role.MEMBER) if members_only else found


def sponsors(community: Community) -> set[int]:
    """The community's sponsors, as the health table counts them."""
    return set(
        Membership.objects.filter(community=community, role=Role.SPONSOR).values_list(
            "user_id", flat=True
        )
    )


def level_changes(community: Community, period: Period) -> dict[tuple[str, str], set[int]]:
    """The people who went from one level to another in the period, per (from, to), from
    the level history; someone who made the same move twice is counted once."""
    changes: dict[tuple[str, str], set[int]] = {}
    for user_id, old, new in MembershipChange.objects.filter(
        community=community,
        field=MembershipChange.Field.LEVEL,
        created_at__gte=period.since,
        created_at__lt=period.until,
    ).values_list("user_id", "old_value", "new_value"):
        if old in LEVEL_ORDER and new in LEVEL_ORDER and old != new:
            changes.setdefault((old, new), set()).add(user_id)
    return changes


def level_moves(community: Community, period: Period) -> dict[str, set[int]]:
    """The people whose level rose (moved inward) or fell (outward) in the period; someone
    who did both is in both."""
    moved = {INWARD: set(), OUTWARD: set()}
    for (old, new), users in level_changes(community, period).items():
        moved[INWARD if LEVEL_ORDER[new] > LEVEL_ORDER[old] else OUTWARD] |= users
    return moved


def _contributed(community: Community):
    """Each member's contribution days, matched to the membership row asking."""
    return LedgerDay.objects.filter(
        community=community,
        verb__in=CONTRIBUTION_VERBS,
        actor__isnull=False,
        actor_id=OuterRef("user_id"),
    )


def went_quiet(community: Community, period: Period) -> QuerySet[Membership]:
    """Members who were regulars when the period began (the level history says so) and
    made no contribution in it."""
    level_then = (
        MembershipChange.objects.filter(
            community=community,
            user_id=OuterRef("user_id"),
            field=MembershipChange.Field.LEVEL,
            created_at__lt=period.since,
        )
        .order_by("-created_at", "-pk")
        .values("new_value")[:1]
    )
    in_period = _contributed(community).filter(day__gte=period.start, day__lte=period.end)
    return (
        Membership.objects.filter(community=community)
        .annotate(level_then=Subquery(level_then))
        .filter(level_then__in=REGULAR)
        .exclude(Exists(in_period))
    )


def came_back(community: Community, period: Period) -> QuerySet[Membership]:
    """Members who contributed in the period after 90 days or more without, and had
    contributed before that (people with nothing earlier are newcomers, counted apart)."""
    days = _contributed(community)
    away_from = period.start - timedelta(days=AWAY_DAYS)
    return (
        Membership.objects.filter(community=community)
        .filter(
            Exists(days.filter(day__gte=period.start, day__lte=period.end)),
            Exists(days.filter(day__lt=away_from)),
        )
        .exclude(Exists(days.filter(day__gte=away_from, day__lt=period.start)))
    )


# Assets and meetings -------------------------------------------------------------------


def in_period(community: Community, period: Period, verbs) -> QuerySet[Activity]:
    return Activity.objects.filter(
        community=community,
        verb__in=list(verbs),
        created_at__gte=period.since,
        created_at__lt=period.until,
    )


def contributions_made(community: Community, period: Period) -> QuerySet[Activity]:
    """Every contribution in the period, one row each (the daily roll-ups sum these)."""
    return in_period(community, period, CONTRIBUTION_VERBS)


def reuses(community: Community, period: Period) -> QuerySet[Activity]:
    """Reported uses and adaptations of assets in the period."""
    return in_period(community, period, REUSE_VERBS)


def reused_asset_ids(community: Community, period: Period) -> set[int]:
    return set(
        reuses(community, period).exclude(target_id=None).values_list("target_id", flat=True)
    )


def attendances(community: Community, period: Period) -> QuerySet[Activity]:
    """Attendance recorded in the period; a meeting with any is a meeting held."""
    return in_period(community, period, [Verb.ATTENDED])


# The knowledge map ---------------------------------------------------------------------


MAPPED_VERBS = (Verb.THREAD_STARTED, Verb.ASSET_PUBLISHED)


def mapped(community: Community, code: str, verb: str) -> QuerySet[Activity]:
    """A cell of the knowledge map: threads started (or assets published) with this
    behaviour, ever; the map counts these rows, one per thread or asset."""
    return Activity.objects.filter(community=community, verb=verb).filter(has_behaviour(code))


def mapped_lately(community: Community, code: str, period: Period) -> QuerySet[Activity]:
    """The map's "lately" column: threads started and assets published with this
    behaviour in the period, both together."""
    return in_period(community, period, MAPPED_VERBS).filter(has_behaviour(code))


def mapped_ids(community: Community, code: str, verb: str) -> list[int]:
    return list(
        mapped(community, code, verb).exclude(target_id=None).values_list("target_id", flat=True)
    )


# The list behind a figure --------------------------------------------------------------


@dataclass(frozen=True)
class Behind:
    """How a filtered list describes itself: what it is filtered by, how to clear it,
    how many it shows the viewer and how many more were counted that they may not open."""

    text: str
    clear_url: str
    shown: int
    counted: int

    @property
    def more(self) -> int:
        return max(self.counted - self.shown, 0)
