"""What goes into digests: what is new in a community, read once, then cut for each member.

``community_news`` costs a fixed number of queries whatever the number of members, threads
or assets; ``digest_for`` then cuts one member's digest from it without a query. A run over a
community therefore costs the same handful of reads for ten members or a thousand, and
``member_digest`` (both steps for one person) a constant number per digest.
"""

import html
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cached_property

from django.db.models import Exists, Max, OuterRef, Prefetch, Q, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags

from assets.models import Asset, Reuse
from assets.permissions import assets as asset_policy
from communities.models import Activity, Community, Membership
from communities.models.choices import Role
from communities.standing import EveryMember
from core.links import absolute_url
from core.period import Period
from core.vocabulary import ANSWERABLE, Target
from digests.models import DEFAULT_FREQUENCY, DigestPreference, Kind, SentDigest
from digests.periods import last_full_week
from discussions.models import Behaviour, Post, Thread
from discussions.permissions import posts as post_policy
from discussions.permissions import threads as thread_policy
from insights.dashboard.figures import Figures, compute
from rhythm import occurrences
from rhythm.models import MeetingSeries

# A digest is a summary, not an archive: each section shows a few, then "and N more".
SECTION_LIMIT = 5
NEW_THREADS_SHOWN = 10
THREAD_LIMIT = 200  # newest threads read per community and period
MEETING_HORIZON = timedelta(days=14)
EXCERPT_LENGTH = 200
REUSE_KINDS = (Reuse.Kind.USED, Reuse.Kind.ADAPTED)
NEVER = datetime.min.replace(tzinfo=UTC)


@dataclass
class ThreadItem:
    thread: Thread
    behaviours: list[Behaviour]
    excerpt: str
    url: str

    @property
    def is_question(self) -> bool:
        return self.thread.accepted_answer_id is None and any(
            b.code in ANSWERABLE for b in self.behaviours
        )

    # One thread reads the same in every member's digest: rendered once per run, not once
    # per member (most of a digest's cost was these lines).
    @cached_property
    def html(self) -> str:
        return render_to_string("digests/email/_thread.html", {"item": self})

    @cached_property
    def text(self) -> str:
        return render_to_string("digests/email/_thread.txt", {"item": self})


@dataclass
class Section:
    """Up to SECTION_LIMIT items and how many more there were."""

    items: list
    more: int = 0

    @classmethod
    def of(cls, items: list) -> "Section":
        return cls(items=items[:SECTION_LIMIT], more=max(0, len(items) - SECTION_LIMIT))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items) + self.more


@dataclass
class CommunityNews:
    community: Community
    since: datetime
    now: datetime
    threads: list[ThreadItem]
    assets: dict[int, Asset]
    reuses: list[tuple[int, int, datetime]]  # (asset id, user id, when)
    meetings: list[occurrences.Occurrence]
    newcomers: list[Membership]
    active_user_ids: set[int]
    last_sent: dict[int, datetime]


@dataclass
class Digest:
    community: Community
    membership: Membership
    since: datetime
    groups: list[tuple[str, list[ThreadItem]]]  # the newest new threads, by behaviour
    more_threads: int
    questions: Section
    new_assets: Section
    reused_assets: list[tuple[Asset, int]]
    meetings: list[occurrences.Occurrence]
    new_meetings: int
    newcomers: Section
    count: int = field(init=False)

    def __post_init__(self) -> None:
        self.count = (
            sum(len(items) for _name, items in self.groups)
            + self.more_threads
            + len(self.questions)
            + len(self.new_assets)
            + len(self.reused_assets)
            + self.new_meetings
            + len(self.newcomers)
        )

    @property
    def user(self):
        return self.membership.user


def _excerpts(community: Community, thread_ids: list[int]) -> dict[int, str]:
    """Plain words from each opening post; a hidden one gives nothing."""
    found = {}
    opening = Post.objects.filter(thread_id__in=thread_ids, number=1)
    for thread_id, body_html in post_policy.visible(EveryMember(community), opening).values_list(
        "thread_id", "body_html"
    ):
        text = " ".join(html.unescape(strip_tags(body_html)).split())
        found[thread_id] = text if len(text) <= EXCERPT_LENGTH else text[:EXCERPT_LENGTH] + "…"
    return found


def _threads(community: Community, since: datetime) -> list[ThreadItem]:
    """New threads every member may read (the policy, asked for any plain member at once)."""
    new = Thread.objects.filter(community=community, created_at__gte=since)
    threads = list(
        thread_policy.visible(EveryMember(community), new)
        .select_related("author")
        .prefetch_related(Prefetch("behaviours", to_attr="behaviour_list"))
        .order_by("-created_at", "-pk")[:THREAD_LIMIT]
    )
    excerpts = _excerpts(community, [t.pk for t in threads])
    items = []
    for thread in reversed(threads):
        thread.community = community  # for its address, without a query per thread
        items.append(
            ThreadItem(
                thread,
                thread.behaviour_list,
                excerpts.get(thread.pk, ""),
                absolute_url(thread.get_absolute_url()),
            )
        )
    return items


def _assets(community: Community, since: datetime):
    reuses = list(
        Reuse.objects.filter(
            asset__community=community, kind__in=REUSE_KINDS, created_at__gte=since
        ).values_list("asset_id", "user_id", "created_at")
    )
    reused_ids = {asset_id for asset_id, _user, _at in reuses}
    assets = {}
    news = Asset.objects.filter(community=community).filter(
        Q(pk__in=reused_ids) | Q(created_at__gte=since)
    )
    for asset in asset_policy.visible(EveryMember(community), news):
        asset.community = community
        asset.digest_url = absolute_url(asset.get_absolute_url())
        assets[asset.pk] = asset
    return assets, reuses


def _meetings(community: Community, now: datetime) -> list[occurrences.Occurrence]:
    series = MeetingSeries.objects.filter(community=community).select_related("community")
    found = [
        o
        for o in occurrences.upcoming(series, viewer=None, limit=10, now=now)
        if not o.is_cancelled and o.start < now + MEETING_HORIZON
    ]
    for o in found:
        o.digest_url = absolute_url(
            reverse(
                "rhythm:occurrence",
                kwargs={"slug": community.slug, "meeting_id": o.series.pk, "stamp": o.stamp},
            )
        )
    return found


def _newcomers(community: Community, since: datetime) -> list[Membership]:
    welcomed = Activity.objects.filter(
        community=community,
        verb=Activity.Verb.WELCOMED,
        target_type=Target.USER,
        target_id=OuterRef("user_id"),
    )
    return list(
        Membership.objects.filter(community=community, role=Role.MEMBER, joined_at__gte=since)
        .filter(~Exists(welcomed))
        .select_related("user")
        .order_by("joined_at")
    )


def community_news(
    community: Community, *, since: datetime, now: datetime, user_ids: list[int] | None = None
) -> CommunityNews:
    """Everything a digest of this community could hold since ``since``; a fixed number of
    queries. ``user_ids`` narrows the per-person reads (activity, last digest) to those."""
    assets, reuses = _assets(community, since)
    own_rows = Activity.objects.filter(community=community, created_at__gte=since)
    sent = SentDigest.objects.filter(community=community, kind__in=[Kind.DAILY, Kind.WEEKLY])
    if user_ids is not None:
        own_rows = own_rows.filter(actor_id__in=user_ids)
        sent = sent.filter(user_id__in=user_ids)
    return CommunityNews(
        community=community,
        since=since,
        now=now,
        threads=_threads(community, since),
        assets=assets,
        reuses=reuses,
        meetings=_meetings(community, now),
        newcomers=_newcomers(community, since),
        active_user_ids=set(own_rows.values_list("actor_id", flat=True).distinct()),
        last_sent=dict(
            sent.values("user_id").annotate(last=Max("sent_at")).values_list("user_id", "last")
        ),
    )


def _by_behaviour(items: list[ThreadItem]) -> list[tuple[str, list[ThreadItem]]]:
    """Each thread under its first behaviour, in the behaviours' own order."""
    groups: dict[str, tuple[tuple, list[ThreadItem]]] = {}
    for item in items:
        first = item.behaviours[0] if item.behaviours else None
        name = first.name if first else ""
        order = (first.position, first.name) if first else (10_000, "")
        groups.setdefault(name, (order, []))[1].append(item)
    ordered = sorted(groups.items(), key=lambda pair: pair[1][0])
    return [(name, found) for name, (_order, found) in ordered]


def digest_for(news: CommunityNews, membership: Membership) -> Digest | None:
    """One member's digest, cut from the community's news without a query.

    None when the member took part in the community during the period (they have been
    there) or when nothing arrived since their last visit or last digest.
    """
    user_id = membership.user_id
    if user_id in news.active_user_ids:
        return None
    since = max(news.since, membership.last_visited_at or NEVER, news.last_sent.get(user_id, NEVER))
    fresh = [
        item
        for item in news.threads
        if item.thread.created_at >= since and item.thread.author_id != user_id
    ]
    questions = [item for item in fresh if item.is_question]
    others = [item for item in fresh if not item.is_question]
    new_assets = [
        a for a in news.assets.values() if a.created_at >= since and a.author_id != user_id
    ]
    new_assets.sort(key=lambda a: a.created_at)
    reuse_counts: dict[int, int] = {}
    for asset_id, reuser_id, at in news.reuses:
        if at >= since and reuser_id != user_id and asset_id in news.assets:
            reuse_counts[asset_id] = reuse_counts.get(asset_id, 0) + 1
    most_reused = sorted(reuse_counts.items(), key=lambda pair: (-pair[1], pair[0]))[:3]
    newcomers = []
    if membership.role == Role.GARDENER:
        newcomers = [m for m in news.newcomers if m.joined_at >= since and m.user_id != user_id]
    digest = Digest(
        community=news.community,
        membership=membership,
        since=since,
        groups=_by_behaviour(others[-NEW_THREADS_SHOWN:]),
        more_threads=max(0, len(others) - NEW_THREADS_SHOWN),
        questions=Section.of(questions),
        new_assets=Section.of(new_assets),
        reused_assets=[(news.assets[asset_id], n) for asset_id, n in most_reused],
        meetings=news.meetings,
        # Upcoming meetings travel with other news; only a newly scheduled one is news itself.
        new_meetings=sum(1 for o in news.meetings if o.series.created_at >= since),
        newcomers=Section.of(newcomers),
    )
    return digest if digest.count else None


def frequency_of(membership: Membership) -> str:
    """The member's choice for this community, read by ``recipients`` as an annotation."""
    return getattr(membership, "digest_frequency", None) or DEFAULT_FREQUENCY


def recipients(community: Community, *, frequencies: list[str], roles: list[str] | None = None):
    """Memberships of active people with an address whose choice is one of ``frequencies``."""
    chosen = DigestPreference.objects.filter(
        user_id=OuterRef("user_id"), community_id=OuterRef("community_id")
    ).values("frequency")[:1]
    qs = (
        Membership.objects.filter(community=community, user__is_active=True)
        .exclude(user__email="")
        .annotate(digest_frequency=Subquery(chosen))
        .select_related("user")
        .order_by("pk")
    )
    if roles is not None:
        qs = qs.filter(role__in=roles)
    return [m for m in qs if frequency_of(m) in frequencies]


def member_digest(membership: Membership, *, period_start: datetime, now: datetime):
    """One member's digest (or None): a fixed number of queries whatever the community's size."""
    news = community_news(
        membership.community, since=period_start, now=now, user_ids=[membership.user_id]
    )
    return digest_for(news, membership)


# --- sponsors ---------------------------------------------------------------------------


@dataclass
class SponsorDigest:
    community: Community
    start: object  # date
    end: object  # date
    figures: Figures

    @property
    def has_news(self) -> bool:
        f = self.figures
        return bool(f.contributions or f.newcomers or f.rhythm["attended"])

    @property
    def questions_answered(self) -> int:
        return self.figures.accepted_answers

    @property
    def asset_reuse(self) -> int:
        return self.figures.reuse_count + self.figures.adaptations


def sponsor_digest(community: Community, *, now: datetime) -> SponsorDigest:
    """Last week's figures, computed by the dashboard's own code so the two always agree."""
    start, end = last_full_week(now)
    return SponsorDigest(
        community=community,
        start=start,
        end=end,
        figures=compute(community, Period(start=start, end=end), now=now),
    )
