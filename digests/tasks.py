"""Beat sends digests: daily ones every morning, weekly ones and sponsors' on Mondays.

Each run fans out one task per community (ids only); that task reads the community's news
once and sends each member's digest under a claim row, so a duplicated beat, a redelivered
task or two workers at once still send each digest once.
"""

from datetime import datetime

from celery import shared_task
from django.utils import timezone

from communities.models import Community
from communities.models.choices import Role
from digests import selectors, services
from digests.models import Frequency, Kind
from digests.periods import period_start

MEMBER_KINDS = {Kind.DAILY: Frequency.DAILY, Kind.WEEKLY: Frequency.WEEKLY}


def _now(at: str | None) -> datetime:
    return datetime.fromisoformat(at) if at else timezone.now()


def _queue(kind: str) -> int:
    # The run's moment travels with the task, so a late worker still fills the same period.
    at = timezone.now().isoformat()
    ids = list(Community.objects.order_by("pk").values_list("pk", flat=True))
    for community_id in ids:
        send_community_digests.delay_on_commit(community_id, kind, at)
    return len(ids)


@shared_task
def send_daily_digests() -> int:
    """Beat, every day at 06:00 UTC: queue each community's daily digests."""
    return _queue(Kind.DAILY)


@shared_task
def send_weekly_digests() -> int:
    """Beat, Mondays at 06:00 UTC: queue each community's weekly and sponsor digests."""
    queued = _queue(Kind.WEEKLY)
    _queue(Kind.SPONSOR)
    return queued


@shared_task
def send_community_digests(community_id: int, kind: str, at: str | None = None) -> int:
    """Send one community's digests of one kind; return how many went out. Idempotent."""
    community = Community.objects.filter(pk=community_id).first()
    if community is None or kind not in Kind.values:
        return 0
    now = _now(at)
    if kind == Kind.SPONSOR:
        return _send_sponsor_digests(community, now)
    start = period_start(kind, now)
    members = selectors.recipients(community, frequencies=[MEMBER_KINDS[kind]])
    if not members:
        return 0
    news = selectors.community_news(community, since=start, now=now)
    letters = []
    for membership in members:
        membership.community = community
        digest = selectors.digest_for(news, membership)
        if digest is not None:
            letters.append(services.member_letter(digest, kind=kind))
    return services.send_letters(
        community=community, kind=kind, period_start=start, letters=letters
    )


def _send_sponsor_digests(community: Community, now: datetime) -> int:
    sponsors = selectors.recipients(
        community, frequencies=[Frequency.DAILY, Frequency.WEEKLY], roles=[Role.SPONSOR]
    )
    if not sponsors:
        return 0
    report = selectors.sponsor_digest(community, now=now)
    if not report.has_news:
        return 0
    return services.send_letters(
        community=community,
        kind=Kind.SPONSOR,
        period_start=period_start(Kind.SPONSOR, now),
        letters=[services.sponsor_letter(membership.user, report) for membership in sponsors],
    )
